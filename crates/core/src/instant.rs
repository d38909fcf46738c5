//! Serde helpers for instants (`DateTime<Utc>`), used with `#[serde(with = ...)]`.
//!
//! Serialization is canonical: UTC with milliseconds and `Z` (`2026-03-17T10:00:00.000Z`),
//! the shape the API documents and `Date.prototype.toISOString` produces. Deserialization is
//! tolerant: RFC 3339 with `Z` or any offset, with or without fractional seconds.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Formats an instant the canonical way: `2026-03-17T10:00:00.000Z`.
pub fn format(instant: &DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses an RFC 3339 instant with `Z` or an offset, fractional seconds optional.
///
/// Precision is cut to milliseconds (what the API and JavaScript `Date` carry), so a value
/// read and written back is unchanged.
pub fn parse(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(3))
        .map_err(|e| format!("`{text}` is not an ISO-8601 instant ({e})"))
}

/// Serializes an instant canonically.
pub fn serialize<S: Serializer>(instant: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(instant))
}

/// Deserializes an instant tolerantly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// The same rules for an optional instant: `null` or a missing field is `None`.
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes `Some` canonically and `None` as `null`.
    pub fn serialize<S: Serializer>(
        instant: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match instant {
            Some(t) => serializer.serialize_str(&super::format(t)),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes `null` as `None` and a string tolerantly (an empty string is `None`).
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}
