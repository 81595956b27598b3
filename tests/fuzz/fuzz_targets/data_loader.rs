#![no_main]
//! Arbitrary bytes as a run-time data file: a typed error or a valid engine, never a panic.
use dual_use_check::engine::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(e) = Engine::from_json(s) {
        let _ = e.search("a", 5);
    }
});
