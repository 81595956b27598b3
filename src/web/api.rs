//! The headless JS API. Inputs and outputs are plain JSON-compatible objects; invalid
//! input is rejected with a typed error object `{ code, zh, en }`, never a panic.

use crate::engine::{
    self, determine, questions::questions as entry_questions, Engine, EngineError,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A typed error thrown by every API function on invalid input. */
export interface DucError { code: string; zh: string; en: string }
export type Text = { zh: string; en: string };
export type Answer =
  | { type: "number"; value: number; unit: string }
  | { type: "choice"; value: string }
  | { type: "bool"; value: boolean }
  | { type: "unknown" };
export type YesNo = "yes" | "no" | "unknown";
export interface ClassifyRequest {
  as_of?: string;
  export_kind?: "goods" | "technology" | "software" | "service" | "data";
  movement?: "export" | "foreign_person_in_china" | "reexport_transit" | "special_zone" | "between_special_zones";
  regime?: "dual_use" | "nuclear" | "military";
  item?: { code: string; answers?: Record<string, Answer> };
  destination?: string;
  end_user?: string;
  end_use?: { notified?: YesNo; national_security?: YesNo; wmd?: YesNo; terrorism?: YesNo; military?: YesNo };
}
export type Outcome = "prohibited" | "designated_operators_only" | "licence_required" | "uncertain"
  | "control_suspended" | "no_licence_required_by_list" | "not_an_export";
export interface Determination {
  outcome: Outcome; headline: Text; as_of: string; route: "dual_use" | "nuclear" | "military";
  entry?: { code: string; name: Text; coverage: "full" | "partial" | "inventory"; status: { state: string } };
  trace: { rule: string; kind: string; text: Text; answer?: string; citations: string[]; sources?: string[] }[];
  citations: { id: string; instrument: string; article: string; source: string; summary: Text }[];
  sources: { id: string; number: string; title: Text; date: string; url?: string }[];
  licence?: { options: Text[]; documents: Text[]; time_limit: Text; citations: string[] };
  customs_remark?: Text; screening?: unknown;
  data_version: { hash: string; newest_source: string; entries: number };
}
export interface SearchHit { code: string; name: Text; coverage: string; route: string; matched_on: string; hs?: string; score: number }
"#;

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| err(EngineError::malformed(&e.to_string())))
}

fn err(e: EngineError) -> JsValue {
    e.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| JsValue::from_str(&e.en))
}

fn string_arg(v: &JsValue, what: &str) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| err(EngineError::malformed(&format!("{what} must be a string"))))
}

/// Search entries by name (zh/en), keyword, code or HS code.
#[wasm_bindgen(js_name = search, unchecked_return_type = "SearchHit[]")]
pub fn search(query: JsValue, limit: Option<u32>) -> Result<JsValue, JsValue> {
    let q = string_arg(&query, "query")?;
    let limit = limit.unwrap_or(20).clamp(1, 200) as usize;
    to_js(&Engine::embedded().search(&q, limit))
}

/// The question graph of one entry.
#[wasm_bindgen(js_name = questions)]
pub fn questions(code: JsValue) -> Result<JsValue, JsValue> {
    let c = string_arg(&code, "code")?;
    entry_questions(Engine::embedded(), &c)
        .map_err(err)
        .and_then(|q| to_js(&q))
}

/// Classify an export: `{ as_of?, export_kind?, movement?, regime?, item?: { code, answers },
/// destination?, end_user?, end_use? }`.
#[wasm_bindgen(js_name = classify, unchecked_return_type = "Determination")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "ClassifyRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    if !request.is_object() {
        return Err(err(EngineError::malformed("request must be an object")));
    }
    // Through JSON text so that the engine's strict parser (unknown fields rejected,
    // NaN impossible, size limits) is the only way in, exactly as natively.
    let json = js_sys::JSON::stringify(&request)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| err(EngineError::malformed("request is not JSON-serialisable")))?;
    let req = engine::request_from_json(&json).map_err(err)?;
    determine(Engine::embedded(), &req, super::today())
        .map_err(err)
        .and_then(|d| to_js(&d))
}

/// The data version: content hash, newest source date and entry count.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> Result<JsValue, JsValue> {
    to_js(Engine::embedded().version())
}

/// Screen a party name against the control list, the watch list and the Unreliable
/// Entity List, as of `as_of` (`YYYY-MM-DD`, today when absent).
#[wasm_bindgen(js_name = screen)]
pub fn screen(name: JsValue, as_of: JsValue) -> Result<JsValue, JsValue> {
    let n = string_arg(&name, "name")?;
    if n.chars().count() > 10_000 {
        return Err(err(EngineError::too_large("name / 名称", 10_000)));
    }
    let date = if as_of.is_undefined() || as_of.is_null() {
        super::today()
    } else {
        let s = string_arg(&as_of, "as_of")?;
        engine::Date::parse(&s).ok_or_else(|| err(EngineError::bad_date(&s)))?
    };
    to_js(&engine::screen::screen(Engine::embedded(), &n, date))
}
