//! The engine: a validated bundle plus the indexes built from it.

use crate::engine::error::EngineError;
use crate::engine::expr::{self, Expr};
use crate::engine::model::*;
use crate::engine::search::SearchIndex;
use crate::engine::{stamp, validate};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.json"));

/// Largest data file accepted at run time.
pub const MAX_BUNDLE_BYTES: usize = 16 * 1024 * 1024;

static EMBEDDED_ENGINE: OnceLock<Engine> = OnceLock::new();
/// The embedded data, parsed ahead of indexing by [`Engine::preload`].
static PARSED: Mutex<Option<Bundle>> = Mutex::new(None);

/// The embedded bundle. It was validated by build.rs, so a failure here is a build
/// defect: fall back to an empty bundle rather than abort.
fn parse_embedded() -> Bundle {
    let mut bundle: Bundle = serde_json::from_str(EMBEDDED).unwrap_or_default();
    bundle.expand();
    bundle
}

pub struct Engine {
    pub bundle: Bundle,
    rules: Vec<Expr>,
    by_code: HashMap<String, usize>,
    /// Built on first use (or by [`Engine::warm`]), so that loading the engine and
    /// building its indexes can run as separate short tasks in the browser.
    search: OnceLock<SearchIndex>,
    /// Normalised names of every party (zh, en, then aliases), built once for screening.
    party_names: OnceLock<Vec<Vec<crate::engine::screen::Normalized>>>,
    /// The newest source date among the party listings.
    pub(crate) party_data_date: String,
}

impl Engine {
    /// The engine over the data compiled into this binary.
    pub fn embedded() -> &'static Engine {
        EMBEDDED_ENGINE.get_or_init(|| {
            let bundle = PARSED
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_else(parse_embedded);
            Engine::index(bundle).unwrap_or_else(|_| {
                Engine::index(Bundle::default()).unwrap_or_else(|_| unreachable_empty())
            })
        })
    }

    /// Prepare the embedded engine one step at a time, so that each step is a short
    /// task in the browser: step 0 parses the data, step 1 indexes it, then the steps of
    /// [`Engine::warm`]. Returns whether there is a further step. Steps already done (by
    /// [`Engine::embedded`] or an earlier call) are skipped quickly.
    pub fn preload(step: usize) -> bool {
        match step {
            0 => {
                if EMBEDDED_ENGINE.get().is_none() {
                    if let Ok(mut p) = PARSED.lock() {
                        if p.is_none() {
                            *p = Some(parse_embedded());
                        }
                    }
                }
                true
            }
            1 => {
                let _ = Engine::embedded();
                true
            }
            n => Engine::embedded().warm(n - 2),
        }
    }

    /// Load a newer bundle (JSON, as produced by the build) at run time.
    pub fn from_json(json: &str) -> Result<Engine, EngineError> {
        if json.len() > MAX_BUNDLE_BYTES {
            return Err(EngineError::too_large("data file", MAX_BUNDLE_BYTES));
        }
        let bundle: Bundle = serde_json::from_str(json)
            .map_err(|e| EngineError::bad_data(&[format!("JSON: {e}")]))?;
        Engine::from_bundle(bundle)
    }

    /// Validate, stamp and index a bundle.
    pub fn from_bundle(mut bundle: Bundle) -> Result<Engine, EngineError> {
        bundle.expand();
        stamp::stamp(&mut bundle);
        let errors = validate::validate(&bundle);
        if !errors.is_empty() {
            return Err(EngineError::bad_data(&errors));
        }
        Engine::index(bundle)
    }

    fn index(bundle: Bundle) -> Result<Engine, EngineError> {
        let rules = bundle
            .entries
            .iter()
            .map(|e| {
                expr::parse(&e.rule)
                    .map_err(|m| EngineError::bad_data(&[format!("{}: {m}", e.code)]))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let by_code = bundle
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.clone(), i))
            .collect();
        let party_data_date = bundle
            .parties
            .iter()
            .filter_map(|p| {
                bundle
                    .sources
                    .iter()
                    .find(|s| s.id == p.source.source)
                    .map(|s| s.date.clone())
            })
            .max()
            .unwrap_or_default();
        Ok(Engine {
            bundle,
            rules,
            by_code,
            search: OnceLock::new(),
            party_names: OnceLock::new(),
            party_data_date,
        })
    }

    /// The search index, built on first use.
    pub(crate) fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(&self.bundle))
    }

    /// The parties' normalised names, built on first use.
    pub(crate) fn party_names(&self) -> &[Vec<crate::engine::screen::Normalized>] {
        self.party_names.get_or_init(|| {
            self.bundle
                .parties
                .iter()
                .map(|p| {
                    std::iter::once(&p.name.zh)
                        .chain(std::iter::once(&p.name.en))
                        .chain(p.aliases.iter())
                        .map(|n| crate::engine::screen::normalize(n))
                        .collect()
                })
                .collect()
        })
    }

    /// Build what is otherwise built on first use: step 0 the search index, step 1 the
    /// screening names. Returns whether there is a further step. The browser runs the
    /// steps as separate tasks after the first paint, so none blocks input for long.
    pub fn warm(&self, step: usize) -> bool {
        match step {
            0 => {
                let _ = self.search_index();
                true
            }
            1 => {
                let _ = self.party_names();
                false
            }
            _ => false,
        }
    }

    pub fn entry(&self, code: &str) -> Option<(&Entry, &Expr)> {
        let i = *self.by_code.get(code.trim())?;
        Some((self.bundle.entries.get(i)?, self.rules.get(i)?))
    }

    pub fn version(&self) -> &DataVersion {
        &self.bundle.version
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.bundle.sources.iter().find(|s| s.id == id)
    }

    pub fn citation(&self, id: &str) -> Option<&Citation> {
        self.bundle.citations.iter().find(|c| c.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&RuleText> {
        self.bundle.rules.iter().find(|r| r.id == id)
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.bundle.documents.iter().find(|r| r.id == id)
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.bundle.countries.iter().find(|c| c.code == code)
    }
}

fn unreachable_empty() -> Engine {
    Engine {
        bundle: Bundle::default(),
        rules: vec![],
        by_code: HashMap::new(),
        search: OnceLock::new(),
        party_names: OnceLock::new(),
        party_data_date: String::new(),
    }
}
