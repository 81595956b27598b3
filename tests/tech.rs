//! The technology catalogue beyond the golden cases: "none applies" is firm only when the
//! data holds a complete catalogue version, and no mix of answers with an "unknown" and no
//! "yes" ever comes out as "not restricted".
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::determine::{determine, Outcome, Request, YesNo};
use dual_use_check::engine::tech::{assess, TechInput, TechOutcome};
use dual_use_check::engine::{Date, Engine};
use proptest::prelude::*;

fn day(s: &str) -> Date {
    Date::parse(s).expect("date")
}

fn request(tech: TechInput) -> Request {
    serde_json::from_value(serde_json::json!({
        "as_of": "2026-11-24", "export_kind": "technology", "destination": "DE",
        "end_use": {"notified": "no", "national_security": "no", "wmd": "no", "terrorism": "no", "military": "no"},
    }))
    .map(|mut r: Request| {
        r.tech = Some(tech);
        r
    })
    .expect("request")
}

#[test]
fn none_applies_is_firm_only_with_a_complete_catalogue() {
    let none = TechInput {
        none_apply: true,
        ..TechInput::default()
    };
    let embedded = Engine::embedded();
    let d = determine(embedded, &request(none.clone()), day("2026-11-24")).expect("determination");
    assert_eq!(
        d.outcome,
        Outcome::Uncertain,
        "our catalogue data is incomplete"
    );
    assert!(d
        .trace
        .iter()
        .any(|s| s.rule == "tech_not_listed_incomplete"));

    // The same question against a data set that says it holds the whole catalogue.
    let mut bundle = embedded.bundle.clone();
    for v in &mut bundle.tech_catalogue {
        v.complete = true;
    }
    let complete =
        Engine::from_json(&serde_json::to_string(&bundle).expect("json")).expect("engine");
    let d = determine(&complete, &request(none), day("2026-11-24")).expect("determination");
    assert_eq!(d.outcome, Outcome::NoLicenceRequiredByList);
    assert!(d.trace.iter().any(|s| s.rule == "tech_not_listed"));
    assert_eq!(
        d.tech.as_ref().map(|t| t.outcome),
        Some(TechOutcome::NotListed)
    );
}

#[test]
fn restricted_result_carries_the_technology_licence_route() {
    let input = TechInput {
        item: Some("086501X".into()),
        answers: [("p21".to_string(), YesNo::Yes)].into_iter().collect(),
        ..TechInput::default()
    };
    let d =
        determine(Engine::embedded(), &request(input), day("2026-11-24")).expect("determination");
    assert_eq!(d.outcome, Outcome::LicenceRequired);
    assert!(
        d.licence.is_none(),
        "no dual-use licence route for a catalogue-only restriction"
    );
    let tech = d.tech.expect("tech result");
    assert_eq!(tech.outcome, TechOutcome::Restricted);
    let l = tech.licence.expect("tech licence route");
    assert!(l.options[0].zh.contains("许可意向书") && l.options[0].en.contains("letter of intent"));
    for id in ["TIE-33", "TIE-34", "TIE-37", "TEM-4"] {
        assert!(d.citations.iter().any(|c| c.id == id), "cites {id}");
    }
}

#[test]
fn unknown_item_and_unknown_point_are_typed_errors() {
    let e = Engine::embedded();
    let bad_item = TechInput {
        item: Some("999999X".into()),
        ..TechInput::default()
    };
    assert!(assess(e, &bad_item, day("2026-11-24")).is_err());
    let bad_point = TechInput {
        item: Some("086501X".into()),
        answers: [("p99".to_string(), YesNo::Yes)].into_iter().collect(),
        ..TechInput::default()
    };
    let err = assess(e, &bad_point, day("2026-11-24")).expect_err("unknown point");
    assert!(!err.zh.is_empty() && !err.en.is_empty());
}

fn yes_no() -> impl Strategy<Value = YesNo> {
    prop_oneof![Just(YesNo::Yes), Just(YesNo::No), Just(YesNo::Unknown)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any answers to any item's points, on any date: a "yes" in force gives the item's
    /// status; an "unknown" without a "yes" is never "not listed"; and with our
    /// incomplete data nothing is ever "not listed".
    #[test]
    fn unknown_never_clears_a_technology(
        item_ix in 0usize..64,
        answers in proptest::collection::vec(yes_no(), 0..8),
        days in 0usize..7000,
    ) {
        let e = Engine::embedded();
        let items = &e.bundle.tech;
        let item = &items[item_ix % items.len()];
        let mut as_of = day("2008-01-01");
        for _ in 0..days {
            as_of = as_of.succ();
        }
        let input = TechInput {
            item: Some(item.id.clone()),
            answers: item.points.iter().zip(answers.iter()).map(|(p, a)| (p.id.clone(), *a)).collect(),
            ..TechInput::default()
        };
        let ev = assess(e, &input, as_of).expect("assessment");
        prop_assert_ne!(ev.outcome, TechOutcome::NotListed);
        let any_unknown = item.points.iter().any(|p| input.answers.get(&p.id).copied().unwrap_or(YesNo::Unknown) == YesNo::Unknown);
        if any_unknown && ev.points_applying.is_empty() {
            prop_assert!(matches!(ev.outcome, TechOutcome::Uncertain), "{:?}", ev.outcome);
        }
        let d = determine(e, &request(input), as_of).expect("determination");
        prop_assert_ne!(d.outcome, Outcome::NoLicenceRequiredByList);
    }
}
