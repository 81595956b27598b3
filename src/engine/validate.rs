//! Validation of a regulatory bundle. Runs in `build.rs` (a bad data file fails the
//! build) and at run time when a newer bundle is loaded. Shared with `build.rs`.

use crate::engine::date::Date;
use crate::engine::expr::{self, Use};
use crate::engine::model::*;
use crate::engine::units;
use std::collections::{HashMap, HashSet};

/// Whether `code` follows the list's code grammar: digit, letter A–E, three digits,
/// then optional dotted sub-items (`3C001.a`, `1C902.a.2.b`).
pub fn is_valid_code(code: &str) -> bool {
    let mut parts = code.split('.');
    let base = parts.next().unwrap_or("").as_bytes();
    let base_ok = base.len() == 5
        && base[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&base[1])
        && base[2..].iter().all(u8::is_ascii_digit);
    base_ok
        && parts.all(|p| {
            !p.is_empty()
                && p.len() <= 4
                && p.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('a'..='z'))
        && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.len() <= 48
}

fn text_ok(t: &Text) -> bool {
    !t.zh.trim().is_empty() && !t.en.trim().is_empty()
}

struct Ctx<'a> {
    errors: Vec<String>,
    sources: HashSet<&'a str>,
    citations: HashSet<&'a str>,
}

impl<'a> Ctx<'a> {
    fn err(&mut self, msg: String) {
        self.errors.push(msg);
    }
    fn source(&mut self, what: &str, id: &str) {
        if !self.sources.contains(id) {
            self.err(format!("{what}: unknown source {id:?}"));
        }
    }
    fn text(&mut self, what: &str, t: &Text) {
        if !text_ok(t) {
            self.err(format!("{what}: needs both zh and en text"));
        }
    }
    fn windows(&mut self, what: &str, ws: &[Window], required: bool) {
        if required && ws.is_empty() {
            self.err(format!("{what}: needs at least one dated window"));
        }
        for w in ws {
            let from = Date::parse(&w.from);
            if from.is_none() {
                self.err(format!("{what}: bad date {:?}", w.from));
            }
            if let Some(to) = &w.to {
                match (from, Date::parse(to)) {
                    (_, None) => self.err(format!("{what}: bad date {to:?}")),
                    (Some(f), Some(t)) if t < f => {
                        self.err(format!("{what}: window ends before it starts"))
                    }
                    _ => {}
                }
            }
            self.source(what, &w.source);
        }
    }
    fn unique<'b>(&mut self, kind: &str, ids: impl Iterator<Item = &'b str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.err(format!("duplicate {kind} {id:?}"));
            }
        }
    }
}

/// Rule ids the engine refers to; a bundle must define every one of them.
pub const REQUIRED_RULES: &[&str] = &[
    "scope_export",
    "scope_deemed_export",
    "scope_reexport_transit",
    "scope_special_zone",
    "scope_between_special_zones",
    "scope_intangible",
    "listed_item_matched",
    "partial_entry_caveat",
    "listed_item_suspended",
    "listed_item_suspension_lapsed",
    "listed_item_not_yet_in_force",
    "listed_item_ended",
    "item_not_matched",
    "item_undetermined",
    "no_list_entry_found",
    "route_nuclear",
    "route_military",
    "catch_all_yes",
    "catch_all_unknown",
    "catch_all_no",
    "end_use_risk_listed",
    "destination_missing",
    "destination_checked",
    "measure_prohibited",
    "measure_may_apply",
    "measure_presumption_of_denial",
    "measure_stricter_review",
    "measure_suspended",
    "measure_suspension_lapsed",
    "party_missing",
    "party_weak_hit",
    "party_listing_suspended",
    "party_listing_not_in_force",
    "party_listing_lapsed",
    "party_control_list",
    "penalty_unlicensed",
    "penalty_licence_fraud",
    "penalty_reporting",
    "penalty_service_providers",
    "penalty_control_list",
    "penalty_no_qualification",
    "penalty_foreign_verification",
    "penalty_followon",
    "tech_transfer_mode",
    "tech_foreign_person_in_china",
    "tech_prohibited",
    "tech_restricted",
    "tech_point_unknown",
    "tech_item_not_encoded",
    "tech_item_partial_no_point",
    "tech_item_not_confirmed",
    "tech_item_not_in_force",
    "tech_item_not_matched",
    "tech_not_listed",
    "tech_not_listed_incomplete",
    "tech_not_assessed",
    "tech_and_dual_use",
    "tech_licence_steps",
    "tech_licence_documents",
    "tech_time_limit",
    "party_control_list_item_unsettled",
    "party_watch_list",
    "party_unreliable_entity",
    "party_no_firm_hit",
    "licence_watch_list",
    "outcome_prohibited",
    "outcome_designated_operators_only",
    "outcome_licence_required",
    "outcome_uncertain",
    "outcome_control_suspended",
    "outcome_no_licence_required_by_list",
    "outcome_not_an_export",
    "licence_single",
    "licence_general",
    "licence_registration",
    "licence_nuclear",
    "licence_military",
    "time_limit_dual_use",
    "time_limit_nuclear",
    "time_limit_military",
    "customs_remark_controlled",
    "customs_remark_not_controlled",
];

