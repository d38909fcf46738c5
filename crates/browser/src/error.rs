//! The one error type of the bindings.
use wasm_bindgen::JsValue;

/// A `chrome.*` call failed: the API is missing (not an extension page) or the browser
/// rejected the call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("browser API call failed: {message}")]
pub struct BrowserError {
    /// What the browser said, as text.
    pub message: String,
}

impl BrowserError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl From<JsValue> for BrowserError {
    fn from(value: JsValue) -> Self {
        let message = js_sys::Reflect::get(&value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| format!("{value:?}"));
        Self { message }
    }
}

impl From<serde_wasm_bindgen::Error> for BrowserError {
    fn from(value: serde_wasm_bindgen::Error) -> Self {
        Self::new(value.to_string())
    }
}

/// Converts a Rust value to a plain JS object (maps as objects, not `Map`s, so the browser's
/// structured clone and storage accept it).
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, BrowserError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&serializer)?)
}
