//! One entry of the history: description, project, local times, duration, and its actions
//! (continue, edit inline, delete with undo).
use chrono::Local;
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{TimeEntry, duration_input::clock_text, messages::Request, time::format_hms};

use super::edit::EditForm;
use super::history::Ctx;
use super::tabs::write;
use crate::bridge;

/// `09:30–11:00`, with `+1` when it ends on a later local day; `–…` while running.
fn span(entry: &TimeEntry) -> String {
    let start = entry.start.with_timezone(&Local);
    let end = entry.end.map(|e| e.with_timezone(&Local));
    let days = end
        .map(|e| (e.date_naive() - start.date_naive()).num_days())
        .unwrap_or(0);
    format!(
        "{}–{}{}",
        clock_text(&start),
        end.map(|e| clock_text(&e)).unwrap_or_else(|| "…".into()),
        if days > 0 {
            format!(" +{days}")
        } else {
            String::new()
        }
    )
}

/// A history row.
#[component]
pub fn EntryRow(ctx: Ctx, entry: TimeEntry) -> impl IntoView {
    let id = entry.id;
    let project_id = entry.project_id;
    let project = move || {
        ctx.projects.with(|ps| {
            ps.iter()
                .find(|p| p.id == project_id)
                .map(|p| p.name.clone())
        })
    };
    let duration = {
        let entry = entry.clone();
        move || {
            format_hms(entry.elapsed_seconds(if entry.is_running() {
                ctx.now.get()
            } else {
                entry.start
            }))
        }
    };
    let busy = Signal::derive(move || ctx.busy.get() == Some(id));
    let description = entry.description.clone();
    let continue_it = move |_| {
        let request = Request::Start {
            project_id,
            description: description.clone(),
            at: bridge::now(),
        };
        ctx.busy.set(Some(id));
        ctx.error.set(None);
        spawn_local(async move {
            if let Err((message, _)) = write(ctx.state, request).await {
                ctx.error.set(Some(message));
            }
            ctx.busy.set(None);
            ctx.refresh();
        });
    };
    let to_delete = entry.clone();
    let shown = if entry.description.is_empty() {
        "(no description)".to_string()
    } else {
        entry.description.clone()
    };
    view! {
        <li data-testid="history-entry" data-entry-id=id.0.to_string()>
            <div class="entry-main">
                <div class="desc" data-testid="history-entry-description">{shown}</div>
                <div class="project">
                    <span data-testid="history-entry-project">{project}</span>
                    " · " <span data-testid="history-entry-span">{span(&entry)}</span>
                </div>
            </div>
            <span class="duration" data-testid="history-entry-duration">{duration}</span>
            <div class="entry-actions">
                <button type="button" data-testid="entry-continue" title="Start a new timer like this one"
                    disabled=busy on:click=continue_it>{move || if busy.get() { "…" } else { "▶" }}</button>
                <button type="button" data-testid="entry-edit" title="Edit" aria-label="Edit"
                    disabled=busy on:click=move |_| ctx.editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>"✎"</button>
                <button type="button" data-testid="entry-delete" title="Delete" aria-label="Delete"
                    disabled=busy on:click=move |_| ctx.delete(to_delete.clone())>"✕"</button>
            </div>
            {move || (ctx.editing.get() == Some(id)).then(|| view! { <EditForm ctx entry=entry.clone() /> })}
        </li>
    }
}
