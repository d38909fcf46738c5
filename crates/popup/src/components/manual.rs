//! Log a completed block: date, start, and an end or a duration (`1h30`, `90m`, `1:30`); an
//! end earlier than the start means the next day. Quick choices fill the times in. Sent as
//! one `POST /api/time-entries` with `startTime` and `endTime`, through the worker.
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    duration_input::{BlockEnd, parse_clock, parse_duration, resolve_block},
    history::last_end,
    messages::Request,
    requests::NewTimeEntry,
    time::{date_param, format_hms},
};

use super::history::Ctx;
use super::tabs::{Problem, ProjectSelect, field_error, field_of, write};
use crate::bridge;

/// The manual-entry form; `open` is cleared once the block is saved.
#[component]
pub fn ManualForm(ctx: Ctx, open: RwSignal<bool>) -> impl IntoView {
    let tz = Local;
    let date = RwSignal::new(date_param(bridge::now().with_timezone(&tz).date_naive()));
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let duration = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let project = RwSignal::new(
        ctx.state
            .with_untracked(|s| s.last_project.or_else(|| s.projects.first().map(|p| p.id))),
    );
    let errors = RwSignal::new(None::<Problem>);
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    // A duration, when given, wins over the end.
    let resolved = move || -> Result<(DateTime<Utc>, DateTime<Utc>), Problem> {
        let day = NaiveDate::parse_from_str(&date.get(), "%Y-%m-%d")
            .map_err(|_| ("date", "Choose a date.".to_string()))?;
        let from = parse_clock(&start.get()).map_err(|m| ("startTime", m))?;
        let until = match duration.get() {
            d if d.trim().is_empty() => {
                BlockEnd::At(parse_clock(&end.get()).map_err(|m| ("endTime", m))?)
            }
            d => BlockEnd::After(parse_duration(&d).map_err(|m| ("duration", m))?),
        };
        resolve_block(day, from, until, tz).map_err(|m| ("startTime", m))
    };
    let preview = move || {
        resolved()
            .map(|(s, e)| format_hms((e - s).num_seconds()))
            .unwrap_or_default()
    };
    // Quick choices: a block from `since` until now.
    let fill = move |since: DateTime<Utc>| {
        let since = since.with_timezone(&tz);
        date.set(date_param(since.date_naive()));
        start.set(since.format("%H:%M").to_string());
        end.set(bridge::now().with_timezone(&tz).format("%H:%M").to_string());
        duration.set(String::new());
        errors.set(None);
    };
    let ago = move |minutes: i64| move |_| fill(bridge::now() - Duration::minutes(minutes));
    let since_last = move |_| {
        let now = bridge::now();
        let mut known = ctx.state.with_untracked(|s| s.recent.clone());
        if let Some(Ok((_, _, items))) = ctx.loaded.get_untracked() {
            known.extend(items);
        }
        match last_end(&known, now).filter(|t| now - *t < Duration::hours(24)) {
            Some(t) => fill(t),
            None => general.set(Some(
                "No entry ended in the last 24 hours; enter the start yourself.".into(),
            )),
        }
    };
    let save = move || {
        errors.set(None);
        general.set(None);
        let Some(project_id) = project.get_untracked() else {
            return errors.set(Some(("projectId", "Choose a project.".into())));
        };
        let (start_time, end_time) = match resolved() {
            Ok(times) => times,
            Err(problem) => return errors.set(Some(problem)),
        };
        let text = description.get_untracked();
        let entry = NewTimeEntry {
            project_id,
            description: (!text.is_empty()).then_some(text),
            start_time: Some(start_time),
            end_time: Some(end_time),
        };
        saving.set(true);
        spawn_local(async move {
            match write(ctx.state, Request::CreateEntry { entry }).await {
                Ok(()) => {
                    open.set(false);
                    ctx.refresh();
                }
                Err((message, api)) => {
                    match field_of(&api, &["startTime", "endTime", "projectId", "description"]) {
                        Some(problem) => errors.set(Some(problem)),
                        None => general.set(Some(message)),
                    }
                    saving.set(false);
                }
            }
        });
    };
    let text = |value: RwSignal<String>| move |ev| value.set(event_target_value(&ev));
    view! {
        <form class="manual" data-testid="manual-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="row quick">
                <button type="button" data-testid="manual-quick" data-minutes="10" on:click=ago(10)>"10 min ago"</button>
                <button type="button" data-testid="manual-quick" data-minutes="30" on:click=ago(30)>"30 min ago"</button>
                <button type="button" data-testid="manual-since-last" on:click=since_last>"Since my last entry"</button>
            </div>
            <label>"Project" <ProjectSelect projects=ctx.projects value=project testid="manual-project" /></label>
            {field_error(errors, "projectId")}
            <label>"Description"
                <input type="text" data-testid="manual-description" prop:value=move || description.get() on:input=text(description) />
            </label>
            {field_error(errors, "description")}
            <div class="grid3">
                <label>"Date" <input type="date" data-testid="manual-date" prop:value=move || date.get() on:input=text(date) /></label>
                <label>"Start" <input type="time" data-testid="manual-start" prop:value=move || start.get() on:input=text(start) /></label>
                <label>"End" <input type="time" data-testid="manual-end" prop:value=move || end.get() on:input=text(end) /></label>
            </div>
            {field_error(errors, "date")}
            {field_error(errors, "startTime")}
            {field_error(errors, "endTime")}
            <label>"…or duration (1h30, 90m, 1:30)"
                <input type="text" data-testid="manual-duration" prop:value=move || duration.get() on:input=text(duration) />
            </label>
            {field_error(errors, "duration")}
            <Show when=move || general.get().is_some()>
                <p class="error" role="alert" data-testid="manual-error">{move || general.get()}</p>
            </Show>
            <div class="row">
                <span class="duration" data-testid="manual-preview">{preview}</span>
                <button type="submit" class="primary" data-testid="manual-save" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save block" }}
                </button>
            </div>
        </form>
    }
}
