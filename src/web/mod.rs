//! The web layer (wasm32 only): the Yew questionnaire and the wasm-bindgen JS API.
//! Both are thin: all decisions are made by `crate::engine`.

pub mod api;
pub mod app;
mod panic;
mod storage;
pub mod widget;

use crate::engine::Date;
use wasm_bindgen::prelude::*;

/// Today's date in the user's local time zone.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    let s = format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    );
    Date::parse(&s).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// Mount the questionnaire into `element`.
#[wasm_bindgen(js_name = mount)]
pub fn mount(element: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(element).render();
}

fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().service_worker().register("sw.js");
    }
}

/// Run `f` in an idle period after the first paint (requestIdleCallback), or after a
/// short timeout where that is missing (older Safari).
pub(crate) fn on_idle(f: impl FnOnce() + Copy + 'static) {
    let cb = Closure::once_into_js(f);
    let idle =
        web_sys::window().is_some_and(|w| w.request_idle_callback(cb.unchecked_ref()).is_ok());
    if !idle {
        gloo::timers::callback::Timeout::new(50, f).forget();
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    panic::install();
    if let Some(root) = gloo::utils::document().get_element_by_id("dual-use-check") {
        mount(root);
        // The standalone page works offline after one visit (service worker made by
        // scripts/postbuild.mjs). Embeddings are left to the host page.
        // Registered in idle time, so that it does not compete with the first paint.
        on_idle(register_service_worker);
    }
}
