//! The context menu: "Start timer" on a page, a selection or a link, and "Stop timer" while
//! one runs. Recreated idempotently (remove all, create) on every worker start and whenever
//! the running state or the option changes; one update runs at a time.
use std::cell::Cell;

use perminut_browser::context_menus::{self, ClickInfo, MenuItem};
use perminut_core::rules::TabContext;
use wasm_bindgen::JsValue;

use crate::{context, store};

const START_PAGE: &str = "perminut-start-page";
const START_SELECTION: &str = "perminut-start-selection";
const START_LINK: &str = "perminut-start-link";
const STOP: &str = "perminut-stop";

thread_local! {
    /// What the menu shows now: (switched on, timer running); `None` before the first sync.
    static APPLIED: Cell<Option<(bool, bool)>> = const { Cell::new(None) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Brings the menu in line with the settings and the timer. A call while an update runs
/// returns at once; the running update loops until the menu is current.
pub async fn sync() {
    if BUSY.with(|b| b.replace(true)) {
        return;
    }
    loop {
        let wanted = (
            store::settings(|s| s.context_menu),
            store::read(|s| s.running().is_some()),
        );
        if APPLIED.with(|a| a.replace(Some(wanted))) == Some(wanted) {
            break;
        }
        if let Err(error) = apply(wanted).await {
            store::log(&format!("context menu: {error}"));
        }
    }
    BUSY.with(|b| b.set(false));
}

async fn apply((enabled, running): (bool, bool)) -> Result<(), perminut_browser::BrowserError> {
    context_menus::remove_all().await?;
    if !enabled {
        return Ok(());
    }
    let items = [
        (START_PAGE, "Start timer for this page", &["page"][..], true),
        (
            START_SELECTION,
            "Start timer: \"%s\"",
            &["selection"][..],
            true,
        ),
        (START_LINK, "Start timer for this link", &["link"][..], true),
        (STOP, "Stop timer", &["all"][..], running),
    ];
    for (id, title, contexts, visible) in items {
        context_menus::create(&MenuItem {
            id,
            title,
            contexts,
            visible,
        })?;
    }
    Ok(())
}

/// A menu item was clicked; `tab` is the tab it was clicked in (readable: the click grants
/// `activeTab`).
pub async fn clicked(info: JsValue, tab: JsValue) {
    let info = match ClickInfo::from_js(info) {
        Ok(info) => info,
        Err(error) => return store::log(&format!("context menu click: {error}")),
    };
    let tab = context::tab_of(tab);
    if info.menu_item_id == STOP {
        return context::stop().await;
    }
    if let Some(tab) = tab_context(&info, tab) {
        context::start_from(tab).await;
    }
}

/// What a start from this click is about; `None` for items that are not ours.
fn tab_context(info: &ClickInfo, tab: perminut_browser::tabs::Tab) -> Option<TabContext> {
    let page_url = tab
        .url
        .or_else(|| info.page_url.clone())
        .unwrap_or_default();
    let title = tab.title.unwrap_or_default();
    let text = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    Some(match info.menu_item_id.as_str() {
        START_PAGE => TabContext {
            url: page_url,
            title,
            selection: String::new(),
        },
        START_SELECTION => TabContext {
            url: page_url,
            title,
            selection: text(&info.selection_text).unwrap_or_default(),
        },
        START_LINK => {
            // Chrome does not report the link's text: its address stands in.
            let url = text(&info.link_url).unwrap_or(page_url);
            let title = text(&info.link_text).unwrap_or_else(|| url.clone());
            TabContext {
                url,
                title,
                selection: String::new(),
            }
        }
        _ => return None,
    })
}
