//! `chrome.alarms`: periodic wake-ups of the worker (never `setInterval`, which dies with it).
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = get, catch)]
    async fn get_raw(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create, catch)]
    async fn create_raw(name: &str, info: &JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AlarmInfo {
    period_in_minutes: f64,
    delay_in_minutes: f64,
}

/// Creates a repeating alarm unless one of that name already exists, so calling it on every
/// worker start does not reset the period. Browsers refuse periods under 30 s.
pub async fn ensure_periodic(name: &str, period_minutes: f64) -> Result<(), BrowserError> {
    crate::error::require(&["alarms"])?;
    let existing = get_raw(name).await?;
    if !existing.is_undefined() && !existing.is_null() {
        return Ok(());
    }
    let period = period_minutes.max(0.5);
    create_raw(
        name,
        &to_js(&AlarmInfo {
            period_in_minutes: period,
            delay_in_minutes: period,
        })?,
    )
    .await?;
    Ok(())
}
