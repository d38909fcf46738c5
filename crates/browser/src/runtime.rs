//! `chrome.runtime`: messaging between the popup and the worker.
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    async fn send_message_raw(message: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL, catch)]
    fn get_url_raw(path: &str) -> Result<String, JsValue>;
}

/// Sends a message to the background worker and decodes its answer.
pub async fn send_message<Q, A>(message: &Q) -> Result<A, BrowserError>
where
    Q: Serialize + ?Sized,
    A: DeserializeOwned,
{
    crate::error::require(&["runtime", "sendMessage"])?;
    let answer = send_message_raw(&to_js(message)?).await?;
    if answer.is_undefined() {
        return Err(BrowserError::new("the background worker did not answer"));
    }
    Ok(serde_wasm_bindgen::from_value(answer)?)
}

/// Decodes a message the loader handed to Rust.
pub fn decode_message<T: DeserializeOwned>(message: JsValue) -> Result<T, BrowserError> {
    Ok(serde_wasm_bindgen::from_value(message)?)
}

/// Encodes an answer for the loader to pass to `sendResponse`.
pub fn encode_message<T: Serialize + ?Sized>(message: &T) -> Result<JsValue, BrowserError> {
    to_js(message)
}

/// The full URL of a file inside the extension.
pub fn get_url(path: &str) -> Result<String, BrowserError> {
    Ok(get_url_raw(path)?)
}
