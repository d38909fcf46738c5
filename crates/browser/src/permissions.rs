//! `chrome.permissions`: optional host permissions for a custom API origin.
//!
//! `request` must be called during a user gesture: [`request_origins`] calls the browser at
//! once (call it directly in a click handler) and returns a future for the answer.
use std::future::Future;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = contains, catch)]
    async fn contains_raw(permissions: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request, catch)]
    fn request_raw(permissions: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Serialize)]
struct Origins<'a> {
    origins: &'a [String],
}

/// Whether the extension may reach all of these origin patterns (`https://host/*`).
pub async fn contains_origins(origins: &[String]) -> Result<bool, BrowserError> {
    crate::error::require(&["permissions"])?;
    Ok(contains_raw(&to_js(&Origins { origins })?)
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Asks the user for these origin patterns; `Ok(true)` when granted (at once when they already
/// are). The browser is called before this returns, inside the caller's user gesture.
pub fn request_origins(
    origins: &[String],
) -> impl Future<Output = Result<bool, BrowserError>> + use<> {
    let promise = to_js(&Origins { origins })
        .and_then(|value| request_raw(&value).map_err(BrowserError::from));
    async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise?).await?;
        Ok(answer.as_bool().unwrap_or(false))
    }
}
