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
    /// The user's answer to "a timer ran while the browser was closed".
    ResolveInterruption {
        /// What to do with the running timer.
        choice: InterruptionChoice,
    },
}

/// What to do with a timer that kept running while the browser was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterruptionChoice {
    /// It really ran: keep it.
    Keep,
    /// Stop it when the browser was last seen active.
    StopAtLastActivity,
    /// Stop it now.
    StopNow,
}

/// A timer that ran while the browser was closed: the popup asks what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interruption {
    /// When the worker last recorded the browser as active.
    pub last_activity: DateTime<Utc>,
}

/// A gap in the worker's activity record longer than this, with a timer running across it,
/// means the browser (or the machine) was closed.
pub const INTERRUPTION_GAP: chrono::Duration = chrono::Duration::minutes(15);

/// Whether a start-up at `now` should ask about the running timer: it started before the last
/// recorded activity and the browser was gone for longer than [`INTERRUPTION_GAP`].
pub fn detect_interruption(
    running_since: Option<DateTime<Utc>>,
    last_activity: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Interruption> {
    let (start, last) = (running_since?, last_activity?);
    (start <= last && now - last > INTERRUPTION_GAP).then_some(Interruption {
        last_activity: last,
    })
}

/// A worker → popup answer.
///
/// Externally tagged (serde's default): an internally tagged enum would pull serde's
/// buffering `Content` machinery into the wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Plain `serde_json`: these are our own canonical messages, not API bodies, so no
    /// tolerance is needed; serde_json's errors say what and where (line and column).
    pub fn from_json(text: &str) -> Result<T, String> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version = serde_json::from_str::<VersionOnly>(text)
            .map_err(|e| format!("not a Perminut message: {e}"))?
            .version;
        if version != PROTOCOL_VERSION {
            return Err(format!(
                "message version {version}, expected {PROTOCOL_VERSION}: reload the extension"
            ));
        }
        serde_json::from_str::<Envelope<T>>(text)
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
    /// When the browser was last seen active (alarm ticks, popup opens, user actions).
    pub last_activity: Option<DateTime<Utc>>,
    /// Set on start-up when a timer ran while the browser was closed, until the user answers.
    pub interruption: Option<Interruption>,
}

impl WorkerState {
    /// JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored state; anything unreadable (an older format) starts afresh rather than
    /// wedging the extension.
    pub fn from_json(text: &str) -> WorkerState {
        serde_json::from_str(text).unwrap_or_default()
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
    fn a_timer_running_across_a_long_gap_is_an_interruption() {
        let t = |s: &str| -> DateTime<Utc> { s.parse().unwrap() };
        let start = Some(t("2026-03-16T17:00:00Z"));
        let last = Some(t("2026-03-16T18:30:00Z"));
        assert_eq!(
            detect_interruption(start, last, t("2026-03-17T08:00:00Z")),
            Some(Interruption {
                last_activity: t("2026-03-16T18:30:00Z")
            })
        );
        // A short gap (the browser restarted for an update) is not worth asking about.
        assert_eq!(
            detect_interruption(start, last, t("2026-03-16T18:40:00Z")),
            None
        );
        // A timer started after the gap (on another device, say) ran for real.
        assert_eq!(
            detect_interruption(
                Some(t("2026-03-17T07:00:00Z")),
                last,
                t("2026-03-17T08:00:00Z")
            ),
            None
        );
        assert_eq!(
            detect_interruption(None, last, t("2026-03-17T08:00:00Z")),
            None
        );
        assert_eq!(
            detect_interruption(start, None, t("2026-03-17T08:00:00Z")),
            None
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
