//! Dashboard statistics from `GET /api/dashboard/stats/:range`.
//!
//! Plain serde for our own storage; [`FromJson`] for API bodies, where durations may come as
//! integers, floats or numeric strings and the name and timezone may be `null`.

use std::fmt;

use chrono::NaiveDate;
use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::decode::DecodeError;
use crate::decode::json::{FromJson, Path, object, optional, required, string_or_empty};
use crate::ids::ProjectId;

/// Totals for one period (a day, an ISO week or a month) in one time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// The kind of period.
    pub range: StatsRange,
    /// The IANA zone the period and the day split were computed in.
    pub timezone: String,
    /// First day of the period (inclusive).
    pub start_date: NaiveDate,
    /// Last day of the period (inclusive).
    pub end_date: NaiveDate,
    /// Seconds tracked in the whole period.
    pub total_seconds: i64,
    /// Seconds per local day.
    pub days: Vec<DayTotal>,
    /// Seconds per project.
    pub projects: Vec<ProjectTotal>,
}

impl FromJson for Stats {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let stats = object(value, path, "statistics (an object)")?;
        Ok(Stats {
            range: required(stats, "range", path)?,
            timezone: string_or_empty(stats, "timezone", path)?,
            start_date: required(stats, "startDate", path)?,
            end_date: required(stats, "endDate", path)?,
            total_seconds: required::<Seconds>(stats, "totalSeconds", path)?.0,
            days: optional(stats, "days", path)?.unwrap_or_default(),
            projects: optional(stats, "projects", path)?.unwrap_or_default(),
        })
    }
}

/// Seconds tracked on one local day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayTotal {
    /// The local day.
    pub date: NaiveDate,
    /// Seconds tracked that day.
    pub total_seconds: i64,
}

impl FromJson for DayTotal {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let day = object(value, path, "a day total (an object)")?;
        Ok(DayTotal {
            date: required(day, "date", path)?,
            total_seconds: required::<Seconds>(day, "totalSeconds", path)?.0,
        })
    }
}

/// Seconds tracked against one project in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectTotal {
    /// The project.
    pub project_id: ProjectId,
    /// Its name.
    pub name: String,
    /// Its colour, if any.
    pub color: Option<String>,
    /// Seconds tracked against it.
    pub total_seconds: i64,
}

impl FromJson for ProjectTotal {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let total = object(value, path, "a project total (an object)")?;
        Ok(ProjectTotal {
            project_id: required(total, "projectId", path)?,
            name: string_or_empty(total, "name", path)?,
            color: optional(total, "color", path)?,
            total_seconds: required::<Seconds>(total, "totalSeconds", path)?.0,
        })
    }
}

/// The period kinds the stats endpoint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatsRange {
    /// The current day.
    Daily,
    /// The current ISO week (Monday first).
    Weekly,
    /// The current month.
    Monthly,
}

/// What a range is expected to be, in error messages.
const RANGE_EXPECTED: &str = "daily, weekly or monthly";

impl StatsRange {
    /// The path segment and wire name: `daily`, `weekly` or `monthly`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatsRange::Daily => "daily",
            StatsRange::Weekly => "weekly",
            StatsRange::Monthly => "monthly",
        }
    }

    /// Parses a wire name, ignoring ASCII case.
    pub fn parse(text: &str) -> Option<StatsRange> {
        match text.to_ascii_lowercase().as_str() {
            "daily" | "day" => Some(StatsRange::Daily),
            "weekly" | "week" => Some(StatsRange::Weekly),
            "monthly" | "month" => Some(StatsRange::Monthly),
            _ => None,
        }
    }
}

impl fmt::Display for StatsRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StatsRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatsRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        StatsRange::parse(&text)
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &RANGE_EXPECTED))
    }
}

impl FromJson for StatsRange {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .and_then(StatsRange::parse)
            .ok_or_else(|| path.unexpected(value, RANGE_EXPECTED))
    }
}

/// A duration in seconds as the API may send it: an integer, a float (rounded) or a
/// numeric string.
struct Seconds(i64);

impl FromJson for Seconds {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let number = match value {
            Value::Number(n) => n.as_i64().map(Ok).or_else(|| n.as_f64().map(Err)),
            Value::String(s) => s.trim().parse::<f64>().ok().map(Err),
            _ => None,
        };
        match number {
            Some(Ok(whole)) => Ok(Seconds(whole)),
            // Truncation is intended: the value is bounded and rounded first.
            #[allow(clippy::cast_possible_truncation)]
            Some(Err(float)) if float.is_finite() && float.abs() < 9.0e15 => {
                Ok(Seconds(float.round() as i64))
            }
            _ => Err(path.unexpected(value, "a number of seconds")),
        }
    }
}