/// Check a bundle. Returns every problem found (empty when the bundle is valid).
pub fn validate(b: &Bundle) -> Vec<String> {
    let mut cx = Ctx {
        errors: Vec::new(),
        sources: b.sources.iter().map(|s| s.id.as_str()).collect(),
        citations: b.citations.iter().map(|c| c.id.as_str()).collect(),
    };
    cx.unique("source", b.sources.iter().map(|s| s.id.as_str()));
    cx.unique("citation", b.citations.iter().map(|s| s.id.as_str()));
    cx.unique("rule", b.rules.iter().map(|s| s.id.as_str()));
    cx.unique("document", b.documents.iter().map(|s| s.id.as_str()));
    cx.unique("entry code", b.entries.iter().map(|s| s.code.as_str()));
    cx.unique("country", b.countries.iter().map(|s| s.code.as_str()));
    cx.unique("measure", b.measures.iter().map(|s| s.id.as_str()));

    for id in REQUIRED_RULES {
        if !b.rules.iter().any(|r| r.id == *id) {
            cx.err(format!(
                "rule {id:?} is required by the engine but not defined"
            ));
        }
    }
    for s in &b.sources {
        let what = format!("source {}", s.id);
        cx.text(&what, &s.title);
        if Date::parse(&s.date).is_none() {
            cx.err(format!("{what}: bad date {:?}", s.date));
        }
        if let Some(e) = &s.effective {
            if Date::parse(e).is_none() {
                cx.err(format!("{what}: bad effective date {e:?}"));
            }
        }
        if let Some(g) = &s.gaps {
            cx.text(&what, g);
        }
        if s.number.trim().is_empty() {
            cx.err(format!("{what}: needs a number"));
        }
    }
    for c in &b.citations {
        let what = format!("citation {}", c.id);
        cx.text(&what, &c.summary);
        cx.source(&what, &c.source);
    }
    let cite_lists = b
        .rules
        .iter()
        .map(|r| (format!("rule {}", r.id), &r.text, &r.citations))
        .chain(
            b.documents
                .iter()
                .map(|d| (format!("document {}", d.id), &d.text, &d.citations)),
        )
        .collect::<Vec<_>>();
    for (what, text, cites) in cite_lists {
        cx.text(&what, text);
        for c in cites {
            if !cx.citations.contains(c.as_str()) {
                cx.err(format!("{what}: unknown citation {c:?}"));
            }
        }
    }
    for c in &b.categories {
        cx.text(&format!("category {}", c.digit), &c.name);
        cx.source(&format!("category {}", c.digit), &c.source.source);
    }
    for t in &b.item_types {
        cx.text(&format!("type {}", t.letter), &t.name);
        cx.source(&format!("type {}", t.letter), &t.source.source);
    }
    let countries: HashSet<&str> = b.countries.iter().map(|c| c.code.as_str()).collect();
    for c in &b.countries {
        cx.text(&format!("country {}", c.code), &c.name);
        if c.code.len() != 2 || !c.code.bytes().all(|x| x.is_ascii_uppercase()) {
            cx.err(format!("country {:?}: code must be ISO alpha-2", c.code));
        }
    }
    for m in &b.measures {
        let what = format!("measure {}", m.id);
        cx.text(&what, &m.summary);
        if m.sources.is_empty() {
            cx.err(format!("{what}: needs a source"));
        }
        for s in &m.sources {
            cx.source(&what, &s.source);
        }
        cx.windows(&what, &m.valid, true);
        cx.windows(&what, &m.suspensions, false);
        for d in &m.destinations {
            if d != "*" && !countries.contains(d.as_str()) {
                cx.err(format!("{what}: unknown destination {d:?}"));
            }
        }
        if matches!(
            m.applies,
            MeasureScope::ListedItems | MeasureScope::UnlistedItemsWithRiskEndUse
        ) && m.items.is_empty()
        {
            cx.err(format!("{what}: {:?} needs item prefixes", m.applies));
        }
    }
    for e in &b.entries {
        validate_entry(&mut cx, e);
    }
    cx.unique("party", b.parties.iter().map(|p| p.id.as_str()));
    for p in &b.parties {
        let what = format!("party {}", p.id);
        cx.text(&what, &p.name);
        cx.text(&what, &p.measures);
        if let Some(n) = &p.note {
            cx.text(&what, n);
        }
        cx.source(&what, &p.source.source);
        cx.windows(&what, &p.listed, true);
        cx.windows(&what, &p.suspensions, false);
        if let Some(c) = &p.country {
            if !countries.contains(c.as_str()) {
                cx.err(format!("{what}: unknown country {c:?}"));
            }
        }
    }
    for v in &b.tech_catalogue {
        let what = format!("technology catalogue version {}", v.source);
        cx.source(&what, &v.source);
        cx.text(&what, &v.note);
        if Date::parse(&v.from).is_none() {
            cx.err(format!("{what}: bad date {:?}", v.from));
        }
    }
    cx.unique("technology item", b.tech.iter().map(|t| t.id.as_str()));
    for t in &b.tech {
        validate_tech(&mut cx, t);
    }
    cx.errors
}

