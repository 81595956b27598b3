//! Dual-Use Check (两用物项识别助手).
//!
//! `engine` is the pure core (no web dependency). `web` (wasm32 only) holds the Yew UI
//! and the wasm-bindgen JS API, thin layers over the engine.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub mod i18n;
pub mod state;
