//! The background service worker, driven by `background.js`.
use wasm_bindgen::prelude::*;

/// Answers one message from the popup. Placeholder until the typed protocol lands.
#[wasm_bindgen]
pub fn handle_message(message: JsValue) -> JsValue {
    message
}
