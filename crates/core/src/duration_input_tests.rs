//! Typed durations, clock times, local date-times and manual blocks across midnight and DST.
#![allow(clippy::unwrap_used)]

use super::*;
use chrono_tz::Tz;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> NaiveTime {
    parse_clock(s).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn durations_in_every_documented_form() {
    for (text, seconds) in [
        ("1h30", 5400),
        ("1h 30m", 5400),
        ("1H30M", 5400),
        ("2h", 7200),
        ("90m", 5400),
        ("90min", 5400),
        ("1:30", 5400),
        ("1:30:15", 5415),
        ("0:45", 2700),
        ("45", 2700),
        (" 45 ", 2700),
        ("25:30", 91_800),
    ] {
        assert_eq!(parse_duration(text), Ok(seconds), "{text}");
    }
}

#[test]
fn garbage_durations_are_refused_with_a_message() {
    for text in [
        "", "abc", "1h90", "1:75", "1:3", "h30", "1.5h", "-5", "1:30:", "9999999", "0", "0:00",
    ] {
        let error = parse_duration(text).unwrap_err();
        assert!(!error.is_empty(), "{text}");
    }
    assert!(parse_duration("soon").unwrap_err().contains("1h30"));
    assert!(parse_duration("200h").unwrap_err().contains("week"));
}

#[test]
fn clock_times() {
    assert_eq!(t("22:30"), NaiveTime::from_hms_opt(22, 30, 0).unwrap());
    assert_eq!(t("9:05"), NaiveTime::from_hms_opt(9, 5, 0).unwrap());
    assert_eq!(t("09:05:30"), NaiveTime::from_hms_opt(9, 5, 30).unwrap());
    assert_eq!(t("9"), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert!(parse_clock("25:00").is_err());
    assert!(parse_clock("noon").unwrap_err().contains("noon"));
    assert!(parse_clock("").unwrap_err().contains("Enter"));
}

#[test]
fn end_before_start_means_the_next_day_never_negative() {
    let tz: Tz = "Europe/Berlin".parse().unwrap();
    let (start, end) =
        resolve_block(d("2026-03-17"), t("22:30"), BlockEnd::At(t("01:15")), tz).unwrap();
    assert_eq!(start, utc("2026-03-17T21:30:00Z"));
    assert_eq!(end, utc("2026-03-18T00:15:00Z"));
    assert_eq!((end - start).num_seconds(), 2 * 3600 + 45 * 60);
}

#[test]
fn same_day_end_and_durations() {
    let tz: Tz = "UTC".parse().unwrap();
    let (start, end) =
        resolve_block(d("2026-03-17"), t("09:00"), BlockEnd::At(t("10:30")), tz).unwrap();
    assert_eq!(
        (start, end),
        (utc("2026-03-17T09:00:00Z"), utc("2026-03-17T10:30:00Z"))
    );
    let seconds = parse_duration("1h30").unwrap();
    let (_, end) =
        resolve_block(d("2026-03-17"), t("23:00"), BlockEnd::After(seconds), tz).unwrap();
    assert_eq!(end, utc("2026-03-18T00:30:00Z"));
    // Equal start and end is an empty block, which the server allows.
    let (start, end) =
        resolve_block(d("2026-03-17"), t("09:00"), BlockEnd::At(t("09:00")), tz).unwrap();
    assert_eq!(start, end);
}

#[test]
fn dst_gap_is_refused_and_repeated_hour_means_the_first() {
    let tz: Tz = "Europe/Berlin".parse().unwrap();
    // 2026-03-29 02:30 does not exist in Berlin.
    let error = resolve_block(d("2026-03-29"), t("02:30"), BlockEnd::After(600), tz).unwrap_err();
    assert!(error.contains("02:30"), "{error}");
    // 2026-10-25 02:30 happens twice; the first is 00:30Z. A duration is real elapsed time.
    let (start, end) =
        resolve_block(d("2026-10-25"), t("02:30"), BlockEnd::After(3600), tz).unwrap();
    assert_eq!(
        (start, end),
        (utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z"))
    );
}

#[test]
fn datetime_local_values_round_trip_in_the_zone() {
    let tz: Tz = "Europe/Berlin".parse().unwrap();
    assert_eq!(
        format_local_input(utc("2026-10-25T05:00:00Z"), tz),
        "2026-10-25T06:00"
    );
    assert_eq!(
        parse_local_input("2026-10-25T07:00", tz),
        Ok(utc("2026-10-25T06:00:00Z"))
    );
    assert_eq!(
        parse_local_input("2026-10-25T07:00:30", tz),
        Ok(utc("2026-10-25T06:00:30Z"))
    );
    assert!(
        parse_local_input("tomorrow", tz)
            .unwrap_err()
            .contains("tomorrow")
    );
    assert!(parse_local_input("2026-03-29T02:30", tz).is_err());
}

#[test]
fn hand_written_dates_and_labels() {
    assert_eq!(parse_date("2026-03-09"), Some(d("2026-03-09")));
    assert_eq!(parse_date(" 2026-3-9 "), Some(d("2026-03-09")));
    for bad in ["", "2026-02-30", "2026-03", "x-1-2", "2026-03-09-1"] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    assert_eq!(day_label(d("2026-03-09")), "Mon 9 Mar 2026");
    assert_eq!(weekday_short(d("2026-03-15")), "Sun");
    assert_eq!(clock_text(&t("07:05:59")), "07:05");
    for bad in ["7:5", "07:05:", ":30", "1:2:3:4", "ab:cd", "24:00", "12:60"] {
        assert!(parse_clock(bad).is_err(), "{bad}");
    }
}
