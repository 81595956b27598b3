//! Data model of the regulatory bundle. Plain serde types with no web dependency.
//! This file is also compiled into `build.rs` (via `#[path]`), so it may only use
//! `serde` and `std`.

use serde::{Deserialize, Serialize};

/// A bilingual string.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// UI and report language.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Search aliases in both languages.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zh: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

/// A pointer into a source: which document, which paragraph.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub para: String,
}

/// A dated window, inclusive at both ends; `to = None` is open-ended.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub para: String,
}

/// A reference HS code, tagged with the tariff year of the document that lists it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HsRef {
    pub code: String,
    pub year: u16,
    pub source: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub zh: String,
    pub en: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    Number,
    Choice,
    Bool,
}

/// A parameter question of one entry.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub id: String,
    pub kind: ParamKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Every control parameter is encoded from a source.
    Full,
    /// Some condition is missing from the sources we have.
    Partial,
    /// Code and subject known; parameters not encoded.
    Inventory,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    #[default]
    DualUse,
    Nuclear,
    Military,
}

/// One entry of the control list.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_confirmed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub coverage: Coverage,
    #[serde(default)]
    pub route: Route,
    #[serde(default)]
    pub keywords: Keywords,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Text>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub valid: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspensions: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hs: Vec<HsRef>,
    pub rule: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub param: Vec<Param>,
}

/// A document we cite.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub title: Text,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Text>,
}

/// A law article with a short paraphrase.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub id: String,
    pub instrument: String,
    pub article: String,
    pub source: String,
    pub summary: Text,
}

/// The wording and legal basis of one engine decision rule.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RuleText {
    pub id: String,
    pub text: Text,
    #[serde(default)]
    pub citations: Vec<String>,
}

/// A document an applicant prepares.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub text: Text,
    #[serde(default)]
    pub citations: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub digit: String,
    pub name: Text,
    pub source: SourceRef,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ItemType {
    pub letter: String,
    pub name: Text,
    pub source: SourceRef,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Keywords>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MeasureScope {
    /// Applies when the end user or end use is military.
    MilitaryEndUserOrUse,
    /// Applies to the listed item code prefixes.
    ListedItems,
    /// Applies to every dual-use item to the destination.
    AnyDualUse,
    /// Applies to items of the listed code prefixes that are not controlled by the list
    /// (the user picked such an entry and it did not match, or is not in force), when the
    /// end use is WMD, terrorism or military: e.g. Announcement 2024 No. 31 para. 2 on
    /// drones not on the list.
    UnlistedItemsWithRiskEndUse,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MeasureEffect {
    StricterReview,
    PresumptionOfDenial,
    Prohibited,
}

/// A destination measure (e.g. Announcement 2024 No. 46 on the United States).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    /// Country codes, or `"*"` for every destination.
    pub destinations: Vec<String>,
    pub applies: MeasureScope,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    pub effect: MeasureEffect,
    pub summary: Text,
    pub sources: Vec<SourceRef>,
    pub valid: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspensions: Vec<Window>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
#[allow(clippy::enum_variant_names)]
pub enum PartyList {
    /// 出口管制管控名单 (Export Control Law Art. 18; Regulations Arts 28–30).
    ControlList,
    /// 关注名单 (Regulations Art. 26).
    WatchList,
    /// 不可靠实体清单 (Unreliable Entity List Provisions).
    UnreliableEntityList,
}

/// A listed party: an organisation or person on one of the screening lists.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub list: PartyList,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub measures: Text,
    pub source: SourceRef,
    pub listed: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspensions: Vec<Window>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The version stamp of a bundle.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct DataVersion {
    /// SHA-256 of the canonical JSON of the bundle content.
    pub hash: String,
    /// Date of the newest source in the bundle.
    pub newest_source: String,
    pub entries: usize,
}

/// One TOML data file, before merging. Every array is optional.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    #[serde(default)]
    pub source: Vec<Source>,
    #[serde(default)]
    pub citation: Vec<Citation>,
    #[serde(default)]
    pub rule: Vec<RuleText>,
    #[serde(default)]
    pub document: Vec<Document>,
    #[serde(default)]
    pub category: Vec<Category>,
    #[serde(default)]
    pub item_type: Vec<ItemType>,
    #[serde(default)]
    pub country: Vec<Country>,
    #[serde(default)]
    pub measure: Vec<Measure>,
    #[serde(default)]
    pub entry: Vec<Entry>,
    #[serde(default)]
    pub party: Vec<Party>,
    #[serde(default)]
    pub tech_catalogue: Vec<TechCatalogueVersion>,
    #[serde(default)]
    pub tech: Vec<TechItem>,
}

/// The whole regulatory data set, as compiled into the binary or loaded at run time.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    #[serde(default)]
    pub version: DataVersion,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub rules: Vec<RuleText>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub item_types: Vec<ItemType>,
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub tech_catalogue: Vec<TechCatalogueVersion>,
    #[serde(default)]
    pub tech: Vec<TechItem>,
    /// Set only in a compacted bundle (see [`Bundle::compact`]): the caveat that most
    /// inventory entries share, stored once instead of on each of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inventory_missing: Option<Text>,
}

