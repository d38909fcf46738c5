//! What people type for times: durations (`1h30`, `90m`, `1:30`, `45`), clock times
//! (`22:30`), local date-times (`2026-10-25T07:00`, the `datetime-local` input format), and
//! turning a date + start + end-or-duration into the two UTC instants of a completed block.
//!
//! Errors are plain sentences for the field they belong to. Nothing here reads the clock.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc,
};

use crate::time::date_param;

/// Longest block accepted from a typed duration: a week (longer is almost surely a typo).
const MAX_DURATION_SECONDS: i64 = 7 * 24 * 3600;

/// Parses a duration into seconds: `1h30`, `1h 30m`, `2h`, `90m`, `1:30` (h:mm), `1:30:15`,
/// or a bare number of minutes (`45`).
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let text = text.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "\"{}\" is not a duration; write it like 1h30, 90m or 1:30.",
            text
        )
    };
    if text.is_empty() {
        return Err("Enter a duration, like 1h30, 90m or 1:30.".into());
    }
    let number = |s: &str| -> Result<i64, String> {
        if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let seconds = if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        if parts.len() > 3 || parts[1..].iter().any(|p| p.len() != 2) {
            return Err(bad());
        }
        let mut total = 0;
        for (i, part) in parts.iter().enumerate() {
            let n = number(part)?;
            if i > 0 && n > 59 {
                return Err(bad());
            }
            total = total * 60 + n;
        }
        if parts.len() == 2 { total * 60 } else { total }
    } else if let Some((hours, rest)) = text.split_once('h') {
        let minutes = rest.trim().trim_end_matches(['m', 'i', 'n']).trim();
        let minutes = if minutes.is_empty() {
            0
        } else {
            number(minutes)?
        };
        if !rest.trim().is_empty() && minutes > 59 {
            return Err(bad());
        }
        number(hours.trim())? * 3600 + minutes * 60
    } else {
        number(text.trim_end_matches("min").trim_end_matches('m').trim())? * 60
    };
    if seconds <= 0 {
        return Err("Enter a duration longer than zero.".into());
    }
    if seconds > MAX_DURATION_SECONDS {
        return Err("That is longer than a week; check the duration.".into());
    }
    Ok(seconds)
}

/// Parses a time of day: `22:30`, `9:05`, `09:05:30` (the `time` input's formats) or `9`.
pub fn parse_clock(text: &str) -> Result<NaiveTime, String> {
    let text = text.trim();
    let mut parts = [0u32; 3];
    let mut count = 0;
    for (i, part) in text.split(':').enumerate() {
        let ok = i < 3 && (1..=2).contains(&part.len()) && (i == 0 || part.len() == 2);
        match part.parse::<u32>() {
            Ok(n) if ok && part.bytes().all(|b| b.is_ascii_digit()) => parts[i] = n,
            _ => {
                count = 0;
                break;
            }
        }
        count = i + 1;
    }
    let parsed = (count > 0)
        .then(|| NaiveTime::from_hms_opt(parts[0], parts[1], parts[2]))
        .flatten();
    parsed.ok_or_else(|| {
        if text.is_empty() {
            "Enter a time, like 09:30.".into()
        } else {
            format!("\"{text}\" is not a time of day; write it like 09:30.")
        }
    })
}

/// Reads `YYYY-MM-DD` (the `date` input's value).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `HH:MM`. Written by hand, like every date text here: chrono's strftime machinery costs
/// the extension tens of kilobytes.
pub fn clock_text<T: Timelike>(time: &T) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// `Mon 9 Mar 2026`, in English whatever the locale (as the rest of the popup).
pub fn day_label(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[date.month0() as usize];
    format!(
        "{} {} {month} {}",
        weekday_short(date),
        date.day(),
        date.year()
    )
}

/// `Mon` … `Sun`.
pub fn weekday_short(date: NaiveDate) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [date.weekday().num_days_from_monday() as usize]
}

/// The instant a local wall-clock time names. A time skipped by a DST change is an error; a
/// repeated one (the hour after DST ends) means its first occurrence.
pub fn local_instant<Z: TimeZone + Copy>(
    local: NaiveDateTime,
    tz: Z,
) -> Result<DateTime<Utc>, String> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{} does not exist on that day (the clocks changed); choose another time.",
            clock_text(&local)
        )),
    }
}

/// `YYYY-MM-DDTHH:MM` in the zone: the value of a `datetime-local` input.
pub fn format_local_input<Z: TimeZone + Copy>(instant: DateTime<Utc>, tz: Z) -> String {
    let local = instant.with_timezone(&tz).naive_local();
    format!("{}T{}", date_param(local.date()), clock_text(&local))
}

/// Reads a `datetime-local` value (`2026-10-25T07:00`, seconds optional) in the zone.
pub fn parse_local_input<Z: TimeZone + Copy>(text: &str, tz: Z) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let local = text
        .split_once('T')
        .and_then(|(date, time)| Some(parse_date(date)?.and_time(parse_clock(time).ok()?)))
        .ok_or_else(|| {
            if text.is_empty() {
                "Enter a date and time.".to_string()
            } else {
                format!("\"{text}\" is not a date and time.")
            }
        })?;
    local_instant(local, tz)
}

/// How a completed block ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockEnd {
    /// At this clock time: on the start's date, or the next day when it is earlier than the
    /// start (22:30 → 01:15 is 2 h 45 min, never negative).
    At(NaiveTime),
    /// This many seconds after the start (elapsed time, DST changes included).
    After(i64),
}

/// The UTC start and end of a block given as local date, start time and end or duration.
pub fn resolve_block<Z: TimeZone + Copy>(
    date: NaiveDate,
    start: NaiveTime,
    end: BlockEnd,
    tz: Z,
) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let start_at = local_instant(date.and_time(start), tz)?;
    let end_at = match end {
        BlockEnd::After(seconds) => start_at + Duration::seconds(seconds),
        BlockEnd::At(time) => {
            let day = if time < start {
                date.succ_opt().unwrap_or(date)
            } else {
                date
            };
            local_instant(day.and_time(time), tz)?
        }
    };
    if end_at < start_at {
        // Only when a DST change makes the wall clocks lie; say so rather than send it.
        return Err(
            "The end falls before the start because the clocks changed; use a duration.".into(),
        );
    }
    Ok((start_at, end_at))
}

#[cfg(test)]
#[path = "duration_input_tests.rs"]
mod tests;
