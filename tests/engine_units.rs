//! Unit tests of the engine's parts: rule language, units, dates, statuses, evaluation,
//! search, questions, and the UI reducer.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::date::Date;
use dual_use_check::engine::eval::{evaluate_item, Answer, Answers, ItemResult};
use dual_use_check::engine::expr::{parse, Expr, Op};
use dual_use_check::engine::model::*;
use dual_use_check::engine::status::{status_on, Status};
use dual_use_check::engine::{questions::questions, units, Engine};
use dual_use_check::state::{Action, NumberInput, State, Step};

fn d(s: &str) -> Date {
    Date::parse(s).expect("date")
}

#[test]
fn rule_language_parses_precedence_and_bounds() {
    let e = parse("a >= 99.99 % & (b | !c) | d in {x, y}").expect("parses");
    match e {
        Expr::Any(v) => {
            assert_eq!(v.len(), 2);
            assert!(matches!(&v[0], Expr::All(w) if w.len() == 2));
        }
        other => panic!("{other:?}"),
    }
    let Expr::Cmp(c) = parse("size > 50 um").expect("parses") else {
        panic!()
    };
    assert_eq!((c.op, c.value, c.unit.as_str()), (Op::Gt, 50.0, "um"));
    for bad in [
        "",
        "a >=",
        "a >= 5",
        "(a",
        "a in {",
        "A",
        "a & ",
        &"(".repeat(100),
    ] {
        assert!(parse(bad).is_err(), "{bad:?} must not parse");
    }
}

#[test]
fn units_convert_and_normalise() {
    let close = |dim: &str, unit: &str, v: f64, want: f64| {
        let got = units::to_canonical(dim, unit, v).expect("converts");
        assert!(
            (got - want).abs() < 1e-9 * want.abs().max(1.0),
            "{v} {unit} = {got}, want {want}"
        );
    };
    close("pressure", "GPa", 5.0, 5000.0);
    close("length", "µm", 50.0, 0.05);
    close("length", "inch", 3.0, 76.2);
    close("fraction", "ppm", 100.0, 0.01);
    close("power", "kw", 10.0, 10.0);
    close("temperature", "℃", 20.0, 20.0);
    close("temperature", "K", 273.15, 0.0);
    assert_eq!(units::to_canonical("power", "MPa", 1.0), None);
    assert_eq!(units::to_canonical("power", "furlongs", 1.0), None);
}

#[test]
fn dates_are_validated_and_ordered() {
    assert!(Date::parse("2024-02-29").is_some());
    assert!(Date::parse("2023-02-29").is_none());
    assert!(Date::parse("2026-1-01").is_none());
    assert!(Date::parse("２０２６-01-01").is_none());
    assert!(d("2026-11-10") < d("2026-11-11"));
    assert_eq!(d("2026-12-31").succ(), d("2027-01-01"));
    assert_eq!(d("2024-02-28").succ(), d("2024-02-29"));
}

fn w(from: &str, to: Option<&str>) -> Window {
    Window {
        from: from.into(),
        to: to.map(Into::into),
        source: "S".into(),
        para: String::new(),
    }
}

#[test]
fn status_windows_are_inclusive_and_lapses_are_uncertain() {
    let valid = [w("2025-11-08", None)];
    let susp = [w("2025-11-07", Some("2026-11-10"))];
    assert!(matches!(
        status_on(&valid, &susp, d("2025-11-07")),
        Status::NotYetInForce { .. }
    ));
    assert!(matches!(
        status_on(&valid, &susp, d("2025-11-08")),
        Status::Suspended { .. }
    ));
    assert!(matches!(
        status_on(&valid, &susp, d("2026-11-10")),
        Status::Suspended { .. }
    ));
    assert!(matches!(
        status_on(&valid, &susp, d("2026-11-11")),
        Status::SuspensionLapsed { .. }
    ));
    // A later window settles it: an extension...
    let ext = [
        w("2025-11-07", Some("2026-11-10")),
        w("2026-11-11", Some("2027-11-10")),
    ];
    assert!(matches!(
        status_on(&valid, &ext, d("2026-12-01")),
        Status::Suspended { .. }
    ));
    // ...or an explicit resumption.
    let resumed = [w("2025-11-08", Some("2026-11-10")), w("2026-11-11", None)];
    assert_eq!(status_on(&resumed, &susp, d("2026-12-01")), Status::InForce);
    assert!(matches!(
        status_on(&[w("2020-01-01", Some("2021-01-01"))], &[], d("2022-01-01")),
        Status::Ended { .. }
    ));
}

