//! Three-valued evaluation of an entry's rule against the user's answers.
//! "Unknown" propagates (Kleene logic) and never turns into "not matched".

use crate::engine::error::EngineError;
use crate::engine::expr::{Cmp, Expr, Op};
use crate::engine::model::{Coverage, Entry, Param, ParamKind, Text};
use crate::engine::units;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The id of the implicit first question of every entry: does the item fit the
/// entry's description at all?
pub const IDENTITY: &str = "identity";

/// One answer, as the user gave it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    Number { value: f64, unit: String },
    Choice { value: String },
    Bool { value: bool },
    Unknown,
}

pub type Answers = BTreeMap<String, Answer>;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

impl Tri {
    fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ItemResult {
    Matched,
    NotMatched,
    Undetermined,
}

/// One condition that decided the result, with the answer it was tested against.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    pub param: String,
    pub label: Text,
    /// The condition as written in the data, e.g. `purity ≥ 99.99 %`.
    pub condition: String,
    /// Whether the bound value itself satisfies the condition (numbers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inclusive: Option<bool>,
    /// The answer as given, e.g. `99.995 %`, or `unknown`.
    pub answer: String,
    pub result: Tri,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ItemEvaluation {
    pub code: String,
    pub result: ItemResult,
    /// The conditions that decided the result.
    pub decided_by: Vec<Finding>,
    /// Parameters whose answers were unknown or missing and mattered.
    pub unknown: Vec<String>,
    /// Why the result is undetermined although the answers were given, if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<Text>,
}

const MAX_ABS: f64 = 1e12;

/// Reject malformed answers with a typed error. Unknown answers are always valid.
pub fn check_answers(entry: &Entry, answers: &Answers) -> Result<(), EngineError> {
    for (id, a) in answers {
        if id == IDENTITY {
            if !matches!(a, Answer::Bool { .. } | Answer::Unknown) {
                return Err(EngineError::wrong_type(
                    id,
                    "是/否/不确定",
                    "yes, no or unknown",
                ));
            }
            continue;
        }
        let p = entry
            .param
            .iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| EngineError::unknown_param(&entry.code, id))?;
        check_answer(p, a)?;
    }
    Ok(())
}

fn check_answer(p: &Param, a: &Answer) -> Result<(), EngineError> {
    match (p.kind, a) {
        (_, Answer::Unknown) => Ok(()),
        (ParamKind::Bool, Answer::Bool { .. }) => Ok(()),
        (ParamKind::Choice, Answer::Choice { value }) => {
            if p.choices.iter().any(|c| &c.id == value) {
                Ok(())
            } else {
                Err(EngineError::unknown_choice(&p.id, value))
            }
        }
        (ParamKind::Number, Answer::Number { value, unit }) => {
            let dim = p.dimension.as_deref().unwrap_or("");
            if !value.is_finite() {
                return Err(EngineError::invalid_number(&p.id));
            }
            if *value < 0.0 && dim != "temperature" {
                return Err(EngineError::negative(&p.id));
            }
            if value.abs() > MAX_ABS {
                return Err(EngineError::out_of_range(&p.id));
            }
            let canon = units::to_canonical(dim, unit, *value)
                .ok_or_else(|| EngineError::unknown_unit(&p.id, unit, &units::units_of(dim)))?;
            if dim == "fraction" && canon > 100.0 + 1e-9 {
                return Err(EngineError::out_of_range(&p.id));
            }
            if dim == "temperature" && canon < -273.15 {
                return Err(EngineError::out_of_range(&p.id));
            }
            Ok(())
        }
        (ParamKind::Bool, _) => Err(EngineError::wrong_type(&p.id, "是/否", "yes or no")),
        (ParamKind::Choice, _) => Err(EngineError::wrong_type(
            &p.id,
            "一个选项",
            "one of the options",
        )),
        (ParamKind::Number, _) => Err(EngineError::wrong_type(
            &p.id,
            "数值和单位",
            "a number with a unit",
        )),
    }
}

/// Show an answer as text for the trace.
pub fn show_answer(a: Option<&Answer>) -> String {
    match a {
        None | Some(Answer::Unknown) => "unknown".into(),
        Some(Answer::Bool { value: true }) => "yes".into(),
        Some(Answer::Bool { value: false }) => "no".into(),
        Some(Answer::Choice { value }) => value.clone(),
        Some(Answer::Number { value, unit }) => {
            let u = units::normalize_unit(unit);
            format!("{value} {}", units::display_unit(&u))
                .trim()
                .to_string()
        }
    }
}

fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn compare(c: &Cmp, dim: &str, a: Option<&Answer>) -> Tri {
    let Some(Answer::Number { value, unit }) = a else {
        return Tri::Unknown;
    };
    let (Some(x), Some(bound)) = (
        units::to_canonical(dim, unit, *value),
        units::to_canonical(dim, &c.unit, c.value),
    ) else {
        return Tri::Unknown;
    };
    let eq = approx_eq(x, bound);
    let r = match c.op {
        Op::Ge => eq || x > bound,
        Op::Gt => !eq && x > bound,
        Op::Le => eq || x < bound,
        Op::Lt => !eq && x < bound,
        Op::Eq => eq,
    };
    if r {
        Tri::Yes
    } else {
        Tri::No
    }
}

struct Ev<'a> {
    entry: &'a Entry,
    answers: &'a Answers,
}

