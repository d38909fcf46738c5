//! Instants (`DateTime<Utc>`): a hand-written ISO-8601 reader and the canonical writer, plus
//! serde helpers for `#[serde(with = ...)]`.
//!
//! Writing is canonical: UTC with milliseconds and `Z` (`2026-03-17T10:00:00.000Z`), the
//! shape the API documents and `Date.prototype.toISOString` produces. Reading is tolerant:
//! RFC 3339 with `Z` or any offset, with or without fractional seconds. Both are done by
//! hand because chrono's general format machinery is large in wasm and these shapes are
//! fixed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Formats an instant the canonical way: `2026-03-17T10:00:00.000Z`.
pub fn format(instant: &DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        instant.year(),
        instant.month(),
        instant.day(),
        instant.hour(),
        instant.minute(),
        instant.second(),
        // A leap second shows as 1000+ ms in chrono; clamp rather than print four digits.
        (instant.timestamp_subsec_millis()).min(999)
    )
}

/// Reads `count` ASCII digits at the start of `text` as a number, and the rest.
fn digits(text: &str, count: usize) -> Option<(u32, &str)> {
    let head = text.get(..count)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[count..]))
}

/// `text` without the leading `separator`, if it is there.
fn skip(text: &str, separator: char) -> Option<&str> {
    text.strip_prefix(separator)
}

/// Reads `YYYY-MM-DD` at the start of `text`, and the rest.
fn date_prefix(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = digits(text, 4)?;
    let (month, rest) = digits(skip(rest, '-')?, 2)?;
    let (day, rest) = digits(skip(rest, '-')?, 2)?;
    Some((NaiveDate::from_ymd_opt(year as i32, month, day)?, rest))
}

/// Parses a calendar day `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    match date_prefix(text.trim()) {
        Some((date, "")) => Ok(date),
        _ => Err(format!("`{text}` is not a date like 2026-03-17")),
    }
}

/// The instant in `text`, or `None` when it is not RFC 3339.
fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let (date, rest) = date_prefix(text)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (hour, rest) = digits(rest, 2)?;
    let (minute, rest) = digits(skip(rest, ':')?, 2)?;
    let (second, mut rest) = digits(skip(rest, ':')?, 2)?;
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        // Precision is cut to milliseconds (what the API and JavaScript `Date` carry), so a
        // value read and written back is unchanged.
        let kept = &fraction[..len.min(3)];
        millis = kept.parse::<u32>().ok()? * 10u32.pow(3 - kept.len() as u32);
        rest = &fraction[len..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.chars().next()? {
                '+' => 1,
                '-' => -1,
                _ => return None,
            };
            let (hours, after) = digits(&rest[1..], 2)?;
            let (minutes, after) = digits(after.strip_prefix(':').unwrap_or(after), 2)?;
            if !after.is_empty() || hours > 23 || minutes > 59 {
                return None;
            }
            sign * i64::from(hours * 60 + minutes)
        }
    };
    let local = date.and_hms_milli_opt(hour, minute, second, millis)?;
    Some(local.and_utc() - Duration::minutes(offset_minutes))
}

/// Parses an RFC 3339 instant with `Z` or an offset, fractional seconds optional, cut to
/// milliseconds.
pub fn parse(text: &str) -> Result<DateTime<Utc>, String> {
    parse_rfc3339(text.trim()).ok_or_else(|| {
        format!("`{text}` is not an ISO-8601 instant (expected like 2026-03-17T10:00:00.000Z)")
    })
}

/// Serializes an instant canonically.
pub fn serialize<S: Serializer>(instant: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(instant))
}

/// Deserializes an instant from a string.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// The same rules for an optional instant, written as `null` when absent.
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

    /// Deserializes `null` as `None` and a string as an instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}
