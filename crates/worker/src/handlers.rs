//! One handler per popup request: an exhaustive `match`, so a new message does not compile
//! until it is handled.
use perminut_core::{
    messages::{InterruptionChoice, Reply, Request},
    outbox::Action,
    timer::{StartRequest, TimerEvent},
};

use crate::{badge, deliver, refresh, store};

/// Handles one request and answers with the resulting state.
pub async fn handle(request: Request) -> Reply {
    store::update(|s| note_activity(s, store::now()));
    match request {
        Request::Refresh => {
            // Opening the popup is an occasion to deliver at once, whatever the backoff.
            store::update(|s| s.outbox.retry_now());
            refresh::refresh(true).await;
        }
        Request::Start {
            project_id,
            description,
            at,
        } => {
            store::update(|s| {
                let local_id = s.take_local_id(at);
                s.last_project = Some(project_id);
                let start = StartRequest {
                    local_id,
                    project_id,
                    description,
                    at,
                };
                apply_timer(s, TimerEvent::StartClicked(start));
            });
            after_user_action().await;
        }
        Request::Stop { at } => {
            store::update(|s| apply_timer(s, TimerEvent::StopClicked { at }));
            after_user_action().await;
        }
        Request::CreateEntry { entry } => {
            store::update(|s| {
                let local_id = s.take_local_id(store::now());
                s.outbox.push(Action::Create { local_id, entry });
            });
            after_user_action().await;
        }
        Request::UpdateEntry { id, patch } => {
            if !patch.is_empty() {
                store::update(|s| s.outbox.push(Action::Update { id, patch }));
                after_user_action().await;
            }
        }
        Request::ResolveInterruption { choice } => {
            store::update(|s| {
                let Some(interruption) = s.interruption.take() else {
                    return;
                };
                let at = match choice {
                    InterruptionChoice::Keep => return,
                    InterruptionChoice::StopAtLastActivity => interruption.last_activity,
                    InterruptionChoice::StopNow => store::now(),
                };
                apply_timer(s, TimerEvent::StopClicked { at });
            });
            after_user_action().await;
        }
        Request::DeleteEntry { id } => {
            store::update(|s| {
                s.recent.retain(|e| e.id != id);
                s.outbox.push(Action::Delete { id });
            });
            after_user_action().await;
        }
    }
    Reply::State {
        state: Box::new(store::read(Clone::clone)),
    }
}

/// Feeds the timer one event and queues its commands. The queue is persisted before anything
/// is sent, so a worker stopped mid-request loses nothing.
pub fn apply_timer(state: &mut perminut_core::messages::WorkerState, event: TimerEvent) {
    let (next, commands) = state.timer.apply(event);
    state.timer = next;
    for command in commands {
        state.outbox.push(command.into());
    }
    store::bump_epoch();
}

/// Persist, show, then try to deliver at once (the user is waiting for the answer).
async fn after_user_action() {
    store::update(|s| {
        s.notice = None;
        s.outbox.retry_now();
    });
    store::persist().await;
    badge::update().await;
    deliver::deliver().await;
}

/// The periodic alarm: record that the browser is alive, deliver what is due, re-read the
/// server, refresh the badge.
pub async fn tick() {
    store::update(|s| note_activity(s, store::now()));
    refresh::refresh(false).await;
}

/// Records that the browser is active at `now`. A gap since the last record longer than the
/// alarm period by far means the browser (or the machine) was closed or asleep; if a timer ran
/// across it, the popup asks what to do instead of silently counting the night.
pub fn note_activity(
    state: &mut perminut_core::messages::WorkerState,
    now: chrono::DateTime<chrono::Utc>,
) {
    if state.interruption.is_none() {
        let since = state.running().map(|r| r.start);
        state.interruption =
            perminut_core::messages::detect_interruption(since, state.last_activity, now);
    }
    state.last_activity = Some(now);
}