fn validate_tech(cx: &mut Ctx<'_>, t: &TechItem) {
    let what = format!("technology item {}", t.id);
    if let Some(n) = &t.number {
        let ok = n.len() == 7
            && n[..6].bytes().all(|b| b.is_ascii_digit())
            && matches!(n.as_bytes()[6], b'J' | b'X');
        if !ok {
            cx.err(format!(
                "{what}: number {n:?} is not six digits plus J or X"
            ));
        }
        let suffix = if t.status == TechStatus::Prohibited {
            'J'
        } else {
            'X'
        };
        if !n.ends_with(suffix) {
            cx.err(format!("{what}: number suffix does not match the status"));
        }
        if &t.id != n {
            cx.err(format!("{what}: an item with a number uses it as its id"));
        }
    } else if !t.id.starts_with("T-") {
        cx.err(format!(
            "{what}: an item without a number needs an id starting with T-"
        ));
    }
    cx.text(&what, &t.name);
    cx.text(&what, &t.industry);
    if let Some(m) = &t.missing {
        cx.text(&what, m);
    }
    if t.coverage != Coverage::Full && t.missing.is_none() {
        cx.err(format!(
            "{what}: partial/inventory items must say what is missing"
        ));
    }
    if t.coverage == Coverage::Full && t.points.is_empty() {
        cx.err(format!("{what}: a full item needs its control points"));
    }
    let mut ids = HashSet::new();
    for p in &t.points {
        cx.text(&format!("{what} point {}", p.id), &p.text);
        if p.id.is_empty() || !ids.insert(p.id.as_str()) {
            cx.err(format!("{what}: empty or duplicate point id {:?}", p.id));
        }
    }
    if t.sources.is_empty() {
        cx.err(format!("{what}: needs a source"));
    }
    for s in &t.sources {
        cx.source(&what, &s.source);
    }
    cx.windows(&what, &t.valid, true);
    if let Some(d) = &t.confirmed_until {
        if Date::parse(d).is_none() {
            cx.err(format!("{what}: bad confirmed_until {d:?}"));
        }
    }
}

