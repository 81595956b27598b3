//! Panic containment. In wasm a panic aborts the module instance, so the hook runs the
//! last Rust code this instance will run: it logs the panic and hands over to JS.
//! - Embedded (`<dual-use-check>`): the loader gives every element its own module
//!   instance and registers a callback with `onPanic`; the callback shows the bilingual
//!   "something went wrong, your answers are saved" panel, emits an `error` event and
//!   offers a restart. Other instances and the host page are untouched.
//! - Standalone page: the panel is drawn here, with plain DOM text nodes and a reload
//!   link (no handler that would call back into the aborted module).
//!
//! Answers survive because the app autosaves every change to localStorage.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static ON_PANIC: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Register the JS callback called with the panic message (one per module instance).
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(callback: js_sys::Function) {
    ON_PANIC.with(|c| {
        if let Ok(mut slot) = c.try_borrow_mut() {
            *slot = Some(callback);
        }
    });
}

pub(crate) fn install() {
    // Through Yew, which otherwise installs its own default hook on first render.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = info.to_string();
        let handled = ON_PANIC.with(|c| match c.try_borrow() {
            Ok(slot) => match slot.as_ref() {
                Some(f) => f
                    .call1(&JsValue::NULL, &JsValue::from_str(&message))
                    .is_ok(),
                None => false,
            },
            Err(_) => false,
        });
        if !handled {
            standalone_panel();
        }
    }));
}

/// Replace the standalone app with a static bilingual notice.
fn standalone_panel() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.get_element_by_id("dual-use-check") else {
        return;
    };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    let _ = panel.set_attribute("class", "duc-crash");
    let _ = panel.set_attribute("role", "alert");
    for (tag, text) in [
        ("h2", "出现错误 · Something went wrong"),
        ("p", "您的回答已自动保存在本浏览器中。重新载入后可继续。"),
        (
            "p",
            "Your answers are saved in this browser. Reload to continue where you left off.",
        ),
    ] {
        if let Ok(el) = doc.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", "");
        a.set_text_content(Some("重新载入 · Reload"));
        let _ = panel.append_child(&a);
    }
    root.set_text_content(None);
    let _ = root.append_child(&panel);
}
