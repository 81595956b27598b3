//! The embedded data passes validation, and the validator catches each class of defect.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::model::{Bundle, Coverage};
use dual_use_check::engine::validate::{is_valid_code, validate};
use dual_use_check::engine::{expr, units, Engine};

fn bundle() -> Bundle {
    Engine::embedded().bundle.clone()
}

#[test]
fn embedded_bundle_is_valid_and_non_trivial() {
    let b = bundle();
    assert!(validate(&b).is_empty(), "{:?}", validate(&b));
    assert!(b.entries.len() >= 8);
    assert_eq!(b.version.hash.len(), 64);
}

#[test]
fn every_code_follows_the_grammar_and_is_unique() {
    let b = bundle();
    let mut seen = std::collections::HashSet::new();
    for e in &b.entries {
        assert!(is_valid_code(&e.code), "{}", e.code);
        assert!(seen.insert(e.code.clone()), "duplicate {}", e.code);
    }
}

#[test]
fn every_threshold_has_a_comparator_and_a_unit_of_its_dimension() {
    let b = bundle();
    let mut thresholds = 0;
    for e in &b.entries {
        let rule = expr::parse(&e.rule).expect("rule parses");
        for (param, usage) in rule.uses() {
            if let expr::Use::Number(unit) = usage {
                thresholds += 1;
                let p = e.param.iter().find(|p| p.id == param).expect("declared");
                let dim = p.dimension.as_deref().expect("dimension");
                assert!(
                    units::units_of(dim).contains(&unit),
                    "{} {param} {unit}",
                    e.code
                );
            }
        }
    }
    println!("thresholds checked: {thresholds}");
}

#[test]
fn every_fact_has_a_source_and_a_date() {
    let b = bundle();
    for e in &b.entries {
        assert!(!e.sources.is_empty(), "{}", e.code);
        assert!(!e.valid.is_empty(), "{}", e.code);
        for s in &e.sources {
            let src = b
                .sources
                .iter()
                .find(|x| x.id == s.source)
                .expect("source exists");
            assert!(
                dual_use_check::engine::Date::parse(&src.date).is_some(),
                "{}",
                src.id
            );
        }
        for h in &e.hs {
            assert!(
                b.sources.iter().any(|x| x.id == h.source),
                "{} hs {}",
                e.code,
                h.code
            );
        }
    }
    for m in &b.measures {
        assert!(!m.sources.is_empty() && !m.valid.is_empty(), "{}", m.id);
    }
}

#[test]
fn every_string_has_zh_and_en() {
    let b = bundle();
    let ok = |t: &dual_use_check::engine::model::Text| {
        !t.zh.trim().is_empty() && !t.en.trim().is_empty()
    };
    for e in &b.entries {
        assert!(ok(&e.name), "{}", e.code);
        if e.coverage != Coverage::Full {
            assert!(
                e.missing.as_ref().is_some_and(ok),
                "{} must say what is missing",
                e.code
            );
        }
        for p in &e.param {
            assert!(ok(&p.label), "{} {}", e.code, p.id);
        }
    }
    for c in &b.citations {
        assert!(ok(&c.summary), "{}", c.id);
    }
    for r in &b.rules {
        assert!(ok(&r.text), "{}", r.id);
    }
    for (k, zh, en) in dual_use_check::i18n::STRINGS {
        assert!(!zh.is_empty() && !en.is_empty(), "ui string {k}");
    }
}

#[test]
fn validator_rejects_each_defect_class() {
    let mut base = bundle();
    // Mutate a fully encoded entry (with HS codes): move gallium metal to the front.
    let i = base
        .entries
        .iter()
        .position(|e| e.code == "3C001.a")
        .expect("3C001.a");
    base.entries.swap(0, i);
    let mut cases: Vec<(&str, Bundle)> = Vec::new();
    let mut b = base.clone();
    b.entries[0].code = "3c001".into();
    cases.push(("bad code grammar", b));
    let mut b = base.clone();
    let dup = b.entries[0].clone();
    b.entries.push(dup);
    cases.push(("duplicate code", b));
    let mut b = base.clone();
    b.entries[0].rule = "purity >= 99 %".into();
    cases.push(("undeclared parameter", b));
    let mut b = base.clone();
    b.entries[0].sources[0].source = "NOPE".into();
    cases.push(("unknown source", b));
    let mut b = base.clone();
    b.entries[0].name.en = String::new();
    cases.push(("missing en", b));
    let mut b = base.clone();
    b.entries[0].valid.clear();
    cases.push(("no effective date", b));
    let mut b = base.clone();
    b.entries[0].valid[0].from = "2023-02-30".into();
    cases.push(("bad date", b));
    let mut b = base.clone();
    b.entries[0].rule = "(".into();
    cases.push(("rule syntax", b));
    let mut b = base.clone();
    b.rules.retain(|r| r.id != "listed_item_matched");
    cases.push(("missing engine rule", b));
    let mut b = base.clone();
    b.entries[0].hs[0].code = "81129".into();
    cases.push(("bad HS code", b));
    for (what, b) in cases {
        assert!(!validate(&b).is_empty(), "validator missed: {what}");
    }
}

#[test]
fn runtime_loading_rejects_bad_data_and_accepts_good() {
    let err = Engine::from_json("{ not json")
        .err()
        .expect("malformed JSON rejected");
    assert!(!err.zh.is_empty() && !err.en.is_empty());
    let err = Engine::from_json(r#"{"entries":[{"code":1}]}"#)
        .err()
        .expect("bad schema rejected");
    assert_eq!(err.code, dual_use_check::engine::ErrorCode::BadData);
    let json = serde_json::to_string(&bundle()).expect("serialise");
    let e = Engine::from_json(&json).expect("good bundle loads");
    assert_eq!(
        e.version().hash,
        Engine::embedded().version().hash,
        "hash is content-derived"
    );
}