fn validate_entry(cx: &mut Ctx<'_>, e: &Entry) {
    let what = format!("entry {}", e.code);
    if !is_valid_code(&e.code) {
        cx.err(format!("{what}: code does not follow the list grammar"));
    }
    cx.text(&what, &e.name);
    for t in [&e.description, &e.forms, &e.missing].into_iter().flatten() {
        cx.text(&what, t);
    }
    if e.coverage != Coverage::Full && e.missing.is_none() {
        cx.err(format!(
            "{what}: partial/inventory entries must say what is missing"
        ));
    }
    if e.sources.is_empty() {
        cx.err(format!("{what}: needs a source"));
    }
    for s in &e.sources {
        cx.source(&what, &s.source);
    }
    cx.windows(&what, &e.valid, true);
    cx.windows(&what, &e.suspensions, false);
    for h in &e.hs {
        if !(h.code.len() == 8 || h.code.len() == 10) || !h.code.bytes().all(|c| c.is_ascii_digit())
        {
            cx.err(format!(
                "{what}: HS code {:?} must have 8 or 10 digits",
                h.code
            ));
        }
        if !(2000..=2100).contains(&h.year) {
            cx.err(format!("{what}: HS year {} out of range", h.year));
        }
        cx.source(&what, &h.source);
    }
    let mut params: HashMap<&str, &Param> = HashMap::new();
    for p in &e.param {
        let pw = format!("{what} param {}", p.id);
        if !is_ident(&p.id) || p.id == "identity" {
            cx.err(format!("{pw}: bad id"));
        }
        if params.insert(p.id.as_str(), p).is_some() {
            cx.err(format!("{pw}: duplicate"));
        }
        cx.text(&pw, &p.label);
        if let Some(h) = &p.help {
            cx.text(&pw, h);
        }
        if let Some(s) = &p.source {
            cx.source(&pw, &s.source);
        }
        match p.kind {
            ParamKind::Number => match &p.dimension {
                Some(d) if units::is_dimension(d) => {}
                other => cx.err(format!(
                    "{pw}: number needs a known dimension, got {other:?}"
                )),
            },
            ParamKind::Choice => {
                if p.choices.len() < 2 {
                    cx.err(format!("{pw}: choice needs at least two choices"));
                }
                for c in &p.choices {
                    if !is_ident(&c.id) || c.zh.trim().is_empty() || c.en.trim().is_empty() {
                        cx.err(format!(
                            "{pw}: choice {:?} needs an id and zh/en text",
                            c.id
                        ));
                    }
                }
            }
            ParamKind::Bool => {}
        }
    }
    let rule = match expr::parse(&e.rule) {
        Ok(r) => r,
        Err(msg) => {
            cx.err(format!("{what}: rule does not parse: {msg}"));
            return;
        }
    };
    let mut used = HashSet::new();
    for (id, usage) in rule.uses() {
        used.insert(id);
        let Some(p) = params.get(id) else {
            cx.err(format!("{what}: rule uses undeclared parameter {id:?}"));
            continue;
        };
        match (usage, p.kind) {
            (Use::Flag, ParamKind::Bool) => {}
            (Use::Choice(ids), ParamKind::Choice) => {
                for i in ids {
                    if !p.choices.iter().any(|c| &c.id == i) {
                        cx.err(format!("{what}: rule uses unknown choice {i:?} of {id}"));
                    }
                }
            }
            (Use::Number(unit), ParamKind::Number) => {
                let dim = p.dimension.as_deref().unwrap_or("");
                if !units::units_of(dim).contains(&unit) {
                    cx.err(format!(
                        "{what}: unit {unit:?} is not a unit of {dim:?} (parameter {id})"
                    ));
                }
            }
            (u, k) => cx.err(format!("{what}: parameter {id} is {k:?} but used as {u:?}")),
        }
    }
    for p in &e.param {
        if !used.contains(p.id.as_str()) {
            cx.err(format!("{what}: parameter {} is declared but unused", p.id));
        }
    }
}