impl<'a> Ev<'a> {
    fn param(&self, id: &str) -> Option<&'a Param> {
        self.entry.param.iter().find(|p| p.id == id)
    }
    fn leaf(
        &self,
        param: &str,
        condition: String,
        inclusive: Option<bool>,
        r: Tri,
    ) -> (Tri, Vec<Finding>) {
        let label = self
            .param(param)
            .map(|p| p.label.clone())
            .unwrap_or_else(|| Text::new(param, param));
        let f = Finding {
            param: param.to_string(),
            label,
            condition,
            inclusive,
            answer: show_answer(self.answers.get(param)),
            result: r,
        };
        (r, vec![f])
    }
    fn eval(&self, e: &Expr) -> (Tri, Vec<Finding>) {
        match e {
            Expr::Const(b) => (if *b { Tri::Yes } else { Tri::No }, vec![]),
            Expr::Flag(p) => {
                let r = match self.answers.get(p) {
                    Some(Answer::Bool { value }) => {
                        if *value {
                            Tri::Yes
                        } else {
                            Tri::No
                        }
                    }
                    _ => Tri::Unknown,
                };
                self.leaf(p, e.to_string(), None, r)
            }
            Expr::In(p, ids) => {
                let r = match self.answers.get(p) {
                    Some(Answer::Choice { value }) => {
                        if ids.contains(value) {
                            Tri::Yes
                        } else {
                            Tri::No
                        }
                    }
                    _ => Tri::Unknown,
                };
                self.leaf(p, e.to_string(), None, r)
            }
            Expr::Cmp(c) => {
                let dim = self
                    .param(&c.param)
                    .and_then(|p| p.dimension.as_deref())
                    .unwrap_or("");
                let r = compare(c, dim, self.answers.get(&c.param));
                self.leaf(&c.param, e.to_string(), Some(c.op.inclusive()), r)
            }
            Expr::Not(inner) => {
                let (r, f) = self.eval(inner);
                (r.not(), f)
            }
            Expr::All(v) | Expr::Any(v) => {
                let all = matches!(e, Expr::All(_));
                let results: Vec<(Tri, Vec<Finding>)> = v.iter().map(|x| self.eval(x)).collect();
                // For "all", a No decides; for "any", a Yes decides.
                let decisive = if all { Tri::No } else { Tri::Yes };
                let pick = |t: Tri| -> Vec<Finding> {
                    results
                        .iter()
                        .filter(|(r, _)| *r == t)
                        .flat_map(|(_, f)| f.iter().cloned())
                        .collect()
                };
                if results.iter().any(|(r, _)| *r == decisive) {
                    (decisive, pick(decisive))
                } else if results.iter().any(|(r, _)| *r == Tri::Unknown) {
                    (Tri::Unknown, pick(Tri::Unknown))
                } else {
                    let other = decisive.not();
                    (other, pick(other))
                }
            }
        }
    }
}

/// Evaluate one entry. The caller has parsed `rule` from `entry.rule` and checked the
/// answers with [`check_answers`]; unchecked answers are treated as unknown.
pub fn evaluate_item(entry: &Entry, rule: &Expr, answers: &Answers) -> ItemEvaluation {
    let ev = Ev { entry, answers };
    let identity = match answers.get(IDENTITY) {
        Some(Answer::Bool { value: true }) => Tri::Yes,
        Some(Answer::Bool { value: false }) => Tri::No,
        _ => Tri::Unknown,
    };
    let id_finding = Finding {
        param: IDENTITY.into(),
        label: Text::new("物项符合条目描述", "The item fits the entry description"),
        condition: entry.code.clone(),
        inclusive: None,
        answer: show_answer(answers.get(IDENTITY)),
        result: identity,
    };
    let mut out = ItemEvaluation {
        code: entry.code.clone(),
        result: ItemResult::Undetermined,
        decided_by: vec![],
        unknown: vec![],
        caveat: None,
    };
    if identity == Tri::No {
        out.result = ItemResult::NotMatched;
        out.decided_by = vec![id_finding];
        return out;
    }
    let (r, findings) = ev.eval(rule);
    out.unknown = findings
        .iter()
        .filter(|f| f.result == Tri::Unknown)
        .map(|f| f.param.clone())
        .collect();
    if identity == Tri::Unknown {
        out.unknown.insert(0, IDENTITY.into());
    }
    out.decided_by = findings;
    out.decided_by.insert(0, id_finding);
    out.result = match (identity, r) {
        (Tri::Unknown, Tri::No) => ItemResult::NotMatched,
        (_, Tri::Unknown) | (Tri::Unknown, _) => ItemResult::Undetermined,
        (_, Tri::Yes) => ItemResult::Matched,
        (_, Tri::No) => ItemResult::NotMatched,
    };
    match entry.coverage {
        Coverage::Inventory => {
            out.result = ItemResult::Undetermined;
            out.caveat = entry.missing.clone().or_else(|| {
                Some(Text::new(
                    "本条目的管制参数尚未编码，请查阅官方清单原文。",
                    "This entry's control parameters are not encoded; read the official list text.",
                ))
            });
        }
        Coverage::Partial if out.result == ItemResult::NotMatched => {
            out.result = ItemResult::Undetermined;
            out.caveat = entry.missing.clone();
        }
        Coverage::Partial => out.caveat = entry.missing.clone(),
        _ => {}
    }
    out
}
