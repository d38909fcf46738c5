//! The popup's components. `App` holds the state signals; the others are views over them.

mod edit;
mod entry_row;
mod header;
mod history;
mod manual;
mod running;
mod start_form;
mod stats;
mod tabs;
mod today;

use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    ApiBase, ProjectId,
    messages::{Auth, Request, STATE_KEY, WorkerState},
};

use crate::bridge;
use header::Header;
use history::HistoryTab;
use running::Running;
use start_form::StartForm;
use stats::StatsTab;
use tabs::{Tab, TabBar};
use today::Today;

/// The popup: paints from the cached `state` at once, then follows the worker.
#[component]
pub fn App(
    /// The worker's state as cached in storage.
    state: WorkerState,
    /// The description draft kept from the last time the popup closed.
    draft: Option<String>,
    /// The API base (for the login link).
    api: Option<ApiBase>,
) -> impl IntoView {
    let state = RwSignal::new(state);
    let tab = RwSignal::new(Tab::Timer);
    let now = RwSignal::new(bridge::now());
    let error = RwSignal::new(None::<String>);

    if let Err(e) =
        perminut_browser::storage::on_local_change::<String, _>(STATE_KEY, move |json| {
            state.set(WorkerState::from_json(&json));
        })
    {
        error.set(Some(e.to_string()));
    }
    let refresh = move || {
        spawn_local(async move {
            match bridge::send(Request::Refresh).await {
                Ok(fresh) => state.set(fresh),
                Err(message) => error.set(Some(message)),
            }
        });
    };
    refresh();
    // Coming back from the login tab: refresh at once.
    let _ = window_event_listener(leptos::ev::focus, move |_| refresh());
    set_interval(
        move || now.set(bridge::now()),
        std::time::Duration::from_secs(1),
    );

    let logged_out = move || matches!(state.with(|s| s.auth.clone()), Auth::LoggedOut);
    let running = move || state.with(WorkerState::running).is_some();
    let notice = move || {
        error
            .get()
            .or_else(|| state.with(|s| s.notice.as_ref().map(|n| n.error.user_message())))
    };
    let pending = move || state.with(WorkerState::pending);

    // The form's fields live here, not in the form: the form is unmounted while a start is
    // in flight, and a refused start must give back exactly what the user typed.
    let description = RwSignal::new(draft.clone().unwrap_or_default());
    let project = RwSignal::new(None::<ProjectId>);
    if draft.unwrap_or_default().is_empty() {
        // The tab's title, or what the first matching URL rule makes of it (options page).
        crate::options::prefill(state, description, project);
    }
    let (history_api, stats_api) = (api.clone(), api.clone());
    // Memos, so the tabs are built again only when the screen really changes (not on every
    // state update from the worker).
    let out = Memo::new(move |_| logged_out());
    let screen = Memo::new(move |_| (!out.get()).then(|| tab.get()));
    view! {
        <main data-testid="popup-root">
            <Header state api=api.clone() />
            <crate::options::ApiAccess api=api.clone() state />
            <Show when=move || notice().is_some()>
                <p class="error" role="alert" data-testid="error">{move || notice().unwrap_or_default()}</p>
            </Show>
            {move || (!out.get()).then(|| view! { <TabBar tab /> })}
            <Show when=move || tab.get() == Tab::Timer || logged_out()>
                <Show when=move || !logged_out()>
                    <Show when=running fallback=move || view! { <StartForm state description project error /> }>
                        <Running state now error />
                    </Show>
                </Show>
                <Today state now />
            </Show>
            {move || (screen.get() == Some(Tab::History))
                .then(|| view! { <HistoryTab state now api=history_api.clone() /> })}
            {move || (screen.get() == Some(Tab::Stats)).then(|| view! { <StatsTab api=stats_api.clone() /> })}
            <p class="sync" data-testid="sync-status" aria-live="polite">
                {move || match pending() {
                    0 => String::new(),
                    1 => "1 change waiting to sync".to_string(),
                    n => format!("{n} changes waiting to sync"),
                }}
            </p>
        </main>
    }
}
