//! Search quality on the labelled query set (`tests/search/*.toml`): recall@5 and MRR over
//! queries that should find something, and the share of "none" queries (which should
//! return nothing) that return hits. Prints the figures per kind and writes them to
//! `target/search-quality.json`. The floors below are quality gates, not timings.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    q: String,
    expect: Vec<String>,
    kind: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
struct File {
    query: Vec<Query>,
}

fn load() -> Vec<Query> {
    let mut paths: Vec<_> = std::fs::read_dir("tests/search")
        .expect("tests/search")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            let f: File = toml::from_str(&std::fs::read_to_string(p).expect("read"))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            f.query
        })
        .collect()
}

#[derive(Default, Debug)]
struct Tally {
    n: usize,
    hit5: usize,
    rr: f64,
    none_n: usize,
    none_fp: usize,
}

#[test]
fn search_quality_on_the_labelled_set() {
    let engine = Engine::embedded();
    let queries = load();
    // Labels must name real entries.
    for q in &queries {
        for c in &q.expect {
            assert!(
                engine.entry(c).is_some(),
                "query {:?} expects unknown code {c}",
                q.q
            );
        }
        assert_eq!(
            q.kind == "none",
            q.expect.is_empty(),
            "query {:?}: kind none ⇔ empty expect",
            q.q
        );
    }
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut misses = Vec::new();
    for q in &queries {
        let hits: Vec<String> = engine
            .search(&q.q, 10)
            .into_iter()
            .map(|h| h.code)
            .collect();
        let t = by_kind.entry(q.kind.clone()).or_default();
        if q.expect.is_empty() {
            t.none_n += 1;
            total.none_n += 1;
            if !hits.is_empty() {
                t.none_fp += 1;
                total.none_fp += 1;
                misses.push(format!("none {:?} → {:?}", q.q, &hits[..hits.len().min(3)]));
            }
            continue;
        }
        let rank = hits.iter().position(|h| q.expect.contains(h));
        t.n += 1;
        total.n += 1;
        if let Some(r) = rank {
            t.rr += 1.0 / (r as f64 + 1.0);
            total.rr += 1.0 / (r as f64 + 1.0);
            if r < 5 {
                t.hit5 += 1;
                total.hit5 += 1;
            }
        }
        if rank.is_none_or(|r| r >= 5) {
            misses.push(format!(
                "{} {:?} → {:?} (rank {:?})",
                q.kind,
                q.q,
                &hits[..hits.len().min(3)],
                rank
            ));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut json = serde_json::Map::new();
    println!("search quality on {} queries:", queries.len());
    for (k, t) in by_kind
        .iter()
        .chain(std::iter::once((&"ALL".to_string(), &total)))
    {
        let (r5, mrr, fp) = (
            ratio(t.hit5, t.n),
            if t.n == 0 { 0.0 } else { t.rr / t.n as f64 },
            ratio(t.none_fp, t.none_n),
        );
        println!(
            "  {k:8} n={:3} recall@5={r5:.3} MRR={mrr:.3} none={} none-with-hits={fp:.3}",
            t.n, t.none_n
        );
        json.insert(k.clone(), serde_json::json!({"queries": t.n + t.none_n, "recall_at_5": r5, "mrr": mrr, "none_queries": t.none_n, "none_false_positive_rate": fp}));
    }
    for m in &misses {
        println!("  miss: {m}");
    }
    let _ = std::fs::create_dir_all("target");
    let _ = std::fs::write(
        "target/search-quality.json",
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    );

    // The set's shape.
    let count = |k: &str| queries.iter().filter(|q| q.kind == k).count();
    assert!(queries.len() >= 150, "at least 150 queries");
    for (k, min) in [
        ("zh-name", 35),
        ("en-name", 35),
        ("slang", 25),
        ("code", 25),
        ("hs", 20),
        ("partial", 10),
        ("typo", 8),
        ("none", 15),
        ("zh-variant", 20),
    ] {
        assert!(count(k) >= min, "kind {k}: {} < {min}", count(k));
    }
    // Quality gates.
    let r5 = ratio(total.hit5, total.n);
    let mrr = total.rr / total.n as f64;
    let fp = ratio(total.none_fp, total.none_n);
    assert!(r5 >= 0.90, "recall@5 {r5:.3} < 0.90");
    assert!(mrr >= 0.80, "MRR {mrr:.3} < 0.80");
    assert!(fp <= 0.20, "none-query false positives {fp:.3} > 0.20");
    // Per-kind floors for what the overall figure could hide: Chinese variants need the
    // bigram matching (0/24 without it), typos need the fuzzy pass.
    for (k, min) in [
        ("zh-variant", 0.80),
        ("typo", 0.80),
        ("code", 0.95),
        ("hs", 0.95),
    ] {
        let t = by_kind.get(k).map(|t| ratio(t.hit5, t.n)).unwrap_or(0.0);
        assert!(t >= min, "kind {k}: recall@5 {t:.3} < {min}");
    }
}
