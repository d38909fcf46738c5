//! The background worker: the single owner of timer state.
//!
//! `background.js` registers every listener synchronously and forwards here once the wasm is
//! ready. The state lives in memory for speed and is written through to `chrome.storage.local`
//! after every change, so the worker can be stopped at any moment and resume exactly (the
//! browser stops idle service workers after about 30 s).

mod badge;
mod commands;
mod context;
mod deliver;
mod handlers;
mod menus;
mod refresh;
mod store;

use perminut_core::messages::{Envelope, Reply, Request};
use wasm_bindgen::prelude::*;

/// Name of the periodic alarm: badge, delivery retries and re-reading the server.
pub(crate) const TICK_ALARM: &str = "perminut-tick";

/// Loads the persisted state and (re)creates the alarm. Runs on every worker start.
#[wasm_bindgen]
pub async fn boot(default_api: String) {
    store::load(&default_api).await;
    // Every worker start checks for a timer left running while the browser was closed (the
    // browser's own start-up event does not fire for every kind of restart).
    store::update(|s| handlers::note_activity(s, store::now()));
    store::persist().await;
    if let Err(error) = perminut_browser::alarms::ensure_periodic(TICK_ALARM, 1.0).await {
        store::log(&format!("could not create the alarm: {error}"));
    }
    badge::update().await;
    menus::sync().await;
}

/// Answers one popup message (JSON text in, JSON text out).
#[wasm_bindgen]
pub async fn on_message(message: JsValue) -> JsValue {
    let reply = match message
        .as_string()
        .map(|text| Envelope::<Request>::from_json(&text))
    {
        Some(Ok(request)) => handlers::handle(request).await,
        Some(Err(message)) => Reply::Failed { message },
        None => Reply::Failed {
            message: "not a Perminut message".into(),
        },
    };
    JsValue::from_str(&Envelope::new(reply).to_json())
}

/// A `chrome.alarms` alarm fired.
#[wasm_bindgen]
pub async fn on_alarm(name: String) {
    if name == TICK_ALARM {
        handlers::tick().await;
    }
}

/// The browser started (with this profile).
#[wasm_bindgen]
pub async fn on_browser_startup() {
    refresh::refresh(false).await;
}

/// The extension was installed or updated.
#[wasm_bindgen]
pub async fn on_installed() {
    refresh::refresh(true).await;
}

/// The network came back: deliver what waits.
#[wasm_bindgen]
pub async fn on_online() {
    store::update(|s| s.outbox.retry_now());
    deliver::deliver().await;
}

/// A context menu item was clicked (`contextMenus.onClicked`), in `tab`.
#[wasm_bindgen]
pub async fn on_menu_clicked(info: JsValue, tab: JsValue) {
    menus::clicked(info, tab).await;
}

/// A keyboard shortcut was pressed (`commands.onCommand`), in `tab`.
#[wasm_bindgen]
pub async fn on_command(name: String, tab: JsValue) {
    commands::command(name, tab).await;
}

/// The settings (`storage.sync`) or the site memory changed: re-read them, re-point the
/// client, update the menu and the badge.
#[wasm_bindgen]
pub async fn on_settings_changed() {
    store::load_settings().await;
    menus::sync().await;
    badge::update().await;
}
