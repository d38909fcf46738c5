//! The outbox: every start, stop, edit and delete the user makes, persisted before it is sent
//! and delivered in order, exactly once.
//!
//! The contract has no idempotency key, so exactly-once is earned by reconciliation: a start
//! whose answer was lost is looked for on the server before it is sent again
//! ([`find_committed_start`]), and a stop is only sent for an entry the server still shows
//! running ([`plan_stop`]). This module is the pure half; the worker does the I/O.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    ApiError, TimeEntry, TimeEntryId,
    requests::{NewTimeEntry, TimeEntryPatch},
    timer::{Command, EntryRef, LocalId, StartRequest},
};

/// One thing the user did that the server must learn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Start a timer at the user's instant.
    Start(StartRequest),
    /// Stop an entry at the user's instant.
    Stop {
        /// Which entry.
        target: EntryRef,
        /// When the user clicked.
        at: DateTime<Utc>,
    },
    /// Log a completed block.
    Create {
        /// Our name for it.
        local_id: LocalId,
        /// The entry to create.
        entry: NewTimeEntry,
    },
    /// Change some fields of an entry.
    Update {
        /// Which entry.
        id: TimeEntryId,
        /// Only the changed fields.
        patch: TimeEntryPatch,
    },
    /// Delete an entry.
    Delete {
        /// Which entry.
        id: TimeEntryId,
    },
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        match command {
            Command::Start(start) => Action::Start(start),
            Command::Stop { target, at } => Action::Stop { target, at },
        }
    }
}

/// An action waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// What to deliver.
    pub action: Action,
    /// How many times it was sent. More than zero means the server may already have it.
    pub attempts: u32,
}

/// The queue, persisted with the worker's state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbox {
    /// Actions in the order the user made them.
    pub queue: VecDeque<Pending>,
    /// Server ids of confirmed starts, so later actions naming a local start can be sent.
    pub confirmed: Vec<(LocalId, TimeEntryId)>,
    /// Consecutive failed deliveries (for the backoff).
    pub failures: u32,
    /// Not before this instant (backoff).
    pub retry_at: Option<DateTime<Utc>>,
}

/// The longest wait between delivery attempts.
pub const MAX_BACKOFF: Duration = Duration::minutes(5);

/// Wait after `failures` consecutive failures: 2 s, 4 s, 8 s … up to five minutes.
pub fn backoff(failures: u32) -> Duration {
    let seconds = 2_i64.saturating_pow(failures.clamp(1, 20));
    Duration::seconds(seconds).min(MAX_BACKOFF)
}

impl Outbox {
    /// Number of actions waiting.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Appends an action.
    pub fn push(&mut self, action: Action) {
        self.queue.push_back(Pending {
            action,
            attempts: 0,
        });
    }

    /// Whether delivery may be tried at `now`.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        !self.queue.is_empty() && self.retry_at.is_none_or(|at| now >= at)
    }

    /// Records that the head is about to be sent (persist this before sending).
    pub fn mark_attempt(&mut self) {
        if let Some(head) = self.queue.front_mut() {
            head.attempts += 1;
        }
    }

    /// The head was delivered (or needs no delivery).
    pub fn complete_head(&mut self) {
        self.queue.pop_front();
        self.failures = 0;
        self.retry_at = None;
    }

    /// The head could not be delivered now; try again after a backoff.
    pub fn retry_later(&mut self, now: DateTime<Utc>) {
        self.failures = self.failures.saturating_add(1);
        self.retry_at = Some(now + backoff(self.failures));
    }

    /// Clears the backoff so the next occasion (the user logged in, the network is back)
    /// delivers at once.
    pub fn retry_now(&mut self) {
        self.retry_at = None;
    }

    /// Remembers the server id of a confirmed start (keeps the last 50).
    pub fn confirm(&mut self, local_id: LocalId, id: TimeEntryId) {
        self.confirmed.retain(|(l, _)| *l != local_id);
        self.confirmed.push((local_id, id));
        if self.confirmed.len() > 50 {
            self.confirmed.remove(0);
        }
    }

    /// The server id of an entry reference, if known.
    pub fn resolve(&self, target: EntryRef) -> Option<TimeEntryId> {
        match target {
            EntryRef::Server(id) => Some(id),
            EntryRef::Local(local) => self
                .confirmed
                .iter()
                .find(|(l, _)| *l == local)
                .map(|(_, id)| *id),
        }
    }

    /// Drops every waiting action that names a start the server refused.
    pub fn drop_actions_on(&mut self, local_id: LocalId) {
        self.queue.retain(|p| !matches!(p.action, Action::Stop { target: EntryRef::Local(l), .. } if l == local_id));
    }
}

/// The entry the server committed for `start` although its answer was lost: same project,
/// same description, same start instant (to the second: servers may drop milliseconds).
pub fn find_committed_start<'a>(
    entries: &'a [TimeEntry],
    start: &StartRequest,
) -> Option<&'a TimeEntry> {
    entries.iter().find(|e| {
        e.project_id == start.project_id
            && e.description == start.description
            && (e.start - start.at).num_milliseconds().abs() < 1000
    })
}

/// What to do about a stop, given what the server shows of the entry.
#[derive(Debug, Clone, PartialEq)]
pub enum StopPlan {
    /// It still runs: stop it at this instant (never before its start).
    Send {
        /// Which entry.
        id: TimeEntryId,
        /// The end to send.
        end: DateTime<Utc>,
    },
    /// It already has an end (stopped on the dashboard or in another browser): keep it.
    AlreadyStopped(TimeEntry),
    /// It is gone (deleted elsewhere): nothing to stop.
    Gone,
}

/// Decides a stop from the server's view of the entry.
pub fn plan_stop(server_entry: Option<&TimeEntry>, at: DateTime<Utc>) -> StopPlan {
    match server_entry {
        None => StopPlan::Gone,
        Some(entry) if entry.end.is_some() => StopPlan::AlreadyStopped(entry.clone()),
        Some(entry) => StopPlan::Send {
            id: entry.id,
            end: at.max(entry.start),
        },
    }
}

/// How a failed delivery is handled.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The network or a gateway failed: keep the action, retry with backoff.
    Retry,
    /// The session expired: keep the action, ask the user to log in, deliver afterwards.
    NeedsLogin,
    /// The server refused it for good (400, 403, 404): drop it and tell the user why.
    Drop,
}

/// Classifies a delivery error.
pub fn classify(error: &ApiError) -> Failure {
    match error {
        ApiError::Unauthorized => Failure::NeedsLogin,
        e if e.is_retryable() => Failure::Retry,
        ApiError::Server { .. } | ApiError::Decode(_) => Failure::Retry,
        _ => Failure::Drop,
    }
}

#[cfg(test)]
#[path = "outbox_tests.rs"]
mod tests;
