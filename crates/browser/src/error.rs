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

/// Fails unless `chrome.<namespace…>` exists. An `async` import marked `catch` turns a rejected
/// promise into an `Err`, but not a synchronous throw from looking the function up (outside an
/// extension page `chrome.storage` is `undefined`), which would abort the module instead.
pub(crate) fn require(namespace: &[&str]) -> Result<(), BrowserError> {
    let mut value: wasm_bindgen::JsValue = js_sys::global().into();
    let mut path = String::from("chrome");
    for (i, name) in std::iter::once(&"chrome").chain(namespace).enumerate() {
        if i > 0 {
            path.push('.');
            path.push_str(name);
        }
        value = js_sys::Reflect::get(&value, &wasm_bindgen::JsValue::from_str(name))
            .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
        if value.is_undefined() || value.is_null() {
            return Err(BrowserError::new(format!(
                "{path} is not available here (not an extension page, or a permission is missing)"
            )));
        }
    }
    Ok(())
}
