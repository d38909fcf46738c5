//! Typed messages between the popup and the background worker, and the worker's persisted
//! state that the popup paints from.
//!
//! Everything crossing between them is JSON text made here and only here
//! ([`Envelope::to_json`], [`WorkerState::to_json`]): one place to version, one place to test.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    ApiError, Project, ProjectId, TimeEntry, TimeEntryId, User,
    outbox::Outbox,
    requests::{NewTimeEntry, TimeEntryPatch},
    timer::{RunningView, TimerState},
};

/// Bumped when a message changes incompatibly; the other side then answers
/// [`Reply::Failed`] instead of misreading it.
pub const PROTOCOL_VERSION: u32 = 1;

/// Storage key of the worker's state in `chrome.storage.local`.
pub const STATE_KEY: &str = "state";
/// Storage key of the popup's description draft.
pub const DRAFT_KEY: &str = "draft";

/// A popup → worker request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The current state, then a refresh from the server.
    Refresh,
    /// Start a timer; `at` is the click instant.
    Start {
        /// Project.
        #[serde(rename = "projectId")]
        project_id: ProjectId,
        /// Description.
        description: String,
        /// Click instant.
        at: DateTime<Utc>,
    },
    /// Stop the running timer at the click instant.
    Stop {
        /// Click instant.
        at: DateTime<Utc>,
    },
    /// Log a completed block.
    CreateEntry {
        /// The block.
        entry: NewTimeEntry,
    },
    /// Change fields of an entry.
    UpdateEntry {
        /// Which.
        id: TimeEntryId,
        /// Only what changed.
        patch: TimeEntryPatch,
    },
    /// Delete an entry.
    DeleteEntry {
        /// Which.
        id: TimeEntryId,
    },
}

/// A worker → popup answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Reply {
    /// The state after handling the request.
    State {
        /// The state.
        state: Box<WorkerState>,
    },
    /// The request could not be handled at all (bad message, version mismatch).
    Failed {
        /// Why, in plain words.
        message: String,
    },
}

/// A message with its protocol version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// [`PROTOCOL_VERSION`] of the sender.
    pub version: u32,
    /// The message.
    pub body: T,
}

impl<T: Serialize + serde::de::DeserializeOwned> Envelope<T> {
    /// Wraps a message with the current version.
    pub fn new(body: T) -> Self {
        Self {
            version: PROTOCOL_VERSION,
            body,
        }
    }

    /// The JSON text sent over `runtime.sendMessage`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a message, refusing other protocol versions with a clear message.
    ///
    /// Goes through [`crate::decode`], like API bodies, so every type is deserialized by one
    /// monomorphized implementation (each extra deserializer type costs wasm size) and a bad
    /// message names the offending field.
    pub fn from_json(text: &str) -> Result<T, String> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version = crate::decode::<VersionOnly>(text)
            .map_err(|e| format!("not a Perminut message: {e}"))?
            .version;
        if version != PROTOCOL_VERSION {
            return Err(format!(
                "message version {version}, expected {PROTOCOL_VERSION}: reload the extension"
            ));
        }
        crate::decode::<Envelope<T>>(text)
            .map(|e| e.body)
            .map_err(|e| format!("malformed message: {e}"))
    }
}

/// Whether the user is logged in, as far as we know.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Auth {
    /// Not asked yet.
    #[default]
    Unknown,
    /// The server answered `/api/auth/me`.
    LoggedIn {
        /// Who.
        user: User,
    },
    /// The server answered 401.
    LoggedOut,
}

/// A message for the user about something that happened in the background.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The error behind it.
    pub error: ApiError,
    /// When.
    pub at: DateTime<Utc>,
}

/// The worker's whole state, persisted in `chrome.storage.local` after every change, so the
/// worker can be stopped at any moment and resume exactly, and the popup can paint from it
/// before any network answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkerState {
    /// Login status and user.
    pub auth: Auth,
    /// Active projects (all pages).
    pub projects: Vec<Project>,
    /// The timer.
    pub timer: TimerState,
    /// Recent entries (today and yesterday, newest first), as last read.
    pub recent: Vec<TimeEntry>,
    /// Actions not yet delivered.
    pub outbox: Outbox,
    /// The project last used, preselected in the popup.
    pub last_project: Option<ProjectId>,
    /// The last error the user should see.
    pub notice: Option<Notice>,
    /// Server clock minus browser clock, ms.
    pub clock_offset_ms: i64,
    /// When the server last answered a refresh.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Next local id for a start.
    pub next_local_id: u64,
}

impl WorkerState {
    /// JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored state; anything unreadable (an older format) starts afresh rather than
    /// wedging the extension.
    pub fn from_json(text: &str) -> WorkerState {
        crate::decode(text).unwrap_or_default()
    }

    /// The running timer as shown.
    pub fn running(&self) -> Option<RunningView> {
        self.timer.running_view()
    }

    /// Actions waiting to be delivered.
    pub fn pending(&self) -> usize {
        self.outbox.len()
    }

    /// The project with this id.
    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// Hands out a fresh local id.
    pub fn take_local_id(&mut self, now: DateTime<Utc>) -> crate::timer::LocalId {
        // Seeded from the clock so ids stay unique across a reset of the stored state.
        let candidate = now.timestamp_millis().max(0) as u64;
        self.next_local_id = self.next_local_id.max(candidate) + 1;
        crate::timer::LocalId(self.next_local_id)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn requests_round_trip_with_version() {
        let request = Request::Start {
            project_id: ProjectId(12),
            description: "Q&A <script>x</script> — Ünïcödé 🚀".into(),
            at: "2026-03-17T10:00:00.123Z".parse().unwrap(),
        };
        let json = Envelope::new(request.clone()).to_json();
        assert!(json.contains("\"version\":1"), "{json}");
        assert_eq!(Envelope::<Request>::from_json(&json).unwrap(), request);
    }

    #[test]
    fn other_versions_and_garbage_are_refused_with_words() {
        let old = r#"{"version":0,"body":{"type":"Refresh"}}"#;
        assert!(
            Envelope::<Request>::from_json(old)
                .unwrap_err()
                .contains("version 0")
        );
        assert!(
            Envelope::<Request>::from_json("nope")
                .unwrap_err()
                .contains("not a Perminut")
        );
        let bad = r#"{"version":1,"body":{"type":"Launch"}}"#;
        assert!(
            Envelope::<Request>::from_json(bad)
                .unwrap_err()
                .contains("malformed")
        );
    }

    #[test]
    fn state_round_trips_and_unreadable_state_starts_afresh() {
        let mut state = WorkerState {
            last_project: Some(ProjectId(3)),
            ..Default::default()
        };
        state
            .outbox
            .push(crate::outbox::Action::Delete { id: TimeEntryId(4) });
        assert_eq!(WorkerState::from_json(&state.to_json()), state);
        assert_eq!(
            WorkerState::from_json("{\"timer\": 5}"),
            WorkerState::default()
        );
    }

    #[test]
    fn local_ids_are_unique_and_increasing() {
        let mut state = WorkerState::default();
        let now: DateTime<Utc> = "2026-03-17T10:00:00Z".parse().unwrap();
        let a = state.take_local_id(now);
        let b = state.take_local_id(now);
        assert!(b > a);
    }
}
