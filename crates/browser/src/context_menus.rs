//! `chrome.contextMenus`: the "Start timer" / "Stop timer" items and what a click carries.
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "contextMenus"], js_name = removeAll, catch)]
    async fn remove_all_raw() -> Result<JsValue, JsValue>;
    // Chrome's `create` answers through a callback (and returns the id), not a promise.
    #[wasm_bindgen(js_namespace = ["chrome", "contextMenus"], js_name = create, catch)]
    fn create_raw(properties: &JsValue, done: &JsValue) -> Result<JsValue, JsValue>;
}

/// One menu item.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem<'a> {
    /// Our id, echoed in [`ClickInfo::menu_item_id`].
    pub id: &'a str,
    /// The label; `%s` stands for the selected text.
    pub title: &'a str,
    /// Where it shows: `page`, `selection`, `link`, `all`…
    pub contexts: &'a [&'a str],
    /// Shown or hidden.
    pub visible: bool,
}

/// Removes every item this extension created.
pub async fn remove_all() -> Result<(), BrowserError> {
    crate::error::require(&["contextMenus"])?;
    remove_all_raw().await?;
    Ok(())
}

/// Adds an item. A failure the browser reports later (a duplicate id) is read in the callback,
/// so it is not logged as an unchecked error.
pub fn create(item: &MenuItem<'_>) -> Result<(), BrowserError> {
    crate::error::require(&["contextMenus"])?;
    let done = Closure::once_into_js(|| {
        // Reading `chrome.runtime.lastError` in the callback marks it as handled.
        let path = ["chrome", "runtime", "lastError"];
        path.iter()
            .try_fold(js_sys::global().into(), |object: JsValue, key| {
                js_sys::Reflect::get(&object, &JsValue::from_str(key)).ok()
            });
    });
    create_raw(&to_js(item)?, &done)?;
    Ok(())
}

/// What `contextMenus.onClicked` says about a click (the fields we use).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClickInfo {
    /// The item's id.
    pub menu_item_id: String,
    /// The selected text (for `selection`).
    pub selection_text: Option<String>,
    /// The link's text (Firefox only).
    pub link_text: Option<String>,
    /// The link's address (for `link`).
    pub link_url: Option<String>,
    /// The page's address.
    pub page_url: Option<String>,
}

impl ClickInfo {
    /// Reads the `info` object the listener received.
    pub fn from_js(info: JsValue) -> Result<ClickInfo, BrowserError> {
        Ok(serde_wasm_bindgen::from_value(info)?)
    }
}
