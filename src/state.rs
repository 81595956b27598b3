//! The questionnaire's state and its reducer. Pure: no web types, tested natively.
//! The Yew UI holds one `State` in `use_reducer` and sends `Action`s.

use crate::engine::determine::{EndUse, ExportKind, ItemInput, Movement, Regime, Request, YesNo};
use crate::engine::eval::{Answer, Answers};
use crate::engine::model::Lang;
use crate::engine::tech::{TechInput, TransferMode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Storage key for autosave: namespaced and versioned.
pub const STORAGE_KEY: &str = "dual-use-check/v1/state";
pub const STATE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Start,
    Item,
    Questions,
    /// The technology catalogue (technology, software and service exports only).
    Tech,
    Parties,
    Result,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Start,
        Step::Item,
        Step::Questions,
        Step::Tech,
        Step::Parties,
        Step::Result,
    ];
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// A number as typed: the raw text is kept so nothing the user typed is lost.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberInput {
    pub text: String,
    pub unit: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct State {
    pub version: u32,
    pub lang: Lang,
    pub step: Step,
    /// Evaluation date; empty means today.
    pub as_of: String,
    pub export_kind: ExportKind,
    pub movement: Movement,
    pub regime: Regime,
    pub query: String,
    /// Browse filters: category digit and type letter (empty = none).
    pub browse_category: String,
    pub browse_type: String,
    /// The selected entry; `None` with `not_listed` means "no entry found".
    pub code: Option<String>,
    pub not_listed: bool,
    /// Answers to yes/no, choice and "unknown" questions.
    pub answers: Answers,
    /// Numbers as typed, per parameter.
    pub numbers: BTreeMap<String, NumberInput>,
    pub destination: String,
    pub end_user: String,
    pub end_use: EndUse,
    /// Technology catalogue answers (used for technology, software and service exports).
    pub tech: TechInput,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            lang: Lang::Zh,
            step: Step::Start,
            as_of: String::new(),
            export_kind: ExportKind::Goods,
            movement: Movement::Export,
            regime: Regime::DualUse,
            query: String::new(),
            browse_category: String::new(),
            browse_type: String::new(),
            code: None,
            not_listed: false,
            answers: Answers::new(),
            numbers: BTreeMap::new(),
            destination: String::new(),
            end_user: String::new(),
            end_use: EndUse::default(),
            tech: TechInput::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndUseField {
    Notified,
    NationalSecurity,
    Wmd,
    Terrorism,
    Military,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    Go(Step),
    Next,
    Back,
    SetAsOf(String),
    SetExportKind(ExportKind),
    SetMovement(Movement),
    SetRegime(Regime),
    SetQuery(String),
    Browse(String, String),
    SelectEntry(String),
    NotListed,
    /// A yes/no, choice or unknown answer.
    Answer(String, Answer),
    /// A number typed into a field (text) or a unit picked.
    Number(String, NumberInput),
    SetDestination(String),
    SetEndUser(String),
    SetEndUse(EndUseField, YesNo),
    SetTechTransfer(TransferMode),
    SetTechField(String),
    /// Pick a technology-catalogue item (answers to another item's points are dropped).
    SelectTech(String),
    /// Answer a control point of the selected technology item.
    TechPoint(String, YesNo),
    /// "None of the catalogue items applies."
    TechNoneApply,
    Reset,
    /// Replace the whole state (resume from storage or a loaded report).
    Load(Box<State>),
}

/// Longest text kept from a single input field.
pub const MAX_FIELD_CHARS: usize = 500;

fn clip(s: String) -> String {
    if s.chars().count() > MAX_FIELD_CHARS {
        s.chars().take(MAX_FIELD_CHARS).collect()
    } else {
        s
    }
}

impl State {
    /// Whether the export is technology, software or a technical service, which brings in
    /// the technology-catalogue step.
    pub fn tech_kind(&self) -> bool {
        matches!(
            self.export_kind,
            ExportKind::Technology | ExportKind::Software | ExportKind::Service
        )
    }
    /// The steps that apply, in order (for the progress indicator).
    pub fn steps(&self) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| *s != Step::Tech || self.tech_kind())
            .collect()
    }
    /// Steps that apply: the questions step only when an entry is selected, the
    /// technology step only for technology, software and service exports.
    pub fn next_step(&self) -> Step {
        let after_item = if self.tech_kind() {
            Step::Tech
        } else {
            Step::Parties
        };
        match self.step {
            Step::Start => Step::Item,
            Step::Item if self.code.is_some() => Step::Questions,
            Step::Item | Step::Questions => after_item,
            Step::Tech => Step::Parties,
            Step::Parties | Step::Result => Step::Result,
        }
    }
    pub fn prev_step(&self) -> Step {
        let before_tech = if self.code.is_some() {
            Step::Questions
        } else {
            Step::Item
        };
        match self.step {
            Step::Start | Step::Item => Step::Start,
            Step::Questions => Step::Item,
            Step::Tech => before_tech,
            Step::Parties if self.tech_kind() => Step::Tech,
            Step::Parties => before_tech,
            Step::Result => Step::Parties,
        }
    }
    /// Whether the item step is settled (an entry chosen, or "not listed").
    pub fn item_done(&self) -> bool {
        self.code.is_some() || self.not_listed
    }

    pub fn reduce(mut self, action: Action) -> State {
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::Go(s) => {
                if s <= Step::Item || self.item_done() {
                    self.step = if s == Step::Questions && self.code.is_none() {
                        Step::Item
                    } else if s == Step::Tech && !self.tech_kind() {
                        Step::Parties
                    } else {
                        s
                    };
                }
            }
            Action::Next => {
                if self.step != Step::Item || self.item_done() {
                    self.step = self.next_step();
                }
            }
            Action::Back => self.step = self.prev_step(),
            Action::SetAsOf(s) => self.as_of = clip(s),
            Action::SetExportKind(k) => self.export_kind = k,
            Action::SetMovement(m) => self.movement = m,
            Action::SetRegime(r) => self.regime = r,
            Action::SetQuery(q) => self.query = clip(q),
            Action::Browse(c, t) => {
                self.browse_category = c.chars().filter(char::is_ascii_digit).take(1).collect();
                self.browse_type = t
                    .chars()
                    .filter(|c| ('A'..='E').contains(c))
                    .take(1)
                    .collect();
            }
            Action::SelectEntry(code) => {
                if self.code.as_deref() != Some(code.as_str()) {
                    // Answers belong to an entry; a different entry starts afresh.
                    self.answers.clear();
                    self.numbers.clear();
                }
                self.code = Some(clip(code));
                self.not_listed = false;
            }
            Action::NotListed => {
                self.code = None;
                self.not_listed = true;
                self.answers.clear();
                self.numbers.clear();
            }
            Action::Answer(id, a) => {
                if matches!(a, Answer::Unknown) {
                    self.numbers.remove(&id);
                }
                self.answers.insert(clip(id), a);
            }
            Action::Number(id, n) => {
                self.answers.remove(&id);
                self.numbers.insert(
                    clip(id),
                    NumberInput {
                        text: clip(n.text),
                        unit: clip(n.unit),
                    },
                );
            }
            Action::SetDestination(d) => self.destination = clip(d),
            Action::SetEndUser(u) => self.end_user = clip(u),
            Action::SetEndUse(f, v) => match f {
                EndUseField::Notified => self.end_use.notified = v,
                EndUseField::NationalSecurity => self.end_use.national_security = v,
                EndUseField::Wmd => self.end_use.wmd = v,
                EndUseField::Terrorism => self.end_use.terrorism = v,
                EndUseField::Military => self.end_use.military = v,
            },
            Action::SetTechTransfer(m) => self.tech.transfer = m,
            Action::SetTechField(f) => {
                let f = clip(f);
                self.tech.field = (!f.trim().is_empty()).then_some(f);
            }
            Action::SelectTech(id) => {
                if self.tech.item.as_deref() != Some(id.as_str()) {
                    self.tech.answers.clear();
                }
                self.tech.item = Some(clip(id));
                self.tech.none_apply = false;
            }
            Action::TechPoint(id, v) => {
                if self.tech.item.is_some() && self.tech.answers.len() < 200 {
                    self.tech.answers.insert(clip(id), v);
                } else if let Some(a) = self.tech.answers.get_mut(&id) {
                    *a = v;
                }
            }
            Action::TechNoneApply => {
                self.tech.item = None;
                self.tech.answers.clear();
                self.tech.none_apply = true;
            }
            Action::Reset => {
                let lang = self.lang;
                self = State {
                    lang,
                    ..State::default()
                };
            }
            Action::Load(s) => self = *s,
        }
        self
    }

    /// Parse a typed number. `None` when the text is not a number.
    pub fn parse_number(text: &str) -> Option<f64> {
        let t: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '．' | '。' => '.',
                ',' | '，' | ' ' => '\u{0}',
                _ => c,
            })
            .filter(|c| *c != '\u{0}')
            .collect();
        let v: f64 = t.parse().ok()?;
        v.is_finite().then_some(v)
    }

    /// The engine request for the current answers. Numbers that do not parse are left
    /// out (so they count as unknown); the UI shows them as invalid.
    pub fn request(&self) -> Request {
        let item = self.code.as_ref().map(|code| {
            let mut answers = self.answers.clone();
            for (id, n) in &self.numbers {
                if let Some(v) = State::parse_number(&n.text) {
                    answers.insert(
                        id.clone(),
                        Answer::Number {
                            value: v,
                            unit: n.unit.clone(),
                        },
                    );
                }
            }
            ItemInput {
                code: code.clone(),
                answers,
            }
        });
        Request {
            as_of: (!self.as_of.trim().is_empty()).then(|| self.as_of.trim().to_string()),
            export_kind: self.export_kind,
            movement: self.movement,
            regime: self.regime,
            item,
            destination: (!self.destination.is_empty()).then(|| self.destination.clone()),
            end_user: (!self.end_user.trim().is_empty()).then(|| self.end_user.clone()),
            end_use: self.end_use.clone(),
            tech: self.tech_kind().then(|| self.tech.clone()),
        }
    }

    /// Restore the answers from a downloaded JSON report (`report_version` 1).
    pub fn from_report(json: &str) -> Result<State, String> {
        if json.len() > 5_000_000 {
            return Err("report too large".into());
        }
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if v.get("report_version").and_then(|x| x.as_u64()) != Some(1) {
            return Err("not a Dual-Use Check report (report_version 1)".into());
        }
        let state = v.get("state").ok_or("report has no state")?;
        State::from_saved(&state.to_string())
    }

    /// Restore from saved JSON. Errors say why, so the UI can offer a fresh start.
    pub fn from_saved(json: &str) -> Result<State, String> {
        if json.len() > 2_000_000 {
            return Err("saved state too large".into());
        }
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let version = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0);
        if version != STATE_VERSION as u64 {
            return Err(format!(
                "saved state has version {version}, expected {STATE_VERSION}"
            ));
        }
        serde_json::from_value(v).map_err(|e| e.to_string())
    }
}
