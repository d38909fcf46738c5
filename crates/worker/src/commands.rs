//! Keyboard shortcuts: `toggle-timer` starts a timer from the active tab or stops the running
//! one. (`_execute_action`, which opens the popup, is handled by the browser.)
use std::cell::Cell;

use perminut_core::rules::TabContext;
use wasm_bindgen::JsValue;

use crate::{context, store};

/// The toggle command's name in the manifest.
pub const TOGGLE: &str = "toggle-timer";

thread_local! {
    /// A toggle is starting but still waits for the active tab (the event carried none).
    static STARTING: Cell<bool> = const { Cell::new(false) };
    /// A second press came during that wait: stop once the start is in.
    static STOP_AFTER: Cell<bool> = const { Cell::new(false) };
}

/// A shortcut was pressed in `tab` (the browser passes it, with `activeTab` granted).
///
/// The decision reads the state in memory before any await, and a start changes it before
/// the first await too, so two quick presses give a start then a stop, never a restart. When
/// the event carries no tab (older browsers), the start waits for `tabs.query`; a press in
/// that wait is remembered and stops the timer once it has started.
pub async fn command(name: String, tab: JsValue) {
    if name != TOGGLE {
        return;
    }
    if STARTING.with(Cell::get) {
        STOP_AFTER.with(|s| s.set(true));
        return;
    }
    if store::read(|s| s.running().is_some()) {
        return context::stop().await;
    }
    let mut tab = context::tab_of(tab);
    if tab.url.is_none() && tab.title.is_none() {
        STARTING.with(|s| s.set(true));
        tab = perminut_browser::tabs::active_tab()
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        STARTING.with(|s| s.set(false));
    }
    let context = TabContext {
        url: tab.url.unwrap_or_default(),
        title: tab.title.unwrap_or_default(),
        selection: String::new(),
    };
    context::start_from(context).await;
    if STOP_AFTER.with(|s| s.replace(false)) {
        context::stop().await;
    }
}
