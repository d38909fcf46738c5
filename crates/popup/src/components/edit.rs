//! Inline edit of an entry: description, project, start and end. Only changed fields are sent
//! (`PUT /api/time-entries/:id` through the worker); a problem shows next to its field and
//! everything typed stays.
use chrono::Local;
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    TimeEntry,
    history::{EditDraft, edit_patch},
    messages::Request,
};

use super::history::Ctx;
use super::tabs::{Problem, ProjectSelect, field_error, field_of, write};

/// The edit form under a history row.
#[component]
pub fn EditForm(ctx: Ctx, entry: TimeEntry) -> impl IntoView {
    let tz = Local;
    let shown = EditDraft::of(&entry, tz);
    let description = RwSignal::new(shown.description);
    let project = RwSignal::new(Some(shown.project_id));
    let start = RwSignal::new(shown.start);
    let end = RwSignal::new(shown.end);
    let errors = RwSignal::new(None::<Problem>);
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let entry = StoredValue::new(entry);

    let save = move || {
        let original = entry.get_value();
        let draft = EditDraft {
            project_id: project.get_untracked().unwrap_or(original.project_id),
            description: description.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
        };
        errors.set(None);
        general.set(None);
        let patch = match edit_patch(&original, &draft, tz) {
            Err(problem) => return errors.set(Some(problem)),
            Ok(patch) if patch.is_empty() => return ctx.editing.set(None),
            Ok(patch) => patch,
        };
        saving.set(true);
        spawn_local(async move {
            match write(
                ctx.state,
                Request::UpdateEntry {
                    id: original.id,
                    patch,
                },
            )
            .await
            {
                Ok(()) => {
                    ctx.editing.set(None);
                    ctx.refresh();
                }
                Err((message, api)) => {
                    match field_of(&api, &["description", "projectId", "startTime", "endTime"]) {
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
        <form class="edit" data-testid="edit-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label>"Description"
                <input type="text" data-testid="edit-description" prop:value=move || description.get()
                    on:input=text(description) />
            </label>
            {field_error(errors, "description")}
            <label>"Project" <ProjectSelect projects=ctx.projects value=project testid="edit-project" /></label>
            {field_error(errors, "projectId")}
            <label>"Start"
                <input type="datetime-local" data-testid="edit-start" prop:value=move || start.get() on:input=text(start) />
            </label>
            {field_error(errors, "startTime")}
            <label>"End"
                <input type="datetime-local" data-testid="edit-end" prop:value=move || end.get() on:input=text(end) />
            </label>
            {field_error(errors, "endTime")}
            <Show when=move || general.get().is_some()>
                <p class="error" role="alert" data-testid="edit-error">{move || general.get()}</p>
            </Show>
            <div class="row">
                <button type="button" data-testid="edit-cancel" on:click=move |_| ctx.editing.set(None)>"Cancel"</button>
                <button type="submit" class="primary" data-testid="edit-save" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save" }}
                </button>
            </div>
        </form>
    }
}
