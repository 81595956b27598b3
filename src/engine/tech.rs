//! The civil technology-export regime: the Catalogue of Technologies Prohibited or
//! Restricted from Export (《中国禁止出口限制出口技术目录》) under the Foreign Trade Law
//! and the Technology Import and Export Regulations. Pure: the determination turns the
//! findings below into trace steps.
//!
//! An item applies when any of its control points applies. "Unknown" never clears an
//! item, an item whose control points are not all encoded never clears a technology,
//! and "none of the items applies" is only a firm answer when the data holds the whole
//! catalogue version in force (`tech_catalogue.complete`).

use crate::engine::data::Engine;
use crate::engine::date::Date;
use crate::engine::determine::YesNo;
use crate::engine::error::EngineError;
use crate::engine::model::{Coverage, TechItem, TechStatus, Text};
use crate::engine::status::{status_on, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the technology changes hands (Technology Import and Export Regulations Art. 2).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TransferMode {
    PatentAssignment,
    PatentLicence,
    KnowHow,
    TechnicalService,
    Cooperation,
    Investment,
    ForeignPersonInChina,
    #[default]
    Other,
}

impl TransferMode {
    pub const ALL: [TransferMode; 8] = [
        TransferMode::PatentAssignment,
        TransferMode::PatentLicence,
        TransferMode::KnowHow,
        TransferMode::TechnicalService,
        TransferMode::Cooperation,
        TransferMode::Investment,
        TransferMode::ForeignPersonInChina,
        TransferMode::Other,
    ];
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            TransferMode::PatentAssignment => (
                "专利权或专利申请权转让",
                "Patent or patent-application assignment",
            ),
            TransferMode::PatentLicence => ("专利实施许可", "Patent licence"),
            TransferMode::KnowHow => ("技术秘密转让", "Know-how transfer"),
            TransferMode::TechnicalService => ("技术服务", "Technical service"),
            TransferMode::Cooperation => ("经济技术合作", "Economic and technical cooperation"),
            TransferMode::Investment => {
                ("投资（以技术出资）", "Investment (technology contributed)")
            }
            TransferMode::ForeignPersonInChina => (
                "向境内的外国组织或个人提供",
                "Provision to a foreign person inside China",
            ),
            TransferMode::Other => ("其他方式", "Other"),
        };
        Text::new(zh, en)
    }
}

/// What the user said about the technology. `item` is a catalogue item id; `answers`
/// map its control-point ids to yes/no/unknown. `none_apply` means the user looked at the
/// candidates and found that none applies.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TechInput {
    #[serde(default)]
    pub transfer: TransferMode,
    /// Industry filter the user chose (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default)]
    pub answers: BTreeMap<String, YesNo>,
    #[serde(default)]
    pub none_apply: bool,
}

/// The civil-regime answer.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TechOutcome {
    Prohibited,
    Restricted,
    /// Not in the catalogue (only when the data holds the whole version in force).
    NotListed,
    Uncertain,
    /// Technology export, but the catalogue questions were not answered.
    NotAssessed,
}

/// Summary of a catalogue item, for the result and the report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TechItemSummary {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub status: TechStatus,
    pub name: Text,
    pub industry: Text,
    pub coverage: Coverage,
}

impl TechItemSummary {
    pub fn of(t: &TechItem) -> Self {
        TechItemSummary {
            id: t.id.clone(),
            number: t.number.clone(),
            status: t.status,
            name: t.name.clone(),
            industry: t.industry.clone(),
            coverage: t.coverage,
        }
    }
    pub fn label(&self) -> Text {
        let n = self.number.as_deref().unwrap_or("—");
        Text::new(
            format!("{}（{}）", self.name.zh, n),
            format!("{} ({})", self.name.en, n),
        )
    }
}

