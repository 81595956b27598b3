//! Property tests over the real data: evaluation never panics, bounds behave, unknown
//! answers never yield "not controlled", and the as-of date only matters at data dates.
#![cfg(not(target_arch = "wasm32"))]

use dual_use_check::engine::date::Date;
use dual_use_check::engine::determine::{EndUse, ItemInput, Request, YesNo};
use dual_use_check::engine::eval::{check_answers, evaluate_item, Answer, Answers, ItemResult};
use dual_use_check::engine::expr::{parse, Expr};
use dual_use_check::engine::model::{Entry, ParamKind};
use dual_use_check::engine::{determine, units, Engine, Outcome};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    Engine::embedded()
}

fn entries() -> Vec<&'static Entry> {
    engine().bundle.entries.iter().collect()
}

/// Arbitrary answers for an entry: any value (including absurd), any unit string.
fn answers_for(e: &'static Entry) -> impl Strategy<Value = Answers> {
    let per_param: Vec<BoxedStrategy<(String, Answer)>> = e
        .param
        .iter()
        .map(|p| {
            let id = p.id.clone();
            let units: Vec<String> = units::units_of(p.dimension.as_deref().unwrap_or(""))
                .into_iter()
                .map(String::from)
                .chain(["furlong".to_string(), String::new()])
                .collect();
            let choices: Vec<String> = p
                .choices
                .iter()
                .map(|c| c.id.clone())
                .chain(["bogus".into()])
                .collect();
            let ans = match p.kind {
                ParamKind::Number => prop_oneof![
                    (
                        prop_oneof![any::<f64>(), -1e3..1e6f64, Just(f64::NAN)],
                        proptest::sample::select(units)
                    )
                        .prop_map(|(value, unit)| Answer::Number { value, unit }),
                    Just(Answer::Unknown),
                ]
                .boxed(),
                ParamKind::Choice => prop_oneof![
                    proptest::sample::select(choices).prop_map(|value| Answer::Choice { value }),
                    Just(Answer::Unknown),
                ]
                .boxed(),
                ParamKind::Bool => prop_oneof![
                    any::<bool>().prop_map(|value| Answer::Bool { value }),
                    Just(Answer::Unknown)
                ]
                .boxed(),
            };
            ans.prop_map(move |a| (id.clone(), a)).boxed()
        })
        .collect();
    (
        per_param,
        prop_oneof![
            any::<bool>().prop_map(|value| Answer::Bool { value }),
            Just(Answer::Unknown)
        ],
    )
        .prop_map(|(v, id)| {
            let mut a: Answers = v.into_iter().collect();
            a.insert("identity".into(), id);
            a
        })
}

