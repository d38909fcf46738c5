//! Pure time arithmetic: durations for display, dates for queries, local days.
//!
//! Nothing here reads the clock: "now" and the time zone are always passed in.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::model::TimeEntry;

/// `H:MM:SS`, hours never wrapping at 24 (`25:30:00`); negative clamps to `0:00:00`.
pub fn format_hms(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Short text for the toolbar badge: `25m` under an hour, `1:05` (h:mm) from one hour.
pub fn badge_text(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 3600 {
        format!("{}m", s / 60)
    } else {
        format!("{}:{:02}", s / 3600, (s / 60) % 60)
    }
}

/// `YYYY-MM-DD` in ASCII digits, whatever the locale.
pub fn date_param(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Parses an IANA zone name such as `Europe/Istanbul` (the `tz` feature: the extension itself
/// uses the browser's own zone through `chrono::Local` and does not ship the zone database).
#[cfg(feature = "tz")]
pub fn parse_tz(name: &str) -> Option<chrono_tz::Tz> {
    name.trim().parse().ok()
}

/// The Monday of the ISO week containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The first instant of a local day (usually midnight; after the gap when a DST change
/// skips midnight).
fn day_start<Z: TimeZone + Copy>(date: NaiveDate, tz: Z) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    // Step through the first hours of the day until a local time exists; the first one
    // that does is the end of the DST gap, i.e. the instant the day really starts.
    for quarter in 0..=16 {
        let local = midnight + Duration::minutes(15 * quarter);
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.with_timezone(&Utc),
            LocalResult::None => {}
        }
    }
    // Unreachable with real zone data; fall back to UTC midnight rather than panic.
    midnight.and_utc()
}

/// The instants where a local day begins and ends (`[start, end)`): 23 or 25 hours long on
/// DST change days.
pub fn day_bounds<Z: TimeZone + Copy>(date: NaiveDate, tz: Z) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date.succ_opt().unwrap_or(date);
    (day_start(date, tz), day_start(next, tz))
}

/// Most local days one entry is split over (a runaway timer is still bounded).
const MAX_DAYS_PER_ENTRY: usize = 400;

/// Seconds per local day: entries are split at local midnight, running ones count up to `now`.
pub fn split_by_local_day<Z: TimeZone + Copy>(
    entries: &[TimeEntry],
    tz: Z,
    now: DateTime<Utc>,
) -> BTreeMap<NaiveDate, i64> {
    let mut millis: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for entry in entries {
        let end = entry.end.unwrap_or(now);
        let mut cursor = entry.start;
        let mut day = cursor.with_timezone(&tz).date_naive();
        for _ in 0..MAX_DAYS_PER_ENTRY {
            if cursor >= end {
                break;
            }
            let (_, day_end) = day_bounds(day, tz);
            let segment_end = end.min(day_end);
            if segment_end > cursor {
                *millis.entry(day).or_default() += (segment_end - cursor).num_milliseconds();
                cursor = segment_end;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    millis
        .into_iter()
        .map(|(day, ms)| (day, ms / 1000))
        .collect()
}

/// The server's clock minus ours, in milliseconds, from an HTTP `Date` header (RFC 2822).
pub fn clock_offset_ms(date_header: &str, local_now_ms: i64) -> Option<i64> {
    let server = DateTime::parse_from_rfc2822(date_header.trim()).ok()?;
    Some(server.timestamp_millis() - local_now_ms)
}