fn entry(rule: &str, coverage: Coverage) -> Entry {
    Entry {
        code: "9X999".into(),
        name: Text::new("测试", "Test"),
        name_confirmed: None,
        description: None,
        coverage,
        route: Route::DualUse,
        keywords: Keywords::default(),
        forms: None,
        missing: Some(Text::new("缺", "missing")),
        sources: vec![],
        valid: vec![],
        suspensions: vec![],
        hs: vec![],
        rule: rule.into(),
        param: vec![Param {
            id: "purity".into(),
            kind: ParamKind::Number,
            dimension: Some("fraction".into()),
            label: Text::new("纯度", "Purity"),
            help: None,
            source: None,
            choices: vec![],
        }],
    }
}

fn num(v: f64, unit: &str) -> Answers {
    let mut a = Answers::new();
    a.insert("identity".into(), Answer::Bool { value: true });
    a.insert(
        "purity".into(),
        Answer::Number {
            value: v,
            unit: unit.into(),
        },
    );
    a
}

#[test]
fn evaluation_respects_inclusive_and_exclusive_bounds() {
    let ge = entry("purity >= 99.99 %", Coverage::Full);
    let gt = entry("purity > 99.99 %", Coverage::Full);
    let r = |e: &Entry, a: &Answers| evaluate_item(e, &parse(&e.rule).expect("rule"), a).result;
    assert_eq!(
        r(&ge, &num(99.99, "%")),
        ItemResult::Matched,
        "以上 includes the number"
    );
    assert_eq!(
        r(&gt, &num(99.99, "%")),
        ItemResult::NotMatched,
        "超过 excludes it"
    );
    assert_eq!(r(&ge, &num(99.98, "%")), ItemResult::NotMatched);
    assert_eq!(r(&gt, &num(99.991, "%")), ItemResult::Matched);
    // 99.99 % written in ppm of impurity terms is not how purity works, but unit
    // conversion must be exact at the bound: 999900 ppm = 99.99 %.
    assert_eq!(r(&ge, &num(999_900.0, "ppm")), ItemResult::Matched);
    let mut unknown = num(0.0, "%");
    unknown.insert("purity".into(), Answer::Unknown);
    assert_eq!(r(&ge, &unknown), ItemResult::Undetermined);
    // A partial entry never says "not matched"; an inventory entry never decides.
    let partial = entry("purity >= 99.99 %", Coverage::Partial);
    assert_eq!(r(&partial, &num(50.0, "%")), ItemResult::Undetermined);
    let inv = entry("purity >= 99.99 %", Coverage::Inventory);
    assert_eq!(r(&inv, &num(99.999, "%")), ItemResult::Undetermined);
}

#[test]
fn search_finds_by_zh_en_code_and_hs() {
    let e = Engine::embedded();
    for q in [
        "镓",
        "GALLIUM",
        "3c001",
        "3C001.a",
        "8112929090",
        "8112 9290",
        "ｇａｌｌｉｕｍ",
    ] {
        let hits = e.search(q, 10);
        assert!(hits.iter().any(|h| h.code == "3C001.a"), "{q}: {hits:?}");
    }
    assert_eq!(
        e.search("3C001.a", 5)[0].code,
        "3C001.a",
        "exact code ranks first"
    );
    assert!(e.search("", 10).is_empty());
    assert!(e.search("zzzzqqqq", 10).is_empty());
    let long = "镓".repeat(100_000);
    let _ = e.search(&long, 10);
}

#[test]
fn chinese_queries_match_by_character_bigrams() {
    let e = Engine::embedded();
    // Neither is a substring of any name or keyword; both share most bigrams with one.
    let top = |q: &str| e.search(q, 5).first().map(|h| h.code.clone());
    assert_eq!(top("锑氧化物").as_deref(), Some("3C003.c"), "dropped 的");
    assert_eq!(top("砂轮金刚石").as_deref(), Some("2C902.d"), "reordered");
    // A keyword inside a longer query.
    assert_eq!(top("高纯度锑锭").as_deref(), Some("3C003.b"));
    // One shared pair out of two or three is not enough: alumina is not gallium oxide.
    assert!(e.search("氧化铝陶瓷", 10).is_empty());
    assert!(e.search("氧化铝", 10).is_empty());
    // Text matches outrank bigram matches.
    let hits = e.search("氧化镓", 10);
    assert_eq!(hits[0].code, "3C001.c");
    // An exact keyword outranks a name that only starts with the query.
    assert!(["1C902.a.1", "1C902.b"].contains(&e.search("钐", 5)[0].code.as_str()));
    // Hostile input: long CJK runs and mixed scripts stay bounded and panic-free.
    let _ = e.search(&"锑氧化物".repeat(10_000), 10);
    let _ = e.search("锑\u{200b}氧化物", 10);
}

