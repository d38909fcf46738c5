//! Ranges, grouping by local day (midnight, DST, long entries) and edit patches.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::ids::TimeEntryId;
use crate::time::format_hms;
use chrono_tz::Tz;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn entry(id: i64, start: &str, end: Option<&str>) -> TimeEntry {
    TimeEntry {
        id: TimeEntryId(id),
        project_id: ProjectId(1),
        description: format!("entry {id}"),
        start: utc(start),
        end: end.map(utc),
    }
}

fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

#[test]
fn ranges_are_monday_first_and_load_more_goes_back_by_weeks() {
    let today = d("2026-03-19"); // a Thursday
    assert_eq!(HistoryRange::Today.dates(today, 0), (today, today));
    assert_eq!(
        HistoryRange::ThisWeek.dates(today, 0),
        (d("2026-03-16"), today)
    );
    assert_eq!(
        HistoryRange::LastWeek.dates(today, 0),
        (d("2026-03-09"), d("2026-03-15"))
    );
    assert_eq!(
        HistoryRange::ThisWeek.dates(today, 2),
        (d("2026-03-02"), today)
    );
    let custom = HistoryRange::Custom(d("2026-03-10"), d("2026-03-01"));
    assert_eq!(custom.dates(today, 0), (d("2026-03-01"), d("2026-03-10")));
    // On a Monday, this week is just today.
    assert_eq!(
        HistoryRange::ThisWeek.dates(d("2026-03-16"), 0),
        (d("2026-03-16"), d("2026-03-16"))
    );
}

#[test]
fn the_query_covers_the_local_days_in_utc_dates() {
    let tz: Tz = "Pacific/Auckland".parse().unwrap(); // UTC+13 in March
    let q = entries_query(d("2026-03-17"), d("2026-03-17"), tz);
    assert_eq!(
        (q.start_date, q.end_date),
        (Some(d("2026-03-16")), Some(d("2026-03-17")))
    );
    let tz: Tz = "America/Los_Angeles".parse().unwrap();
    let q = entries_query(d("2026-03-17"), d("2026-03-18"), tz);
    assert_eq!(
        (q.start_date, q.end_date),
        (Some(d("2026-03-17")), Some(d("2026-03-19")))
    );
}

#[test]
fn an_entry_across_midnight_is_split_between_its_days_and_listed_once() {
    let tz = berlin();
    // 22:30 → 01:15 Berlin (UTC+1 in March).
    let e = entry(1, "2026-03-17T21:30:00Z", Some("2026-03-18T00:15:00Z"));
    let h = group_by_day(
        std::slice::from_ref(&e),
        d("2026-03-17"),
        d("2026-03-18"),
        tz,
        utc("2026-03-20T00:00:00Z"),
    );
    assert_eq!(h.days.len(), 2);
    assert_eq!(
        (h.days[0].date, h.days[0].total_seconds),
        (d("2026-03-18"), 75 * 60)
    );
    assert!(h.days[0].entries.is_empty());
    assert_eq!(
        (h.days[1].date, h.days[1].total_seconds),
        (d("2026-03-17"), 90 * 60)
    );
    assert_eq!(h.days[1].entries, vec![e]);
    assert_eq!(format_hms(h.total_seconds), "2:45:00");
}

#[test]
fn over_24_hours_shows_as_hours_and_days_never_exceed_their_length() {
    let tz: Tz = "UTC".parse().unwrap();
    let e = entry(1, "2026-03-09T06:00:00Z", Some("2026-03-10T07:30:00Z"));
    assert_eq!(
        format_hms(e.elapsed_seconds(utc("2026-03-11T00:00:00Z"))),
        "25:30:00"
    );
    let overlapping = entry(2, "2026-03-09T00:00:00Z", Some("2026-03-09T23:00:00Z"));
    let h = group_by_day(
        &[e, overlapping],
        d("2026-03-09"),
        d("2026-03-10"),
        tz,
        utc("2026-03-11T00:00:00Z"),
    );
    assert_eq!(h.days[1].date, d("2026-03-09"));
    assert_eq!(h.days[1].total_seconds, 24 * 3600);
    assert_eq!(format_hms(h.days[0].total_seconds), "7:30:00");
    assert_eq!(h.days[1].entries.len(), 2);
}

#[test]
fn a_dst_night_is_25_hours_and_a_running_entry_counts_to_now() {
    let tz = berlin();
    let long = entry(1, "2026-10-24T22:00:00Z", Some("2026-10-25T23:00:00Z")); // the whole 25 h day
    let running = entry(2, "2026-10-26T08:00:00Z", None);
    let now = utc("2026-10-26T09:30:00Z");
    let h = group_by_day(&[long, running], d("2026-10-25"), d("2026-10-26"), tz, now);
    assert_eq!(h.days[1].total_seconds, 25 * 3600);
    assert_eq!(h.days[0].total_seconds, 90 * 60);
    assert_eq!(h.total_seconds, 25 * 3600 + 90 * 60);
}

