//! Smoke test: the client works inside a service worker, where there is no `window`
//! (the MV3 background worker's situation). Same build-time input as `web_client.rs`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{client, login};
use perminut_core::requests::{NewTimeEntry, StopTimeEntry};
use perminut_core::{ApiError, StatsRange, browser_time_zone};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_service_worker);

#[wasm_bindgen_test]
async fn the_client_works_without_a_window() {
    let global = js_sys::global();
    assert!(
        global
            .dyn_ref::<web_sys::ServiceWorkerGlobalScope>()
            .is_some(),
        "running in a service worker"
    );
    assert!(
        js_sys::Reflect::get(&global, &"window".into())
            .unwrap()
            .is_undefined(),
        "no window here"
    );

    login().await;
    let client = client();
    let user = client.me().await.unwrap();
    assert_eq!(user.email, "ada@example.com");
    let project = client.all_projects().await.unwrap()[0].id;
    let now = DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap();
    let entry = NewTimeEntry {
        start_time: Some(now - Duration::days(3)),
        ..NewTimeEntry::start(project, None)
    };
    let running = client.create_time_entry(&entry).await.unwrap();
    let stopped = client
        .stop_time_entry(running.id, &StopTimeEntry::default())
        .await
        .unwrap();
    assert!(!stopped.is_running());
    client.delete_time_entry(running.id).await.unwrap();
    let err = client.delete_time_entry(running.id).await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    let stats = client
        .stats(StatsRange::Daily, &browser_time_zone())
        .await
        .unwrap();
    assert_eq!(stats.range, StatsRange::Daily);
}
