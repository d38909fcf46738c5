//! `chrome.storage.local` / `chrome.storage.sync`: typed get and set of JSON-like values.
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::prelude::*;

use crate::{BrowserError, error::to_js};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    async fn local_get(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    async fn local_set(items: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    async fn local_remove(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "sync"], js_name = get, catch)]
    async fn sync_get(keys: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "sync"], js_name = set, catch)]
    async fn sync_set(items: &JsValue) -> Result<JsValue, JsValue>;
}

impl Area {
    fn name(self) -> &'static str {
        match self {
            Area::Local => "local",
            Area::Sync => "sync",
        }
    }
}

/// Which storage area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `chrome.storage.local`: this browser only; the worker's state and outbox.
    Local,
    /// `chrome.storage.sync`: the user's settings, following them across browsers.
    Sync,
}

/// Reads one key; `Ok(None)` when it is absent. A stored value that no longer fits `T` (an
/// older format) is an error the caller can recover from, never a panic.
pub async fn get<T: DeserializeOwned>(area: Area, key: &str) -> Result<Option<T>, BrowserError> {
    crate::error::require(&["storage", area.name()])?;
    let keys = JsValue::from_str(key);
    let items = match area {
        Area::Local => local_get(&keys).await?,
        Area::Sync => sync_get(&keys).await?,
    };
    value_of(&items, key)
}

/// Takes `key` out of an object of stored items (as `storage.get` answers them).
pub fn value_of<T: DeserializeOwned>(
    items: &JsValue,
    key: &str,
) -> Result<Option<T>, BrowserError> {
    if items.is_undefined() || items.is_null() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(items, &JsValue::from_str(key))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    Ok(Some(serde_wasm_bindgen::from_value(value)?))
}

/// Writes one key.
pub async fn set<T: Serialize + ?Sized>(
    area: Area,
    key: &str,
    value: &T,
) -> Result<(), BrowserError> {
    crate::error::require(&["storage", area.name()])?;
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(key), &to_js(value)?)?;
    match area {
        Area::Local => local_set(&items).await?,
        Area::Sync => sync_set(&items).await?,
    };
    Ok(())
}

/// Removes one key from local storage.
pub async fn remove_local(key: &str) -> Result<(), BrowserError> {
    crate::error::require(&["storage", "local"])?;
    local_remove(&JsValue::from_str(key)).await?;
    Ok(())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = addListener, catch)]
    fn on_changed_add_listener(
        callback: &Closure<dyn FnMut(JsValue, JsValue)>,
    ) -> Result<(), JsValue>;
}

/// Calls `callback(new_value)` whenever `key` changes in local storage (the popup follows the
/// worker's state this way). The listener lives as long as the page.
pub fn on_local_change<T, F>(key: &'static str, mut callback: F) -> Result<(), BrowserError>
where
    T: DeserializeOwned,
    F: FnMut(T) + 'static,
{
    let closure =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |changes: JsValue, area: JsValue| {
            if area.as_string().as_deref() != Some("local") {
                return;
            }
            let Ok(change) = js_sys::Reflect::get(&changes, &JsValue::from_str(key)) else {
                return;
            };
            if let Ok(Some(value)) = value_of::<T>(&change, "newValue") {
                callback(value);
            }
        });
    on_changed_add_listener(&closure)?;
    closure.forget();
    Ok(())
}