#[test]
fn questions_start_with_identity_and_explain_bounds() {
    let q = questions(Engine::embedded(), "3C001.a").expect("questions");
    assert_eq!(q.questions[0].id, "identity");
    assert!(!q.sources.is_empty());
    assert!(questions(Engine::embedded(), "nope").is_err());
}

#[test]
fn reducer_keeps_answers_across_navigation_and_language() {
    let s = State::default()
        .reduce(Action::Next)
        .reduce(Action::SelectEntry("3C001.a".into()))
        .reduce(Action::Next)
        .reduce(Action::Answer(
            "identity".into(),
            Answer::Bool { value: true },
        ))
        .reduce(Action::Number(
            "purity".into(),
            NumberInput {
                text: "99,99x".into(),
                unit: "%".into(),
            },
        ))
        .reduce(Action::SetLang(Lang::En))
        .reduce(Action::Back)
        .reduce(Action::Next);
    assert_eq!(s.step, Step::Questions);
    assert_eq!(s.lang, Lang::En);
    assert_eq!(
        s.answers.get("identity"),
        Some(&Answer::Bool { value: true })
    );
    assert_eq!(
        s.numbers["purity"].text, "99,99x",
        "invalid text is kept, not lost"
    );
    // The invalid number is left out of the request (unknown), never guessed.
    let req = s.request();
    assert!(!req.item.expect("item").answers.contains_key("purity"));
    // Cannot skip the item step without choosing.
    let s2 = State::default().reduce(Action::Next).reduce(Action::Next);
    assert_eq!(s2.step, Step::Item);
    // Choosing another entry clears answers that belonged to the first.
    let s3 = s.clone().reduce(Action::SelectEntry("3C001.b".into()));
    assert!(s3.answers.is_empty());
}

#[test]
fn saved_state_round_trips_and_corruption_is_reported() {
    let s = State::default().reduce(Action::SetDestination("DE".into()));
    let json = serde_json::to_string(&s).expect("json");
    assert_eq!(State::from_saved(&json).expect("round trip"), s);
    for bad in [
        "",
        "{",
        "null",
        "[]",
        r#"{"version":0}"#,
        r#"{"version":1,"step":"nowhere"}"#,
    ] {
        assert!(State::from_saved(bad).is_err(), "{bad:?}");
    }
    assert_eq!(State::parse_number("１２．５"), Some(12.5));
    assert_eq!(State::parse_number("1,000"), Some(1000.0));
    assert_eq!(State::parse_number("NaN"), None);
    assert_eq!(State::parse_number("inf"), None);
}

#[test]
fn penalties_follow_the_route() {
    use dual_use_check::engine::determine::Request;
    let e = dual_use_check::engine::Engine::embedded();
    let today = dual_use_check::engine::Date::parse("2026-11-24").expect("date");
    let run = |json: &str| {
        let r: Request = serde_json::from_str(json).expect("request");
        dual_use_check::engine::determine(e, &r, today).expect("determination")
    };
    let eu = r#""end_use": {"notified": "no", "national_security": "no", "wmd": "no", "terrorism": "no", "military": "no"}"#;
    let licensed = run(&format!(
        r#"{{"item": {{"code": "3C001.a", "answers": {{"identity": {{"type": "bool", "value": true}}}}}}, "destination": "DE", {eu}}}"#
    ));
    let cites: Vec<&str> = licensed
        .penalties
        .iter()
        .flat_map(|p| p.citations.iter().map(String::as_str))
        .collect();
    for id in [
        "ECL-34", "REG-39", "ECL-35", "REG-40", "ECL-36", "ECL-39", "REG-43",
    ] {
        assert!(cites.contains(&id), "licence route cites {id}: {cites:?}");
    }
    assert!(!cites.contains(&"ECL-37"));
    assert!(
        licensed.citations.iter().any(|c| c.id == "ECL-39"),
        "penalty citations are in the citation list"
    );
    let control = run(&format!(
        r#"{{"item": {{"code": "3C001.a", "answers": {{"identity": {{"type": "bool", "value": true}}}}}}, "destination": "US", "end_user": "Lockheed Martin Corporation", {eu}}}"#
    ));
    assert_eq!(control.outcome, dual_use_check::engine::Outcome::Prohibited);
    assert!(
        control
            .penalties
            .iter()
            .any(|p| p.citations.iter().any(|c| c == "ECL-37")),
        "control-list penalty (10–20×)"
    );
    let nuclear = run(&format!(
        r#"{{"regime": "nuclear", "destination": "DE", {eu}}}"#
    ));
    assert_eq!(
        nuclear.outcome,
        dual_use_check::engine::Outcome::DesignatedOperatorsOnly
    );
    assert!(nuclear
        .penalties
        .iter()
        .any(|p| p.citations.iter().any(|c| c == "ECL-33")));
    for p in licensed.penalties.iter().chain(control.penalties.iter()) {
        assert!(!p.text.zh.is_empty() && !p.text.en.is_empty());
    }
}

