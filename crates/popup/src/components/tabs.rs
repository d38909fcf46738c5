//! The tab bar (Timer | History | Stats) and what every write from those tabs shares.
use leptos::prelude::*;
use perminut_core::{
    ApiError, Project,
    messages::{Request, WorkerState},
};

use crate::bridge;

/// The popup's screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The timer and today's entries (the default, as before the tabs existed).
    Timer,
    /// Entries by day, with continue, edit, delete and manual entries.
    History,
    /// Daily, weekly and monthly statistics.
    Stats,
}

/// Three buttons; the chosen one is marked `aria-selected`.
#[component]
pub fn TabBar(tab: RwSignal<Tab>) -> impl IntoView {
    let button = move |which: Tab, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" role="tab" data-testid=testid
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)>{label}</button>
        }
    };
    view! {
        <nav class="tabs" role="tablist">
            {button(Tab::Timer, "Timer", "tab-timer")}
            {button(Tab::History, "History", "tab-history")}
            {button(Tab::Stats, "Stats", "tab-stats")}
        </nav>
    }
}

/// A failed write: the words to show and, when the server refused the input, its error (for
/// messages next to the fields it names).
pub type WriteError = (String, Option<ApiError>);

/// Sends a write to the worker, which queues and delivers it at once; the worker's reply
/// carries the delivery error, if any, as its notice.
pub async fn write(state: RwSignal<WorkerState>, request: Request) -> Result<(), WriteError> {
    let fresh = bridge::send(request).await.map_err(|m| (m, None))?;
    let notice = fresh.notice.clone();
    state.set(fresh);
    match notice {
        Some(n) => Err((n.error.user_message(), Some(n.error))),
        None => Ok(()),
    }
}

/// A problem with one field: the API's field name and what to say.
pub type Problem = (&'static str, String);

/// The first of `fields` the server's validation error names, as `(field, message)`.
pub fn field_of(error: &Option<ApiError>, fields: &[&'static str]) -> Option<Problem> {
    let error = error.as_ref()?;
    fields
        .iter()
        .find_map(|f| error.field_error(f).map(|m| (*f, format!("{f} {m}"))))
}

/// A message shown next to one field; `data-field` names it with the API's field name.
pub fn field_error(errors: RwSignal<Option<Problem>>, field: &'static str) -> impl IntoView {
    let message = move || {
        errors.with(|e| {
            e.as_ref()
                .filter(|(f, _)| *f == field)
                .map(|(_, m)| m.clone())
        })
    };
    move || {
        message().map(|m| {
            view! { <span class="field-error" role="alert" data-testid="field-error" data-field=field>{m}</span> }
        })
    }
}

/// A status line: `(class, testid, text)`, nothing when `None`. One concrete type for every
/// message of the history and statistics (no `Show`/`AnyView` per message: wasm size).
pub type Note = Signal<Option<(&'static str, &'static str, String)>>;

/// Renders a [`Note`].
pub fn note(note: Note) -> impl IntoView {
    move || {
        note.get().map(|(class, testid, text)| view! { <p class=class role="status" data-testid=testid>{text}</p> })
    }
}

/// A [`Note`] showing an error message under `testid`.
pub fn error_note(testid: &'static str, message: RwSignal<Option<String>>) -> Note {
    Signal::derive(move || message.get().map(|m| ("error", testid, m)))
}

/// A button disabled and relabelled while `busy`; `on_click` unless it submits its form.
/// Reactive values here and elsewhere are `Signal`s rather than closures: each distinct closure
/// in a view costs its own copy of the renderer in the wasm.
pub fn busy_button(
    testid: &'static str,
    label: &'static str,
    busy_label: &'static str,
    busy: Signal<bool>,
    on_click: Option<Callback<()>>,
) -> impl IntoView {
    let (kind, class) = if on_click.is_some() {
        ("button", "")
    } else {
        ("submit", "primary")
    };
    view! {
        <button type=kind class=class data-testid=testid disabled=busy
            on:click=move |_| if let Some(f) = on_click { f.run(()) }>
            {move || if busy.get() { busy_label } else { label }}
        </button>
    }
}

/// The project `<select>`, shared by the edit and manual-entry forms.
#[component]
pub fn ProjectSelect(
    projects: Memo<Vec<Project>>,
    value: RwSignal<Option<perminut_core::ProjectId>>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <select data-testid=testid aria-label="Project"
            on:change=move |ev| value.set(event_target_value(&ev).parse().ok().map(perminut_core::ProjectId))>
            <option value="" disabled=true selected=move || value.get().is_none()>"Choose a project"</option>
            {move || projects.get().into_iter().map(|p| view! {
                <option value=p.id.0.to_string() selected=move || value.get() == Some(p.id)>{p.name}</option>
            }).collect_view()}
        </select>
    }
}

/// A labelled input bound to `value`, with the message for `field` under it. Every form field
/// of the history goes through here: one view type instead of one per field (wasm size).
pub fn input(
    label: &'static str,
    kind: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Option<Problem>>,
    field: &'static str,
) -> impl IntoView {
    view! {
        <label>{label}
            <input type=kind data-testid=testid prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {field_error(errors, field)}
        </label>
    }
}
