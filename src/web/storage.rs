//! Autosave to localStorage under a namespaced, versioned key. A corrupted or
//! old-version value is reported, never trusted, and never crashes the app.

use crate::state::State;

/// Load saved state. The flag is true when something was saved but unreadable.
pub fn load(key: &str) -> (State, bool) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return (State::default(), false);
    };
    match storage.get_item(key) {
        Ok(Some(json)) => match State::from_saved(&json) {
            Ok(s) => (s, false),
            Err(_) => {
                let _ = storage.remove_item(key);
                (State::default(), true)
            }
        },
        _ => (State::default(), false),
    }
}

pub fn save(key: &str, state: &State) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        if let Ok(json) = serde_json::to_string(state) {
            let _ = storage.set_item(key, &json);
        }
    }
}
