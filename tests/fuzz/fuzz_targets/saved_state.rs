#![no_main]
//! Arbitrary bytes as saved state and as a loaded report; a restored state must also
//! produce a request the engine accepts or rejects with a typed error.
use dual_use_check::engine::{determine, Date, Engine};
use dual_use_check::state::State;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for st in [State::from_saved(s), State::from_report(s)].into_iter().flatten() {
        let _ = determine(Engine::embedded(), &st.request(), Date::parse("2026-11-24").expect("date"));
    }
});
