//! Golden cases: every `tests/golden/*.toml` file holds `[[case]]`s, each a classify
//! request (JSON) with the expected outcome and, optionally, trace rules that must
//! appear and the entry status. Each case's expectation was worked out by hand from
//! the cited source, not from the engine's output.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::{self, Date, Engine};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    request: String,
    outcome: String,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    absent_rules: Vec<String>,
    #[serde(default)]
    entry_status: Option<String>,
    #[serde(default)]
    item_result: Option<String>,
}

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

fn load() -> Vec<(String, Case)> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("tests/golden")
        .expect("tests/golden")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("read");
        let f: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        for c in f.case {
            out.push((p.display().to_string(), c));
        }
    }
    out
}

fn snake(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.get("state").and_then(|s| s.as_str()).map(str::to_string))
        })
        .unwrap_or_default()
}

#[test]
fn golden_cases() {
    let engine = Engine::embedded();
    let today = Date::parse("2026-11-24").expect("date");
    let cases = load();
    let mut failures = Vec::new();
    for (file, c) in &cases {
        let req = match engine::request_from_json(&c.request) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{file}: {}: request does not parse: {e}", c.name));
                continue;
            }
        };
        let d = match engine::determine(engine, &req, today) {
            Ok(d) => d,
            Err(e) => {
                if c.outcome != format!("error:{}", snake(&e.code)) {
                    failures.push(format!("{file}: {}: error {e}", c.name));
                }
                continue;
            }
        };
        let got = snake(&d.outcome);
        if got != c.outcome {
            failures.push(format!(
                "{file}: {}: outcome {got}, expected {}",
                c.name, c.outcome
            ));
        }
        let rules: Vec<&str> = d.trace.iter().map(|s| s.rule.as_str()).collect();
        for r in &c.rules {
            if !rules.contains(&r.as_str()) {
                failures.push(format!(
                    "{file}: {}: trace lacks rule {r} (has {rules:?})",
                    c.name
                ));
            }
        }
        for r in &c.absent_rules {
            if rules.contains(&r.as_str()) {
                failures.push(format!("{file}: {}: trace must not have rule {r}", c.name));
            }
        }
        if let Some(s) = &c.entry_status {
            let got = d
                .entry
                .as_ref()
                .map(|e| snake(&e.status))
                .unwrap_or_default();
            if &got != s {
                failures.push(format!(
                    "{file}: {}: entry status {got}, expected {s}",
                    c.name
                ));
            }
        }
        if let Some(s) = &c.item_result {
            let got = d
                .item
                .as_ref()
                .map(|e| snake(&e.result))
                .unwrap_or_default();
            if &got != s {
                failures.push(format!(
                    "{file}: {}: item result {got}, expected {s}",
                    c.name
                ));
            }
        }
    }
    println!("golden cases run: {}", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} golden cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
