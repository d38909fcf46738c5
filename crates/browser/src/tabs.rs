//! `chrome.tabs`: the active tab (readable under `activeTab`) and opening a tab.
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    async fn query_raw(query: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = get, catch)]
    async fn get_raw(id: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create, catch)]
    async fn create_raw(properties: &JsValue) -> Result<JsValue, JsValue>;
}

/// What we read of a tab. `title` and `url` are only present when the extension may see them
/// (here: `activeTab`, granted when the user opens the popup).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tab {
    /// The tab id, absent for some special tabs.
    #[serde(default)]
    pub id: Option<i64>,
    /// The page title.
    #[serde(default)]
    pub title: Option<String>,
    /// The page URL.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActiveTabQuery {
    active: bool,
    current_window: bool,
}

/// The active tab of the current window, if any.
pub async fn active_tab() -> Result<Option<Tab>, BrowserError> {
    crate::error::require(&["tabs"])?;
    let query = to_js(&ActiveTabQuery {
        active: true,
        current_window: true,
    })?;
    let tabs: Vec<Tab> = serde_wasm_bindgen::from_value(query_raw(&query).await?)?;
    Ok(tabs.into_iter().next())
}

#[derive(Serialize)]
struct CreateTab<'a> {
    url: &'a str,
}

/// Opens `url` in a new tab (no `tabs` permission needed).
pub async fn open(url: &str) -> Result<(), BrowserError> {
    crate::error::require(&["tabs"])?;
    create_raw(&to_js(&CreateTab { url })?).await?;
    Ok(())
}

/// One tab by id (title and URL only where the extension may see them).
pub async fn get(id: i64) -> Result<Tab, BrowserError> {
    crate::error::require(&["tabs"])?;
    Ok(serde_wasm_bindgen::from_value(get_raw(id as f64).await?)?)
}
