//! The bindings in a plain page of headless Chromium, where `chrome.*` does not exist: every
//! call must come back as an `Err` naming the problem, never a panic or a hang. (The calls that
//! work only inside the extension are covered by the end-to-end suite.)
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use perminut_browser::{action, alarms, runtime, storage, tabs};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn calls_outside_an_extension_are_errors() {
    let err = storage::get::<String>(storage::Area::Local, "state")
        .await
        .unwrap_err();
    assert!(
        err.message.contains("chrome.storage is not available"),
        "{}",
        err.message
    );
    assert!(storage::set(storage::Area::Sync, "k", &1).await.is_err());
    assert!(tabs::active_tab().await.is_err());
    assert!(action::set_badge_text("1m").await.is_err());
    assert!(alarms::ensure_periodic("tick", 1.0).await.is_err());
    assert!(runtime::send_message::<_, String>("hello").await.is_err());
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Stored {
    name: String,
    count: u32,
}

#[wasm_bindgen_test]
fn stored_items_are_read_by_key() {
    let items = js_sys::Object::new();
    let value = runtime::encode_message(&Stored {
        name: "Ünï 🚀".into(),
        count: 3,
    })
    .unwrap();
    js_sys::Reflect::set(&items, &JsValue::from_str("k"), &value).unwrap();
    let read: Option<Stored> = storage::value_of(&items, "k").unwrap();
    assert_eq!(
        read,
        Some(Stored {
            name: "Ünï 🚀".into(),
            count: 3
        })
    );
    assert_eq!(
        storage::value_of::<Stored>(&items, "missing").unwrap(),
        None
    );
    assert_eq!(
        storage::value_of::<Stored>(&JsValue::UNDEFINED, "k").unwrap(),
        None
    );
    // A stored value of the wrong shape is an error, not a panic.
    js_sys::Reflect::set(&items, &JsValue::from_str("bad"), &JsValue::from_f64(4.0)).unwrap();
    assert!(storage::value_of::<Stored>(&items, "bad").is_err());
}

#[wasm_bindgen_test]
fn tabs_decode_with_missing_fields() {
    let tab = js_sys::JSON::parse(r#"{"id": 7, "title": "Q&A <b>"}"#).unwrap();
    let tab: tabs::Tab = runtime::decode_message(tab).unwrap();
    assert_eq!(
        tab,
        tabs::Tab {
            id: Some(7),
            title: Some("Q&A <b>".into()),
            url: None
        }
    );
}
