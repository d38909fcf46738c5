//! Typed request bodies and query strings, plus the endpoint paths.
//!
//! Bodies serialize camelCase and leave out absent fields, so an update sends only what the
//! user changed. They also deserialize, so popup↔worker messages can carry them. Instants are written as `2026-03-17T10:00:00.000Z`, dates as `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ProjectId, TimeEntryId};
use crate::model::{StatsRange, TimeEntry};
use crate::time::date_param;

/// Body of `POST /api/time-entries`: starts a timer, or logs a block when `end_time` is set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTimeEntry {
    /// The project to track against (required by the server).
    pub project_id: ProjectId,
    /// What is being worked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Start; the server uses "now" when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub start_time: Option<DateTime<Utc>>,
    /// End; when present the entry is completed instead of running.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub end_time: Option<DateTime<Utc>>,
}

impl NewTimeEntry {
    /// A timer starting now on the server's clock.
    pub fn start(project_id: ProjectId, description: Option<String>) -> Self {
        NewTimeEntry {
            project_id,
            description,
            start_time: None,
            end_time: None,
        }
    }
}

/// Body of `PUT /api/time-entries/:id/stop`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopTimeEntry {
    /// When it ended; the server uses "now" when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub end_time: Option<DateTime<Utc>>,
}

/// Body of `PUT /api/time-entries/:id`: only the fields to change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeEntryPatch {
    /// New project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New start.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub start_time: Option<DateTime<Utc>>,
    /// New end.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub end_time: Option<DateTime<Utc>>,
}

impl TimeEntryPatch {
    /// The fields that differ between `original` and `edited`.
    ///
    /// Turning a completed entry back into a running one (an `end` removed) cannot be
    /// expressed by this API and is left out.
    pub fn between(original: &TimeEntry, edited: &TimeEntry) -> TimeEntryPatch {
        fn changed<T: PartialEq + Clone>(old: &T, new: &T) -> Option<T> {
            (old != new).then(|| new.clone())
        }
        TimeEntryPatch {
            project_id: changed(&original.project_id, &edited.project_id),
            description: changed(&original.description, &edited.description),
            start_time: changed(&original.start, &edited.start),
            end_time: edited.end.filter(|end| original.end != Some(*end)),
        }
    }

    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self == &TimeEntryPatch::default()
    }
}

/// Query of `GET /api/time-entries`: both dates optional and inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntriesQuery {
    /// First day (UTC) to include.
    pub start_date: Option<NaiveDate>,
    /// Last day (UTC) to include.
    pub end_date: Option<NaiveDate>,
}

impl EntriesQuery {
    /// `startDate=2026-03-10&endDate=2026-03-17` (without `?`; empty when both are absent).
    pub fn to_query_string(&self) -> String {
        let params = [("startDate", self.start_date), ("endDate", self.end_date)];
        params
            .iter()
            .filter_map(|(key, date)| date.map(|d| format!("{key}={}", date_param(d))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Query of `GET /api/projects`: one page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectsQuery {
    /// Page size (the server accepts 1–200).
    pub limit: u32,
    /// How many to skip.
    pub offset: u32,
}

impl Default for ProjectsQuery {
    fn default() -> Self {
        ProjectsQuery {
            limit: 50,
            offset: 0,
        }
    }
}

impl ProjectsQuery {
    /// `limit=50&offset=0` (without `?`).
    pub fn to_query_string(&self) -> String {
        format!("limit={}&offset={}", self.limit, self.offset)
    }
}

/// Endpoint paths (relative to the [`crate::base_url::ApiBase`]).
pub mod paths {
    use super::*;

    /// `GET` the current user.
    pub const ME: &str = "/api/auth/me";
    /// `GET` list / `POST` create time entries.
    pub const TIME_ENTRIES: &str = "/api/time-entries";

    /// `/api/projects?limit=..&offset=..`.
    pub fn projects(query: &ProjectsQuery) -> String {
        format!("/api/projects?{}", query.to_query_string())
    }

    /// `/api/time-entries` with the optional date range.
    pub fn time_entries(query: &EntriesQuery) -> String {
        match query.to_query_string() {
            q if q.is_empty() => TIME_ENTRIES.to_owned(),
            q => format!("{TIME_ENTRIES}?{q}"),
        }
    }

    /// `/api/time-entries/:id` (update, delete).
    pub fn time_entry(id: TimeEntryId) -> String {
        format!("{TIME_ENTRIES}/{id}")
    }

    /// `/api/time-entries/:id/stop`.
    pub fn stop_time_entry(id: TimeEntryId) -> String {
        format!("{TIME_ENTRIES}/{id}/stop")
    }

    /// `/api/dashboard/stats/:range?timezone=..` with the zone percent-encoded.
    pub fn stats(range: StatsRange, timezone: &str) -> String {
        format!(
            "/api/dashboard/stats/{range}?timezone={}",
            percent_encode(timezone)
        )
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters (so `/` becomes `%2F`).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
