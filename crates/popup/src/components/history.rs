//! History: entries of a range (today, this week, last week, two dates) grouped by local day,
//! with each day's total and the range's total, more weeks on demand, manual entries and a
//! delete that waits a few seconds for Undo.
//!
//! Reads go straight to the API (the popup has host permission); writes go through the worker
//! (see [`super::tabs::write`]), then the range is read again.
use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    ApiBase, Client, Project, TimeEntry, TimeEntryId,
    duration_input::{day_label, parse_date},
    history::{HistoryRange, entries_query, group_by_day},
    messages::{Request, WorkerState},
    time::{date_param, format_hms},
};

use super::entry_row::EntryRow;
use super::manual::ManualForm;
use super::tabs::{Note, busy_button, error_note, input, note, write};
use crate::bridge;

/// How long a deleted entry can still be brought back.
const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(5);

/// The range as loaded: first and last local day and the server's entries.
type Loaded = Result<(NaiveDate, NaiveDate, Vec<TimeEntry>), String>;

/// What the history's parts share. All signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The worker's state (projects; the reply of every write).
    pub state: RwSignal<WorkerState>,
    /// Active projects, changing only when the list does (not on every state change).
    pub projects: Memo<Vec<Project>>,
    /// The clock, for running entries.
    pub now: RwSignal<DateTime<Utc>>,
    /// The entry whose edit form is open.
    pub editing: RwSignal<Option<TimeEntryId>>,
    /// The entry with an action in flight.
    pub busy: RwSignal<Option<TimeEntryId>>,
    /// The last failure of a list action, in plain words.
    pub error: RwSignal<Option<String>>,
    /// Bumped to read the range again.
    pub reload: RwSignal<u32>,
    /// What was last read.
    pub loaded: RwSignal<Option<Loaded>>,
    /// The entry deleted but still undoable (hidden meanwhile), and whether it is being sent.
    pub deleting: RwSignal<Option<(TimeEntry, bool)>>,
    undo_timer: StoredValue<Option<leptos::leptos_dom::helpers::TimeoutHandle>>,
}

impl Ctx {
    /// Reads the range again.
    pub fn refresh(self) {
        self.reload.update(|n| *n += 1);
    }

    /// Hides the entry and deletes it for real when the undo window ends (an earlier pending
    /// delete is sent at once).
    pub fn delete(self, entry: TimeEntry) {
        self.commit_delete();
        self.deleting.set(Some((entry, false)));
        let handle = set_timeout_with_handle(move || self.commit_delete(), UNDO_WINDOW).ok();
        self.undo_timer.set_value(handle);
    }

    /// Undo: the entry comes back; nothing was sent.
    pub fn undo(self) {
        if let Some(handle) = self.undo_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if matches!(self.deleting.get_untracked(), Some((_, false))) {
            self.deleting.set(None);
        }
    }

    fn commit_delete(self) {
        if let Some(handle) = self.undo_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let Some((entry, false)) = self.deleting.get_untracked() else {
            return;
        };
        self.deleting.set(Some((entry.clone(), true)));
        spawn_local(async move {
            match write(self.state, Request::DeleteEntry { id: entry.id }).await {
                Ok(()) => self.loaded.update(|l| {
                    if let Some(Ok((_, _, items))) = l {
                        items.retain(|e| e.id != entry.id);
                    }
                }),
                // The entry shows again: the delete did not happen.
                Err((message, _)) => self.error.set(Some(message)),
            }
            self.deleting.set(None);
            self.refresh();
        });
    }
}

