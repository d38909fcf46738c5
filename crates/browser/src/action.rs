//! `chrome.action`: the toolbar button's badge and title.
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText, catch)]
    async fn set_badge_text_raw(details: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeBackgroundColor, catch)]
    async fn set_badge_background_color_raw(details: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setTitle, catch)]
    async fn set_title_raw(details: &JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Color<'a> {
    color: &'a str,
}

#[derive(Serialize)]
struct Title<'a> {
    title: &'a str,
}

/// Sets the badge text ("" clears it).
pub async fn set_badge_text(text: &str) -> Result<(), BrowserError> {
    crate::error::require(&["action"])?;
    set_badge_text_raw(&to_js(&Text { text })?).await?;
    Ok(())
}

/// Sets the badge colour, as CSS hex (`#4f46e5`).
pub async fn set_badge_color(color: &str) -> Result<(), BrowserError> {
    crate::error::require(&["action"])?;
    set_badge_background_color_raw(&to_js(&Color { color })?).await?;
    Ok(())
}

/// Sets the toolbar button's tooltip.
pub async fn set_title(title: &str) -> Result<(), BrowserError> {
    crate::error::require(&["action"])?;
    set_title_raw(&to_js(&Title { title })?).await?;
    Ok(())
}
