//! Keyboard shortcuts: `toggle-timer` starts a timer from the active tab or stops the running
//! one. (`_execute_action`, which opens the popup, is handled by the browser.)
use perminut_core::rules::TabContext;
use wasm_bindgen::JsValue;

use crate::{context, store};

/// The toggle command's name in the manifest.
pub const TOGGLE: &str = "toggle-timer";

/// A shortcut was pressed in `tab` (the browser passes it, with `activeTab` granted).
///
/// The decision reads the state in memory before any await, and a start changes it before
/// the first await too, so two quick presses give a start then a stop, never a restart.
pub async fn command(name: String, tab: JsValue) {
    if name != TOGGLE {
        return;
    }
    if store::read(|s| s.running().is_some()) {
        return context::stop().await;
    }
    let mut tab = context::tab_of(tab);
    if tab.url.is_none() && tab.title.is_none() {
        // Older browsers omit the tab: ask for the active one.
        tab = perminut_browser::tabs::active_tab()
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
    }
    let context = TabContext {
        url: tab.url.unwrap_or_default(),
        title: tab.title.unwrap_or_default(),
        selection: String::new(),
    };
    context::start_from(context).await;
}
