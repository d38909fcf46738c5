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
use super::tabs::{
    Problem, ProjectSelect, busy_button, error_note, field_error, field_of, input, note, write,
};

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
    view! {
        <form class="edit" data-testid="edit-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            {input("Description", "text", "edit-description", description, errors, "description")}
            <label>"Project" <ProjectSelect projects=ctx.projects value=project testid="edit-project" /></label>
            {field_error(errors, "projectId")}
            {input("Start", "datetime-local", "edit-start", start, errors, "startTime")}
            {input("End", "datetime-local", "edit-end", end, errors, "endTime")}
            {note(error_note("edit-error", general))}
            <div class="row">
                <button type="button" data-testid="edit-cancel" on:click=move |_| ctx.editing.set(None)>"Cancel"</button>
                {busy_button("edit-save", "Save", "Saving…", saving.into(), None)}
            </div>
        </form>
    }
}
