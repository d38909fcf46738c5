//! The toolbar popup: a Leptos view over the worker's state.
//!
//! It paints at once from the state the worker cached in `chrome.storage.local` (handed in by
//! `popup.js`, read while the wasm compiled), asks the worker to refresh, and follows every
//! later change of that state through `storage.onChanged`. All timer actions are requests to
//! the worker, the single owner of the timer.

mod bridge;
mod components;
mod options;

use leptos::prelude::*;
use perminut_core::messages::{DRAFT_KEY, STATE_KEY, WorkerState};
use perminut_core::settings::{SETTINGS_KEY, Settings};
use wasm_bindgen::prelude::*;

pub use components::App;
pub use options::start_options;

/// What `popup.js` hands over: the API base baked in at build time and the stored items.
#[wasm_bindgen]
pub fn start_popup(default_api: String, stored: JsValue) {
    let state = perminut_browser::storage::value_of::<String>(&stored, STATE_KEY)
        .ok()
        .flatten()
        .map(|json| WorkerState::from_json(&json))
        .unwrap_or_default();
    let draft = perminut_browser::storage::value_of::<String>(&stored, DRAFT_KEY)
        .ok()
        .flatten();
    // The user's API address from the options (storage.sync), else the build's default.
    let settings = perminut_browser::storage::value_of::<String>(&stored, SETTINGS_KEY);
    let settings = settings
        .ok()
        .flatten()
        .and_then(|json| Settings::from_json(&json).ok());
    let settings = settings.unwrap_or_default();
    let api = settings.api(&default_api).ok();
    leptos::mount::mount_to_body(
        move || view! { <App state=state.clone() draft=draft.clone() api=api.clone() /> },
    );
}
