//! Search over codes, names, keywords and HS codes, in Chinese or English.

use crate::engine::model::{Bundle, Coverage, Route, Text};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher for the index's maps (keys are words and characters of
/// the data; SipHash's flood resistance is not needed and cost a tenth of the build).
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Longest query accepted; longer input is cut (not rejected) so typing never errors.
pub const MAX_QUERY_CHARS: usize = 200;

pub(crate) struct SearchIndex {
    records: Vec<Record>,
    /// Every distinct word of every name and keyword: query words are matched against
    /// the vocabulary once per search, not against every record.
    vocab: Vec<String>,
    /// Vocabulary ids by character, and by pair of adjacent characters (sorted, no
    /// repeats): a word containing the query word contains its characters and pairs, so
    /// only the words on the shortest list need checking.
    by_char: FxMap<char, Vec<u32>>,
    by_pair: FxMap<(char, char), Vec<u32>>,
}

/// A normalised name or keyword, with its words as vocabulary ids.
struct Field {
    text: String,
    words: Vec<u32>,
}

struct Record {
    entry: usize,
    code: String,
    code_compact: String,
    names: Vec<Field>,
    keywords: Vec<Field>,
    /// Every vocabulary id in the names and keywords, sorted: a record none of whose
    /// words contains (or fuzzily matches) a query word cannot match by text.
    word_ids: Vec<u32>,
    /// Every CJK character bigram of the names and keywords, sorted and deduplicated.
    bigrams: Vec<u64>,
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
        // Fast paths: Chinese characters and ASCII letters and digits (most of the text).
        if c.is_ascii_alphanumeric() || is_cjk(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
            continue;
        }
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

fn split_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// CJK unified ideographs (with extensions A, B and later, and compatibility forms).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The CJK character bigrams of `s` (pairs of adjacent CJK characters), appended to `out`.
fn cjk_bigrams(s: &str, out: &mut Vec<u64>) {
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if is_cjk(c) {
            if let Some(p) = prev {
                out.push((u64::from(p as u32) << 32) | u64::from(c as u32));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

/// A query of Chinese characters only (spaces allowed), at least three of them: the
/// query's bigrams, sorted and deduplicated. Mixed queries such as "UD布" are matched by
/// words only.
fn cjk_query(q: &str) -> Option<Vec<u64>> {
    let mut n = 0;
    for c in q.chars() {
        if is_cjk(c) {
            n += 1;
        } else if c != ' ' {
            return None;
        }
    }
    if n < 3 {
        return None;
    }
    let mut grams = Vec::new();
    cjk_bigrams(q, &mut grams);
    grams.sort_unstable();
    grams.dedup();
    (grams.len() >= 2).then_some(grams)
}

/// Edit distance, bounded: returns `max + 1` as soon as it is exceeded.
fn edit_distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max || b.len() > 64 {
        return max + 1;
    }
    let mut prev = [0usize; 65];
    let mut cur = [0usize; 65];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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

/// For the benchmark only: build a search index over `b` and return its record count
/// (how long the index takes to build at engine load is reported, not asserted).
#[doc(hidden)]
pub fn build_index_for_bench(b: &Bundle) -> usize {
    SearchIndex::build(b).records.len()
}

/// Keep the better of the current best match and a new one.
fn consider(
    best: &mut (u32, MatchedOn, Option<String>),
    s: u32,
    on: MatchedOn,
    hs: Option<String>,
) {
    if s > best.0 {
        *best = (s, on, hs);
    }
}

impl SearchIndex {
    pub(crate) fn build(b: &Bundle) -> SearchIndex {
        let mut vocab: Vec<String> = Vec::new();
        let mut ids: FxMap<String, u32> = FxMap::default();
        let mut field = |raw: &str| {
            let text = normalize(raw);
            let words = split_words(&text)
                .map(|w| match ids.get(w) {
                    Some(id) => *id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.push(w.to_string());
                        ids.insert(w.to_string(), id);
                        id
                    }
                })
                .collect();
            Field { text, words }
        };
        let records = b
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let names = vec![field(&e.name.zh), field(&e.name.en)];
                let keywords: Vec<Field> = e
                    .keywords
                    .zh
                    .iter()
                    .chain(e.keywords.en.iter())
                    .map(|k| field(k))
                    .collect();
                let mut word_ids: Vec<u32> = names
                    .iter()
                    .chain(keywords.iter())
                    .flat_map(|f| f.words.iter().copied())
                    .collect();
                word_ids.sort_unstable();
                word_ids.dedup();
                let mut bigrams = Vec::new();
                for f in names.iter().chain(keywords.iter()) {
                    cjk_bigrams(&f.text, &mut bigrams);
                }
                bigrams.sort_unstable();
                bigrams.dedup();
                Record {
                    entry: i,
                    code: e.code.to_lowercase(),
                    code_compact: compact_code(&e.code),
                    names,
                    keywords,
                    word_ids,
                    bigrams,
                    hs: e.hs.iter().map(|h| h.code.clone()).collect(),
                }
            })
            .collect();
        let mut by_char: FxMap<char, Vec<u32>> = FxMap::default();
        let mut by_pair: FxMap<(char, char), Vec<u32>> = FxMap::default();
        for (id, w) in vocab.iter().enumerate() {
            let id = id as u32;
            let mut prev: Option<char> = None;
            for c in w.chars() {
                let list = by_char.entry(c).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
                if let Some(p) = prev {
                    let list = by_pair.entry((p, c)).or_default();
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
                prev = Some(c);
            }
        }
        SearchIndex {
            records,
            vocab,
            by_char,
            by_pair,
        }
    }

    /// The vocabulary words that may contain `qw`: a superset, to be checked.
    fn candidates(&self, qw: &str) -> &[u32] {
        let mut chars = qw.chars();
        let Some(first) = chars.next() else {
            return &[];
        };
        let mut best: &[u32] = self.by_char.get(&first).map_or(&[], |v| v.as_slice());
        let mut prev = first;
        for c in chars {
            let list = self
                .by_pair
                .get(&(prev, c))
                .map_or(&[][..], |v| v.as_slice());
            if list.len() < best.len() {
                best = list;
            }
            if best.is_empty() {
                break;
            }
            prev = c;
        }
        best
    }

    /// A flag per vocabulary word: does it satisfy `test` (which implies containing `qw`)?
    fn flags(&self, qw: &str, test: impl Fn(&str) -> bool) -> Vec<bool> {
        let mut out = vec![false; self.vocab.len()];
        for &id in self.candidates(qw) {
            if let Some(w) = self.vocab.get(id as usize) {
                out[id as usize] = test(w);
            }
        }
        out
    }

    /// For each query word, which vocabulary words it prefixes, and which it matches
    /// with typo tolerance (Latin words of 5+ letters; shorter or CJK words: prefix).
    fn prefix_matches(&self, q: &str) -> Vec<Vec<bool>> {
        q.split(' ')
            .filter(|w| !w.is_empty())
            .map(|qw| self.flags(qw, |w| w.starts_with(qw)))
            .collect()
    }

    fn fuzzy_matches(&self, q: &str, prefix: &[Vec<bool>]) -> Vec<Vec<bool>> {
        let qs: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        qs.iter()
            .zip(prefix.iter())
            .map(|(qw, pre)| {
                let n = qw.chars().count();
                if !qw.is_ascii() || n < 5 {
                    return pre.clone();
                }
                let max = if n >= 7 { 2 } else { 1 };
                let qb = qw.as_bytes();
                self.vocab
                    .iter()
                    .zip(pre.iter())
                    .map(|(w, p)| {
                        // ASCII words only: a CJK word never is within 2 edits of a
                        // 5+-letter Latin word.
                        let wb = w.as_bytes();
                        *p || (w.is_ascii()
                            && (edit_distance(wb, qb, max) <= max
                                || (wb.len() > n && edit_distance(&wb[..n], qb, max) <= max)))
                    })
                    .collect()
            })
            .collect()
    }

    pub(crate) fn search(&self, b: &Bundle, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return vec![];
        }
        let prefix = self.prefix_matches(&q);
        // Typo tolerance only when exact and prefix matching leave room in the results.
        let first = self.run(b, &q, &prefix, None, limit);
        // Typo tolerance is for queries that found nothing by text: a full set of results,
        // or a hit on a code, an HS code or a whole name (every query word matched),
        // ends the search. Fuzzy hits would only rank below those.
        if first.len() >= limit || first.first().is_some_and(|h| h.score >= 440) {
            return first;
        }
        let fuzzy = self.fuzzy_matches(&q, &prefix);
        self.run(b, &q, &prefix, Some(&fuzzy), limit)
    }

    fn run(
        &self,
        b: &Bundle,
        q: &str,
        prefix: &[Vec<bool>],
        fuzzy: Option<&[Vec<bool>]>,
        limit: usize,
    ) -> Vec<Hit> {
        let hs_q = digits_only(q);
        // Per query word, the vocabulary words that contain it (or match it fuzzily).
        // Query words are split like the fields (alphanumeric runs). Fuzzy flags belong to
        // the space-separated words, so any fuzzy flag counts for every run (a superset:
        // the filter never drops a record that could match).
        let fuzzy_any: Option<Vec<bool>> = fuzzy.map(|z| {
            (0..self.vocab.len())
                .map(|v| z.iter().any(|m| m.get(v).copied().unwrap_or(false)))
                .collect()
        });
        let reach: Vec<Vec<bool>> = split_words(q)
            .map(|qw| {
                let mut m = self.flags(qw, |w| w.contains(qw));
                if let Some(f) = &fuzzy_any {
                    for (a, b) in m.iter_mut().zip(f.iter()) {
                        *a |= *b;
                    }
                }
                m
            })
            .collect();
        let all_words = |f: &Field, m: &[Vec<bool>]| {
            !m.is_empty()
                && m.iter().all(|qm| {
                    f.words
                        .iter()
                        .any(|w| qm.get(*w as usize).copied().unwrap_or(false))
                })
        };
        let score = |f: &Field, base: u32| -> u32 {
            if f.text == q {
                // An exact keyword (530) outranks a name that merely starts with the
                // query (520): "钐" finds samarium metal before samarium alloys.
                base + 200 + if base < 400 { 30 } else { 0 }
            } else if f.text.starts_with(q) {
                base + 120
            } else if f.text.contains(q) {
                base + 60
            } else if all_words(f, prefix) {
                base + 40
            } else if fuzzy.is_some_and(|z| all_words(f, z)) {
                base + 10
            } else {
                0
            }
        };
        // Chinese queries also match by character bigrams, the way CJK search engines
        // do: reordered words, an inserted or dropped character, or an item name inside a
        // longer query ("锑氧化物" for "锑的氧化物", "高纯度锑锭" for "锑锭").
        let cjk = cjk_query(q);
        let q_chars = q.chars().filter(|c| *c != ' ').count();
        let q_compact = if looks_like_code(q) {
            compact_code(q)
        } else {
            String::new()
        };
        let mut hits: Vec<Hit> = Vec::new();
        for r in &self.records {
            let mut best: (u32, MatchedOn, Option<String>) = (0, MatchedOn::Name, None);
            if r.code == q {
                consider(&mut best, 1000, MatchedOn::Code, None);
            } else if r.code.starts_with(q) && q.len() >= 2 {
                // Shorter codes (closer to the query) rank first.
                let extra = (r.code.len() - q.len()).min(100) as u32;
                consider(&mut best, 900 - extra, MatchedOn::Code, None);
            } else if q_compact.len() >= 3 {
                // Codes typed without dots or with spaces: "3c001a", "3C001 a".
                if r.code_compact == q_compact {
                    consider(&mut best, 990, MatchedOn::Code, None);
                } else if r.code_compact.starts_with(&q_compact) {
                    let extra = (r.code_compact.len() - q_compact.len()).min(100) as u32;
                    consider(&mut best, 890 - extra, MatchedOn::Code, None);
                }
            }
            if let Some(d) = &hs_q {
                for h in &r.hs {
                    if h == d {
                        consider(&mut best, 850, MatchedOn::Hs, Some(h.clone()));
                    } else if h.starts_with(d.as_str()) {
                        consider(
                            &mut best,
                            800 - (h.len() - d.len()) as u32,
                            MatchedOn::Hs,
                            Some(h.clone()),
                        );
                    }
                }
            }
            // Text can only match when every query word is within reach of a word of
            // this record (a substring match lies inside one alphanumeric word, or spans
            // words that each contain a query word).
            let reachable = reach.iter().all(|m| {
                r.word_ids
                    .iter()
                    .any(|w| m.get(*w as usize).copied().unwrap_or(false))
            });
            if reachable {
                for n in &r.names {
                    consider(&mut best, score(n, 400), MatchedOn::Name, None);
                }
                for k in &r.keywords {
                    consider(&mut best, score(k, 300), MatchedOn::Keyword, None);
                }
            }
            if let Some(grams) = &cjk {
                if best.0 < 300 {
                    let shared = grams
                        .iter()
                        .filter(|g| r.bigrams.binary_search(g).is_ok())
                        .count();
                    // At least two shared bigrams and 60 % of the query's.
                    if shared >= 2 && shared * 5 >= grams.len() * 3 {
                        let s = (25 * shared / grams.len()) as u32;
                        consider(&mut best, 310 + s, MatchedOn::Keyword, None);
                    }
                    // A whole name or keyword (two or more characters) inside the
                    // query, covering at least 40 % of it.
                    if shared >= 1 {
                        for (f, on) in r
                            .names
                            .iter()
                            .map(|f| (f, MatchedOn::Name))
                            .chain(r.keywords.iter().map(|f| (f, MatchedOn::Keyword)))
                        {
                            let n = f.text.chars().count();
                            if n >= 2 && n * 5 >= q_chars * 2 && q.contains(f.text.as_str()) {
                                let s = (25 * n / q_chars.max(1)) as u32;
                                consider(&mut best, 310 + s, on, None);
                            }
                        }
                    }
                }
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
