#![no_main]
//! Arbitrary names through the screening normaliser and matcher.
use dual_use_check::engine::screen::{normalize, screen};
use dual_use_check::engine::{Date, Engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = normalize(&s);
    let _ = screen(Engine::embedded(), &s, Date::parse("2026-11-24").expect("date"));
    let _ = Engine::embedded().search(&s, 10);
});
