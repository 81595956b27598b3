#![no_main]
//! Arbitrary bytes as a classify request: a typed error or a determination, never a panic.
use dual_use_check::engine::{determine, request_from_json, Date, Engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(req) = request_from_json(s) {
        let today = Date::parse("2026-11-24").expect("date");
        let _ = determine(Engine::embedded(), &req, today);
    }
});
