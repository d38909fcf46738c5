//! The resources the Perminut API returns: users, projects, time entries.
//!
//! Serialization is canonical camelCase (the shapes in `docs/api.md`), so a model written to
//! `chrome.storage` as JSON reads back equal. Deserialization is tolerant of the variants the
//! real API may send: unknown fields are ignored, ids may be numeric strings, `description`
//! may be `null` or missing, instants may carry an offset or no fractional seconds.
//! Statistics live in [`crate::stats`] and are re-exported here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{OrganizationId, ProjectId, TimeEntryId, UserId};
pub use crate::stats::{DayTotal, ProjectTotal, Stats, StatsRange};

/// The logged-in user, from `GET /api/auth/me`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "UserWire", into = "UserWire")]
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
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.to_ascii_lowercase().as_str() {
            "member" => Role::Member,
            "admin" => Role::Admin,
            _ => Role::Other(text),
        })
    }
}

/// An organization (workspace) in Perminut.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// The organization's id.
    pub id: OrganizationId,
    /// Its name; empty when the server sent only the id.
    #[serde(default, deserialize_with = "string_or_null")]
    pub name: String,
}

/// The wire form of [`User`]: canonical when written, tolerant when read.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserWire {
    id: UserId,
    #[serde(default, deserialize_with = "string_or_null")]
    name: String,
    #[serde(default, deserialize_with = "string_or_null")]
    email: String,
    role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organization_id: Option<OrganizationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organization: Option<OrganizationWire>,
    #[serde(default, skip_serializing)]
    organization_name: Option<String>,
}

/// `organization` as sent: the id may be missing when `organizationId` carries it.
#[derive(Clone, Serialize, Deserialize)]
struct OrganizationWire {
    #[serde(default)]
    id: Option<OrganizationId>,
    #[serde(default)]
    name: Option<String>,
}

impl TryFrom<UserWire> for User {
    type Error = String;

    fn try_from(wire: UserWire) -> Result<Self, String> {
        let nested = wire.organization.unwrap_or(OrganizationWire {
            id: None,
            name: None,
        });
        let id = wire
            .organization_id
            .or(nested.id)
            .ok_or("missing field `organizationId` (and no `organization.id`)")?;
        let name = nested.name.or(wire.organization_name).unwrap_or_default();
        Ok(User {
            id: wire.id,
            name: wire.name,
            email: wire.email,
            role: wire.role,
            organization: Organization { id, name },
        })
    }
}

impl From<User> for UserWire {
    fn from(user: User) -> Self {
        UserWire {
            id: user.id,
            name: user.name,
            email: user.email,
            role: user.role,
            organization_id: Some(user.organization.id),
            organization: Some(OrganizationWire {
                id: Some(user.organization.id),
                name: Some(user.organization.name),
            }),
            organization_name: None,
        }
    }
}

/// A project time can be tracked against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's id.
    pub id: ProjectId,
    /// Display name.
    pub name: String,
    /// A CSS colour such as `#4f46e5`, if the project has one.
    #[serde(default)]
    pub color: Option<String>,
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
    #[serde(default, deserialize_with = "string_or_null")]
    pub description: String,
    /// When it started.
    #[serde(rename = "startTime", with = "crate::instant")]
    pub start: DateTime<Utc>,
    /// When it ended; `None` while the timer runs.
    #[serde(rename = "endTime", default, with = "crate::instant::option")]
    pub end: Option<DateTime<Utc>>,
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

/// Reads a string where `null` means empty.
pub(crate) fn string_or_null<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}
