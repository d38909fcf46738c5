//! The timer state machine: pure, time injected.
//!
//! The worker owns one [`TimerState`] and feeds it [`TimerEvent`]s; each transition returns
//! the [`Command`]s to deliver to the server (through the outbox). No clock is read here: every
//! event carries the instant it happened, so a start or stop delivered late still carries the
//! time the user meant.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{ProjectId, TimeEntry, TimeEntryId};

/// Two identical starts closer than this are one double click, not two timers.
pub const DOUBLE_CLICK_WINDOW: Duration = Duration::seconds(2);

/// Names a start the user made before the server gave it an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LocalId(pub u64);

/// A start as the user asked for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartRequest {
    /// Our name for it until the server answers.
    pub local_id: LocalId,
    /// The project to track against.
    pub project_id: ProjectId,
    /// What the user is working on.
    pub description: String,
    /// When the user clicked: the entry's start time.
    pub at: DateTime<Utc>,
}

/// An entry the server knows by id, or one whose start is still on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryRef {
    /// A server id.
    Server(TimeEntryId),
    /// A start not yet confirmed.
    Local(LocalId),
}

/// What the timer is doing, as the user sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum TimerState {
    /// Nothing runs.
    #[default]
    Idle,
    /// The user started a timer; the server has not confirmed it yet. Shown as running.
    Starting {
        /// The start as asked.
        start: StartRequest,
    },
    /// A timer runs, as the server reported it.
    Running {
        /// The running entry (no end).
        entry: TimeEntry,
    },
    /// The user stopped the timer; the server has not confirmed it yet. Shown as stopped.
    Stopping {
        /// Which entry is being stopped.
        target: EntryRef,
        /// When the user clicked Stop.
        at: DateTime<Utc>,
    },
}

/// Something that happened to the timer.
#[derive(Debug, Clone, PartialEq)]
pub enum TimerEvent {
    /// The user asked to start (popup, menu, shortcut, continue).
    StartClicked(StartRequest),
    /// The user asked to stop, at this instant.
    StopClicked {
        /// When.
        at: DateTime<Utc>,
    },
    /// The server created the entry for this start.
    StartConfirmed {
        /// Which start.
        local_id: LocalId,
        /// The entry as the server has it.
        entry: TimeEntry,
    },
    /// The server refused this start for good (a 400): it never ran.
    StartRejected {
        /// Which start.
        local_id: LocalId,
    },
    /// The server confirmed a stop (or showed the entry already stopped).
    StopConfirmed,
    /// A fresh reading of the server with nothing of ours pending: it is the truth.
    ServerState {
        /// The running entry, if any.
        running: Option<TimeEntry>,
    },
}

/// Work for the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Create a running entry.
    Start(StartRequest),
    /// Stop an entry at the user's instant.
    Stop {
        /// Which entry.
        target: EntryRef,
        /// When the user clicked.
        at: DateTime<Utc>,
    },
}

/// What the popup and badge show of a running timer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunningView {
    /// The server id, once known.
    pub entry_id: Option<TimeEntryId>,
    /// Project.
    pub project_id: ProjectId,
    /// Description.
    pub description: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// Whether the server has confirmed it.
    pub confirmed: bool,
}

impl TimerState {
    /// Applies one event; returns the next state and the commands to deliver.
    pub fn apply(&self, event: TimerEvent) -> (TimerState, Vec<Command>) {
        use TimerEvent as E;
        match (self, event) {
            (TimerState::Idle | TimerState::Stopping { .. }, E::StartClicked(start)) => (
                TimerState::Starting {
                    start: start.clone(),
                },
                vec![Command::Start(start)],
            ),
            (TimerState::Starting { .. } | TimerState::Running { .. }, E::StartClicked(start)) => {
                let current = self.running_view().expect("starting or running has a view");
                let same = current.project_id == start.project_id
                    && current.description == start.description;
                if same && start.at - current.start < DOUBLE_CLICK_WINDOW {
                    return (self.clone(), Vec::new());
                }
                // Switching tasks: stop the running one first, as the contract recommends.
                let stop = Command::Stop {
                    target: self.entry_ref().expect("has ref"),
                    at: start.at,
                };
                (
                    TimerState::Starting {
                        start: start.clone(),
                    },
                    vec![stop, Command::Start(start)],
                )
            }
            (TimerState::Starting { .. } | TimerState::Running { .. }, E::StopClicked { at }) => {
                let target = self.entry_ref().expect("starting or running has a ref");
                (
                    TimerState::Stopping { target, at },
                    vec![Command::Stop { target, at }],
                )
            }
            (TimerState::Idle | TimerState::Stopping { .. }, E::StopClicked { .. }) => {
                (self.clone(), Vec::new())
            }
            (TimerState::Starting { start }, E::StartConfirmed { local_id, entry })
                if start.local_id == local_id =>
            {
                (TimerState::Running { entry }, Vec::new())
            }
            (
                TimerState::Stopping {
                    target: EntryRef::Local(l),
                    at,
                },
                E::StartConfirmed { local_id, entry },
            ) if *l == local_id => (
                TimerState::Stopping {
                    target: EntryRef::Server(entry.id),
                    at: *at,
                },
                Vec::new(),
            ),
            (TimerState::Starting { start }, E::StartRejected { local_id })
                if start.local_id == local_id =>
            {
                (TimerState::Idle, Vec::new())
            }
            (
                TimerState::Stopping {
                    target: EntryRef::Local(l),
                    ..
                },
                E::StartRejected { local_id },
            ) if *l == local_id => (TimerState::Idle, Vec::new()),
            (TimerState::Stopping { .. }, E::StopConfirmed) => (TimerState::Idle, Vec::new()),
            (_, E::ServerState { running }) => match running {
                Some(entry) if entry.is_running() => (TimerState::Running { entry }, Vec::new()),
                _ => (TimerState::Idle, Vec::new()),
            },
            (state, _) => (state.clone(), Vec::new()),
        }
    }

    /// The entry this state is about, if a timer is (being) run.
    fn entry_ref(&self) -> Option<EntryRef> {
        match self {
            TimerState::Starting { start } => Some(EntryRef::Local(start.local_id)),
            TimerState::Running { entry } => Some(EntryRef::Server(entry.id)),
            _ => None,
        }
    }

    /// The running timer as shown, if one runs (or is starting).
    pub fn running_view(&self) -> Option<RunningView> {
        match self {
            TimerState::Starting { start } => Some(RunningView {
                entry_id: None,
                project_id: start.project_id,
                description: start.description.clone(),
                start: start.at,
                confirmed: false,
            }),
            TimerState::Running { entry } => Some(RunningView {
                entry_id: Some(entry.id),
                project_id: entry.project_id,
                description: entry.description.clone(),
                start: entry.start,
                confirmed: true,
            }),
            _ => None,
        }
    }
}

/// Seconds a timer started at `start` has run at browser time `now`, given the server's clock
/// offset (server minus browser, ms). Never negative, also when the server's clock is ahead.
pub fn elapsed_seconds(start: DateTime<Utc>, now: DateTime<Utc>, server_offset_ms: i64) -> i64 {
    let server_now = now + Duration::milliseconds(server_offset_ms);
    (server_now - start).num_seconds().max(0)
}

#[cfg(test)]
#[path = "timer_tests.rs"]
mod tests;