fn entry_and_answers() -> impl Strategy<Value = (&'static Entry, Answers)> {
    proptest::sample::select(entries()).prop_flat_map(|e| answers_for(e).prop_map(move |a| (e, a)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Checking and evaluating any answers never panics; bad answers are typed errors.
    #[test]
    fn evaluation_never_panics((e, a) in entry_and_answers()) {
        let rule = parse(&e.rule).expect("data rules parse");
        let _ = check_answers(e, &a);
        let _ = evaluate_item(e, &rule, &a);
    }

    /// Forgetting an answer (turning it into "unknown") never makes an item "not matched"
    /// that was not already "not matched".
    #[test]
    fn unknown_never_creates_not_matched((e, a) in entry_and_answers(), mask in any::<u64>()) {
        prop_assume!(check_answers(e, &a).is_ok());
        let rule = parse(&e.rule).expect("rule");
        let full = evaluate_item(e, &rule, &a).result;
        let mut partial = a.clone();
        for (i, (_, v)) in partial.iter_mut().enumerate() {
            if mask >> (i % 64) & 1 == 1 { *v = Answer::Unknown; }
        }
        let less = evaluate_item(e, &rule, &partial).result;
        if less == ItemResult::NotMatched {
            prop_assert_eq!(full, ItemResult::NotMatched);
        }
    }

    /// Search on any text (mixed scripts, CJK runs, punctuation, control characters)
    /// never panics, respects the limit, ranks by score and is deterministic.
    #[test]
    fn search_is_total_bounded_and_deterministic(
        q in "[\\PC\u{4e00}-\u{4e20}a-z0-9 .()（）、]{0,40}",
        limit in 0usize..30,
    ) {
        let hits = engine().search(&q, limit);
        prop_assert!(hits.len() <= limit.min(200));
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        prop_assert_eq!(hits, engine().search(&q, limit));
    }

    /// With every answer unknown, no entry ends "not controlled" at the determination level.
    #[test]
    fn all_unknown_never_clears(e in proptest::sample::select(entries()), day in 0u32..2500) {
        let mut d = Date::parse("2020-01-01").expect("date");
        for _ in 0..day { d = d.succ(); }
        let req = Request {
            item: Some(ItemInput { code: e.code.clone(), answers: Answers::new() }),
            destination: Some("DE".into()),
            end_use: EndUse { notified: YesNo::No, national_security: YesNo::No, wmd: YesNo::No, terrorism: YesNo::No, military: YesNo::No },
            ..Request::default()
        };
        let out = determine(engine(), &req, d).expect("determines").outcome;
        let in_force = matches!(dual_use_check::engine::status::status_on(&e.valid, &e.suspensions, d), dual_use_check::engine::status::Status::InForce);
        if in_force {
            prop_assert_ne!(out, Outcome::NoLicenceRequiredByList, "{} on {}", e.code, d);
        }
    }
}

/// Every numeric bound in the data: the bound itself matches exactly when inclusive;
/// a value further on the satisfying side always satisfies; the same bound in any other
/// unit of the dimension gives the same answer.
#[test]
fn every_encoded_bound_is_monotone_and_unit_invariant() {
    let mut n = 0;
    for e in entries() {
        let rule = parse(&e.rule).expect("rule");
        let mut leaves = Vec::new();
        collect(&rule, &mut leaves);
        for c in leaves {
            n += 1;
            let p = e.param.iter().find(|p| p.id == c.param).expect("param");
            let dim = p.dimension.as_deref().expect("dim");
            let leaf = Expr::Cmp(c.clone());
            let eval = |v: f64, unit: &str| {
                let mut a = Answers::new();
                a.insert("identity".into(), Answer::Bool { value: true });
                a.insert(
                    c.param.clone(),
                    Answer::Number {
                        value: v,
                        unit: unit.into(),
                    },
                );
                evaluate_item(e, &leaf, &a).result
            };
            let at = eval(c.value, &c.unit);
            let incl = c.op.inclusive();
            // A partial entry never says "not matched" (a condition may be missing).
            let outside_result = if e.coverage == dual_use_check::engine::model::Coverage::Full {
                ItemResult::NotMatched
            } else {
                ItemResult::Undetermined
            };
            assert_eq!(
                at,
                if incl {
                    ItemResult::Matched
                } else {
                    outside_result
                },
                "{} {:?} at bound",
                e.code,
                c
            );
            let step = (c.value.abs() * 1e-6).max(1e-6);
            let (inside, outside) = match c.op {
                dual_use_check::engine::expr::Op::Ge | dual_use_check::engine::expr::Op::Gt => {
                    (c.value + step, c.value - step)
                }
                dual_use_check::engine::expr::Op::Le | dual_use_check::engine::expr::Op::Lt => {
                    (c.value - step, c.value + step)
                }
                dual_use_check::engine::expr::Op::Eq => (c.value, c.value + step),
            };
            assert_eq!(
                eval(inside, &c.unit),
                ItemResult::Matched,
                "{} {:?} inside",
                e.code,
                c
            );
            if outside >= 0.0 {
                assert_eq!(
                    eval(outside, &c.unit),
                    outside_result,
                    "{} {:?} outside",
                    e.code,
                    c
                );
            }
            for u in units::units_of(dim) {
                let canon = units::to_canonical(dim, &c.unit, c.value).expect("canon");
                let back = units::to_canonical(dim, u, 1.0).expect("u");
                let off = units::to_canonical(dim, u, 0.0).expect("u0");
                let v = (canon - off) / (back - off);
                assert_eq!(eval(v, u), at, "{} {:?} bound in {u}", e.code, c);
            }
        }
    }
    println!("bounds checked: {n}");
}

fn collect<'a>(e: &'a Expr, out: &mut Vec<&'a dual_use_check::engine::expr::Cmp>) {
    match e {
        Expr::Cmp(c) => out.push(c),
        Expr::Not(x) => collect(x, out),
        Expr::All(v) | Expr::Any(v) => v.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// The outcome only changes on dates that appear in the data (window starts, and the
/// day after window ends).
#[test]
fn as_of_date_only_matters_at_data_dates() {
    let b = &engine().bundle;
    let mut change_days = std::collections::BTreeSet::new();
    let mut add = |w: &dual_use_check::engine::model::Window| {
        if let Some(f) = Date::parse(&w.from) {
            change_days.insert(f);
        }
        if let Some(t) = w.to.as_deref().and_then(Date::parse) {
            change_days.insert(t.succ());
        }
    };
    for e in &b.entries {
        e.valid.iter().chain(&e.suspensions).for_each(&mut add);
    }
    for m in &b.measures {
        m.valid.iter().chain(&m.suspensions).for_each(&mut add);
    }
    for e in b.entries.iter().step_by(7) {
        for dest in ["US", "DE"] {
            let req = Request {
                item: Some(ItemInput {
                    code: e.code.clone(),
                    answers: [("identity".to_string(), Answer::Bool { value: true })]
                        .into_iter()
                        .collect(),
                }),
                destination: Some(dest.into()),
                end_use: EndUse {
                    notified: YesNo::No,
                    national_security: YesNo::No,
                    wmd: YesNo::No,
                    terrorism: YesNo::No,
                    military: YesNo::No,
                },
                ..Request::default()
            };
            let mut d = Date::parse("2023-01-01").expect("d");
            let mut prev = determine(engine(), &req, d).expect("det");
            let end = Date::parse("2027-06-30").expect("d");
            while d < end {
                d = d.succ();
                let cur = determine(engine(), &req, d).expect("det");
                let rules = |x: &dual_use_check::engine::Determination| {
                    x.trace.iter().map(|s| s.rule.clone()).collect::<Vec<_>>()
                };
                if cur.outcome != prev.outcome || rules(&cur) != rules(&prev) {
                    assert!(
                        change_days.contains(&d),
                        "{} to {dest}: outcome changed on {d}, not a data date",
                        e.code
                    );
                }
                prev = cur;
            }
        }
    }
}
