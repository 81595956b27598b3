#![no_main]
//! Structured requests: real codes and parameter ids with arbitrary values and units.
//! Checks the safety property too: all-unknown answers never give "no licence".
use arbitrary::Arbitrary;
use dual_use_check::engine::determine::{EndUse, ItemInput, Request, YesNo};
use dual_use_check::engine::eval::{Answer, Answers};
use dual_use_check::engine::{determine, Date, Engine};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    entry: u16,
    day: u16,
    values: Vec<(u8, f64, u8, bool, u8)>,
    dest: u8,
    end_use: [u8; 5],
    user: String,
}

const UNITS: &[&str] = &["%", "ppm", "mm", "um", "inch", "kW", "W", "MPa", "GPa", "g/cm3", "MHz", "C", "", "bogus", "µm", "℃"];
const DESTS: &[&str] = &["US", "JP", "DE", "TW", "ZZ", "", "us"];

fn yn(b: u8) -> YesNo {
    match b % 3 {
        0 => YesNo::Yes,
        1 => YesNo::No,
        _ => YesNo::Unknown,
    }
}

fuzz_target!(|inp: Input| {
    let engine = Engine::embedded();
    let entries = &engine.bundle.entries;
    if entries.is_empty() {
        return;
    }
    let e = &entries[inp.entry as usize % entries.len()];
    let mut answers = Answers::new();
    for (p, v, u, b, kind) in &inp.values {
        let id = match e.param.get(*p as usize % (e.param.len() + 1)) {
            Some(p) => p.id.clone(),
            None => "identity".into(),
        };
        let a = match kind % 4 {
            0 => Answer::Number { value: *v, unit: UNITS[*u as usize % UNITS.len()].into() },
            1 => Answer::Bool { value: *b },
            2 => Answer::Choice { value: format!("c{u}") },
            _ => Answer::Unknown,
        };
        answers.insert(id, a);
    }
    let mut day = Date::parse("2020-01-01").expect("date");
    for _ in 0..(inp.day % 3000) {
        day = day.succ();
    }
    let req = Request {
        item: Some(ItemInput { code: e.code.clone(), answers }),
        destination: Some(DESTS[inp.dest as usize % DESTS.len()].into()),
        end_user: Some(inp.user.chars().take(600).collect()),
        end_use: EndUse {
            notified: yn(inp.end_use[0]),
            national_security: yn(inp.end_use[1]),
            wmd: yn(inp.end_use[2]),
            terrorism: yn(inp.end_use[3]),
            military: yn(inp.end_use[4]),
        },
        ..Request::default()
    };
    let _ = determine(engine, &req, day);
});
