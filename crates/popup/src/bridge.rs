//! Talking to the worker and the browser, for the components.
use chrono::{DateTime, TimeZone, Utc};
use perminut_core::messages::{Envelope, Reply, Request, WorkerState};

/// Browser time now (chrono's `Utc::now` is not available on wasm32 without `wasmbind`).
pub fn now() -> DateTime<Utc> {
    Utc.timestamp_millis_opt(js_sys::Date::now() as i64)
        .single()
        .unwrap_or_default()
}

/// Sends a request to the worker; the answer is its new state, or a message for people.
pub async fn send(request: Request) -> Result<WorkerState, String> {
    let json = Envelope::new(request).to_json();
    let answer: String = perminut_browser::runtime::send_message(&json)
        .await
        .map_err(|e| {
            format!("The Perminut background worker did not answer ({e}). Reopen the popup.")
        })?;
    match Envelope::<Reply>::from_json(&answer)? {
        Reply::State { state } => Ok(*state),
        Reply::Failed { message } => Err(message),
    }
}

/// The tab to describe: `?tab=<id>` when the popup was opened for a given tab (detached popup
/// window, tests), else the active tab of this window.
pub async fn context_tab() -> Option<perminut_browser::tabs::Tab> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    match params.get("tab").and_then(|id| id.parse::<i64>().ok()) {
        Some(id) => perminut_browser::tabs::get(id).await.ok(),
        None => perminut_browser::tabs::active_tab().await.ok().flatten(),
    }
}

/// The tab's title as a description, unless the tab is one of the extension's own pages.
pub fn describable_title(tab: perminut_browser::tabs::Tab) -> Option<String> {
    let own_page = tab
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("chrome-extension://") || u.starts_with("moz-extension://"));
    tab.title.filter(|t| !own_page && !t.is_empty())
}
