//! Pure time arithmetic: display formats, dates, local days across DST.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use perminut_core::time::{
    badge_text, clock_offset_ms, date_param, day_bounds, format_hms, parse_tz, split_by_local_day,
    week_start,
};
use perminut_core::{ProjectId, TimeEntry, TimeEntryId};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn entry(id: i64, start: &str, end: Option<&str>) -> TimeEntry {
    TimeEntry {
        id: TimeEntryId(id),
        project_id: ProjectId(1),
        description: String::new(),
        start: utc(start),
        end: end.map(utc),
    }
}

#[test]
fn hms_never_wraps_and_clamps_negative() {
    assert_eq!(format_hms(0), "0:00:00");
    assert_eq!(format_hms(59), "0:00:59");
    assert_eq!(format_hms(3_661), "1:01:01");
    assert_eq!(format_hms(86_400), "24:00:00");
    assert_eq!(format_hms(91_800), "25:30:00");
    assert_eq!(format_hms(360_000), "100:00:00");
    assert_eq!(format_hms(-5), "0:00:00");
}

#[test]
fn badge_is_minutes_then_hours_and_minutes() {
    assert_eq!(badge_text(0), "0m");
    assert_eq!(badge_text(59), "0m");
    assert_eq!(badge_text(25 * 60), "25m");
    assert_eq!(badge_text(3_599), "59m");
    assert_eq!(badge_text(3_600), "1:00");
    assert_eq!(badge_text(3_900), "1:05");
    assert_eq!(badge_text(36_000 + 59 * 60), "10:59");
    assert_eq!(badge_text(-1), "0m");
}

#[test]
fn dates_are_ascii_iso_and_weeks_start_on_monday() {
    assert_eq!(date_param(date(2026, 3, 9)), "2026-03-09");
    assert_eq!(date_param(date(987, 12, 31)), "0987-12-31");
    assert_eq!(week_start(date(2026, 3, 17)), date(2026, 3, 16));
    assert_eq!(week_start(date(2026, 3, 16)), date(2026, 3, 16));
    assert_eq!(week_start(date(2026, 3, 22)), date(2026, 3, 16));
    assert_eq!(week_start(date(2026, 1, 1)), date(2025, 12, 29));
}

#[test]
fn zones_parse_by_iana_name() {
    assert_eq!(parse_tz("Europe/Istanbul"), Some(Tz::Europe__Istanbul));
    assert_eq!(parse_tz("UTC"), Some(Tz::UTC));
    assert_eq!(parse_tz("Mars/Olympus"), None);
    assert_eq!(parse_tz(""), None);
}

#[test]
fn day_bounds_follow_dst() {
    let berlin = Tz::Europe__Berlin;
    let (start, end) = day_bounds(date(2026, 3, 29), berlin);
    assert_eq!(start, utc("2026-03-28T23:00:00Z"));
    assert_eq!((end - start).num_hours(), 23);
    let (start, end) = day_bounds(date(2026, 10, 25), berlin);
    assert_eq!(start, utc("2026-10-24T22:00:00Z"));
    assert_eq!((end - start).num_hours(), 25);
    let (start, end) = day_bounds(date(2026, 3, 10), Tz::Europe__Istanbul);
    assert_eq!(
        (start, end),
        (utc("2026-03-09T21:00:00Z"), utc("2026-03-10T21:00:00Z"))
    );
}

#[test]
fn a_day_whose_midnight_does_not_exist_starts_after_the_gap() {
    // Santiago springs forward at local midnight: 2026-09-06 00:00 does not exist.
    let santiago = Tz::America__Santiago;
    let (start, end) = day_bounds(date(2026, 9, 6), santiago);
    assert_eq!(start, utc("2026-09-06T04:00:00Z"));
    assert_eq!((end - start).num_hours(), 23);
}

#[test]
fn istanbul_entries_split_at_local_midnight() {
    let entries = [
        entry(1, "2026-03-09T21:00:00Z", Some("2026-03-10T05:00:00Z")),
        entry(2, "2026-03-10T05:00:00Z", Some("2026-03-10T19:30:00Z")),
        entry(3, "2026-03-10T19:30:00Z", Some("2026-03-11T03:30:00Z")),
    ];
    let days = split_by_local_day(&entries, Tz::Europe__Istanbul, utc("2026-03-12T00:00:00Z"));
    assert_eq!(days.len(), 2, "{days:?}");
    assert_eq!(format_hms(days[&date(2026, 3, 10)]), "24:00:00");
    assert_eq!(format_hms(days[&date(2026, 3, 11)]), "6:30:00");
}

#[test]
fn a_whole_berlin_dst_day_is_23_or_25_hours() {
    let berlin = Tz::Europe__Berlin;
    let spring = [entry(
        1,
        "2026-03-28T22:00:00Z",
        Some("2026-03-30T00:00:00Z"),
    )];
    let days = split_by_local_day(&spring, berlin, utc("2026-04-01T00:00:00Z"));
    assert_eq!(days[&date(2026, 3, 28)], 3_600);
    assert_eq!(format_hms(days[&date(2026, 3, 29)]), "23:00:00");
    assert_eq!(days[&date(2026, 3, 30)], 7_200, "00:00Z is 02:00 CEST");
    let autumn = [entry(
        2,
        "2026-10-24T22:00:00Z",
        Some("2026-10-25T23:00:00Z"),
    )];
    let days = split_by_local_day(&autumn, berlin, utc("2026-11-01T00:00:00Z"));
    assert_eq!(format_hms(days[&date(2026, 10, 25)]), "25:00:00");
    assert_eq!(days.len(), 1);
}

#[test]
fn running_entries_count_up_to_now_and_odd_entries_count_nothing() {
    let entries = [
        entry(1, "2026-03-17T08:00:00Z", None),
        entry(2, "2026-03-17T12:00:00Z", Some("2026-03-17T11:00:00Z")),
        entry(3, "2026-03-17T13:00:00Z", None),
    ];
    let days = split_by_local_day(&entries, Tz::UTC, utc("2026-03-17T10:30:00Z"));
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        [(date(2026, 3, 17), 9_000)]
    );
}

#[test]
fn clock_offset_comes_from_the_date_header() {
    let local = utc("2026-03-17T10:00:00Z").timestamp_millis();
    assert_eq!(
        clock_offset_ms("Tue, 17 Mar 2026 10:00:05 GMT", local),
        Some(5_000)
    );
    assert_eq!(
        clock_offset_ms("Tue, 17 Mar 2026 09:59:58 +0000", local + 500),
        Some(-2_500)
    );
    assert_eq!(clock_offset_ms("yesterday", local), None);
}
