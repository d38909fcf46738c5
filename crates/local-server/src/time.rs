//! Instants and dates as the API writes and reads them.
//!
//! Instants are stored as UTC milliseconds since the epoch (an `INTEGER` column) and sent as
//! ISO-8601 UTC with milliseconds and `Z`. Any RFC 3339 offset is accepted on input.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// `2026-03-17T10:00:00.000Z` for a millisecond instant.
pub fn format_ms(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses an RFC 3339 / ISO-8601 instant with an offset (`Z`, `+02:00`, ...); sub-millisecond
/// digits are truncated.
pub fn parse_instant(s: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The UTC midnight starting `date`, in milliseconds.
pub fn utc_midnight_ms(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_millis())
        .unwrap_or_default()
}

/// Today's date in UTC.
pub fn today_utc() -> NaiveDate {
    Utc::now().date_naive()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_offsets() {
        assert_eq!(
            parse_instant("2026-03-17T10:00:00.000Z"),
            Some(1_773_741_600_000)
        );
        assert_eq!(
            parse_instant("2026-03-17T12:00:00+02:00"),
            Some(1_773_741_600_000)
        );
        assert_eq!(format_ms(1_773_741_600_000), "2026-03-17T10:00:00.000Z");
        assert_eq!(parse_instant("2026-03-17T10:00:00"), None);
        assert_eq!(parse_date("2026-3-17"), None);
        assert!(parse_date("2026-02-30").is_none());
    }
}
