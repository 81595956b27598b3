#![no_main]
//! Arbitrary text through search (what a user or a host page can type): Chinese bigrams,
//! vocabulary postings, typo tolerance, codes and HS codes. Results must respect the
//! limit and come back in score order.
use dual_use_check::engine::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let q = String::from_utf8_lossy(rest);
    let limit = usize::from(limit % 40);
    let hits = Engine::embedded().search(&q, limit);
    assert!(hits.len() <= limit);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
});