#[test]
fn entries_outside_the_local_range_are_left_out_and_earlier_starts_list_on_the_first_day() {
    let tz = berlin();
    let before = entry(1, "2026-03-16T10:00:00Z", Some("2026-03-16T11:00:00Z"));
    let into = entry(2, "2026-03-16T22:00:00Z", Some("2026-03-17T00:30:00Z")); // 23:00 → 01:30
    let after = entry(3, "2026-03-17T23:30:00Z", Some("2026-03-18T00:30:00Z")); // the 18th local
    let h = group_by_day(
        &[before, into.clone(), after],
        d("2026-03-17"),
        d("2026-03-17"),
        tz,
        utc("2026-03-19T00:00:00Z"),
    );
    assert_eq!(h.days.len(), 1);
    assert_eq!(h.days[0].entries, vec![into]);
    assert_eq!(h.total_seconds, 90 * 60);
    assert_eq!(
        group_by_day(
            &[],
            d("2026-03-17"),
            d("2026-03-17"),
            tz,
            utc("2026-03-19T00:00:00Z")
        ),
        History::default()
    );
}

#[test]
fn last_end_ignores_running_and_future_entries() {
    let now = utc("2026-03-17T12:00:00Z");
    let entries = [
        entry(1, "2026-03-17T08:00:00Z", Some("2026-03-17T09:00:00Z")),
        entry(2, "2026-03-17T09:30:00Z", Some("2026-03-17T10:15:00Z")),
        entry(3, "2026-03-17T11:00:00Z", None),
        entry(4, "2026-03-17T13:00:00Z", Some("2026-03-17T14:00:00Z")),
    ];
    assert_eq!(last_end(&entries, now), Some(utc("2026-03-17T10:15:00Z")));
    assert_eq!(last_end(&[], now), None);
}

#[test]
fn berlin_edit_of_the_end_only_sends_only_end_time() {
    let tz = berlin();
    let original = entry(7, "2026-10-25T00:30:00Z", Some("2026-10-25T05:00:00Z"));
    assert_eq!(
        format_hms(original.elapsed_seconds(utc("2026-10-26T00:00:00Z"))),
        "4:30:00"
    );
    let mut draft = EditDraft::of(&original, tz);
    // 00:30Z is the first 02:30 of the night the clocks go back; left as shown it stays.
    assert_eq!(draft.start, "2026-10-25T02:30");
    assert_eq!(draft.end, "2026-10-25T06:00");
    draft.end = "2026-10-25T07:00".into();
    let patch = edit_patch(&original, &draft, tz).unwrap();
    assert_eq!(
        patch,
        TimeEntryPatch {
            end_time: Some(utc("2026-10-25T06:00:00Z")),
            ..Default::default()
        }
    );
    assert_eq!(
        serde_json::to_string(&patch).unwrap(),
        r#"{"endTime":"2026-10-25T06:00:00.000Z"}"#
    );
    let edited = TimeEntry {
        end: patch.end_time,
        ..original.clone()
    };
    assert_eq!(
        format_hms(edited.elapsed_seconds(utc("2026-10-26T00:00:00Z"))),
        "5:30:00"
    );
    assert_eq!(edited.start, original.start);
}

#[test]
fn description_only_edit_and_untouched_form_send_nothing_else() {
    let tz = berlin();
    let original = entry(7, "2026-03-17T08:00:10Z", Some("2026-03-17T09:00:50Z"));
    let mut draft = EditDraft::of(&original, tz);
    assert!(
        edit_patch(&original, &draft, tz).unwrap().is_empty(),
        "seconds survive an untouched form"
    );
    draft.description = "Better words".into();
    let patch = edit_patch(&original, &draft, tz).unwrap();
    assert_eq!(
        serde_json::to_string(&patch).unwrap(),
        r#"{"description":"Better words"}"#
    );
    draft.project_id = ProjectId(3);
    assert_eq!(
        edit_patch(&original, &draft, tz).unwrap().project_id,
        Some(ProjectId(3))
    );
}

#[test]
fn edit_errors_name_the_field() {
    let tz = berlin();
    let original = entry(7, "2026-03-17T08:00:00Z", Some("2026-03-17T09:00:00Z"));
    let mut draft = EditDraft::of(&original, tz);
    draft.end = "2026-03-17T08:00".into(); // 07:00Z, before the start
    assert_eq!(edit_patch(&original, &draft, tz).unwrap_err().0, "endTime");
    draft.end = String::new();
    assert_eq!(edit_patch(&original, &draft, tz).unwrap_err().0, "endTime");
    let mut draft = EditDraft::of(&original, tz);
    draft.start = "soon".into();
    assert_eq!(
        edit_patch(&original, &draft, tz).unwrap_err(),
        ("startTime", "\"soon\" is not a date and time.".into())
    );
    // A running entry keeps running when its empty end is left alone.
    let running = entry(8, "2026-03-17T08:00:00Z", None);
    let mut draft = EditDraft::of(&running, tz);
    draft.description = "x".into();
    assert_eq!(edit_patch(&running, &draft, tz).unwrap().end_time, None);
}
