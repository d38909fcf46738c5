//! The popup's hooks into the settings: the start form's prefill from the first matching URL
//! rule, and the offer to grant a missing permission for the API origin.
use leptos::{prelude::*, task::spawn_local};
use perminut_browser::{
    permissions,
    storage::{self, Area},
};
use perminut_core::{
    ApiBase, ProjectId,
    messages::{Request, WorkerState},
    rules::{SITES_KEY, SiteProjects, TabContext, suggest},
};

use crate::bridge;

/// Prefills the start form from the tab: the first matching rule's description and project
/// (else the title, the site's remembered project, the default project). While this popup is
/// open, a timer that starts is remembered as this site's project.
pub fn prefill(
    state: RwSignal<WorkerState>,
    description: RwSignal<String>,
    project: RwSignal<Option<ProjectId>>,
) {
    spawn_local(async move {
        let Some(tab) = bridge::context_tab().await else {
            return;
        };
        let url = tab.url.clone().unwrap_or_default();
        let Some(title) = bridge::describable_title(tab) else {
            return;
        };
        let (settings, _) = super::load_settings().await;
        let sites = site_memory().await;
        let context = TabContext {
            url: url.clone(),
            title,
            selection: String::new(),
        };
        let suggestion = suggest(
            &settings.rules,
            settings.remember_site_project.then_some(&sites),
            &context,
        );
        if description.get_untracked().is_empty() {
            description.set(suggestion.description);
        }
        if let Some(id) = suggestion.project_id.or(settings.default_project) {
            project.set(Some(id));
        }
        if settings.remember_site_project {
            remember_on_start(state, url);
        }
    });
}

async fn site_memory() -> SiteProjects {
    let json = storage::get::<String>(Area::Local, SITES_KEY)
        .await
        .ok()
        .flatten();
    json.map(|j| SiteProjects::from_json(&j))
        .unwrap_or_default()
}

/// When a timer starts while the popup is open, remember its project for the tab's site.
fn remember_on_start(state: RwSignal<WorkerState>, url: String) {
    let was_running = state.with_untracked(|s| s.running().is_some());
    let started = Memo::new(move |_| state.with(|s| s.running().map(|r| r.project_id)));
    Effect::new(move |_| {
        let (Some(id), false) = (started.get(), was_running) else {
            return;
        };
        let url = url.clone();
        spawn_local(async move {
            let mut sites = site_memory().await;
            if sites.remember(&url, id) {
                let _ = storage::set(Area::Local, SITES_KEY, &sites.to_json()).await;
            }
        });
    });
}

/// "Perminut needs permission to reach <origin>" with a button that asks for it, shown when
/// the API origin's host permission is missing (revoked, or not granted on Firefox).
#[component]
pub fn ApiAccess(
    /// The API the worker talks to.
    api: Option<ApiBase>,
    /// The popup's state, refreshed once access is granted.
    state: RwSignal<WorkerState>,
) -> impl IntoView {
    let missing = RwSignal::new(false);
    let pattern = api.as_ref().map(ApiBase::host_permission_pattern);
    let origin = api.as_ref().map(ApiBase::origin).unwrap_or_default();
    if let Some(pattern) = pattern.clone() {
        spawn_local(async move {
            let granted = permissions::contains_origins(&[pattern]).await;
            missing.set(matches!(granted, Ok(false)));
        });
    }
    let grant = move |_| {
        let Some(pattern) = pattern.clone() else {
            return;
        };
        // Called inside the click: the browser only asks during a user gesture.
        let ask = permissions::request_origins(&[pattern]);
        spawn_local(async move {
            if let Ok(true) = ask.await {
                missing.set(false);
                if let Ok(fresh) = bridge::send(Request::Refresh).await {
                    state.set(fresh);
                }
            }
        });
    };
    view! {
        <Show when=move || missing.get()>
            <p class="error" role="alert" data-testid="api-permission">
                {format!("Perminut needs your permission to reach {origin}. ")}
                <button class="primary" data-testid="grant-permission" on:click=grant.clone()>"Allow access"</button>
            </p>
        </Show>
    }
}
