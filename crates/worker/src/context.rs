//! Starting a timer from a tab's context (the context menu, the keyboard shortcut): the first
//! matching URL rule, the site memory, then the usual project.
use perminut_core::{
    ProjectId,
    messages::Request,
    rules::{TabContext, suggest},
};

use crate::{handlers, store};

/// The start request for this tab, worked out synchronously from memory (so a second
/// shortcut press right after sees the timer running). `None` when no project is known yet.
///
/// Project: the rule's, else the site's remembered one (when that built-in rule is on), else
/// the default project from the options, else the last used, else the first project.
pub fn start_request(tab: &TabContext) -> Option<(ProjectId, Request)> {
    let (suggestion, default_project) = store::settings(|settings| {
        let sites = settings.remember_site_project.then_some(());
        let suggestion =
            store::sites(|memory| suggest(&settings.rules, sites.map(|()| memory), tab));
        (suggestion, settings.default_project)
    });
    let project_id = suggestion
        .project_id
        .or(default_project)
        .or_else(|| store::read(|s| s.last_project.or_else(|| s.projects.first().map(|p| p.id))))?;
    let start = Request::Start {
        project_id,
        description: suggestion.description,
        at: store::now(),
    };
    Some((project_id, start))
}

/// Starts a timer for this tab, through the same handler as the popup's Start button.
pub async fn start_from(tab: TabContext) {
    let Some((project_id, request)) = start_request(&tab) else {
        store::log("no project to start on yet: open the Perminut popup once");
        return;
    };
    handlers::handle(request).await;
    if store::settings(|s| s.remember_site_project) {
        store::remember_site(&tab.url, project_id).await;
    }
}

/// Stops the running timer now.
pub async fn stop() {
    handlers::handle(Request::Stop { at: store::now() }).await;
}

/// A tab as the event gave it (`title` and `url` are there under `activeTab`).
pub fn tab_of(value: wasm_bindgen::JsValue) -> perminut_browser::tabs::Tab {
    serde_wasm_bindgen::from_value(value).unwrap_or_default()
}