impl Bundle {
    /// Store the caveat that inventory entries share once, not on each entry (about a
    /// fifth of the embedded JSON, which the browser parses on start). Content is
    /// unchanged: [`Bundle::expand`] restores every entry exactly.
    pub fn compact(&mut self) {
        let mut counts: Vec<(&Text, usize)> = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.coverage == Coverage::Inventory)
        {
            if let Some(m) = &e.missing {
                match counts.iter_mut().find(|(t, _)| *t == m) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((m, 1)),
                }
            }
        }
        let Some(shared) = counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .max_by_key(|(_, n)| *n)
            .map(|(t, _)| t.clone())
        else {
            return;
        };
        for e in self.entries.iter_mut() {
            if e.coverage == Coverage::Inventory && e.missing.as_ref() == Some(&shared) {
                e.missing = None;
            }
        }
        self.inventory_missing = Some(shared);
    }

    /// Undo [`Bundle::compact`]: every inventory entry without a caveat of its own gets
    /// the shared one back.
    pub fn expand(&mut self) {
        let Some(shared) = self.inventory_missing.take() else {
            return;
        };
        for e in self.entries.iter_mut() {
            if e.coverage == Coverage::Inventory && e.missing.is_none() {
                e.missing = Some(shared.clone());
            }
        }
    }

    /// Merge one data file into the bundle.
    pub fn absorb(&mut self, f: DataFile) {
        self.sources.extend(f.source);
        self.citations.extend(f.citation);
        self.rules.extend(f.rule);
        self.documents.extend(f.document);
        self.categories.extend(f.category);
        self.item_types.extend(f.item_type);
        self.countries.extend(f.country);
        self.measures.extend(f.measure);
        self.entries.extend(f.entry);
        self.parties.extend(f.party);
        self.tech_catalogue.extend(f.tech_catalogue);
        self.tech.extend(f.tech);
    }

    /// Sort everything into a canonical order so the hash does not depend on file order.
    pub fn canonicalize(&mut self) {
        self.sources.sort_by(|a, b| a.id.cmp(&b.id));
        self.citations.sort_by(|a, b| a.id.cmp(&b.id));
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
        self.categories.sort_by(|a, b| a.digit.cmp(&b.digit));
        self.item_types.sort_by(|a, b| a.letter.cmp(&b.letter));
        self.countries.sort_by(|a, b| a.code.cmp(&b.code));
        self.measures.sort_by(|a, b| a.id.cmp(&b.id));
        self.entries.sort_by(|a, b| a.code.cmp(&b.code));
        self.parties.sort_by(|a, b| a.id.cmp(&b.id));
        self.tech_catalogue.sort_by(|a, b| a.from.cmp(&b.from));
        self.tech.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// The newest source publication date, as `YYYY-MM-DD`.
    pub fn newest_source_date(&self) -> String {
        self.sources
            .iter()
            .map(|s| &s.date)
            .max()
            .cloned()
            .unwrap_or_default()
    }
}

/// One version of the Catalogue of Technologies Prohibited or Restricted from Export
/// (《中国禁止出口限制出口技术目录》). `complete` says whether our data holds that
/// version's whole item list: only then can "not in the catalogue" be a firm answer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TechCatalogueVersion {
    /// The announcement, as a `[[source]]` id.
    pub source: String,
    /// In force from (inclusive).
    pub from: String,
    pub complete: bool,
    pub note: Text,
}

/// Prohibited (suffix J) or restricted (suffix X).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TechStatus {
    Prohibited,
    Restricted,
}

/// A control point (控制要点) of a catalogue item: one yes/no question.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TechPoint {
    pub id: String,
    pub text: Text,
}

/// An item of the technology catalogue. The technology falls under the item when any of
/// its control points applies.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TechItem {
    /// Stable id: the item number when known, else `T-…`.
    pub id: String,
    /// Item number, e.g. `086501X`; absent when no source gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub status: TechStatus,
    pub industry: Text,
    pub name: Text,
    pub coverage: Coverage,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<TechPoint>,
    #[serde(default)]
    pub keywords: Keywords,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Text>,
    pub sources: Vec<SourceRef>,
    pub valid: Vec<Window>,
    /// Last date on which a source confirms the item; later dates are uncertain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_until: Option<String>,
    /// Dual-use list codes a source ties to the same subject.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dual_use: Vec<String>,
}
