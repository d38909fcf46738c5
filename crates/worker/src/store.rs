//! The worker's state: in memory, written through to `chrome.storage.local`.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use perminut_browser::storage::{self, Area};
use perminut_core::{
    Client,
    messages::{STATE_KEY, WorkerState},
    rules::{SITES_KEY, SiteProjects},
    settings::{SETTINGS_KEY, Settings},
};
use wasm_bindgen::prelude::*;

thread_local! {
    static STATE: RefCell<WorkerState> = RefCell::new(WorkerState::default());
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
    /// Bumped by every local change to the timer, so a refresh that read the server before
    /// the change does not overwrite it with stale news.
    static EPOCH: Cell<u64> = const { Cell::new(0) };
    /// The user's settings (`storage.sync`), read at start and on every change.
    static SETTINGS: RefCell<Settings> = RefCell::new(Settings::default());
    /// The project last used per site (`storage.local`).
    static SITES: RefCell<SiteProjects> = RefCell::new(SiteProjects::default());
    /// The build's API base, used when the settings name none.
    static DEFAULT_API: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Browser time now. (chrono's `Utc::now` panics on wasm32 without its `wasmbind` feature.)
pub fn now() -> DateTime<Utc> {
    Utc.timestamp_millis_opt(js_sys::Date::now() as i64)
        .single()
        .unwrap_or_default()
}

/// Writes a line to the worker's console.
pub fn log(message: &str) {
    web_sys_console(message);
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn web_sys_console(message: &str);
}

/// Loads stored state and sets up the client for the API base.
pub async fn load(default_api: &str) {
    let stored: Option<String> = storage::get(Area::Local, STATE_KEY)
        .await
        .unwrap_or_else(|e| {
            log(&format!("could not read stored state: {e}"));
            None
        });
    let state = stored
        .map(|json| WorkerState::from_json(&json))
        .unwrap_or_default();
    STATE.with(|s| *s.borrow_mut() = state);
    DEFAULT_API.with(|d| *d.borrow_mut() = default_api.to_owned());
    load_settings().await;
}

/// Reads the settings and the site memory, and points the client at the API base the
/// settings name (else the build's default). Keeps the client when the base is unchanged.
pub async fn load_settings() {
    let settings = match storage::get::<String>(Area::Sync, SETTINGS_KEY).await {
        Ok(Some(json)) => Settings::from_json(&json).unwrap_or_else(|e| {
            log(&format!("using default settings: {e}"));
            Settings::default()
        }),
        Ok(None) => Settings::default(),
        Err(e) => {
            log(&format!("could not read settings: {e}"));
            Settings::default()
        }
    };
    let sites = storage::get::<String>(Area::Local, SITES_KEY)
        .await
        .ok()
        .flatten();
    let sites = sites
        .map(|json| SiteProjects::from_json(&json))
        .unwrap_or_default();
    SITES.with(|s| *s.borrow_mut() = sites);
    let default_api = DEFAULT_API.with(|d| d.borrow().clone());
    match settings.api(&default_api) {
        Ok(base) if client().is_none_or(|c| *c.base() != base) => {
            CLIENT.with(|c| *c.borrow_mut() = Some(Rc::new(Client::new(base))));
        }
        Ok(_) => {}
        Err(error) => log(&format!("bad API base {default_api}: {error}")),
    }
    SETTINGS.with(|s| *s.borrow_mut() = settings);
}

/// Reads the settings.
pub fn settings<T>(f: impl FnOnce(&Settings) -> T) -> T {
    SETTINGS.with(|s| f(&s.borrow()))
}

/// Reads the site memory.
pub fn sites<T>(f: impl FnOnce(&SiteProjects) -> T) -> T {
    SITES.with(|s| f(&s.borrow()))
}

/// Remembers the project used on the URL's site and saves the memory when it changed.
pub async fn remember_site(url: &str, project: perminut_core::ProjectId) {
    if SITES.with(|s| s.borrow_mut().remember(url, project)) {
        let json = sites(SiteProjects::to_json);
        if let Err(error) = storage::set(Area::Local, SITES_KEY, &json).await {
            log(&format!("could not save the site memory: {error}"));
        }
    }
}

/// The API client, if the base URL was valid.
pub fn client() -> Option<Rc<Client>> {
    CLIENT.with(|c| c.borrow().clone())
}

/// Reads the state.
pub fn read<T>(f: impl FnOnce(&WorkerState) -> T) -> T {
    STATE.with(|s| f(&s.borrow()))
}

/// Changes the state in memory (synchronously, so no other handler interleaves).
pub fn update<T>(f: impl FnOnce(&mut WorkerState) -> T) -> T {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// Marks a local change of the timer.
pub fn bump_epoch() {
    EPOCH.with(|e| e.set(e.get() + 1));
}

/// The current change counter.
pub fn epoch() -> u64 {
    EPOCH.with(Cell::get)
}

/// Writes the state through to storage.
pub async fn persist() {
    let json = read(WorkerState::to_json);
    if let Err(error) = storage::set(Area::Local, STATE_KEY, &json).await {
        log(&format!("could not save state: {error}"));
    }
    // Every change of the state passes here: the context menu follows the running timer.
    crate::menus::sync().await;
}
