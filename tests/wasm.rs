//! Browser tests (wasm-bindgen-test in headless Chromium): the Yew components and the
//! wasm-bindgen JS API, running in a real browser.
#![cfg(target_arch = "wasm32")]

use dual_use_check::web::{api, app::App};
use gloo::timers::future::sleep;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON in test")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

const GALLIUM: &str = r#"{"as_of":"2026-11-24","item":{"code":"3C001.a","answers":{"identity":{"type":"bool","value":true}}},
  "destination":"DE","end_use":{"notified":"no","national_security":"no","wmd":"no","terrorism":"no","military":"no"}}"#;

#[wasm_bindgen_test]
fn api_classify_gallium_requires_licence() {
    let d = api::classify(js(GALLIUM)).expect("classify");
    assert_eq!(get_str(&d, "outcome"), "licence_required");
    assert_eq!(get_str(&get(&d, "entry"), "code"), "3C001.a");
    let cites = js_sys::Array::from(&get(&d, "citations"));
    let ids: Vec<String> = cites.iter().map(|c| get_str(&c, "id")).collect();
    assert!(
        ids.contains(&"ECL-12".to_string()) && ids.contains(&"REG-14".to_string()),
        "{ids:?}"
    );
}

#[wasm_bindgen_test]
fn api_unknown_answer_is_uncertain_not_clear() {
    let req = GALLIUM.replace(r#"{"type":"bool","value":true}"#, r#"{"type":"unknown"}"#);
    let d = api::classify(js(&req)).expect("classify");
    assert_eq!(get_str(&d, "outcome"), "uncertain");
}

#[wasm_bindgen_test]
fn api_rejects_bad_input_with_typed_bilingual_errors() {
    let cases: Vec<JsValue> = vec![
        JsValue::from_str("not an object"),
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
        js(r#"{"item":{"code":"9Z999"}}"#),
        js(r#"{"unexpected":1}"#),
        js(r#"{"as_of":"2026-02-30"}"#),
        js(r#"{"destination":"XX"}"#),
        js(
            r#"{"item":{"code":"3C001.a","answers":{"identity":{"type":"number","value":1,"unit":"%"}}}}"#,
        ),
    ];
    for (i, c) in cases.into_iter().enumerate() {
        let e = match api::classify(c) {
            Ok(v) => panic!("case {i} must be rejected, got {v:?}"),
            Err(e) => e,
        };
        assert!(!get_str(&e, "code").is_empty(), "error has a code");
        assert!(!get_str(&e, "zh").is_empty(), "error has zh text");
        assert!(!get_str(&e, "en").is_empty(), "error has en text");
    }
    let e = api::search(JsValue::from_f64(3.0), None).expect_err("query must be a string");
    assert_eq!(get_str(&e, "code"), "malformed_request");
    let e = api::questions(JsValue::from_str("0A000")).expect_err("unknown code");
    assert_eq!(get_str(&e, "code"), "unknown_code");
}

#[wasm_bindgen_test]
fn api_search_and_questions() {
    for q in ["镓", "gallium", "3C001", "8112929090"] {
        let hits =
            js_sys::Array::from(&api::search(JsValue::from_str(q), Some(10)).expect("search"));
        assert!(
            hits.iter().any(|h| get_str(&h, "code") == "3C001.a"),
            "query {q} finds 3C001.a"
        );
    }
    let q = api::questions(JsValue::from_str("3C001.a")).expect("questions");
    let qs = js_sys::Array::from(&get(&q, "questions"));
    assert_eq!(get_str(&qs.get(0), "id"), "identity");
    let v = api::data_version().expect("version");
    assert_eq!(get_str(&v, "hash").len(), 64);
}

fn root() -> web_sys::Element {
    let doc = gloo::utils::document();
    let div = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

fn click(root: &web_sys::Element, selector: &str) {
    let el = root
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{selector} present"));
    el.dyn_into::<web_sys::HtmlElement>()
        .expect("html element")
        .click();
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn component_switches_language_and_keeps_answers() {
    let _ = gloo::utils::window()
        .local_storage()
        .map(|s| s.map(|s| s.clear()));
    let r = root();
    yew::Renderer::<App>::with_root(r.clone()).render();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(text(&r, "h1"), "两用物项识别助手");
    // Pick "technology" on the start step, then switch language.
    click(&r, "#export-kind-technology");
    sleep(Duration::from_millis(20)).await;
    click(&r, "#lang-switch");
    sleep(Duration::from_millis(20)).await;
    assert_eq!(text(&r, "h1"), "Dual-Use Check");
    let checked = r
        .query_selector("#export-kind-technology")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.checked())
        .unwrap_or(false);
    assert!(checked, "the answer survives the language switch");
    // Next goes to the item step; the progress indicator follows.
    click(&r, "#next");
    sleep(Duration::from_millis(20)).await;
    assert_eq!(text(&r, "li[aria-current=step]"), "Identify the item");
    r.remove();
}

/// The bad-input matrix on the JS API: every case gives a typed error or a valid result,
/// never a panic (a panic would abort the test binary).
#[wasm_bindgen_test]
fn api_bad_input_matrix() {
    let huge = "x".repeat(1_000_000);
    let strings = [
        huge.as_str(),
        "\u{202e}ﺏﺮﻋ\u{200b}\u{200d}",
        "🚀🧪💥",
        "<img src=x onerror=alert(1)><script>alert(1)</script>",
        "__proto__",
        "constructor",
        "",
        "\u{0}\u{1}",
    ];
    for s in strings {
        let _ = api::search(JsValue::from_str(s), Some(10));
        let _ = api::questions(JsValue::from_str(s));
        let _ = api::screen(JsValue::from_str(s), JsValue::UNDEFINED);
        let _ = api::screen(JsValue::from_str("Lockheed"), JsValue::from_str(s));
    }
    let jsons = [
        r#"{"__proto__":{"polluted":1}}"#,
        r#"{"constructor":{"prototype":{"polluted":1}}}"#,
        r#"{"item":{"code":"3C001.a","answers":{"__proto__":{"type":"unknown"}}}}"#,
        r#"{"item":{"code":"3C001.a","answers":{"identity":{"type":"number","value":1e308,"unit":"%"}}}}"#,
        r#"{"as_of":"2026-11-24","as_of":"2026-11-25"}"#,
        r#"{"destination":"<script>"}"#,
        r#"{"end_user":"\u202eevil\u200b"}"#,
        r#"{"export_kind":"plutonium"}"#,
        r#"{"item":null}"#,
        r#"{"item":{"code":["3C001.a"]}}"#,
        r#"{"end_use":{"wmd":true}}"#,
    ];
    for j in jsons {
        match api::classify(js(j)) {
            Ok(v) => assert!(!get_str(&v, "outcome").is_empty()),
            Err(e) => assert!(
                !get_str(&e, "zh").is_empty() && !get_str(&e, "en").is_empty(),
                "{j}"
            ),
        }
    }
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"end_user".into(), &JsValue::from_str(&huge));
    let e = api::classify(object.into()).expect_err("a 1 MB name is refused");
    assert_eq!(get_str(&e, "code"), "input_too_large");
    // NaN, Infinity and -0 arrive as JSON null / 0 and are refused or read as numbers.
    let num =
        js(r#"{"item":{"code":"3C001.a","answers":{"identity":{"type":"bool","value":true}}}}"#);
    let answers = get(&get(&num, "item"), "answers");
    let bad = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&bad, &"type".into(), &"number".into());
    let _ = js_sys::Reflect::set(&bad, &"value".into(), &JsValue::from_f64(f64::INFINITY));
    let _ = js_sys::Reflect::set(&bad, &"unit".into(), &"%".into());
    let _ = js_sys::Reflect::set(&answers, &"identity".into(), &bad);
    assert!(api::classify(num).is_err());
    // Nothing was polluted.
    let probe = js_sys::Object::new();
    assert!(js_sys::Reflect::get(&probe, &"polluted".into())
        .unwrap_or(JsValue::UNDEFINED)
        .is_undefined());
}
