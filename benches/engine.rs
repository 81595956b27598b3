//! Engine benchmark: native determinations per second and latency percentiles, search
//! latency, and the size of the embedded data. Writes `bench-report/engine.json`.
//! Run with `cargo bench --bench engine`. Not a test: it asserts nothing about speed.

use dual_use_check::engine::{determine, Date, Engine, Request};
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn requests(engine: &Engine) -> Vec<Request> {
    // One request per full or partial entry, answered "yes" to identity and unknown
    // otherwise, plus the gallium request with all answers given.
    let mut out = Vec::new();
    for e in &engine.bundle.entries {
        let json = format!(
            r#"{{"as_of":"2026-11-24","destination":"DE","item":{{"code":"{}","answers":{{"identity":{{"type":"bool","value":true}}}}}},
                "end_use":{{"notified":"no","national_security":"no","wmd":"no","terrorism":"no","military":"no"}}}}"#,
            e.code
        );
        if let Ok(r) = serde_json::from_str(&json) {
            out.push(r);
        }
    }
    out
}

fn main() {
    let t0 = Instant::now();
    let engine = Engine::embedded();
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    // The indexes built after load (in the browser, as separate tasks after first paint).
    let t1 = Instant::now();
    let mut step = 0;
    while engine.warm(step) {
        step += 1;
    }
    let warm_ms = t1.elapsed().as_secs_f64() * 1e3;
    let reqs = requests(engine);
    let today = Date::parse("2026-11-24").expect("date");
    // Warm up.
    for r in reqs.iter().take(50) {
        let _ = determine(engine, r, today);
    }
    let rounds = 20;
    let mut lat = Vec::with_capacity(reqs.len() * rounds);
    let start = Instant::now();
    for _ in 0..rounds {
        for r in &reqs {
            let t = Instant::now();
            let d = determine(engine, r, today);
            lat.push(t.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(d.ok());
        }
    }
    let total = start.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.total_cmp(b));
    let per_sec = lat.len() as f64 / total;

    let queries = [
        "镓",
        "gallium",
        "3C001",
        "8112929090",
        "石墨",
        "graphite",
        "无人机",
        "drone",
        "1C",
        "钨",
        "cubic press",
        "稀土",
    ];
    let mut slat = Vec::new();
    for _ in 0..200 {
        for q in queries {
            let t = Instant::now();
            std::hint::black_box(engine.search(q, 20));
            slat.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    slat.sort_by(|a, b| a.total_cmp(b));
    let names = [
        "Lockheed Martin Corporation",
        "General Dynamics",
        "洛克希德·马丁公司",
        "Acme Widgets Ltd",
        "Skydio Inc.",
        "Mitsubishi Heavy Industries",
    ];
    let mut sc = Vec::new();
    for _ in 0..200 {
        for n in names {
            let t = Instant::now();
            std::hint::black_box(dual_use_check::engine::screen::screen(engine, n, today));
            sc.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    sc.sort_by(|a, b| a.total_cmp(b));
    let data_json = include_str!(concat!(env!("OUT_DIR"), "/bundle.json"));
    let data_bytes = data_json.len();
    // Where the load time goes: JSON parse (and expand) of the embedded bundle, and the search index
    // build (at run time, on first use or by `warm`, so loaded data files get one too).
    let mut parse = Vec::new();
    let mut index = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let mut b: dual_use_check::engine::model::Bundle =
            serde_json::from_str(data_json).unwrap_or_default();
        b.expand();
        parse.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(dual_use_check::engine::search::build_index_for_bench(&b));
        index.push(t.elapsed().as_secs_f64() * 1e3);
    }
    parse.sort_by(|a, b| a.total_cmp(b));
    index.sort_by(|a, b| a.total_cmp(b));

    let report = serde_json::json!({
        "machine": format!("{} cores", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)),
        "entries": engine.bundle.entries.len(),
        "data_bundle_bytes": data_bytes,
        "engine_load_ms": load_ms,
        "engine_warm_ms": warm_ms,
        "bundle_parse_ms_median": percentile(&parse, 0.5),
        "search_index_build_ms_median": percentile(&index, 0.5),
        "determinations": lat.len(),
        "determinations_per_second": per_sec,
        "determine_p50_us": percentile(&lat, 0.5),
        "determine_p99_us": percentile(&lat, 0.99),
        "search_queries": slat.len(),
        "search_p50_us": percentile(&slat, 0.5),
        "search_p99_us": percentile(&slat, 0.99),
        "parties": engine.bundle.parties.len(),
        "screen_p50_us": percentile(&sc, 0.5),
        "screen_p99_us": percentile(&sc, 0.99),
    });
    let _ = std::fs::create_dir_all("bench-report");
    write_search_inputs(engine);
    let text = serde_json::to_string_pretty(&report).unwrap_or_default();
    let _ = std::fs::write("bench-report/engine.json", &text);
    println!("{text}");
}

/// For the in-browser search comparison (scripts/bench.mjs): the records every library
/// indexes (the same fields our index uses) and the labelled query set as JSON.
fn write_search_inputs(engine: &Engine) {
    let records: Vec<_> = engine
        .bundle
        .entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.code,
                "code": e.code,
                "zh": e.name.zh,
                "en": e.name.en,
                "kw_zh": e.keywords.zh.join(" "),
                "kw_en": e.keywords.en.join(" "),
                "hs": e.hs.iter().map(|h| h.code.clone()).collect::<Vec<_>>().join(" "),
            })
        })
        .collect();
    let _ = std::fs::write(
        "bench-report/search-records.json",
        serde_json::to_string(&records).unwrap_or_default(),
    );
    let mut queries = Vec::new();
    if let Ok(dir) = std::fs::read_dir("tests/search") {
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            if let Ok(v) = toml::from_str::<toml::Value>(&text) {
                if let Some(qs) = v.get("query").and_then(|q| q.as_array()) {
                    for q in qs {
                        queries.push(serde_json::json!({
                            "q": q.get("q").and_then(|x| x.as_str()).unwrap_or(""),
                            "kind": q.get("kind").and_then(|x| x.as_str()).unwrap_or(""),
                            "expect": q.get("expect").and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect::<Vec<_>>()).unwrap_or_default(),
                        }));
                    }
                }
            }
        }
    }
    let _ = std::fs::write(
        "bench-report/search-queries.json",
        serde_json::to_string(&queries).unwrap_or_default(),
    );
}
