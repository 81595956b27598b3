//! Screening quality on a labelled name set (`tests/screening/*.toml`): each variant
//! names the party it must hit, or `expect = ""` for a near-miss that must not hit.
//! Reports precision and recall of firm (exact or strong) hits, and checks the
//! normaliser on hostile input.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::screen::{normalize, screen, HitLevel};
use dual_use_check::engine::{Date, Engine};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Variant {
    query: String,
    expect: String,
    #[serde(default)]
    kind: String,
}

#[derive(Deserialize)]
struct File {
    name: Vec<Variant>,
}

fn variants() -> Vec<Variant> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("tests/screening")
        .expect("tests/screening")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for p in paths {
        let f: File = toml::from_str(&std::fs::read_to_string(&p).expect("read"))
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.extend(f.name);
    }
    out
}

#[test]
fn labelled_name_set_precision_and_recall() {
    let engine = Engine::embedded();
    if engine.bundle.parties.is_empty() {
        panic!("no parties in the data");
    }
    let day = Date::parse("2026-11-24").expect("date");
    let set = variants();
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for v in &set {
        assert!(
            v.expect.is_empty() || engine.bundle.parties.iter().any(|p| p.id == v.expect),
            "unknown party id {}",
            v.expect
        );
        let r = screen(engine, &v.query, day);
        let firm: Vec<&str> = r
            .hits
            .iter()
            .filter(|h| h.level >= HitLevel::Strong)
            .map(|h| h.party_id.as_str())
            .collect();
        if v.expect.is_empty() {
            if firm.is_empty() {
                tn += 1;
            } else {
                fp += firm.len();
                misses.push(format!("false hit: {:?} → {firm:?} ({})", v.query, v.kind));
            }
        } else {
            if firm.contains(&v.expect.as_str()) {
                tp += 1;
            } else {
                fn_ += 1;
                misses.push(format!(
                    "missed: {:?} should hit {} ({})",
                    v.query, v.expect, v.kind
                ));
            }
            // The same organisation may be on several lists (e.g. the control list and the
            // Unreliable Entity List): a hit on a party with the same name is not false.
            let same = |id: &str| {
                let key = |pid: &str| {
                    engine
                        .bundle
                        .parties
                        .iter()
                        .find(|p| p.id == pid)
                        .map(|p| (normalize(&p.name.en).key(), normalize(&p.name.zh).key()))
                };
                match (key(id), key(&v.expect)) {
                    (Some(a), Some(b)) => a.0 == b.0 || a.1 == b.1,
                    _ => false,
                }
            };
            for id in firm.iter().filter(|id| **id != v.expect && !same(id)) {
                fp += 1;
                misses.push(format!("extra hit: {:?} ({}) → {id}", v.query, v.expect));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let report = serde_json::json!({
        "variants": set.len(), "true_positive": tp, "false_positive": fp, "false_negative": fn_, "true_negative": tn,
        "precision": precision, "recall": recall, "misses": misses,
    });
    let _ = std::fs::create_dir_all("bench-report");
    let _ = std::fs::write(
        "bench-report/screening-quality.json",
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    );
    println!(
        "screening: {} variants, precision {precision:.3}, recall {recall:.3}\n{}",
        set.len(),
        misses.join("\n")
    );
    assert!(
        set.len() >= 200,
        "the labelled set has at least 200 variants"
    );
    assert!(
        recall >= 0.9,
        "recall {recall:.3}; misses:\n{}",
        misses.join("\n")
    );
    assert!(
        precision >= 0.9,
        "precision {precision:.3}; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn normaliser_handles_hostile_input() {
    for s in [
        "",
        "\u{0}\u{1}\u{7f}",
        "\u{200b}\u{200f}\u{202e}Lockheed\u{200d} Martin",
        "<script>alert(1)</script>",
        "__proto__",
        "🚀🚀🚀",
        &"A".repeat(1_000_000),
        &"镓".repeat(100_000),
    ] {
        let n = normalize(s);
        assert!(n.key().chars().count() <= 1000);
        let _ = screen(Engine::embedded(), s, Date::parse("2026-11-24").expect("d"));
    }
    assert_eq!(
        normalize("\u{200b}Lockheed\u{200d} Martin Corp.").key(),
        normalize("lockheed martin").key()
    );
    assert_eq!(
        normalize("ＬＯＣＫＨＥＥＤ　ＭＡＲＴＩＮ").key(),
        "lockheed martin"
    );
    assert_eq!(normalize("洛克希德·马丁公司").cjk, "洛克希德马丁");
    assert_eq!(normalize("國際電子有限公司").cjk, "国际电子");
}
