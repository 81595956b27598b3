//! Serialise / deserialise round trips of every public type the engine and the UI state
//! expose: requests, determinations (with item evaluation, licence route, screening and
//! the technology result), questions, search hits, screening results, errors, the saved
//! state and the data bundle. Values come from the real engine on generated inputs.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::determine::{Determination, Request, YesNo};
use dual_use_check::engine::error::EngineError;
use dual_use_check::engine::model::Bundle;
use dual_use_check::engine::questions::{questions, EntryQuestions};
use dual_use_check::engine::screen::{screen, ScreenResult};
use dual_use_check::engine::tech::{TechInput, TransferMode};
use dual_use_check::engine::{determine, Date, Engine, Hit};
use dual_use_check::state::{Action, State, Step};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

fn round<T: Serialize + DeserializeOwned + PartialEq + Debug>(v: &T) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, v);
    // And the re-serialised form is identical (stable field order).
    prop_assert_eq!(serde_json::to_string(&back).unwrap_or_default(), json);
    Ok(())
}

fn engine() -> &'static Engine {
    Engine::embedded()
}

fn date() -> impl Strategy<Value = String> {
    (2008u32..2028, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn yes_no() -> impl Strategy<Value = YesNo> {
    prop_oneof![Just(YesNo::Yes), Just(YesNo::No), Just(YesNo::Unknown)]
}

/// A request over real codes, countries, party names and technology items, with answers
/// to the identity question and numbers in every unit of the entry's parameters.
fn request() -> impl Strategy<Value = Request> {
    let e = engine();
    let codes: Vec<String> = e.bundle.entries.iter().map(|x| x.code.clone()).collect();
    let countries: Vec<String> = e.bundle.countries.iter().map(|c| c.code.clone()).collect();
    let names: Vec<String> = e
        .bundle
        .parties
        .iter()
        .map(|p| p.name.en.clone())
        .chain(["Example Optics GmbH".to_string()])
        .collect();
    let techs: Vec<String> = e.bundle.tech.iter().map(|t| t.id.clone()).collect();
    (
        date(),
        prop::sample::select(codes),
        any::<bool>(),
        prop::sample::select(countries),
        prop::sample::select(names),
        (yes_no(), yes_no(), yes_no()),
        prop_oneof![Just("goods"), Just("technology"), Just("software")],
        prop::sample::select(techs),
        prop::collection::vec(yes_no(), 0..4),
        prop_oneof![0.0f64..100.0, 0.0f64..1e6],
    )
        .prop_map(|(as_of, code, id, dest, user, (wmd, mil, notified), kind, tech, tech_answers, value)| {
            let e = engine();
            let entry = e.entry(&code).map(|(en, _)| en.clone());
            let mut answers = serde_json::Map::new();
            answers.insert("identity".into(), serde_json::json!({"type": "bool", "value": id}));
            if let Some(en) = entry {
                for p in &en.param {
                    if let Some(dim) = &p.dimension {
                        let unit = dual_use_check::engine::units::units_of(dim).first().copied().unwrap_or("");
                        answers.insert(p.id.clone(), serde_json::json!({"type": "number", "value": value, "unit": unit}));
                    }
                }
            }
            let points: Vec<String> = e.tech_item(&tech).map(|t| t.points.iter().map(|p| p.id.clone()).collect()).unwrap_or_default();
            let yn = |v: YesNo| match v { YesNo::Yes => "yes", YesNo::No => "no", YesNo::Unknown => "unknown" };
            serde_json::from_value(serde_json::json!({
                "as_of": as_of,
                "export_kind": kind,
                "item": {"code": code, "answers": answers},
                "destination": dest,
                "end_user": user,
                "end_use": {"notified": yn(notified), "national_security": "no", "wmd": yn(wmd), "terrorism": "no", "military": yn(mil)},
                "tech": {
                    "transfer": "know_how",
                    "item": tech,
                    "answers": points.iter().zip(tech_answers.iter()).map(|(p, a)| (p.clone(), serde_json::json!(yn(*a)))).collect::<serde_json::Map<_, _>>(),
                },
            }))
            .expect("generated request parses")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn requests_and_determinations_round_trip(req in request()) {
        round(&req)?;
        let d: Determination = match determine(engine(), &req, Date::parse("2026-11-24").expect("date")) {
            Ok(d) => d,
            // Absurd values are rejected with a typed error, which round-trips too.
            Err(e) => return round(&e),
        };
        round(&d)?;
        if let Some(i) = &d.item { round(i)?; }
        if let Some(s) = &d.screening { round(s)?; }
        if let Some(t) = &d.tech { round(t)?; }
        for s in &d.trace { round(s)?; }
    }

    #[test]
    fn search_hits_and_screening_round_trip(q in "\\PC{0,24}", d in date()) {
        let hits: Vec<Hit> = engine().search(&q, 20);
        round(&hits)?;
        let r: ScreenResult = screen(engine(), &q, Date::parse(&d).expect("date"));
        round(&r)?;
    }

    #[test]
    fn saved_state_round_trips(steps in prop::collection::vec(0u8..14, 0..40), text in "\\PC{0,40}") {
        let mut s = State::default();
        for (i, k) in steps.iter().enumerate() {
            let a = match k {
                0 => Action::Next,
                1 => Action::Back,
                2 => Action::SetQuery(text.clone()),
                3 => Action::SelectEntry("3C001.a".into()),
                4 => Action::NotListed,
                5 => Action::SetAsOf(text.clone()),
                6 => Action::SetEndUser(text.clone()),
                7 => Action::SetDestination("US".into()),
                8 => Action::SelectTech("086501X".into()),
                9 => Action::TechPoint("p21".into(), if i % 2 == 0 { YesNo::Yes } else { YesNo::Unknown }),
                10 => Action::SetTechTransfer(TransferMode::ALL[i % TransferMode::ALL.len()]),
                11 => Action::TechNoneApply,
                12 => Action::Go(Step::ALL[i % Step::ALL.len()]),
                _ => Action::Browse(text.clone(), "C".into()),
            };
            s = s.reduce(a);
        }
        round(&s)?;
        let json = serde_json::to_string(&s).expect("json");
        prop_assert_eq!(State::from_saved(&json).map_err(TestCaseError::fail)?, s.clone());
        round(&s.request())?;
        round(&s.tech)?;
    }
}

#[test]
fn questions_of_every_entry_round_trip() {
    for e in &engine().bundle.entries {
        let q: EntryQuestions = questions(engine(), &e.code).expect("questions");
        let json = serde_json::to_string(&q).expect("json");
        let back: EntryQuestions = serde_json::from_str(&json).expect("parse back");
        assert_eq!(back, q, "{}", e.code);
    }
}

#[test]
fn errors_and_tech_input_round_trip() {
    let errs = [
        EngineError::unknown_code("9Z999"),
        EngineError::unknown_tech("000000X"),
        EngineError::bad_date("2026-13-40"),
    ];
    for e in errs {
        let back: EngineError =
            serde_json::from_str(&serde_json::to_string(&e).expect("json")).expect("parse");
        assert_eq!(back, e);
    }
    let t = TechInput {
        none_apply: true,
        ..TechInput::default()
    };
    let back: TechInput =
        serde_json::from_str(&serde_json::to_string(&t).expect("json")).expect("parse");
    assert_eq!(back, t);
}

#[test]
fn the_data_bundle_round_trips() {
    let b = &engine().bundle;
    let json = serde_json::to_string(b).expect("json");
    let back: Bundle = serde_json::from_str(&json).expect("parse");
    assert_eq!(serde_json::to_string(&back).expect("json"), json);
}
