//! The start form: project picker with type-to-filter, description prefilled from the tab.
use leptos::{prelude::*, task::spawn_local};
use perminut_browser::storage::{self, Area};
use perminut_core::{
    ProjectId,
    messages::{DRAFT_KEY, Request, WorkerState},
};

use crate::bridge;

/// Start a timer.
#[component]
pub fn StartForm(
    state: RwSignal<WorkerState>,
    description: RwSignal<String>,
    project: RwSignal<Option<ProjectId>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let starting = RwSignal::new(false);

    // Projects may arrive after the first paint: preselect once they do.
    Effect::new(move |_| {
        if project.get().is_none() {
            let first = state.with(|s| s.last_project.or_else(|| s.projects.first().map(|p| p.id)));
            if first.is_some() {
                project.set(first);
            }
        }
    });
    let save_draft = move |text: String| {
        spawn_local(async move {
            let _ = storage::set(Area::Local, DRAFT_KEY, &text).await;
        });
    };
    let visible_projects = move || {
        let needle = filter.get().to_lowercase();
        state.with(|s| {
            s.projects
                .iter()
                .filter(|p| needle.is_empty() || p.name.to_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let start = move || {
        let Some(project_id) = project.get_untracked() else {
            error.set(Some("Choose a project first.".into()));
            return;
        };
        if starting.get_untracked() {
            return;
        }
        starting.set(true);
        error.set(None);
        let at = bridge::now();
        let text = description.get_untracked();
        spawn_local(async move {
            match bridge::send(Request::Start {
                project_id,
                description: text,
                at,
            })
            .await
            {
                Ok(fresh) => {
                    if fresh.running().is_some() {
                        let _ = storage::remove_local(DRAFT_KEY).await;
                        description.set(String::new());
                    }
                    state.set(fresh);
                }
                Err(message) => error.set(Some(message)),
            }
            starting.set(false);
        });
    };
    let on_filter = move |ev| {
        filter.set(event_target_value(&ev));
        let visible = visible_projects();
        // Keep the choice if it still matches the filter; else take the first that does.
        if let Some(first) = visible.first()
            && !visible
                .iter()
                .any(|p| Some(p.id) == project.get_untracked())
        {
            project.set(Some(first.id));
        }
    };
    view! {
        <form on:submit=move |ev| { ev.prevent_default(); start(); }>
            <label>
                "Project"
                <input type="search" placeholder="Type to filter projects" data-testid="project-filter"
                    aria-label="Filter projects" prop:value=move || filter.get() on:input=on_filter />
            </label>
            <select data-testid="project-picker" aria-label="Project"
                on:change=move |ev| project.set(event_target_value(&ev).parse().ok().map(ProjectId))>
                <For each=visible_projects key=|p| (p.id, p.name.clone()) let:p>
                    <option data-testid="project-option" data-project-id=p.id.0.to_string()
                        value=p.id.0.to_string() selected=move || project.get() == Some(p.id)>
                        {p.name.clone()}
                    </option>
                </For>
            </select>
            <label>
                "What are you working on?"
                <input type="text" data-testid="description" autofocus
                    prop:value=move || description.get()
                    on:input=move |ev| { let v = event_target_value(&ev); description.set(v.clone()); save_draft(v); } />
            </label>
            <button type="submit" class="primary" data-testid="start" disabled=move || starting.get()>
                {move || if starting.get() { "Starting…" } else { "Start" }}
            </button>
        </form>
    }
}
