//! The question graph of an entry: what to ask, with units, choices and definitions.

use crate::engine::data::Engine;
use crate::engine::error::EngineError;
use crate::engine::eval::IDENTITY;
use crate::engine::expr::Expr;
use crate::engine::model::{Choice, Coverage, ParamKind, Route, Text};
use crate::engine::units;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UnitOption {
    pub id: String,
    pub label: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Question {
    pub id: String,
    pub kind: ParamKind,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitOption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// How each bound on this parameter is read (inclusive or exclusive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bounds: Vec<Text>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SourceLink {
    pub id: String,
    pub number: String,
    pub title: Text,
    pub date: String,
    pub para: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EntryQuestions {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<Text>,
    pub coverage: Coverage,
    pub route: Route,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Text>,
    pub hs: Vec<String>,
    pub questions: Vec<Question>,
    pub sources: Vec<SourceLink>,
}

fn bound_notes(rule: &Expr, param: &str, out: &mut Vec<Text>) {
    match rule {
        Expr::Cmp(c) if c.param == param => {
            let v = format!("{} {}", c.value, units::display_unit(&c.unit));
            let v = v.trim();
            let sym = c.op.symbol();
            out.push(if c.op.inclusive() {
                Text::new(
                    format!("界限 {sym} {v}：恰好等于 {v} 也算在内（“以上/以下”含本数）。"),
                    format!("Bound {sym} {v}: exactly {v} counts (inclusive)."),
                )
            } else {
                Text::new(
                    format!("界限 {sym} {v}：恰好等于 {v} 不算在内（“超过/低于”不含本数）。"),
                    format!("Bound {sym} {v}: exactly {v} does not count (exclusive)."),
                )
            });
        }
        Expr::Not(e) => bound_notes(e, param, out),
        Expr::All(v) | Expr::Any(v) => v.iter().for_each(|e| bound_notes(e, param, out)),
        _ => {}
    }
}

/// The questions for one entry: first "does the item fit the description?", then the
/// entry's own parameters.
pub fn questions(engine: &Engine, code: &str) -> Result<EntryQuestions, EngineError> {
    let (e, rule) = engine
        .entry(code)
        .ok_or_else(|| EngineError::unknown_code(code))?;
    let desc = e.description.clone().unwrap_or_else(|| e.name.clone());
    let mut qs = vec![Question {
        id: IDENTITY.into(),
        kind: ParamKind::Bool,
        label: Text::new(
            format!("您的物项是否属于：{}？", e.name.zh),
            format!("Is your item: {}?", e.name.en),
        ),
        help: Some(desc),
        units: vec![],
        choices: vec![],
        bounds: vec![],
    }];
    for p in &e.param {
        let mut bounds = Vec::new();
        bound_notes(rule, &p.id, &mut bounds);
        qs.push(Question {
            id: p.id.clone(),
            kind: p.kind,
            label: p.label.clone(),
            help: p.help.clone(),
            units: units::units_of(p.dimension.as_deref().unwrap_or(""))
                .into_iter()
                .map(|u| UnitOption {
                    id: u.to_string(),
                    label: units::display_unit(u).to_string(),
                })
                .collect(),
            choices: p.choices.clone(),
            bounds,
        });
    }
    let sources = e
        .sources
        .iter()
        .filter_map(|r| {
            let s = engine.source(&r.source)?;
            Some(SourceLink {
                id: s.id.clone(),
                number: s.number.clone(),
                title: s.title.clone(),
                date: s.date.clone(),
                para: r.para.clone(),
                url: s.url.clone(),
            })
        })
        .collect();
    Ok(EntryQuestions {
        code: e.code.clone(),
        name: e.name.clone(),
        description: e.description.clone(),
        forms: e.forms.clone(),
        coverage: e.coverage,
        route: e.route,
        missing: e.missing.clone(),
        hs: e
            .hs
            .iter()
            .map(|h| format!("{} ({})", h.code, h.year))
            .collect(),
        questions: qs,
        sources,
    })
}
