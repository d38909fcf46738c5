//! History: which local days a range covers, the query that fetches them, entries grouped by
//! local day with each day's total, and the patch an inline edit sends.
//!
//! Everything is in the user's zone (any `TimeZone + Copy`: `chrono_tz::Tz` in tests, the
//! browser's `chrono::Local` in the popup); "now" and "today" are always passed in.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::duration_input::{format_local_input, parse_local_input};
use crate::ids::ProjectId;
use crate::model::TimeEntry;
use crate::requests::{EntriesQuery, TimeEntryPatch};
use crate::time::{day_bounds, split_by_local_day, week_start};

/// The ranges the history offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryRange {
    /// Today.
    Today,
    /// Monday of this week to today.
    ThisWeek,
    /// Monday to Sunday of last week.
    LastWeek,
    /// A pair of dates, both inclusive (in either order).
    Custom(NaiveDate, NaiveDate),
}

impl HistoryRange {
    /// The first and last local day (inclusive), `earlier_weeks` more weeks back ("load more").
    pub fn dates(self, today: NaiveDate, earlier_weeks: u32) -> (NaiveDate, NaiveDate) {
        let monday = week_start(today);
        let (from, to) = match self {
            HistoryRange::Today => (today, today),
            HistoryRange::ThisWeek => (monday, today),
            HistoryRange::LastWeek => (monday - Duration::days(7), monday - Duration::days(1)),
            HistoryRange::Custom(a, b) => (a.min(b), a.max(b)),
        };
        (from - Duration::weeks(i64::from(earlier_weeks)), to)
    }
}

/// The `GET /api/time-entries` query covering local days `from..=to`: the server reads its
/// dates in UTC, so the UTC dates of the first and last instant of the local range.
pub fn entries_query<Z: TimeZone + Copy>(from: NaiveDate, to: NaiveDate, tz: Z) -> EntriesQuery {
    let start = day_bounds(from, tz).0;
    let end = day_bounds(to, tz).1 - Duration::milliseconds(1);
    EntriesQuery {
        start_date: Some(start.date_naive()),
        end_date: Some(end.date_naive()),
    }
}

/// One local day of the history.
#[derive(Clone, Debug, PartialEq)]
pub struct DayGroup {
    /// The local day.
    pub date: NaiveDate,
    /// Seconds tracked within this day (never more than the day is long).
    pub total_seconds: i64,
    /// Entries listed under this day (those starting on it, newest first). An entry running
    /// past midnight is listed once, under its first day, and counted in each day it touches.
    pub entries: Vec<TimeEntry>,
}

/// The history of a range: days newest first, and the range's total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Days with time or entries, newest first.
    pub days: Vec<DayGroup>,
    /// Sum of the day totals.
    pub total_seconds: i64,
}

/// Groups `entries` by local day over `from..=to`; running entries count up to `now`.
/// Entries outside the range (the server's UTC days reach a little further) are left out.
pub fn group_by_day<Z: TimeZone + Copy>(
    entries: &[TimeEntry],
    from: NaiveDate,
    to: NaiveDate,
    tz: Z,
    now: DateTime<Utc>,
) -> History {
    let range_start = day_bounds(from, tz).0;
    let range_end = day_bounds(to, tz).1;
    let mut inside: Vec<TimeEntry> = entries
        .iter()
        .filter(|e| {
            e.start < range_end && (e.start >= range_start || e.end.unwrap_or(now) > range_start)
        })
        .cloned()
        .collect();
    inside.sort_by(|a, b| b.start.cmp(&a.start).then(b.id.0.cmp(&a.id.0)));
    let totals = split_by_local_day(&inside, tz, now);
    let mut days: Vec<DayGroup> = Vec::new();
    for (date, seconds) in totals.range(from..=to).rev() {
        let (start, end) = day_bounds(*date, tz);
        // Overlapping entries could add up past the day's real length (23, 24 or 25 h).
        let total_seconds = (*seconds).min((end - start).num_seconds());
        days.push(DayGroup {
            date: *date,
            total_seconds,
            entries: Vec::new(),
        });
    }
    for entry in inside {
        let date = entry.start.with_timezone(&tz).date_naive().max(from);
        let index = match days.iter().position(|d| d.date <= date) {
            Some(i) if days[i].date == date => i,
            found => {
                let i = found.unwrap_or(days.len());
                days.insert(
                    i,
                    DayGroup {
                        date,
                        total_seconds: 0,
                        entries: Vec::new(),
                    },
                );
                i
            }
        };
        days[index].entries.push(entry);
    }
    let total_seconds = days.iter().map(|d| d.total_seconds).sum();
    History {
        days,
        total_seconds,
    }
}

/// The latest end among completed entries not after `now` ("since my last entry ended").
pub fn last_end(entries: &[TimeEntry], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    entries
        .iter()
        .filter_map(|e| e.end)
        .filter(|end| *end <= now)
        .max()
}

/// An entry as the edit form holds it: exactly what the user typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditDraft {
    /// Project chosen.
    pub project_id: ProjectId,
    /// Description typed.
    pub description: String,
    /// Start, as a `datetime-local` value.
    pub start: String,
    /// End, as a `datetime-local` value; empty for a running entry.
    pub end: String,
}

impl EditDraft {
    /// The form's initial values for `entry` in the zone.
    pub fn of<Z: TimeZone + Copy>(entry: &TimeEntry, tz: Z) -> EditDraft {
        EditDraft {
            project_id: entry.project_id,
            description: entry.description.clone(),
            start: format_local_input(entry.start, tz),
            end: entry
                .end
                .map(|e| format_local_input(e, tz))
                .unwrap_or_default(),
        }
    }
}

/// The patch for an edited entry: only the fields whose value changed. A date-time field left
/// as shown keeps its exact instant (seconds, and the first or second 02:30 of a DST night).
/// A problem is returned as `(field, message)` with the API's field name (`endTime`, ...).
pub fn edit_patch<Z: TimeZone + Copy>(
    original: &TimeEntry,
    draft: &EditDraft,
    tz: Z,
) -> Result<TimeEntryPatch, (&'static str, String)> {
    let shown = EditDraft::of(original, tz);
    let start = if draft.start.trim() == shown.start {
        original.start
    } else {
        parse_local_input(&draft.start, tz).map_err(|m| ("startTime", m))?
    };
    let end = if draft.end.trim() == shown.end {
        original.end
    } else if draft.end.trim().is_empty() {
        return Err(("endTime", "A finished entry needs an end.".into()));
    } else {
        Some(parse_local_input(&draft.end, tz).map_err(|m| ("endTime", m))?)
    };
    if end.is_some_and(|end| end < start) {
        return Err(("endTime", "The end is before the start.".into()));
    }
    let edited = TimeEntry {
        id: original.id,
        project_id: draft.project_id,
        description: draft.description.clone(),
        start,
        end,
    };
    Ok(TimeEntryPatch::between(original, &edited))
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
