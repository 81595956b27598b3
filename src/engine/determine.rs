//! The determination for a whole export: scope, item, route, catch-all, destination
//! measures, licence route, with a reasons trace that cites the law for every step.

use crate::engine::data::Engine;
use crate::engine::date::Date;
use crate::engine::error::EngineError;
use crate::engine::eval::{self, Answers, ItemEvaluation, ItemResult};
use crate::engine::model::*;
use crate::engine::screen::{self, ScreenResult};
use crate::engine::status::{status_on, Status};
use serde::{Deserialize, Serialize};

/// Longest party name accepted.
pub const MAX_NAME_CHARS: usize = 500;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    #[default]
    Goods,
    Technology,
    Software,
    Service,
    Data,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// Shipped or transferred from China to another country or region.
    #[default]
    Export,
    /// Provided to a foreign organisation or person inside China.
    ForeignPersonInChina,
    /// Re-export, transit, transhipment or through-shipment.
    ReexportTransit,
    /// Out of China from a special customs zone or bonded site.
    SpecialZone,
    /// Between special customs zones or from China into one.
    BetweenSpecialZones,
}

/// The regime the user says the item falls under when no entry is selected.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    #[default]
    DualUse,
    Nuclear,
    Military,
}

/// Yes, no or unknown. Missing answers are unknown.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    Yes,
    No,
    #[default]
    Unknown,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EndUse {
    /// The authority has notified the exporter that a licence is needed.
    #[serde(default)]
    pub notified: YesNo,
    /// The item may endanger national security and interests.
    #[serde(default)]
    pub national_security: YesNo,
    /// Weapons of mass destruction or their means of delivery.
    #[serde(default)]
    pub wmd: YesNo,
    #[serde(default)]
    pub terrorism: YesNo,
    /// Military end user or military end use.
    #[serde(default)]
    pub military: YesNo,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    pub code: String,
    #[serde(default)]
    pub answers: Answers,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Evaluation date `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub export_kind: ExportKind,
    #[serde(default)]
    pub movement: Movement,
    #[serde(default)]
    pub regime: Regime,
    /// The list entry the user identified, with the answers to its questions.
    /// `None` means the user found no list entry for the item.
    #[serde(default)]
    pub item: Option<ItemInput>,
    /// ISO 3166-1 alpha-2 destination.
    #[serde(default)]
    pub destination: Option<String>,
    #[serde(default)]
    pub end_user: Option<String>,
    #[serde(default)]
    pub end_use: EndUse,
    /// Technology, software and service exports: the civil technology catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<crate::engine::tech::TechInput>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Prohibited,
    DesignatedOperatorsOnly,
    LicenceRequired,
    Uncertain,
    ControlSuspended,
    NoLicenceRequiredByList,
    NotAnExport,
}

impl Outcome {
    pub fn rule_id(self) -> &'static str {
        match self {
            Outcome::Prohibited => "outcome_prohibited",
            Outcome::DesignatedOperatorsOnly => "outcome_designated_operators_only",
            Outcome::LicenceRequired => "outcome_licence_required",
            Outcome::Uncertain => "outcome_uncertain",
            Outcome::ControlSuspended => "outcome_control_suspended",
            Outcome::NoLicenceRequiredByList => "outcome_no_licence_required_by_list",
            Outcome::NotAnExport => "outcome_not_an_export",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Info,
    Decisive,
    Warning,
    Uncertain,
}

/// One step of the reasons trace.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Step {
    pub rule: String,
    pub kind: StepKind,
    pub text: Text,
    /// The answers that drove the step, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Text>,
    pub citations: Vec<String>,
    /// Source documents behind the step (announcements), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EntrySummary {
    pub code: String,
    pub name: Text,
    pub coverage: Coverage,
    pub route: Route,
    pub status: Status,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LicenceInfo {
    pub options: Vec<Text>,
    pub documents: Vec<Text>,
    pub time_limit: Text,
    pub citations: Vec<String>,
}

/// The engine's answer for one export.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Determination {
    pub outcome: Outcome,
    pub headline: Text,
    pub as_of: String,
    pub route: Route,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntrySummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemEvaluation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<LicenceInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customs_remark: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening: Option<ScreenResult>,
    /// What ignoring the route can cost (Law Ch. 4, Regulations Ch. 5): context only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Penalty>,
    /// The civil technology-export regime (technology, software and service exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<TechResult>,
    pub trace: Vec<Step>,
    pub citations: Vec<Citation>,
    pub sources: Vec<Source>,
    pub data_version: DataVersion,
}

/// A penalty that applies if the route is ignored, with its citations.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Penalty {
    pub text: Text,
    pub citations: Vec<String>,
}

/// The civil technology-export answer: the catalogue item, and for a restricted
/// technology the licence steps (letter of intent, contract, licence).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TechResult {
    pub outcome: crate::engine::tech::TechOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<crate::engine::tech::TechItemSummary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points_applying: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<LicenceInfo>,
}

struct Trace<'a> {
    engine: &'a Engine,
    steps: Vec<Step>,
}

impl<'a> Trace<'a> {
    /// Add a step whose wording and citations come from the rule table.
    fn step(
        &mut self,
        rule: &str,
        kind: StepKind,
        vars: &[(&str, Text)],
        answer: Option<Text>,
        sources: Vec<String>,
    ) {
        let (text, citations) = render(self.engine, rule, vars);
        self.steps.push(Step {
            rule: rule.to_string(),
            kind,
            text,
            answer,
            citations,
            sources,
        });
    }
}

/// Fill `{name}` placeholders of a rule's text, per language.
pub fn render(engine: &Engine, rule: &str, vars: &[(&str, Text)]) -> (Text, Vec<String>) {
    let Some(r) = engine.rule(rule) else {
        return (Text::new(rule, rule), vec![]);
    };
    let mut zh = r.text.zh.clone();
    let mut en = r.text.en.clone();
    for (k, v) in vars {
        let key = format!("{{{k}}}");
        zh = zh.replace(&key, &v.zh);
        en = en.replace(&key, &v.en);
    }
    (Text { zh, en }, r.citations.clone())
}

fn plain(s: &str) -> Text {
    Text::new(s, s)
}

fn source_title(engine: &Engine, id: &str) -> Text {
    engine
        .source(id)
        .map(|s| {
            Text::new(
                format!("{}（{}）", s.number, s.date),
                format!("{} ({})", s.title.en, s.date),
            )
        })
        .unwrap_or_else(|| plain(id))
}

fn zh_answer(a: &str) -> String {
    match a {
        "yes" => "是".into(),
        "no" => "否".into(),
        "unknown" => "不确定".into(),
        other => other.into(),
    }
}

/// Yes if any is yes; otherwise unknown if any is unknown; otherwise no.
fn any_of(v: &[YesNo]) -> YesNo {
    if v.contains(&YesNo::Yes) {
        YesNo::Yes
    } else if v.contains(&YesNo::Unknown) {
        YesNo::Unknown
    } else {
        YesNo::No
    }
}

/// An end-use answer as bilingual text, e.g. "大规模杀伤性武器：否" / "wmd: no".
fn yes_no_text(key: &str, v: YesNo) -> Text {
    let (zh_key, en_key) = match key {
        "notified" => ("主管部门通知", "notified by the authority"),
        "national_security" => ("危害国家安全", "national security"),
        "wmd" => ("大规模杀伤性武器", "WMD"),
        "terrorism" => ("恐怖主义", "terrorism"),
        "military" => ("军事用户或用途", "military end user or use"),
        other => (other, other),
    };
    let en = match v {
        YesNo::Yes => "yes",
        YesNo::No => "no",
        YesNo::Unknown => "unknown",
    };
    Text::new(
        format!("{zh_key}：{}", zh_answer(en)),
        format!("{en_key}: {en}"),
    )
}

fn join_text(parts: impl Iterator<Item = Text>) -> Text {
    let (zh, en): (Vec<String>, Vec<String>) = parts.map(|t| (t.zh, t.en)).unzip();
    Text::new(zh.join("；"), en.join("; "))
}

/// Evaluate an export as of `as_of` (or `today` when the request has none).
pub fn determine(
    engine: &Engine,
    req: &Request,
    today: Date,
) -> Result<Determination, EngineError> {
    let as_of = match &req.as_of {
        Some(s) if !s.trim().is_empty() => {
            Date::parse(s.trim()).ok_or_else(|| EngineError::bad_date(s))?
        }
        _ => today,
    };
    if let Some(n) = &req.end_user {
        if n.chars().count() > MAX_NAME_CHARS {
            return Err(EngineError::too_large(
                "end user name / 最终用户名称",
                MAX_NAME_CHARS,
            ));
        }
    }
    let dest = match &req.destination {
        Some(d) if !d.trim().is_empty() => {
            let code = d.trim().to_ascii_uppercase();
            let c = engine
                .country(&code)
                .ok_or_else(|| EngineError::unknown_country(d))?;
            Some(c)
        }
        _ => None,
    };
    let mut t = Trace {
        engine,
        steps: vec![],
    };
    let date_var = ("date", plain(&as_of.to_string()));

    // 1. Scope: is this an export at all?
    let scope_rule = match req.movement {
        Movement::Export => "scope_export",
        Movement::ForeignPersonInChina => "scope_deemed_export",
        Movement::ReexportTransit => "scope_reexport_transit",
        Movement::SpecialZone => "scope_special_zone",
        Movement::BetweenSpecialZones => "scope_between_special_zones",
    };
    t.step(scope_rule, StepKind::Info, &[], None, vec![]);
    if req.movement == Movement::BetweenSpecialZones {
        return Ok(finish(
            engine,
            t,
            Outcome::NotAnExport,
            as_of,
            Route::DualUse,
            None,
            None,
            None,
            None,
        ));
    }
    if req.export_kind != ExportKind::Goods {
        t.step("scope_intangible", StepKind::Info, &[], None, vec![]);
    }

    let mut licence = false;
    let mut uncertain = false;
    let mut suspended = false;
    let mut prohibited = false;
    let mut route = match req.regime {
        Regime::DualUse => Route::DualUse,
        Regime::Nuclear => Route::Nuclear,
        Regime::Military => Route::Military,
    };
    let mut entry_summary = None;
    let mut item_eval: Option<ItemEvaluation> = None;
    let mut matched_code: Option<String> = None;

    // 2. The item against the list.
    if let Some(item) = &req.item {
        let (entry, rule) = engine
            .entry(&item.code)
            .ok_or_else(|| EngineError::unknown_code(&item.code))?;
        eval::check_answers(entry, &item.answers)?;
        let ev = eval::evaluate_item(entry, rule, &item.answers);
        let status = status_on(&entry.valid, &entry.suspensions, as_of);
        route = entry.route;
        let code_var = ("code", plain(&entry.code));
        let name_var = ("name", entry.name.clone());
        let entry_sources: Vec<String> = entry.sources.iter().map(|s| s.source.clone()).collect();
        let answer = Some(join_text(ev.decided_by.iter().map(|f| {
            Text::new(
                format!(
                    "{}（{}）：{}",
                    f.label.zh,
                    f.condition,
                    zh_answer(&f.answer)
                ),
                format!("{} ({}): {}", f.label.en, f.condition, f.answer),
            )
        })));
        match ev.result {
            ItemResult::Matched => match &status {
                Status::InForce => {
                    licence = true;
                    matched_code = Some(entry.code.clone());
                    t.step(
                        "listed_item_matched",
                        StepKind::Decisive,
                        &[code_var, name_var],
                        answer,
                        entry_sources,
                    );
                    if entry.coverage == Coverage::Partial {
                        t.step(
                            "partial_entry_caveat",
                            StepKind::Warning,
                            &[("missing", entry.missing.clone().unwrap_or_default())],
                            None,
                            vec![],
                        );
                    }
                }
                Status::Suspended { window } => {
                    suspended = true;
                    let vars = [
                        code_var,
                        ("from", plain(&window.from)),
                        ("to", plain(window.to.as_deref().unwrap_or(""))),
                        ("source", source_title(engine, &window.source)),
                        date_var.clone(),
                    ];
                    t.step(
                        "listed_item_suspended",
                        StepKind::Decisive,
                        &vars,
                        answer,
                        vec![window.source.clone()],
                    );
                }
                Status::SuspensionLapsed { window } => {
                    uncertain = true;
                    let vars = [
                        code_var,
                        ("to", plain(window.to.as_deref().unwrap_or(""))),
                        ("source", source_title(engine, &window.source)),
                        date_var.clone(),
                    ];
                    t.step(
                        "listed_item_suspension_lapsed",
                        StepKind::Uncertain,
                        &vars,
                        answer,
                        vec![window.source.clone()],
                    );
                }
                Status::NotYetInForce { from } => {
                    t.step(
                        "listed_item_not_yet_in_force",
                        StepKind::Info,
                        &[code_var, ("from", plain(from)), date_var.clone()],
                        answer,
                        entry_sources,
                    );
                }
                Status::Ended { to } => {
                    t.step(
                        "listed_item_ended",
                        StepKind::Info,
                        &[code_var, ("to", plain(to)), date_var.clone()],
                        answer,
                        entry_sources,
                    );
                }
            },
            ItemResult::NotMatched => {
                t.step(
                    "item_not_matched",
                    StepKind::Info,
                    &[code_var, name_var],
                    answer,
                    entry_sources,
                );
            }
            ItemResult::Undetermined => {
                uncertain = true;
                let why = ev.caveat.clone().unwrap_or_else(|| {
                    Text::new(
                        "有参数回答为“不确定”。",
                        "Some parameters were answered \"unknown\".",
                    )
                });
                t.step(
                    "item_undetermined",
                    StepKind::Uncertain,
                    &[code_var, name_var, ("why", why)],
                    answer,
                    entry_sources,
                );
            }
        }
        entry_summary = Some(EntrySummary {
            code: entry.code.clone(),
            name: entry.name.clone(),
            coverage: entry.coverage,
            route: entry.route,
            status,
        });
        item_eval = Some(ev);
    } else {
        t.step("no_list_entry_found", StepKind::Info, &[], None, vec![]);
    }

    // 3. Route: nuclear and military items are exported by designated operators only.
    let designated = match route {
        Route::Nuclear => {
            t.step("route_nuclear", StepKind::Decisive, &[], None, vec![]);
            true
        }
        Route::Military => {
            t.step("route_military", StepKind::Decisive, &[], None, vec![]);
            true
        }
        Route::DualUse => false,
    };

    // 4. Catch-all (Law Art. 12(3)): always asked; decisive when the item is not listed.
    let eu = &req.end_use;
    let catch = [
        ("notified", eu.notified),
        ("national_security", eu.national_security),
        ("wmd", eu.wmd),
        ("terrorism", eu.terrorism),
    ];
    let answer = Some(join_text(catch.iter().map(|(k, v)| yes_no_text(k, *v))));
    if catch.iter().any(|(_, v)| *v == YesNo::Yes) {
        if licence {
            t.step(
                "end_use_risk_listed",
                StepKind::Warning,
                &[],
                answer,
                vec![],
            );
        } else {
            licence = true;
            t.step("catch_all_yes", StepKind::Decisive, &[], answer, vec![]);
        }
    } else if catch.iter().any(|(_, v)| *v == YesNo::Unknown) {
        if !licence {
            uncertain = true;
        }
        t.step(
            "catch_all_unknown",
            if licence {
                StepKind::Warning
            } else {
                StepKind::Uncertain
            },
            &[],
            answer,
            vec![],
        );
    } else {
        t.step("catch_all_no", StepKind::Info, &[], answer, vec![]);
    }

    // 4b. The civil technology catalogue, for technology, software and service exports.
    let mut tech_licence = false;
    let tech_kind = matches!(
        req.export_kind,
        ExportKind::Technology | ExportKind::Software | ExportKind::Service
    );
    let tech_result = if tech_kind || req.tech.is_some() {
        let input = req.tech.clone().unwrap_or_default();
        let ev = crate::engine::tech::assess(engine, &input, as_of)?;
        for fnd in &ev.findings {
            let kind = match fnd.kind {
                crate::engine::tech::FindingKind::Info => StepKind::Info,
                crate::engine::tech::FindingKind::Warning => StepKind::Warning,
                crate::engine::tech::FindingKind::Uncertain => StepKind::Uncertain,
                crate::engine::tech::FindingKind::Decisive => StepKind::Decisive,
            };
            t.step(
                fnd.rule,
                kind,
                &fnd.vars,
                fnd.answer.clone(),
                fnd.sources.clone(),
            );
        }
        use crate::engine::tech::TechOutcome as T;
        match ev.outcome {
            T::Prohibited => prohibited = true,
            T::Restricted => tech_licence = true,
            T::Uncertain | T::NotAssessed => uncertain = true,
            T::NotListed => {}
        }
        if matches!(ev.outcome, T::Prohibited | T::Restricted) && matched_code.is_some() {
            let code = matched_code.clone().unwrap_or_default();
            t.step(
                "tech_and_dual_use",
                StepKind::Warning,
                &[("code", plain(&code))],
                None,
                vec!["MOFCOM-2025-TECH-NOTES".to_string()],
            );
        }
        let licence = (ev.outcome == T::Restricted).then(|| tech_licence_info(engine));
        Some(TechResult {
            outcome: ev.outcome,
            item: ev.item,
            points_applying: ev.points_applying,
            licence,
        })
    } else {
        None
    };

    // 5. Destination measures.
    match dest {
        None => {
            uncertain = true;
            t.step(
                "destination_missing",
                StepKind::Uncertain,
                &[],
                None,
                vec![],
            );
        }
        Some(country) => {
            let dvar = ("dest", country.name.clone());
            t.step(
                "destination_checked",
                StepKind::Info,
                std::slice::from_ref(&dvar),
                Some(Text::new(
                    format!("{}（{}）", country.name.zh, country.code),
                    format!("{} ({})", country.name.en, country.code),
                )),
                vec![],
            );
            for m in engine.bundle.measures.iter().filter(|m| {
                m.destinations
                    .iter()
                    .any(|d| d == "*" || *d == country.code)
            }) {
                let applies = match m.applies {
                    MeasureScope::MilitaryEndUserOrUse => eu.military,
                    MeasureScope::ListedItems => match (&matched_code, entry_summary.as_ref()) {
                        (Some(c), _) if m.items.iter().any(|p| c.starts_with(p.as_str())) => {
                            YesNo::Yes
                        }
                        // A suspended or undetermined entry that is covered by the measure
                        // still matters for the measure's own status.
                        (None, Some(es))
                            if m.items.iter().any(|p| es.code.starts_with(p.as_str()))
                                && item_eval
                                    .as_ref()
                                    .is_some_and(|e| e.result != ItemResult::NotMatched) =>
                        {
                            YesNo::Unknown
                        }
                        _ => YesNo::No,
                    },
                    MeasureScope::AnyDualUse => {
                        if licence {
                            YesNo::Yes
                        } else {
                            YesNo::Unknown
                        }
                    }
                    MeasureScope::UnlistedItemsWithRiskEndUse => {
                        let covered = entry_summary.as_ref().is_some_and(|es| {
                            m.items.iter().any(|p| es.code.starts_with(p.as_str()))
                        });
                        // Yes only when the item is known to be such an item and not
                        // controlled: it fits the entry but the entry is not in force, or
                        // it failed one of the entry's parameters. "Not this entry" says
                        // nothing about whether it is such an item at all.
                        let unlisted = match item_eval.as_ref() {
                            _ if matched_code.is_some() => YesNo::No,
                            Some(e) if e.result == ItemResult::Matched => YesNo::Yes,
                            Some(e)
                                if e.result == ItemResult::NotMatched
                                    && e.decided_by.iter().any(|f| f.param != eval::IDENTITY) =>
                            {
                                YesNo::Yes
                            }
                            _ => YesNo::Unknown,
                        };
                        // Covered, unlisted and a risk end use: no if any is no.
                        match (
                            covered,
                            unlisted,
                            any_of(&[eu.wmd, eu.terrorism, eu.military]),
                        ) {
                            (false, _, _) | (_, YesNo::No, _) | (_, _, YesNo::No) => YesNo::No,
                            (true, YesNo::Yes, YesNo::Yes) => YesNo::Yes,
                            _ => YesNo::Unknown,
                        }
                    }
                };
                if applies == YesNo::No {
                    continue;
                }
                let st = status_on(&m.valid, &m.suspensions, as_of);
                let msrc: Vec<String> = m.sources.iter().map(|s| s.source.clone()).collect();
                let mvars = [
                    dvar.clone(),
                    ("measure", m.summary.clone()),
                    date_var.clone(),
                ];
                let ans = Some(match m.applies {
                    MeasureScope::UnlistedItemsWithRiskEndUse => join_text(
                        [
                            yes_no_text("wmd", eu.wmd),
                            yes_no_text("terrorism", eu.terrorism),
                            yes_no_text("military", eu.military),
                        ]
                        .into_iter(),
                    ),
                    _ => yes_no_text("military", eu.military),
                });
                match st {
                    Status::InForce => match (m.effect, applies) {
                        (MeasureEffect::Prohibited, YesNo::Yes) => {
                            prohibited = true;
                            t.step("measure_prohibited", StepKind::Decisive, &mvars, ans, msrc);
                        }
                        (MeasureEffect::Prohibited, _) => {
                            uncertain = true;
                            t.step("measure_may_apply", StepKind::Uncertain, &mvars, ans, msrc);
                        }
                        (MeasureEffect::PresumptionOfDenial, _) => {
                            t.step(
                                "measure_presumption_of_denial",
                                StepKind::Warning,
                                &mvars,
                                ans,
                                msrc,
                            );
                        }
                        (MeasureEffect::StricterReview, _) => {
                            t.step(
                                "measure_stricter_review",
                                StepKind::Warning,
                                &mvars,
                                ans,
                                msrc,
                            );
                        }
                    },
                    Status::Suspended { window } => {
                        let v = [
                            dvar.clone(),
                            ("measure", m.summary.clone()),
                            ("from", plain(&window.from)),
                            ("to", plain(window.to.as_deref().unwrap_or(""))),
                            date_var.clone(),
                        ];
                        t.step("measure_suspended", StepKind::Info, &v, ans, msrc);
                    }
                    Status::SuspensionLapsed { window } => {
                        if m.effect == MeasureEffect::Prohibited || !licence {
                            uncertain = true;
                        }
                        let v = [
                            dvar.clone(),
                            ("measure", m.summary.clone()),
                            ("to", plain(window.to.as_deref().unwrap_or(""))),
                            date_var.clone(),
                        ];
                        t.step(
                            "measure_suspension_lapsed",
                            StepKind::Uncertain,
                            &v,
                            ans,
                            msrc,
                        );
                    }
                    Status::NotYetInForce { .. } | Status::Ended { .. } => {}
                }
            }
        }
    }

    // 6. Parties: screen the end user against the control list, the watch list and the
    // Unreliable Entity List. No hit never means "cleared".
    let mut screening = None;
    let mut watch_listed = false;
    match req.end_user.as_deref().filter(|n| !n.trim().is_empty()) {
        None => t.step("party_missing", StepKind::Warning, &[], None, vec![]),
        Some(name) => {
            let res = screen::screen(engine, name, as_of);
            let lists = Text::new(
                format!(
                    "管控名单 {} 条、关注名单 {} 条、不可靠实体清单 {} 条",
                    res.lists_checked[0].entries,
                    res.lists_checked[1].entries,
                    res.lists_checked[2].entries
                ),
                format!(
                    "control list {}, watch list {}, Unreliable Entity List {} entries",
                    res.lists_checked[0].entries,
                    res.lists_checked[1].entries,
                    res.lists_checked[2].entries
                ),
            );
            let pvar = ("party", plain(name));
            let mut firm = false;
            for h in &res.hits {
                let hvars = [
                    pvar.clone(),
                    ("listed", h.name.clone()),
                    ("measure", h.measures.clone()),
                    ("source", source_title(engine, &h.source.source)),
                    date_var.clone(),
                ];
                let ans = Some(plain(&format!("{} ~ {} ({:?})", name, h.matched, h.level)));
                let src = vec![h.source.source.clone()];
                if h.level == screen::HitLevel::Weak {
                    t.step("party_weak_hit", StepKind::Warning, &hvars, ans, src);
                    continue;
                }
                firm = true;
                match (&h.status, h.list) {
                    (Status::Suspended { .. }, _) => t.step(
                        "party_listing_suspended",
                        StepKind::Warning,
                        &hvars,
                        ans,
                        src,
                    ),
                    (Status::NotYetInForce { .. } | Status::Ended { .. }, _) => t.step(
                        "party_listing_not_in_force",
                        StepKind::Info,
                        &hvars,
                        ans,
                        src,
                    ),
                    (Status::SuspensionLapsed { .. }, _) => {
                        uncertain = true;
                        t.step(
                            "party_listing_lapsed",
                            StepKind::Uncertain,
                            &hvars,
                            ans,
                            src,
                        );
                    }
                    (Status::InForce, PartyList::ControlList) => {
                        // The control list bars dual-use items (Regs Art. 28). When the item
                        // is not (yet) identified as dual-use, the party hit cannot clear the
                        // export either: it stays uncertain until the item is settled.
                        if licence || matched_code.is_some() {
                            prohibited = true;
                            t.step("party_control_list", StepKind::Decisive, &hvars, ans, src);
                        } else {
                            uncertain = true;
                            t.step(
                                "party_control_list_item_unsettled",
                                StepKind::Uncertain,
                                &hvars,
                                ans,
                                src,
                            );
                        }
                    }
                    (Status::InForce, PartyList::WatchList) => {
                        watch_listed = true;
                        t.step("party_watch_list", StepKind::Warning, &hvars, ans, src);
                    }
                    (Status::InForce, PartyList::UnreliableEntityList) => {
                        uncertain = true;
                        t.step(
                            "party_unreliable_entity",
                            StepKind::Uncertain,
                            &hvars,
                            ans,
                            src,
                        );
                    }
                }
            }
            if !firm {
                t.step(
                    "party_no_firm_hit",
                    StepKind::Info,
                    &[pvar, ("lists", lists), ("data_date", plain(&res.data_date))],
                    None,
                    vec![],
                );
            }
            screening = Some(res);
        }
    }

    let outcome = if prohibited {
        Outcome::Prohibited
    } else if designated {
        Outcome::DesignatedOperatorsOnly
    } else if licence || tech_licence {
        Outcome::LicenceRequired
    } else if uncertain {
        Outcome::Uncertain
    } else if suspended {
        Outcome::ControlSuspended
    } else {
        Outcome::NoLicenceRequiredByList
    };
    let licence_info = match outcome {
        // The dual-use licence route, when the dual-use side requires a licence (a
        // restricted technology alone has its own route in `tech.licence`).
        Outcome::LicenceRequired | Outcome::DesignatedOperatorsOnly if licence => {
            Some(licence_info(engine, route, watch_listed))
        }
        Outcome::DesignatedOperatorsOnly => Some(licence_info(engine, route, watch_listed)),
        _ => None,
    };
    let remark = customs_remark(engine, outcome, matched_code.as_deref(), item_eval.as_ref());
    let mut d = finish(
        engine,
        t,
        outcome,
        as_of,
        route,
        entry_summary,
        item_eval,
        licence_info,
        remark,
    );
    d.screening = screening;
    let party_on_control_list = t_rules_contains(&d, "party_control_list");
    let ids: &[&str] = match outcome {
        Outcome::DesignatedOperatorsOnly => &[
            "penalty_no_qualification",
            "penalty_unlicensed",
            "penalty_followon",
        ],
        Outcome::LicenceRequired if licence => &[
            "penalty_unlicensed",
            "penalty_licence_fraud",
            "penalty_reporting",
            "penalty_service_providers",
            "penalty_foreign_verification",
            "penalty_followon",
        ],
        Outcome::Prohibited if party_on_control_list => &[
            "penalty_unlicensed",
            "penalty_control_list",
            "penalty_service_providers",
            "penalty_followon",
        ],
        Outcome::Prohibited => &[
            "penalty_unlicensed",
            "penalty_service_providers",
            "penalty_followon",
        ],
        Outcome::Uncertain | Outcome::ControlSuspended | Outcome::NoLicenceRequiredByList => {
            &["penalty_unlicensed", "penalty_followon"]
        }
        _ => &[],
    };
    d.penalties = ids
        .iter()
        .map(|id| {
            let (text, citations) = render(engine, id, &[]);
            Penalty { text, citations }
        })
        .collect();
    let mut extra: Vec<Citation> = d
        .penalties
        .iter()
        .flat_map(|p| p.citations.iter())
        .filter(|id| !d.citations.iter().any(|c| &c.id == *id))
        .filter_map(|id| engine.citation(id).cloned())
        .collect();
    extra.sort_by(|a, b| a.id.cmp(&b.id));
    extra.dedup_by(|a, b| a.id == b.id);
    d.citations.append(&mut extra);
    d.citations.sort_by_key(|c| citation_order(&c.id));
    if let Some(tr) = &tech_result {
        if let Some(l) = &tr.licence {
            let mut extra: Vec<Citation> = l
                .citations
                .iter()
                .filter(|id| !d.citations.iter().any(|c| &c.id == *id))
                .filter_map(|id| engine.citation(id).cloned())
                .collect();
            d.citations.append(&mut extra);
            d.citations.sort_by_key(|c| citation_order(&c.id));
        }
    }
    d.tech = tech_result;
    Ok(d)
}

fn t_rules_contains(d: &Determination, rule: &str) -> bool {
    d.trace.iter().any(|s| s.rule == rule)
}

/// The technology-export licence route (Technology Import and Export Regulations
/// Arts. 33–39): letter of intent, then contract, then licence.
fn tech_licence_info(engine: &Engine) -> LicenceInfo {
    let mut citations = Vec::new();
    let mut part = |id: &str| {
        let (text, c) = render(engine, id, &[]);
        citations.extend(c);
        text
    };
    let options = vec![part("tech_licence_steps")];
    let documents = vec![part("tech_licence_documents")];
    let time_limit = part("tech_time_limit");
    citations.sort();
    citations.dedup();
    LicenceInfo {
        options,
        documents,
        time_limit,
        citations,
    }
}

fn licence_info(engine: &Engine, route: Route, watch_listed: bool) -> LicenceInfo {
    let ids: &[&str] = match route {
        // A watch-listed end user rules out the general licence and registration.
        Route::DualUse if watch_listed => &["licence_single", "licence_watch_list"],
        Route::DualUse => &["licence_single", "licence_general", "licence_registration"],
        Route::Nuclear => &["licence_nuclear"],
        Route::Military => &["licence_military"],
    };
    let time_rule = match route {
        Route::DualUse => "time_limit_dual_use",
        Route::Nuclear => "time_limit_nuclear",
        Route::Military => "time_limit_military",
    };
    let mut citations = Vec::new();
    let options = ids
        .iter()
        .map(|id| {
            let (text, c) = render(engine, id, &[]);
            citations.extend(c);
            text
        })
        .collect();
    let (time_limit, c) = render(engine, time_rule, &[]);
    citations.extend(c);
    let documents = engine
        .bundle
        .documents
        .iter()
        .map(|d| {
            citations.extend(d.citations.iter().cloned());
            d.text.clone()
        })
        .collect();
    citations.sort();
    citations.dedup();
    LicenceInfo {
        options,
        documents,
        time_limit,
        citations,
    }
}

fn customs_remark(
    engine: &Engine,
    outcome: Outcome,
    code: Option<&str>,
    ev: Option<&ItemEvaluation>,
) -> Option<Text> {
    match (outcome, code) {
        (
            Outcome::LicenceRequired | Outcome::Prohibited | Outcome::DesignatedOperatorsOnly,
            Some(c),
        ) => Some(render(engine, "customs_remark_controlled", &[("code", plain(c))]).0),
        (Outcome::NoLicenceRequiredByList, _) => {
            let params = ev
                .map(|e| {
                    e.decided_by
                        .iter()
                        .filter(|f| f.param != eval::IDENTITY)
                        .map(|f| {
                            Text::new(
                                format!("{} {}", f.label.zh, f.answer),
                                format!("{} {}", f.label.en, f.answer),
                            )
                        })
                        .fold(Text::default(), |acc, t| {
                            if acc.zh.is_empty() {
                                t
                            } else {
                                Text::new(
                                    format!("{}；{}", acc.zh, t.zh),
                                    format!("{}; {}", acc.en, t.en),
                                )
                            }
                        })
                })
                .unwrap_or_default();
            Some(
                render(
                    engine,
                    "customs_remark_not_controlled",
                    &[("params", params)],
                )
                .0,
            )
        }
        _ => None,
    }
}

/// Order citations by instrument (law first), then by article number.
fn citation_order(id: &str) -> (usize, u32, String) {
    let mut parts = id.splitn(2, '-');
    let inst = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("");
    let rank = ["ECL", "REG", "NUC", "MIL", "UEL", "TIE", "TEM", "FTL"]
        .iter()
        .position(|x| *x == inst)
        .unwrap_or(99);
    let num: u32 = rest
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    (rank, num, id.to_string())
}

#[allow(clippy::too_many_arguments)]
fn finish(
    engine: &Engine,
    mut t: Trace<'_>,
    outcome: Outcome,
    as_of: Date,
    route: Route,
    entry: Option<EntrySummary>,
    item: Option<ItemEvaluation>,
    licence: Option<LicenceInfo>,
    customs_remark: Option<Text>,
) -> Determination {
    let (headline, hc) = render(engine, outcome.rule_id(), &[]);
    t.step(outcome.rule_id(), StepKind::Decisive, &[], None, vec![]);
    let _ = hc;
    let mut cite_ids: Vec<String> = t
        .steps
        .iter()
        .flat_map(|s| s.citations.iter().cloned())
        .collect();
    if let Some(l) = &licence {
        cite_ids.extend(l.citations.iter().cloned());
    }
    cite_ids.sort_by_key(|id| citation_order(id));
    cite_ids.dedup();
    let citations = cite_ids
        .iter()
        .filter_map(|id| engine.citation(id).cloned())
        .collect::<Vec<_>>();
    let mut src_ids: Vec<String> = t
        .steps
        .iter()
        .flat_map(|s| s.sources.iter().cloned())
        .collect();
    src_ids.extend(citations.iter().map(|c| c.source.clone()));
    src_ids.sort();
    src_ids.dedup();
    let sources = src_ids
        .iter()
        .filter_map(|id| engine.source(id).cloned())
        .collect();
    Determination {
        outcome,
        headline,
        as_of: as_of.to_string(),
        route,
        entry,
        item,
        licence,
        customs_remark,
        screening: None,
        penalties: vec![],
        tech: None,
        trace: t.steps,
        citations,
        sources,
        data_version: engine.version().clone(),
    }
}
