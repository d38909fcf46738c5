//! The running timer: description, live elapsed time, Stop.
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    messages::{InterruptionChoice, Request, WorkerState},
    time::format_hms,
    timer::elapsed_seconds,
};

use crate::bridge;

/// The running timer panel.
#[component]
pub fn Running(
    state: RwSignal<WorkerState>,
    now: RwSignal<chrono::DateTime<chrono::Utc>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let view_of = move || state.with(WorkerState::running);
    let stopping = RwSignal::new(false);
    let stop = move |_| {
        let at = bridge::now();
        stopping.set(true);
        spawn_local(async move {
            match bridge::send(Request::Stop { at }).await {
                Ok(fresh) => state.set(fresh),
                Err(message) => error.set(Some(message)),
            }
            stopping.set(false);
        });
    };
    let description = move || {
        view_of()
            .map(|r| {
                if r.description.is_empty() {
                    "(no description)".to_string()
                } else {
                    r.description
                }
            })
            .unwrap_or_default()
    };
    let project = move || {
        view_of()
            .and_then(|r| state.with(|s| s.project(r.project_id).map(|p| p.name.clone())))
            .unwrap_or_default()
    };
    let elapsed = move || {
        let offset = state.with(|s| s.clock_offset_ms);
        view_of()
            .map(|r| format_hms(elapsed_seconds(r.start, now.get(), offset)))
            .unwrap_or_default()
    };
    let resolve = move |choice: InterruptionChoice| {
        spawn_local(async move {
            match bridge::send(Request::ResolveInterruption { choice }).await {
                Ok(fresh) => state.set(fresh),
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let last_activity = move || {
        state.with(|s| {
            s.interruption.as_ref().map(|i| {
                i.last_activity
                    .with_timezone(&chrono::Local)
                    .format("%H:%M")
                    .to_string()
            })
        })
    };
    view! {
        <Show when=move || last_activity().is_some()>
            <section class="interruption" role="alertdialog" aria-label="Timer ran while the browser was closed" data-testid="interruption">
                <p>"This timer kept running while your browser was closed."</p>
                <div class="row">
                    <button data-testid="interruption-keep" on:click=move |_| resolve(InterruptionChoice::Keep)>"Keep"</button>
                    <button data-testid="interruption-stop-at-last" on:click=move |_| resolve(InterruptionChoice::StopAtLastActivity)>
                        {move || format!("Stop at {}", last_activity().unwrap_or_default())}
                    </button>
                    <button data-testid="interruption-stop-now" on:click=move |_| resolve(InterruptionChoice::StopNow)>"Stop now"</button>
                </div>
            </section>
        </Show>
        <section class="running" aria-label="Running timer">
            <div>
                <div class="desc" data-testid="running-description">{description}</div>
                <div class="muted" data-testid="running-project">{project}</div>
            </div>
            <span class="elapsed" data-testid="elapsed" role="timer">{elapsed}</span>
            <button class="stop" data-testid="stop" on:click=stop disabled=move || stopping.get()>"Stop"</button>
        </section>
    }
}