/// One finding, turned into a trace step by the determination.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub kind: FindingKind,
    pub vars: Vec<(&'static str, Text)>,
    pub answer: Option<Text>,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingKind {
    Info,
    Warning,
    Uncertain,
    Decisive,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TechEval {
    pub outcome: TechOutcome,
    pub item: Option<TechItemSummary>,
    /// Control points the user answered "yes".
    pub points_applying: Vec<String>,
    pub findings: Vec<Finding>,
}

impl Engine {
    pub fn tech_item(&self, id: &str) -> Option<&TechItem> {
        let id = id.trim();
        self.bundle.tech.iter().find(|t| t.id == id)
    }

    /// Catalogue items in force (or uncertain) on `as_of`, optionally in one industry
    /// (matched on the zh or en industry name) and matching a free-text query.
    pub fn tech_candidates(
        &self,
        as_of: Date,
        industry: Option<&str>,
        query: &str,
    ) -> Vec<TechItemSummary> {
        let q = crate::engine::search::normalize(query);
        self.bundle
            .tech
            .iter()
            .filter(|t| {
                !matches!(
                    status_on(&t.valid, &[], as_of),
                    Status::Ended { .. } | Status::NotYetInForce { .. }
                )
            })
            .filter(|t| match industry {
                Some(i) if !i.trim().is_empty() => {
                    t.industry.zh == i.trim() || t.industry.en == i.trim()
                }
                _ => true,
            })
            .filter(|t| {
                if q.is_empty() {
                    return true;
                }
                let hay = [
                    &t.name.zh,
                    &t.name.en,
                    &t.industry.zh,
                    &t.industry.en,
                    t.number.as_deref().unwrap_or(""),
                ]
                .into_iter()
                .map(crate::engine::search::normalize)
                .chain(
                    t.keywords
                        .zh
                        .iter()
                        .chain(t.keywords.en.iter())
                        .map(|s| crate::engine::search::normalize(s.as_str())),
                )
                .chain(t.points.iter().flat_map(|p| {
                    [
                        crate::engine::search::normalize(&p.text.zh),
                        crate::engine::search::normalize(&p.text.en),
                    ]
                }))
                .collect::<Vec<_>>();
                hay.iter().any(|h| h.contains(&q))
            })
            .map(TechItemSummary::of)
            .collect()
    }

    /// The industries of the catalogue items (zh, en), sorted, without duplicates.
    pub fn tech_industries(&self) -> Vec<Text> {
        let mut v: Vec<Text> = self
            .bundle
            .tech
            .iter()
            .map(|t| t.industry.clone())
            .collect();
        v.sort_by(|a, b| a.en.cmp(&b.en));
        v.dedup();
        v
    }

    /// The catalogue version in force on `d`, if the data has one.
    pub fn tech_version_on(&self, d: Date) -> Option<&crate::engine::model::TechCatalogueVersion> {
        self.bundle
            .tech_catalogue
            .iter()
            .filter(|v| Date::parse(&v.from).is_some_and(|f| f <= d))
            .max_by(|a, b| a.from.cmp(&b.from))
    }
}

fn f(rule: &'static str, kind: FindingKind, vars: Vec<(&'static str, Text)>) -> Finding {
    Finding {
        rule,
        kind,
        vars,
        answer: None,
        sources: vec![],
    }
}

fn yn(a: YesNo) -> Text {
    match a {
        YesNo::Yes => Text::new("是", "yes"),
        YesNo::No => Text::new("否", "no"),
        YesNo::Unknown => Text::new("不知道", "unknown"),
    }
}

/// Assess a technology export against the catalogue, as of `as_of`.
pub fn assess(engine: &Engine, input: &TechInput, as_of: Date) -> Result<TechEval, EngineError> {
    let mut findings = vec![Finding {
        answer: Some(input.transfer.label()),
        ..f("tech_transfer_mode", FindingKind::Info, vec![])
    }];
    if input.transfer == TransferMode::ForeignPersonInChina {
        findings.push(f(
            "tech_foreign_person_in_china",
            FindingKind::Warning,
            vec![],
        ));
    }
    let version_sources: Vec<String> = engine
        .tech_version_on(as_of)
        .map(|v| vec![v.source.clone()])
        .unwrap_or_default();
    let not_listed = |mut findings: Vec<Finding>| {
        let version = engine.tech_version_on(as_of);
        let (rule, kind, outcome) = match version {
            Some(v) if v.complete => ("tech_not_listed", FindingKind::Info, TechOutcome::NotListed),
            _ => (
                "tech_not_listed_incomplete",
                FindingKind::Uncertain,
                TechOutcome::Uncertain,
            ),
        };
        let note = version.map(|v| v.note.clone()).unwrap_or_else(|| {
            Text::new(
                "数据中没有该日期适用的目录版本。",
                "The data has no catalogue version for that date.",
            )
        });
        findings.push(Finding {
            sources: version_sources.clone(),
            ..f(rule, kind, vec![("note", note)])
        });
        TechEval {
            outcome,
            item: None,
            points_applying: vec![],
            findings,
        }
    };

    let Some(id) = input.item.as_deref().filter(|s| !s.trim().is_empty()) else {
        if input.none_apply {
            return Ok(not_listed(findings));
        }
        findings.push(f("tech_not_assessed", FindingKind::Uncertain, vec![]));
        return Ok(TechEval {
            outcome: TechOutcome::NotAssessed,
            item: None,
            points_applying: vec![],
            findings,
        });
    };
    let item = engine
        .tech_item(id)
        .ok_or_else(|| EngineError::unknown_tech(id))?;
    for k in input.answers.keys() {
        if !item.points.iter().any(|p| &p.id == k) {
            return Err(EngineError::unknown_param(&item.id, k));
        }
    }
    let summary = TechItemSummary::of(item);
    let item_var = ("item", summary.label());
    let srcs: Vec<String> = item.sources.iter().map(|s| s.source.clone()).collect();
    let step = |rule, kind, extra: Vec<(&'static str, Text)>, answer: Option<Text>| {
        let mut vars = vec![item_var.clone()];
        vars.extend(extra);
        Finding {
            rule,
            kind,
            vars,
            answer,
            sources: srcs.clone(),
        }
    };
    match status_on(&item.valid, &[], as_of) {
        Status::Ended { .. } | Status::NotYetInForce { .. } => {
            findings.push(step(
                "tech_item_not_in_force",
                FindingKind::Info,
                vec![],
                None,
            ));
            let mut e = not_listed(findings);
            e.item = Some(summary);
            return Ok(e);
        }
        _ => {}
    }
    let answered = |p: &str| input.answers.get(p).copied().unwrap_or(YesNo::Unknown);
    let applying: Vec<&crate::engine::model::TechPoint> = item
        .points
        .iter()
        .filter(|p| answered(&p.id) == YesNo::Yes)
        .collect();
    let unknown: Vec<&crate::engine::model::TechPoint> = item
        .points
        .iter()
        .filter(|p| answered(&p.id) == YesNo::Unknown)
        .collect();
    let answers_text = |ps: &[&crate::engine::model::TechPoint]| {
        let (zh, en): (Vec<String>, Vec<String>) = ps
            .iter()
            .map(|p| {
                let a = yn(answered(&p.id));
                (
                    format!("{}：{}", p.text.zh, a.zh),
                    format!("{}: {}", p.text.en, a.en),
                )
            })
            .unzip();
        Text::new(zh.join("；"), en.join("; "))
    };
    let until = item.confirmed_until.clone().unwrap_or_default();
    let confirmed_var = ("date", Text::new(until.clone(), until));
    let confirmed_lapsed = item
        .confirmed_until
        .as_deref()
        .and_then(Date::parse)
        .is_some_and(|c| as_of > c);

    let outcome;
    if !applying.is_empty() {
        let (rule, o) = match item.status {
            TechStatus::Prohibited => ("tech_prohibited", TechOutcome::Prohibited),
            TechStatus::Restricted => ("tech_restricted", TechOutcome::Restricted),
        };
        findings.push(step(
            rule,
            FindingKind::Decisive,
            vec![],
            Some(answers_text(&applying)),
        ));
        if confirmed_lapsed {
            findings.push(step(
                "tech_item_not_confirmed",
                FindingKind::Warning,
                vec![confirmed_var.clone()],
                None,
            ));
        }
        outcome = o;
    } else if item.coverage == Coverage::Inventory || item.points.is_empty() {
        let missing = item
            .missing
            .clone()
            .unwrap_or_else(|| Text::new("控制要点未编码。", "Control points not encoded."));
        findings.push(step(
            "tech_item_not_encoded",
            FindingKind::Uncertain,
            vec![("missing", missing)],
            None,
        ));
        outcome = TechOutcome::Uncertain;
    } else if !unknown.is_empty() {
        findings.push(step(
            "tech_point_unknown",
            FindingKind::Uncertain,
            vec![],
            Some(answers_text(&unknown)),
        ));
        outcome = TechOutcome::Uncertain;
    } else if item.coverage == Coverage::Partial {
        let missing = item.missing.clone().unwrap_or_else(|| {
            Text::new(
                "部分控制要点未编码。",
                "Some control points are not encoded.",
            )
        });
        let all: Vec<_> = item.points.iter().collect();
        findings.push(step(
            "tech_item_partial_no_point",
            FindingKind::Uncertain,
            vec![("missing", missing)],
            Some(answers_text(&all)),
        ));
        outcome = TechOutcome::Uncertain;
    } else if confirmed_lapsed {
        findings.push(step(
            "tech_item_not_confirmed",
            FindingKind::Uncertain,
            vec![confirmed_var],
            None,
        ));
        outcome = TechOutcome::Uncertain;
    } else {
        let all: Vec<_> = item.points.iter().collect();
        findings.push(step(
            "tech_item_not_matched",
            FindingKind::Info,
            vec![],
            Some(answers_text(&all)),
        ));
        let mut e = not_listed(findings);
        e.item = Some(summary);
        return Ok(e);
    }
    Ok(TechEval {
        outcome,
        item: Some(summary),
        points_applying: applying.iter().map(|p| p.id.clone()).collect(),
        findings,
    })
}
