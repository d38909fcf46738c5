//! `chrome.commands`: the extension's keyboard shortcuts as the user has set them.
//! (The `onCommand` listener is registered in `background.js`, like every event listener.)
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::BrowserError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "commands"], js_name = getAll, catch)]
    async fn get_all_raw() -> Result<JsValue, JsValue>;
}

/// One command of the manifest.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Command {
    /// Its name (`toggle-timer`, `_execute_action`).
    pub name: String,
    /// What it does (empty for `_execute_action`).
    pub description: String,
    /// The keys, such as `Alt+Shift+T`; empty when the user removed it or it clashed.
    pub shortcut: String,
}

/// Every command with its current shortcut.
pub async fn all() -> Result<Vec<Command>, BrowserError> {
    crate::error::require(&["commands"])?;
    Ok(serde_wasm_bindgen::from_value(get_all_raw().await?)?)
}
