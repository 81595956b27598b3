//! Party screening: a name against the control list, the watch list and the
//! Unreliable Entity List. Names are normalised (case, width, punctuation, legal-form
//! suffixes, traditional → simplified characters) and hits are ranked exact / strong /
//! weak. No hit never means "cleared": the result says what was checked.

use crate::engine::data::Engine;
use crate::engine::date::Date;
use crate::engine::model::{Party, PartyList, SourceRef, Text};
use crate::engine::status::{status_on, Status};
use serde::{Deserialize, Serialize};

/// Longest name screened; longer input is cut, and the result says so.
pub const MAX_SCREEN_CHARS: usize = 300;

/// Legal-form words dropped from the end of Latin names (after punctuation is removed).
const LATIN_SUFFIXES: &[&str] = &[
    "incorporated",
    "inc",
    "corporation",
    "corp",
    "company",
    "co",
    "limited",
    "ltd",
    "llc",
    "lp",
    "llp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "spa",
    "bv",
    "nv",
    "kk",
    "pte",
    "pty",
    "oy",
    "ab",
    "as",
    "kg",
    "se",
    "holdings",
    "holding",
];
/// Legal-form endings of Chinese and Japanese names.
const CJK_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "株式会社",
    "公司",
];

/// Words a query may add to a listed name and still mean the same party.
const GENERIC_EXTRAS: &[&str] = &[
    "branch",
    "division",
    "office",
    "subsidiary",
    "unit",
    "dept",
    "department",
    "usa",
    "us",
    "america",
    "international",
    "global",
    "group",
    "japan",
    "europe",
    "uk",
    "of",
    "the",
    "and",
    "representative",
    "rep",
    "hq",
    "headquarters",
    "company",
    "co",
    "inc",
    "llc",
    "ltd",
];

/// Traditional → simplified for characters common in organisation names.
const T2S: &[(char, char)] = &[
    ('國', '国'),
    ('際', '际'),
    ('電', '电'),
    ('學', '学'),
    ('術', '术'),
    ('機', '机'),
    ('業', '业'),
    ('發', '发'),
    ('東', '东'),
    ('華', '华'),
    ('實', '实'),
    ('體', '体'),
    ('導', '导'),
    ('衛', '卫'),
    ('達', '达'),
    ('開', '开'),
    ('關', '关'),
    ('為', '为'),
    ('們', '们'),
    ('來', '来'),
    ('時', '时'),
    ('會', '会'),
    ('萬', '万'),
    ('與', '与'),
    ('產', '产'),
    ('區', '区'),
    ('廠', '厂'),
    ('號', '号'),
    ('貿', '贸'),
    ('易', '易'),
    ('資', '资'),
    ('訊', '讯'),
    ('軟', '软'),
    ('網', '网'),
    ('絡', '络'),
    ('統', '统'),
    ('設', '设'),
    ('備', '备'),
    ('製', '制'),
    ('造', '造'),
    ('航', '航'),
    ('飛', '飞'),
    ('動', '动'),
    ('力', '力'),
    ('車', '车'),
    ('輛', '辆'),
    ('船', '船'),
    ('艦', '舰'),
    ('軍', '军'),
    ('備', '备'),
    ('測', '测'),
    ('試', '试'),
    ('驗', '验'),
    ('科', '科'),
    ('技', '技'),
    ('應', '应'),
    ('用', '用'),
    ('研', '研'),
    ('究', '究'),
    ('院', '院'),
    ('島', '岛'),
    ('灣', '湾'),
    ('臺', '台'),
    ('亞', '亚'),
    ('歐', '欧'),
    ('美', '美'),
    ('擊', '击'),
    ('彈', '弹'),
    ('導', '导'),
    ('雷', '雷'),
    ('達', '达'),
    ('無', '无'),
    ('線', '线'),
    ('衛', '卫'),
    ('星', '星'),
    ('漢', '汉'),
    ('陽', '阳'),
    ('長', '长'),
    ('門', '门'),
    ('間', '间'),
    ('問', '问'),
    ('題', '题'),
    ('專', '专'),
    ('聯', '联'),
    ('合', '合'),
    ('團', '团'),
    ('集', '集'),
    ('眾', '众'),
    ('億', '亿'),
    ('創', '创'),
    ('新', '新'),
    ('興', '兴'),
    ('鐵', '铁'),
    ('鋼', '钢'),
    ('礦', '矿'),
    ('屬', '属'),
    ('極', '极'),
    ('光', '光'),
    ('學', '学'),
    ('錄', '录'),
    ('數', '数'),
    ('據', '据'),
    ('級', '级'),
    ('紀', '纪'),
    ('約', '约'),
    ('納', '纳'),
    ('維', '维'),
    ('羅', '罗'),
    ('馬', '马'),
    ('蘭', '兰'),
    ('爾', '尔'),
    ('麥', '麦'),
    ('蘇', '苏'),
    ('齊', '齐'),
    ('龍', '龙'),
    ('鳳', '凤'),
    ('豐', '丰'),
    ('億', '亿'),
    ('壹', '壹'),
    ('參', '参'),
    ('陸', '陆'),
    ('邊', '边'),
    ('遠', '远'),
    ('進', '进'),
    ('運', '运'),
    ('輸', '输'),
    ('將', '将'),
    ('戰', '战'),
    ('廣', '广'),
    ('場', '场'),
    ('報', '报'),
    ('聲', '声'),
];

