//! Compiles the regulatory data in `data/` into a validated, canonical JSON bundle
//! embedded in the binary. A data file that fails validation fails the build.

#[allow(dead_code)]
#[path = "src/engine/date.rs"]
mod date;
#[allow(dead_code)]
#[path = "src/engine/expr.rs"]
mod expr;
#[allow(dead_code)]
#[path = "src/engine/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/engine/stamp.rs"]
mod stamp;
#[allow(dead_code)]
#[path = "src/engine/units.rs"]
mod units;
#[allow(dead_code)]
#[path = "src/engine/validate.rs"]
mod validate;

/// The shared files refer to each other as `crate::engine::…`.
mod engine {
    pub(crate) use super::{date, expr, model, stamp, units, validate};
}

use engine::model::{Bundle, DataFile};
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut items: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    items.sort();
    for p in items {
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/engine/model.rs");
    println!("cargo:rerun-if-changed=src/engine/validate.rs");
    println!("cargo:rerun-if-changed=src/engine/expr.rs");
    println!("cargo:rerun-if-changed=src/engine/units.rs");
    println!("cargo:rerun-if-changed=src/engine/stamp.rs");
    let mut files = Vec::new();
    toml_files(Path::new("data"), &mut files);
    let mut bundle = Bundle::default();
    let mut errors = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read data file");
        match toml::from_str::<DataFile>(&text) {
            Ok(df) => bundle.absorb(df),
            Err(e) => errors.push(format!("{}: {e}", f.display())),
        }
    }
    bundle.canonicalize();
    errors.extend(engine::validate::validate(&bundle));
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo:warning=data: {e}");
        }
        panic!("{} data error(s):\n{}", errors.len(), errors.join("\n"));
    }
    engine::stamp::stamp(&mut bundle);
    bundle.compact();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundle.json");
    std::fs::write(&out, serde_json::to_vec(&bundle).expect("serialise bundle"))
        .expect("write bundle");
}
