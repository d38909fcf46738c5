//! The worker's state: in memory, written through to `chrome.storage.local`.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use wasm_bindgen::prelude::*;
use perminut_browser::storage::{self, Area};
use perminut_core::{
    ApiBase, Client,
    messages::{STATE_KEY, WorkerState},
};

thread_local! {
    static STATE: RefCell<WorkerState> = RefCell::new(WorkerState::default());
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
    /// Bumped by every local change to the timer, so a refresh that read the server before
    /// the change does not overwrite it with stale news.
    static EPOCH: Cell<u64> = const { Cell::new(0) };
}

/// Browser time now. (chrono's `Utc::now` panics on wasm32 without its `wasmbind` feature.)
pub fn now() -> DateTime<Utc> {
    Utc.timestamp_millis_opt(js_sys::Date::now() as i64).single().unwrap_or_default()
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
    let stored: Option<String> = storage::get(Area::Local, STATE_KEY).await.unwrap_or_else(|e| {
        log(&format!("could not read stored state: {e}"));
        None
    });
    let state = stored.map(|json| WorkerState::from_json(&json)).unwrap_or_default();
    STATE.with(|s| *s.borrow_mut() = state);
    match ApiBase::parse(default_api) {
        Ok(base) => CLIENT.with(|c| *c.borrow_mut() = Some(Rc::new(Client::new(base)))),
        Err(error) => log(&format!("bad API base {default_api}: {error}")),
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
}
