//! The handle behind the `<dual-use-check>` custom element (`www/dual-use-check.js`):
//! mounts one independent app instance into a shadow root and relays attributes,
//! methods and events.

use super::app::{App, AppProps, Controller};
use crate::engine::model::Lang;
use crate::state::{Action, State, Step};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback};

#[wasm_bindgen]
pub struct Widget {
    dispatch: Rc<RefCell<Option<Callback<Action>>>>,
    state: Rc<RefCell<State>>,
    app: Option<AppHandle<App>>,
}

fn step_name(s: Step) -> &'static str {
    match s {
        Step::Start => "start",
        Step::Item => "item",
        Step::Questions => "questions",
        Step::Tech => "tech",
        Step::Parties => "parties",
        Step::Result => "result",
    }
}

fn emit(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

fn parse_lang(s: &str) -> Lang {
    if s.trim().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

#[wasm_bindgen]
impl Widget {
    /// Mount into `root` (inside the element's shadow root); events go to `host`.
    /// `storage_key` namespaces autosave per instance; `lang`, `as_of`, `code`, `hs`
    /// are the initial attribute values (empty strings when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: web_sys::Element,
        host: web_sys::HtmlElement,
        storage_key: String,
        lang: String,
        as_of: String,
        code: String,
        hs: String,
    ) -> Widget {
        let dispatch = Rc::new(RefCell::new(None));
        let state = Rc::new(RefCell::new(State::default()));
        let mut initial = Vec::new();
        if !lang.is_empty() {
            initial.push(Action::SetLang(parse_lang(&lang)));
        }
        if !as_of.is_empty() {
            initial.push(Action::SetAsOf(as_of));
        }
        if !code.is_empty() && crate::engine::Engine::embedded().entry(&code).is_some() {
            initial.push(Action::SelectEntry(code));
        }
        if !hs.is_empty() {
            initial.push(Action::SetQuery(hs));
        }
        let h1 = host.clone();
        let h2 = host;
        let controller = Controller {
            storage_key: format!("dual-use-check/v1/state/{storage_key}"),
            initial,
            dispatch: dispatch.clone(),
            state: state.clone(),
            on_step: Callback::from(move |s: Step| {
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"step".into(), &step_name(s).into());
                emit(&h1, "step", &detail);
            }),
            on_determination: Callback::from(move |d| {
                let v = serde::Serialize::serialize(
                    &d,
                    &serde_wasm_bindgen::Serializer::json_compatible(),
                )
                .unwrap_or(JsValue::NULL);
                emit(&h2, "determination", &v);
            }),
        };
        let app = yew::Renderer::<App>::with_root_and_props(
            root,
            AppProps {
                controller: Some(controller),
            },
        )
        .render();
        Widget {
            dispatch,
            state,
            app: Some(app),
        }
    }

    fn send(&self, a: Action) {
        if let Some(d) = self.dispatch.borrow().as_ref() {
            d.emit(a);
        }
    }

    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) {
        self.send(Action::SetLang(parse_lang(lang)));
    }

    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&self, as_of: &str) {
        self.send(Action::SetAsOf(as_of.to_string()));
    }

    #[wasm_bindgen(js_name = setCode)]
    pub fn set_code(&self, code: &str) {
        if crate::engine::Engine::embedded().entry(code).is_some() {
            self.send(Action::SelectEntry(code.to_string()));
        }
    }

    #[wasm_bindgen(js_name = setQuery)]
    pub fn set_query(&self, q: &str) {
        self.send(Action::SetQuery(q.to_string()));
    }

    pub fn reset(&self) {
        self.send(Action::Reset);
    }

    /// The current report: `{ report_version, state, determination }` (the
    /// determination is null until the answers are complete enough to evaluate).
    pub fn report(&self) -> JsValue {
        let s = self.state.borrow().clone();
        let det = crate::engine::determine(
            crate::engine::Engine::embedded(),
            &s.request(),
            super::today(),
        )
        .ok();
        let report = serde_json::json!({ "report_version": 1, "state": s, "determination": det });
        serde::Serialize::serialize(&report, &serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap_or(JsValue::NULL)
    }

    /// Unmount the app (when the element leaves the page).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
