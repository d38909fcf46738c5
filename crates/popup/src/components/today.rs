//! Today's entries and today's total, in the browser's time zone.
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use perminut_core::{
    messages::WorkerState,
    time::{day_bounds, format_hms, split_by_local_day},
};

/// Today's entries.
#[component]
pub fn Today(state: RwSignal<WorkerState>, now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    // The browser's own zone (chrono's `Local` asks JS `Date` on wasm32): the user's day.
    let tz = chrono::Local;
    let today = move || now.get().with_timezone(&tz).date_naive();
    let entries = move || {
        let (start, end) = day_bounds(today(), tz);
        let now = now.get();
        state.with(|s| {
            s.recent
                .iter()
                .filter(|e| e.start < end && e.end.unwrap_or(now) > start)
                .map(|e| {
                    let project = s
                        .project(e.project_id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    (e.clone(), project)
                })
                .collect::<Vec<_>>()
        })
    };
    let total = move || {
        let days = state.with(|s| split_by_local_day(&s.recent, tz, now.get()));
        format_hms(days.get(&today()).copied().unwrap_or(0))
    };
    view! {
        <section aria-label="Today">
            <div class="row">
                <strong>"Today"</strong>
                <span class="duration" data-testid="today-total">{total}</span>
            </div>
            <Show when=move || !entries().is_empty() fallback=|| view! { <p class="muted">"Nothing tracked yet today."</p> }>
                <ul class="entries">
                    <For each=entries key=|(e, p)| (e.id, e.end, e.description.clone(), p.clone()) let:item>
                        {
                        let entry = item.0.clone();
                        view! {
                        <li data-testid="entry" data-entry-id=item.0.id.0.to_string()>
                            <div>
                                <div data-testid="entry-description">{item.0.description.clone()}</div>
                                <div class="project">{item.1.clone()}</div>
                            </div>
                            <span class="duration" data-testid="entry-duration">
                                {move || format_hms(entry.elapsed_seconds(now.get()))}
                            </span>
                        </li>
                        }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
