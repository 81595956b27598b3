//! Search over codes, names, keywords and HS codes, in Chinese or English.

use crate::engine::model::{Bundle, Coverage, Route, Text};
use serde::{Deserialize, Serialize};

/// Longest query accepted; longer input is cut (not rejected) so typing never errors.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Default)]
pub(crate) struct SearchIndex {
    records: Vec<Record>,
}

struct Record {
    entry: usize,
    code: String,
    code_compact: String,
    names: Vec<String>,
    keywords: Vec<String>,
    hs: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MatchedOn {
    Code,
    Hs,
    Name,
    Keyword,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Hit {
    pub code: String,
    pub name: Text,
    pub coverage: Coverage,
    pub route: Route,
    pub matched_on: MatchedOn,
    /// The HS code that matched, when the hit came from an HS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs: Option<String>,
    pub score: u32,
}

/// Fold case, full-width forms and spacing; keep CJK as is.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().take(MAX_QUERY_CHARS) {
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        };
        if c.is_whitespace()
            || c.is_control()
            || matches!(c, '(' | ')' | '（' | '）' | ',' | '，' | '、')
        {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

fn digits_only(s: &str) -> Option<String> {
    let d: String = s
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '-'))
        .collect();
    (d.len() >= 4 && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
}

fn word_prefix_match(hay: &str, q: &str) -> bool {
    let words: Vec<&str> = hay
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let qs: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    !qs.is_empty() && qs.iter().all(|qw| words.iter().any(|w| w.starts_with(qw)))
}

/// Edit distance, bounded: returns `max + 1` as soon as it is exceeded.
fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().copied().unwrap_or(0) > max {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Every query word (Latin, 5+ letters) is within a small edit distance of a word of
/// `hay`, or a prefix of one: "galium" finds "gallium".
fn fuzzy_words_match(hay: &str, q: &str) -> bool {
    let words: Vec<&str> = hay
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let qs: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    !qs.is_empty()
        && qs.iter().all(|qw| {
            let n = qw.chars().count();
            if !qw.is_ascii() || n < 5 {
                return words.iter().any(|w| w.starts_with(qw));
            }
            let max = if n >= 7 { 2 } else { 1 };
            words.iter().any(|w| {
                let head: String = w.chars().take(n).collect();
                edit_distance(w, qw, max) <= max || edit_distance(&head, qw, max) <= max
            })
        })
}

/// A code without separators, lower case: "3C001.a" → "3c001a".
fn compact_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Digit, letter A–E, digit: the start of a list code.
fn looks_like_code(q: &str) -> bool {
    let b = q.as_bytes();
    b.len() >= 3
        && b[0].is_ascii_digit()
        && matches!(b[1].to_ascii_lowercase(), b'a'..=b'e')
        && b[2].is_ascii_digit()
}

fn text_score(hay: &str, q: &str, base: u32) -> u32 {
    if hay == q {
        base + 200
    } else if hay.starts_with(q) {
        base + 120
    } else if hay.contains(q) {
        base + 60
    } else if word_prefix_match(hay, q) {
        base + 40
    } else if fuzzy_words_match(hay, q) {
        base + 10
    } else {
        0
    }
}

impl SearchIndex {
    pub(crate) fn build(b: &Bundle) -> SearchIndex {
        let records = b
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| Record {
                entry: i,
                code: e.code.to_lowercase(),
                code_compact: compact_code(&e.code),
                names: vec![normalize(&e.name.zh), normalize(&e.name.en)],
                keywords: e
                    .keywords
                    .zh
                    .iter()
                    .chain(e.keywords.en.iter())
                    .map(|k| normalize(k))
                    .collect(),
                hs: e.hs.iter().map(|h| h.code.clone()).collect(),
            })
            .collect();
        SearchIndex { records }
    }

    pub(crate) fn search(&self, b: &Bundle, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return vec![];
        }
        let hs_q = digits_only(&q);
        let q_compact = if looks_like_code(&q) {
            compact_code(&q)
        } else {
            String::new()
        };
        let mut hits: Vec<Hit> = Vec::new();
        for r in &self.records {
            let mut best: (u32, MatchedOn, Option<String>) = (0, MatchedOn::Name, None);
            let mut consider = |s: u32, on: MatchedOn, hs: Option<String>| {
                if s > best.0 {
                    best = (s, on, hs);
                }
            };
            if r.code == q {
                consider(1000, MatchedOn::Code, None);
            } else if r.code.starts_with(&q) && q.len() >= 2 {
                // Shorter codes (closer to the query) rank first.
                let extra = (r.code.len() - q.len()).min(100) as u32;
                consider(900 - extra, MatchedOn::Code, None);
            } else if q_compact.len() >= 3 {
                // Codes typed without dots or with spaces: "3c001a", "3C001 a".
                if r.code_compact == q_compact {
                    consider(990, MatchedOn::Code, None);
                } else if r.code_compact.starts_with(&q_compact) {
                    let extra = (r.code_compact.len() - q_compact.len()).min(100) as u32;
                    consider(890 - extra, MatchedOn::Code, None);
                }
            }
            if let Some(d) = &hs_q {
                for h in &r.hs {
                    if h == d {
                        consider(850, MatchedOn::Hs, Some(h.clone()));
                    } else if h.starts_with(d.as_str()) {
                        consider(
                            800 - (h.len() - d.len()) as u32,
                            MatchedOn::Hs,
                            Some(h.clone()),
                        );
                    }
                }
            }
            for n in &r.names {
                consider(text_score(n, &q, 400), MatchedOn::Name, None);
            }
            for k in &r.keywords {
                consider(text_score(k, &q, 300), MatchedOn::Keyword, None);
            }
            if best.0 > 0 {
                let e = &b.entries[r.entry];
                // Entries with encoded parameters rank above bare inventory codes.
                let cov_bonus = match e.coverage {
                    Coverage::Full => 3,
                    Coverage::Partial => 2,
                    Coverage::Inventory => 0,
                };
                hits.push(Hit {
                    code: e.code.clone(),
                    name: e.name.clone(),
                    coverage: e.coverage,
                    route: e.route,
                    matched_on: best.1,
                    hs: best.2,
                    score: best.0 + cov_bonus,
                });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.code.cmp(&b.code)));
        hits.truncate(limit);
        hits
    }
}
