//! Delivers the outbox in order, exactly once (see `perminut_core::outbox`).
use std::cell::Cell;

use chrono::{DateTime, Duration, Utc};
use perminut_core::{
    ApiError, Client, TimeEntry,
    messages::{Auth, Notice, WorkerState},
    outbox::{Action, Failure, Pending, StopPlan, classify, find_committed_start, plan_stop},
    requests::{EntriesQuery, NewTimeEntry, StopTimeEntry},
    timer::TimerEvent,
};

use crate::{badge, handlers::apply_timer, store};

thread_local! {
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

/// What a delivered action changed on the server.
enum Delivered {
    Started {
        local_id: perminut_core::timer::LocalId,
        entry: TimeEntry,
    },
    Stopped(Option<TimeEntry>),
    Saved(TimeEntry),
    Deleted(perminut_core::TimeEntryId),
    Nothing,
}

/// Sends waiting actions until the queue is empty or one fails. Only one delivery runs at a
/// time; a call while one runs returns at once (the running one picks the new action up).
pub async fn deliver() {
    if DELIVERING.with(|d| d.replace(true)) {
        return;
    }
    let Some(client) = store::client() else {
        DELIVERING.with(|d| d.set(false));
        return;
    };
    loop {
        let now = store::now();
        let head = store::read(|s| {
            (s.outbox.is_due(now) && !matches!(s.auth, Auth::LoggedOut))
                .then(|| s.outbox.queue.front().cloned())
                .flatten()
        });
        let Some(pending) = head else { break };
        // Counted and saved before sending: after a crash, attempts > 0 means "maybe sent".
        store::update(|s| s.outbox.mark_attempt());
        store::persist().await;
        let result = send(&client, &pending).await;
        let keep_going = store::update(|s| settle(s, &pending, result, now));
        store::persist().await;
        badge::update().await;
        if !keep_going {
            break;
        }
    }
    DELIVERING.with(|d| d.set(false));
}

/// Records the outcome of one delivery; returns whether to go on with the next action.
fn settle(
    state: &mut WorkerState,
    pending: &Pending,
    result: Result<Delivered, ApiError>,
    now: DateTime<Utc>,
) -> bool {
    match result {
        Ok(delivered) => {
            state.outbox.complete_head();
            match delivered {
                Delivered::Started { local_id, entry } => {
                    state.outbox.confirm(local_id, entry.id);
                    upsert(&mut state.recent, entry.clone());
                    apply_timer(state, TimerEvent::StartConfirmed { local_id, entry });
                }
                Delivered::Stopped(entry) => {
                    if let Some(entry) = entry {
                        upsert(&mut state.recent, entry);
                    }
                    if matches!(
                        state.timer,
                        perminut_core::timer::TimerState::Stopping { .. }
                    ) && !state
                        .outbox
                        .queue
                        .iter()
                        .any(|p| matches!(p.action, Action::Stop { .. }))
                    {
                        apply_timer(state, TimerEvent::StopConfirmed);
                    }
                }
                Delivered::Saved(entry) => upsert(&mut state.recent, entry),
                Delivered::Deleted(id) => state.recent.retain(|e| e.id != id),
                Delivered::Nothing => {}
            }
            if state.outbox.is_empty() {
                state.notice = None;
            }
            true
        }
        Err(error) => {
            match classify(&error) {
                Failure::Retry => state.outbox.retry_later(now),
                Failure::NeedsLogin => state.auth = Auth::LoggedOut,
                Failure::Drop => {
                    state.outbox.complete_head();
                    if let Action::Start(start) = &pending.action {
                        state.outbox.drop_actions_on(start.local_id);
                        apply_timer(
                            state,
                            TimerEvent::StartRejected {
                                local_id: start.local_id,
                            },
                        );
                    }
                }
            }
            state.notice = Some(Notice { error, at: now });
            false
        }
    }
}

fn upsert(entries: &mut Vec<TimeEntry>, entry: TimeEntry) {
    entries.retain(|e| e.id != entry.id);
    entries.push(entry);
    entries.sort_by_key(|e| std::cmp::Reverse(e.start));
}

/// Entries around an instant (UTC days before and after), to reconcile against.
async fn entries_around(client: &Client, at: DateTime<Utc>) -> Result<Vec<TimeEntry>, ApiError> {
    let query = EntriesQuery {
        start_date: Some((at - Duration::days(1)).date_naive()),
        end_date: Some((store::now().max(at) + Duration::days(1)).date_naive()),
    };
    Ok(client.time_entries(&query).await?.items)
}

/// Sends one action, reconciling first where the server may already have it.
async fn send(client: &Client, pending: &Pending) -> Result<Delivered, ApiError> {
    let maybe_sent = pending.attempts > 0;
    match &pending.action {
        Action::Start(start) => {
            if maybe_sent {
                let entries = entries_around(client, start.at).await?;
                if let Some(entry) = find_committed_start(&entries, start) {
                    return Ok(Delivered::Started {
                        local_id: start.local_id,
                        entry: entry.clone(),
                    });
                }
            }
            let body = NewTimeEntry {
                project_id: start.project_id,
                description: Some(start.description.clone()),
                start_time: Some(start.at),
                end_time: None,
            };
            let entry = client.create_time_entry(&body).await?;
            Ok(Delivered::Started {
                local_id: start.local_id,
                entry,
            })
        }
        Action::Stop { target, at } => {
            let Some(id) = store::read(|s| s.outbox.resolve(*target)) else {
                // Its start never reached the server: there is nothing to stop.
                return Ok(Delivered::Nothing);
            };
            let entries = entries_around(client, *at).await?;
            match plan_stop(entries.iter().find(|e| e.id == id), *at) {
                StopPlan::Send { id, end } => {
                    match client
                        .stop_time_entry(
                            id,
                            &StopTimeEntry {
                                end_time: Some(end),
                            },
                        )
                        .await
                    {
                        Ok(entry) => Ok(Delivered::Stopped(Some(entry))),
                        // Stopped meanwhile elsewhere: its end stays as the server has it.
                        Err(ApiError::Conflict { .. }) => Ok(Delivered::Stopped(None)),
                        Err(ApiError::NotFound { .. }) => Ok(Delivered::Stopped(None)),
                        Err(error) => Err(error),
                    }
                }
                StopPlan::AlreadyStopped(entry) => Ok(Delivered::Stopped(Some(entry))),
                StopPlan::Gone => Ok(Delivered::Stopped(None)),
            }
        }
        Action::Create { entry, .. } => {
            if maybe_sent && let Some(start) = entry.start_time {
                let entries = entries_around(client, start).await?;
                if let Some(found) = entries.iter().find(|e| {
                    e.project_id == entry.project_id
                        && Some(e.start) == entry.start_time
                        && e.end == entry.end_time
                        && e.description == entry.description.clone().unwrap_or_default()
                }) {
                    return Ok(Delivered::Saved(found.clone()));
                }
            }
            Ok(Delivered::Saved(client.create_time_entry(entry).await?))
        }
        Action::Update { id, patch } => Ok(Delivered::Saved(
            client.update_time_entry(*id, patch).await?,
        )),
        Action::Delete { id } => match client.delete_time_entry(*id).await {
            Ok(()) | Err(ApiError::NotFound { .. }) => Ok(Delivered::Deleted(*id)),
            Err(error) => Err(error),
        },
    }
}
