//! Log a completed block: date, start, and an end or a duration (`1h30`, `90m`, `1:30`); an
//! end earlier than the start means the next day. Quick choices fill the times in. Sent as
//! one `POST /api/time-entries` with `startTime` and `endTime`, through the worker.
use chrono::{DateTime, Duration, Local, Utc};
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    duration_input::{
        BlockEnd, clock_text, parse_clock, parse_date, parse_duration, resolve_block,
    },
    history::last_end,
    messages::Request,
    requests::NewTimeEntry,
    time::{date_param, format_hms},
};

use super::history::Ctx;
use super::tabs::{
    Problem, ProjectSelect, busy_button, error_note, field_error, field_of, input, note, write,
};
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
        let day = parse_date(&date.get()).ok_or(("date", "Choose a date.".to_string()))?;
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
        start.set(clock_text(&since));
        end.set(clock_text(&bridge::now().with_timezone(&tz)));
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
    view! {
        <form class="manual" data-testid="manual-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="row quick">
                <button type="button" data-testid="manual-quick" data-minutes="10" on:click=ago(10)>"10 min ago"</button>
                <button type="button" data-testid="manual-quick" data-minutes="30" on:click=ago(30)>"30 min ago"</button>
                <button type="button" data-testid="manual-since-last" on:click=since_last>"Since my last entry"</button>
            </div>
            <label>"Project" <ProjectSelect projects=ctx.projects value=project testid="manual-project" /></label>
            {field_error(errors, "projectId")}
            {input("Description", "text", "manual-description", description, errors, "description")}
            <div class="grid3">
                {input("Date", "date", "manual-date", date, errors, "date")}
                {input("Start", "time", "manual-start", start, errors, "startTime")}
                {input("End", "time", "manual-end", end, errors, "endTime")}
            </div>
            {input("…or duration (1h30, 90m, 1:30)", "text", "manual-duration", duration, errors, "duration")}
            {note(error_note("manual-error", general))}
            <div class="row">
                <span class="duration" data-testid="manual-preview">{preview}</span>
                {busy_button("manual-save", "Save block", "Saving…", saving.into(), None)}
            </div>
        </form>
    }
}
