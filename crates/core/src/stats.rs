//! Dashboard statistics from `GET /api/dashboard/stats/:range`.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::ProjectId;
use crate::model::string_or_null;

/// Totals for one period (a day, an ISO week or a month) in one time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// The kind of period.
    pub range: StatsRange,
    /// The IANA zone the period and the day split were computed in.
    #[serde(default, deserialize_with = "string_or_null")]
    pub timezone: String,
    /// First day of the period (inclusive).
    pub start_date: NaiveDate,
    /// Last day of the period (inclusive).
    pub end_date: NaiveDate,
    /// Seconds tracked in the whole period.
    #[serde(deserialize_with = "seconds")]
    pub total_seconds: i64,
    /// Seconds per local day.
    #[serde(default)]
    pub days: Vec<DayTotal>,
    /// Seconds per project.
    #[serde(default)]
    pub projects: Vec<ProjectTotal>,
}

/// Seconds tracked on one local day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayTotal {
    /// The local day.
    pub date: NaiveDate,
    /// Seconds tracked that day.
    #[serde(deserialize_with = "seconds")]
    pub total_seconds: i64,
}

/// Seconds tracked against one project in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectTotal {
    /// The project.
    pub project_id: ProjectId,
    /// Its name.
    #[serde(default, deserialize_with = "string_or_null")]
    pub name: String,
    /// Its colour, if any.
    #[serde(default)]
    pub color: Option<String>,
    /// Seconds tracked against it.
    #[serde(deserialize_with = "seconds")]
    pub total_seconds: i64,
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
        StatsRange::parse(&text).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Str(&text), &"daily, weekly or monthly")
        })
    }
}

/// Reads a duration in seconds: an integer, a float (rounded) or a numeric string.
fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    struct SecondsVisitor;
    impl Visitor<'_> for SecondsVisitor {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number of seconds")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::custom("number of seconds too large"))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
            if v.is_finite() && v.abs() < 9.0e15 {
                // Truncation is intended: the value is bounded and rounded first.
                #[allow(clippy::cast_possible_truncation)]
                Ok(v.round() as i64)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            match v.trim().parse::<f64>() {
                Ok(n) => self.visit_f64(n),
                Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
    }
    deserializer.deserialize_any(SecondsVisitor)
}
