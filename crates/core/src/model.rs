//! The resources the Perminut API returns: users, projects, time entries.
//!
//! The serde derives are plain and canonical camelCase (the shapes in `docs/api.md`), for our
//! own storage and messages: a model written to `chrome.storage` as JSON reads back equal.
//! Reading API bodies goes through the hand-written [`FromJson`] impls below, which tolerate
//! the variants the real API may send: unknown fields are ignored, ids may be numeric
//! strings, `description` may be `null` or missing, instants may carry an offset or no
//! fractional seconds, and the user's organization may come nested, flat or both.
//! Statistics live in [`crate::stats`] and are re-exported here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::decode::DecodeError;
use crate::decode::json::{
    FromJson, Path, object, optional, optional_instant, required, string_or_empty,
};
use crate::ids::{OrganizationId, ProjectId, TimeEntryId, UserId};
pub use crate::stats::{DayTotal, ProjectTotal, Stats, StatsRange};

/// The logged-in user, from `GET /api/auth/me`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// Login e-mail address.
    pub email: String,
    /// Role within the organization.
    pub role: Role,
    /// The organization the user belongs to.
    pub organization: Organization,
}

impl FromJson for User {
    /// The organization id comes from `organizationId` or `organization.id`, its name from
    /// `organization.name` or `organizationName` (empty when neither is sent).
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let user = object(value, path, "a user (an object)")?;
        let id = required(user, "id", path)?;
        let name = string_or_empty(user, "name", path)?;
        let email = string_or_empty(user, "email", path)?;
        let role = required(user, "role", path)?;
        let org_path = path.key("organization");
        let nested = match user.get("organization") {
            None | Some(Value::Null) => None,
            Some(value) => Some(object(value, &org_path, "an organization (an object)")?),
        };
        let (nested_id, nested_name) = match nested {
            Some(org) => (
                optional(org, "id", &org_path)?,
                optional(org, "name", &org_path)?,
            ),
            None => (None, None),
        };
        let org_id = optional(user, "organizationId", path)?
            .or(nested_id)
            .ok_or_else(|| {
                path.error("missing field `organizationId` (and no `organization.id`)")
            })?;
        let org_name = match nested_name {
            Some(name) => name,
            None => string_or_empty(user, "organizationName", path)?,
        };
        Ok(User {
            id,
            name,
            email,
            role,
            organization: Organization {
                id: org_id,
                name: org_name,
            },
        })
    }
}

/// A user's role in their organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// An ordinary member.
    Member,
    /// An organization administrator.
    Admin,
    /// A role this version does not know, kept verbatim.
    Other(String),
}

impl Role {
    /// The wire name: `member`, `admin` or the unknown role's own text.
    pub fn as_str(&self) -> &str {
        match self {
            Role::Member => "member",
            Role::Admin => "admin",
            Role::Other(other) => other,
        }
    }

    /// Reads a wire name, ignoring ASCII case; unknown roles are kept verbatim.
    pub fn parse(text: String) -> Role {
        match text.to_ascii_lowercase().as_str() {
            "member" => Role::Member,
            "admin" => Role::Admin,
            _ => Role::Other(text),
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Role::parse)
    }
}

impl FromJson for Role {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        String::from_json(value, path).map(Role::parse)
    }
}

/// An organization (workspace) in Perminut.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// The organization's id.
    pub id: OrganizationId,
    /// Its name; empty when the server sent only the id.
    pub name: String,
}

/// A project time can be tracked against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's id.
    pub id: ProjectId,
    /// Display name.
    pub name: String,
    /// A CSS colour such as `#4f46e5`, if the project has one.
    pub color: Option<String>,
}

impl FromJson for Project {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let project = object(value, path, "a project (an object)")?;
        Ok(Project {
            id: required(project, "id", path)?,
            name: required(project, "name", path)?,
            color: optional(project, "color", path)?,
        })
    }
}

/// A time entry: a running timer (`end` is `None`) or a completed block of time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeEntry {
    /// The entry's id.
    pub id: TimeEntryId,
    /// The project it is tracked against.
    pub project_id: ProjectId,
    /// What was worked on; empty when the server sent `null` or nothing.
    pub description: String,
    /// When it started.
    #[serde(rename = "startTime", with = "crate::instant")]
    pub start: DateTime<Utc>,
    /// When it ended; `None` while the timer runs.
    #[serde(rename = "endTime", with = "crate::instant::option")]
    pub end: Option<DateTime<Utc>>,
}

impl FromJson for TimeEntry {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let entry = object(value, path, "a time entry (an object)")?;
        Ok(TimeEntry {
            id: required(entry, "id", path)?,
            project_id: required(entry, "projectId", path)?,
            description: string_or_empty(entry, "description", path)?,
            start: required(entry, "startTime", path)?,
            end: optional_instant(entry, "endTime", path)?,
        })
    }
}

impl TimeEntry {
    /// Whether this entry is a running timer.
    pub fn is_running(&self) -> bool {
        self.end.is_none()
    }

    /// Whole seconds from start to end (or to `now` while running); never negative.
    pub fn elapsed_seconds(&self, now: DateTime<Utc>) -> i64 {
        let end = self.end.unwrap_or(now);
        (end - self.start).num_seconds().max(0)
    }
}