/// The history tab.
#[component]
pub fn HistoryTab(
    state: RwSignal<WorkerState>,
    now: RwSignal<DateTime<Utc>>,
    api: Option<ApiBase>,
) -> impl IntoView {
    let tz = Local;
    let ctx = Ctx {
        state,
        projects: Memo::new(move |_| state.with(|s| s.projects.clone())),
        now,
        editing: RwSignal::new(None),
        busy: RwSignal::new(None),
        error: RwSignal::new(None),
        reload: RwSignal::new(0),
        loaded: RwSignal::new(None),
        deleting: RwSignal::new(None),
        undo_timer: StoredValue::new(None),
    };
    // A delete waiting for its undo window is sent when the tab or the popup closes: the user
    // asked for it, and nothing would be left to send it later.
    let closing = window_event_listener(leptos::ev::pagehide, move |_| ctx.commit_delete());
    on_cleanup(move || {
        ctx.commit_delete();
        closing.remove();
    });
    let kind = RwSignal::new("today".to_string());
    let today = bridge::now().with_timezone(&tz).date_naive();
    let from = RwSignal::new(date_param(today - chrono::Duration::days(6)));
    let to = RwSignal::new(date_param(today));
    let weeks = RwSignal::new(0u32);
    let loading = RwSignal::new(false);
    let manual = RwSignal::new(false);
    let no_errors = RwSignal::new(None);
    let client = StoredValue::new_local(api.map(Client::new));
    let generation = StoredValue::new(0u32);

    let range = move || {
        let date = |s: RwSignal<String>| parse_date(&s.get());
        match kind.get().as_str() {
            "this-week" => Some(HistoryRange::ThisWeek),
            "last-week" => Some(HistoryRange::LastWeek),
            "custom" => Some(HistoryRange::Custom(date(from)?, date(to)?)),
            _ => Some(HistoryRange::Today),
        }
    };
    Effect::new(move |_| {
        ctx.reload.track();
        let Some(range) = range() else { return };
        let today = bridge::now().with_timezone(&tz).date_naive();
        let (first, last) = range.dates(today, weeks.get());
        let Some(client) = client.get_value() else {
            ctx.loaded.set(Some(Err(
                "No Perminut address is configured for this build.".into(),
            )));
            return;
        };
        let ticket = generation.get_value() + 1;
        generation.set_value(ticket);
        loading.set(true);
        spawn_local(async move {
            let result = client.time_entries(&entries_query(first, last, tz)).await;
            // A slower answer for a range no longer shown is dropped.
            if generation.try_get_value() == Some(ticket) {
                ctx.loaded.set(Some(
                    result
                        .map(|p| (first, last, p.items))
                        .map_err(|e| e.user_message()),
                ));
                loading.set(false);
            }
        });
    });
    let grouped = Memo::new(move |_| {
        let hidden = ctx.deleting.with(|d| d.as_ref().map(|(e, _)| e.id));
        ctx.loaded.with(|l| match l {
            Some(Ok((first, last, items))) => {
                let shown: Vec<TimeEntry> = items
                    .iter()
                    .filter(|e| Some(e.id) != hidden)
                    .cloned()
                    .collect();
                Some(Ok(group_by_day(&shown, *first, *last, tz, bridge::now())))
            }
            Some(Err(message)) => Some(Err(message.clone())),
            None => None,
        })
    });
    let total = move || {
        grouped.with(|g| match g {
            Some(Ok(h)) => format_hms(h.total_seconds),
            _ => String::new(),
        })
    };
    let status: Note = Signal::derive(move || match grouped.get() {
        None => Some(("muted", "history-loading", "Loading…".into())),
        Some(Err(message)) => Some(("error", "history-error", message)),
        Some(Ok(h)) if h.days.is_empty() => Some((
            "muted",
            "history-empty",
            "Nothing tracked in this range. Use “Log time” to add a block you forgot.".into(),
        )),
        Some(Ok(_)) => None,
    });
    let days = move || {
        grouped.get().and_then(Result::ok).map(|h| h.days.into_iter().map(|day| view! {
            <div class="day" data-testid="history-day" data-date=date_param(day.date)>
                <div class="row day-head">
                    <span>{day_label(day.date)}</span>
                    <span class="duration" data-testid="day-total">{format_hms(day.total_seconds)}</span>
                </div>
                <ul class="entries">
                    {day.entries.into_iter().map(|entry| view! { <EntryRow ctx entry /> }).collect_view()}
                </ul>
            </div>
        }).collect_view())
    };
    let undo_text = move || {
        ctx.deleting.with(|d| {
            d.as_ref().map(|(e, sending)| {
                if *sending {
                    "Deleting…".to_string()
                } else {
                    format!("Deleted “{}”.", e.description)
                }
            })
        })
    };
    view! {
        <section class="history" aria-label="History">
            <div class="row">
                <select data-testid="history-range" aria-label="Range"
                    on:change=move |ev| { weeks.set(0); kind.set(event_target_value(&ev)); }>
                    <option value="today">"Today"</option>
                    <option value="this-week">"This week"</option>
                    <option value="last-week">"Last week"</option>
                    <option value="custom">"Between two dates"</option>
                </select>
                <button type="button" data-testid="manual-open" aria-expanded=move || manual.get().to_string()
                    on:click=move |_| manual.update(|m| *m = !*m)>"Log time"</button>
            </div>
            {move || (kind.get() == "custom").then(|| view! {
                <div class="row">
                    {input("From", "date", "history-from", from, no_errors, "")}
                    {input("To", "date", "history-to", to, no_errors, "")}
                </div>
            })}
            {move || manual.get().then(|| view! { <ManualForm ctx open=manual /> })}
            {move || undo_text().map(|text| view! {
                <div class="undo row" role="status" data-testid="undo-bar">
                    <span>{text}</span>
                    <button type="button" data-testid="undo" on:click=move |_| ctx.undo()
                        disabled=move || matches!(ctx.deleting.get(), Some((_, true)))>"Undo"</button>
                </div>
            })}
            {note(error_note("history-error", ctx.error))}
            <div class="row">
                <span class="muted" data-testid="history-zone">{format!("Total · times in {}", perminut_core::browser_time_zone())}</span>
                <strong class="duration" data-testid="history-total">{total}</strong>
            </div>
            {note(status)}
            <div class="days" aria-busy=move || loading.get().to_string()>{days}</div>
            {busy_button("history-more", "Show an earlier week", "Loading…", loading.into(),
                Some(Callback::new(move |()| weeks.update(|w| *w += 1))))}
        </section>
    }
}