fn t2s(c: char) -> char {
    T2S.iter()
        .find(|(t, _)| *t == c)
        .map(|(_, s)| *s)
        .unwrap_or(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// A normalised name: Latin tokens and the CJK character string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalized {
    pub tokens: Vec<String>,
    pub cjk: String,
}

impl Normalized {
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty() && self.cjk.is_empty()
    }
    pub fn key(&self) -> String {
        let mut k = self.tokens.join(" ");
        if !self.cjk.is_empty() {
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&self.cjk);
        }
        k
    }
}

/// Normalise a name for matching. Never panics; ignores control and zero-width characters.
pub fn normalize(name: &str) -> Normalized {
    let mut latin = String::new();
    let mut cjk = String::new();
    for c in name.chars().take(MAX_SCREEN_CHARS) {
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if is_cjk(c) {
            cjk.push(t2s(c));
            latin.push(' ');
        } else if c == '&' || c == '＆' {
            latin.push_str(" and ");
        } else if c.is_alphanumeric() {
            latin.extend(c.to_lowercase());
        } else if c == '.'
            || c == '\''
            || c == '’'
            || c.is_control()
            || matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF)
        {
            // "L.L.C." → "llc"; "Lockheed's" → "lockheeds"; invisible marks dropped.
        } else {
            latin.push(' ');
        }
    }
    let mut tokens: Vec<String> = latin.split_whitespace().map(str::to_string).collect();
    if tokens.first().is_some_and(|t| t == "the") && tokens.len() > 1 {
        tokens.remove(0);
    }
    while tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| LATIN_SUFFIXES.contains(&t.as_str()))
    {
        tokens.pop();
    }
    let mut cjk_s = cjk;
    let mut changed = true;
    while changed {
        changed = false;
        for s in CJK_SUFFIXES {
            let keep = if tokens.is_empty() { 2 } else { 0 };
            if cjk_s.ends_with(s) && cjk_s.chars().count() >= s.chars().count() + keep {
                cjk_s.truncate(cjk_s.len() - s.len());
                changed = true;
            }
        }
    }
    Normalized { tokens, cjk: cjk_s }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum HitLevel {
    Weak,
    Strong,
    Exact,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ScreenHit {
    pub party_id: String,
    pub list: PartyList,
    pub name: Text,
    /// The listed name or alias that matched.
    pub matched: String,
    pub level: HitLevel,
    pub score: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub measures: Text,
    pub source: SourceRef,
    pub source_date: String,
    pub status: Status,
    /// Whether the listing's measures are in force on the evaluation date.
    pub active: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ListChecked {
    pub list: PartyList,
    pub entries: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ScreenResult {
    pub query: String,
    pub normalized: String,
    pub truncated: bool,
    pub as_of: String,
    pub hits: Vec<ScreenHit>,
    pub lists_checked: Vec<ListChecked>,
    /// The newest source date in the data checked.
    pub data_date: String,
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Sørensen–Dice coefficient of two multisets: a direct count for short names, sorting and
/// merging (O(n log n)) for long ones, so a hostile 300-character name costs only a sort.
fn dice<T: Ord + Clone>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a.len() * b.len() <= 4096 {
        // Short names: a direct count is faster than sorting.
        let mut rest: Vec<T> = b.to_vec();
        let mut common = 0usize;
        for v in a {
            if let Some(i) = rest.iter().position(|y| y == v) {
                rest.swap_remove(i);
                common += 1;
            }
        }
        return 2.0 * common as f64 / (a.len() + b.len()) as f64;
    }
    let mut x = a.to_vec();
    let mut y = b.to_vec();
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Compare a query with one listed name. Returns a level and a score (0–100).
/// Names with both Latin and CJK parts ("IHI宇航工程株式会社") must match on both.
pub fn compare(q: &Normalized, n: &Normalized) -> Option<(HitLevel, u32)> {
    if q.is_empty() || n.is_empty() {
        return None;
    }
    if q.key() == n.key() {
        return Some((HitLevel::Exact, 100));
    }
    let both_cjk = !q.cjk.is_empty() && !n.cjk.is_empty();
    let both_latin = !q.tokens.is_empty() && !n.tokens.is_empty();
    match (both_cjk, both_latin) {
        (true, true) => {
            let a = compare_cjk(&q.cjk, &n.cjk)?;
            let b = compare_latin(&q.tokens, &n.tokens)?;
            Some(if a.0 <= b.0 { a } else { b })
        }
        (true, false) if q.tokens.is_empty() || n.tokens.is_empty() => compare_cjk(&q.cjk, &n.cjk),
        (false, true) if q.cjk.is_empty() || n.cjk.is_empty() => {
            compare_latin(&q.tokens, &n.tokens)
        }
        _ => None,
    }
}

fn compare_cjk(q: &str, n: &str) -> Option<(HitLevel, u32)> {
    let (ql, nl) = (q.chars().count(), n.chars().count());
    if q == n {
        return Some((HitLevel::Exact, 98));
    }
    if ql >= 3 && nl >= 3 && (q.contains(n) || n.contains(q)) {
        return Some((HitLevel::Strong, 85));
    }
    let d = dice(&bigrams(q), &bigrams(n));
    if d >= 0.75 {
        return Some((HitLevel::Strong, (d * 80.0) as u32));
    }
    if d >= 0.5 {
        return Some((HitLevel::Weak, (d * 70.0) as u32));
    }
    None
}

fn compare_latin(q: &[String], n: &[String]) -> Option<(HitLevel, u32)> {
    let qs: std::collections::BTreeSet<&str> = q.iter().map(String::as_str).collect();
    let ns: std::collections::BTreeSet<&str> = n.iter().map(String::as_str).collect();
    if qs == ns {
        return Some((HitLevel::Exact, 97));
    }
    let common = qs.intersection(&ns).count();
    let joined_q: String = q.concat();
    let joined_n: String = n.concat();
    if joined_q == joined_n {
        return Some((HitLevel::Exact, 96)); // "L3 Harris" ~ "L3Harris"
    }
    // The listed name's tokens all appear in the query. Strong when what the query adds
    // is only a branch, unit or place word ("… Japan Branch"); otherwise weak, since
    // "Sierra Nevada Brewing" is not "Sierra Nevada Corp".
    if common == ns.len() && ns.len() >= 2 {
        let extra_generic = qs.difference(&ns).all(|t| GENERIC_EXTRAS.contains(t));
        return Some(if extra_generic {
            (HitLevel::Strong, 88)
        } else {
            (HitLevel::Weak, 65)
        });
    }
    let trigram = |s: &str| -> Vec<[char; 3]> {
        let c: Vec<char> = "  ".chars().chain(s.chars()).chain(" ".chars()).collect();
        c.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
    };
    let d = dice(&trigram(&joined_q), &trigram(&joined_n));
    if d >= 0.85 {
        return Some((HitLevel::Strong, (d * 90.0) as u32));
    }
    // The query's tokens all appear in a longer listed name: a parent or a unit of it.
    if common == qs.len() && !qs.is_empty() && joined_q.chars().count() >= 4 {
        return Some((HitLevel::Weak, 60));
    }
    let jacc = common as f64 / qs.union(&ns).count().max(1) as f64;
    if d >= 0.6 || jacc >= 0.6 {
        return Some((HitLevel::Weak, (d.max(jacc) * 70.0) as u32));
    }
    None
}

fn party_status(p: &Party, d: Date) -> Status {
    status_on(&p.listed, &p.suspensions, d)
}

/// Screen one name against every list, as of `as_of`.
pub fn screen(engine: &Engine, name: &str, as_of: Date) -> ScreenResult {
    let truncated = name.chars().count() > MAX_SCREEN_CHARS;
    let q = normalize(name);
    let mut hits: Vec<ScreenHit> = Vec::new();
    for (i, p) in engine.bundle.parties.iter().enumerate() {
        let names = std::iter::once(&p.name.zh)
            .chain(std::iter::once(&p.name.en))
            .chain(p.aliases.iter());
        let normalized = engine
            .party_names()
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut best: Option<(HitLevel, u32, &String)> = None;
        for (n, nn) in names.zip(normalized.iter()) {
            if let Some((lvl, score)) = compare(&q, nn) {
                if best.is_none_or(|(bl, bs, _)| (lvl, score) > (bl, bs)) {
                    best = Some((lvl, score, n));
                }
            }
        }
        if let Some((level, score, matched)) = best {
            let status = party_status(p, as_of);
            let active = matches!(status, Status::InForce | Status::SuspensionLapsed { .. });
            hits.push(ScreenHit {
                party_id: p.id.clone(),
                list: p.list,
                name: p.name.clone(),
                matched: matched.clone(),
                level,
                score,
                country: p.country.clone(),
                measures: p.measures.clone(),
                source: p.source.clone(),
                source_date: engine
                    .source(&p.source.source)
                    .map(|s| s.date.clone())
                    .unwrap_or_default(),
                status,
                active,
            });
        }
    }
    hits.sort_by(|a, b| {
        (b.level, b.score)
            .cmp(&(a.level, a.score))
            .then_with(|| a.party_id.cmp(&b.party_id))
    });
    hits.truncate(50);
    let lists_checked = [
        PartyList::ControlList,
        PartyList::WatchList,
        PartyList::UnreliableEntityList,
    ]
    .into_iter()
    .map(|list| ListChecked {
        list,
        entries: engine
            .bundle
            .parties
            .iter()
            .filter(|p| p.list == list)
            .count(),
    })
    .collect();
    let data_date = engine.party_data_date.clone();
    ScreenResult {
        query: name.chars().take(MAX_SCREEN_CHARS).collect(),
        normalized: q.key(),
        truncated,
        as_of: as_of.to_string(),
        hits,
        lists_checked,
        data_date,
    }
}
