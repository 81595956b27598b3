//! The embedded engine prepared step by step, as the browser does after the first
//! paint. A test binary of its own, so that no other test has loaded the engine first.

use dual_use_check::engine::Engine;

#[test]
fn the_embedded_engine_is_prepared_in_four_steps_then_reports_done() {
    assert!(Engine::preload(0), "parse, then more");
    assert!(Engine::preload(1), "index, then more");
    assert!(Engine::preload(2), "search index, then more");
    assert!(!Engine::preload(3), "screening names, the last step");
    assert!(!Engine::preload(4), "nothing past the last step");
    // The parsed data was used, not lost: the engine is complete and searchable.
    let e = Engine::embedded();
    assert!(e.bundle.entries.len() > 700);
    assert!(
        e.bundle.inventory_missing.is_none(),
        "the shared caveat was put back"
    );
    assert!(e.entry("3C001.a").is_some());
    assert_eq!(
        e.search("gallium", 5).first().map(|h| h.code.as_str()),
        Some("3C001.a")
    );
    // Steps already done are skipped, in any order.
    assert!(Engine::preload(0));
    assert!(Engine::preload(1));
}
