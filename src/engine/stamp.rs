//! The content hash of a bundle. Shared with `build.rs`.

use crate::engine::model::{Bundle, DataVersion};
use sha2::{Digest, Sha256};

/// Canonicalise the bundle and set its version stamp from its content.
pub fn stamp(bundle: &mut Bundle) {
    bundle.canonicalize();
    bundle.version = DataVersion::default();
    let body = serde_json::to_vec(bundle).unwrap_or_default();
    let hash = Sha256::digest(&body);
    bundle.version = DataVersion {
        hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
        newest_source: bundle.newest_source_date(),
        entries: bundle.entries.len(),
    };
}