#[test]
fn indexes_built_lazily_or_by_warm_give_the_same_answers() {
    let e = Engine::embedded();
    // A second engine over the same data, never warmed: its indexes build on first use.
    let fresh =
        Engine::from_json(&serde_json::to_string(&e.bundle).expect("json")).expect("engine");
    assert!(e.warm(0), "step 0 (search index) has a next step");
    assert!(!e.warm(1), "step 1 (screening names) is the last");
    assert!(!e.warm(7), "unknown steps do nothing");
    for q in ["镓", "锑氧化物", "anode graphite", "3C001", "8112929090"] {
        assert_eq!(e.search(q, 10), fresh.search(q, 10), "{q}");
    }
    let today = dual_use_check::engine::Date::parse("2026-11-24").expect("date");
    let a = dual_use_check::engine::screen::screen(e, "Lockheed Martin", today);
    let b = dual_use_check::engine::screen::screen(&fresh, "Lockheed Martin", today);
    assert_eq!(a, b);
    assert!(!a.hits.is_empty(), "a listed name hits");
}

#[test]
fn unlisted_drone_ban_needs_a_drone_known_to_be_off_the_list() {
    use dual_use_check::engine::determine::Request;
    use dual_use_check::engine::model::Coverage;
    use dual_use_check::engine::Outcome;
    // The 9A012.a entries are partial (a failed condition is "undetermined"), so try the
    // mechanism on a copy of the data where 9A012.a.2 is fully encoded.
    let mut bundle = Engine::embedded().bundle.clone();
    for e in bundle.entries.iter_mut().filter(|e| e.code == "9A012.a.2") {
        e.coverage = Coverage::Full;
    }
    let e = Engine::from_bundle(bundle).expect("engine");
    let today = dual_use_check::engine::Date::parse("2026-11-24").expect("date");
    let run = |answers: &str, military: &str| {
        let json = format!(
            r#"{{"item": {{"code": "9A012.a.2", "answers": {answers}}}, "destination": "DE",
                "end_use": {{"notified": "no", "national_security": "no", "wmd": "no", "terrorism": "no", "military": "{military}"}}}}"#
        );
        let r: Request = serde_json::from_str(&json).expect("request");
        dual_use_check::engine::determine(&e, &r, today)
            .expect("determination")
            .outcome
    };
    let short_range = r#"{"identity": {"type": "bool", "value": true}, "bvlos": {"type": "bool", "value": false}, "endurance": {"type": "number", "value": 20, "unit": "min"}}"#;
    // A drone that fails the entry's parameters, for military use: prohibited.
    assert_eq!(run(short_range, "yes"), Outcome::Prohibited);
    // Military use unknown: the ban may apply, never "not controlled".
    assert_eq!(run(short_range, "unknown"), Outcome::Uncertain);
    // Civil use: the ban does not apply, and the drone is not on the list.
    assert_eq!(run(short_range, "no"), Outcome::NoLicenceRequiredByList);
    // "Not this entry" does not make the item a drone: the ban may apply.
    assert_eq!(
        run(r#"{"identity": {"type": "bool", "value": false}}"#, "yes"),
        Outcome::Uncertain
    );
}

#[test]
fn compacted_bundle_expands_to_exactly_the_same_content() {
    let engine = Engine::embedded();
    let full = engine.bundle.clone();
    assert!(
        full.inventory_missing.is_none(),
        "the engine holds the expanded bundle"
    );
    assert!(
        full.entries
            .iter()
            .filter(|e| e.coverage != Coverage::Full)
            .all(|e| e.missing.is_some()),
        "every entry that is not fully encoded keeps its caveat"
    );
    let mut compact = full.clone();
    compact.compact();
    let shared = compact.inventory_missing.clone().expect("a shared caveat");
    let cleared = compact
        .entries
        .iter()
        .filter(|e| e.coverage == Coverage::Inventory && e.missing.is_none())
        .count();
    assert!(
        cleared > 500,
        "the inventory caveat is stored once ({cleared} cleared)"
    );
    let compact_json = serde_json::to_string(&compact).unwrap();
    let full_json = serde_json::to_string(&full).unwrap();
    assert!(compact_json.len() < full_json.len() * 9 / 10);
    // Loading the compacted JSON gives the same content hash as the build's.
    let reloaded = Engine::from_json(&compact_json).expect("compacted bundle loads");
    assert_eq!(reloaded.version().hash, engine.version().hash);
    let mut back = compact;
    back.expand();
    assert_eq!(serde_json::to_string(&back).unwrap(), full_json);
    assert!(back
        .entries
        .iter()
        .any(|e| e.missing.as_ref() == Some(&shared)));
}
