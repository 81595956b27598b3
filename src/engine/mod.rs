//! The pure classification engine: data model, evaluation, search, determination.
//! No web dependency; tested natively with `cargo test`.

pub mod data;
pub mod date;
pub mod determine;
pub mod error;
pub mod eval;
pub mod expr;
pub mod model;
pub mod questions;
pub mod screen;
pub mod search;
pub mod stamp;
pub mod status;
pub mod tech;
pub mod units;
pub mod validate;

pub use data::Engine;
pub use date::Date;
pub use determine::{determine, Determination, Outcome, Request};
pub use error::{EngineError, ErrorCode};
pub use search::Hit;

impl Engine {
    /// Search entries by name (zh/en), keyword, code or HS code.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_index()
            .search(&self.bundle, query, limit.min(200))
    }

    /// Browse entries by category digit (`0`–`9`) and, optionally, type letter (`A`–`E`),
    /// in code order.
    pub fn browse(&self, category: &str, item_type: Option<&str>) -> Vec<Hit> {
        let prefix = format!("{}{}", category.trim(), item_type.unwrap_or("").trim());
        if prefix.is_empty() || prefix.len() > 2 {
            return vec![];
        }
        self.bundle
            .entries
            .iter()
            .filter(|e| e.code.starts_with(&prefix))
            .map(|e| Hit {
                code: e.code.clone(),
                name: e.name.clone(),
                coverage: e.coverage,
                route: e.route,
                matched_on: search::MatchedOn::Code,
                hs: None,
                score: 0,
            })
            .collect()
    }
}

/// Parse a classify request from JSON, with a typed error on malformed input.
pub fn request_from_json(json: &str) -> Result<Request, EngineError> {
    if json.len() > 1_000_000 {
        return Err(EngineError::too_large("request", 1_000_000));
    }
    serde_json::from_str(json).map_err(|e| EngineError::malformed(&e.to_string()))
}
