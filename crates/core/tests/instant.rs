//! The hand-written ISO-8601 reader and canonical writer, checked against chrono's own.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use perminut_core::instant::{format, parse, parse_date};

/// chrono's RFC 3339 reading, cut to milliseconds like ours.
fn chrono(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
        .trunc_subsecs(3)
}

#[test]
fn accepts_z_offsets_and_any_fraction_like_chrono() {
    for text in [
        "2026-03-17T10:00:00Z",
        "2026-03-17T10:00:00.000Z",
        "2026-03-17T10:00:00.5Z",
        "2026-03-17T10:00:00.123456789Z",
        "2026-03-17T12:00:00+03:00",
        "2026-03-17T08:30:00.25-01:30",
        "2026-03-17t10:00:00z",
        "2026-03-17 10:00:00Z",
        "2024-02-29T23:59:59.999+00:00",
        "2026-01-01T00:30:00+01:00",
    ] {
        assert_eq!(parse(text).unwrap(), chrono(text), "{text}");
    }
    assert_eq!(
        parse(" 2026-03-17T10:00:00Z\n").unwrap(),
        chrono("2026-03-17T10:00:00Z")
    );
    assert_eq!(
        parse("2026-03-17T12:00:00+0300").unwrap(),
        chrono("2026-03-17T09:00:00Z")
    );
}

#[test]
fn rejects_what_is_not_an_instant_without_panicking() {
    for text in [
        "",
        "yesterday",
        "2026-03-17",
        "2026-03-17T10:00Z",
        "2026-03-17T10:00:00",
        "2026-03-17T10:00:00.Z",
        "2026-02-30T10:00:00Z",
        "2026-03-17T24:00:00Z",
        "2026-03-17T10:00:00+25:00",
        "2026-03-17T10:00:00+03:00x",
        "2026-3-17T10:00:00Z",
        "２０２６-03-17T10:00:00Z",
        "2026-03-17T10:00:00é",
        "+2026-03-17T10:00:00Z",
    ] {
        let err = parse(text).unwrap_err();
        assert!(err.contains("not an ISO-8601 instant"), "{text}: {err}");
    }
}

#[test]
fn writes_utc_with_millis_and_z_and_reads_it_back() {
    let t = chrono("2026-03-17T12:00:00.1234+03:00");
    assert_eq!(format(&t), "2026-03-17T09:00:00.123Z");
    assert_eq!(parse(&format(&t)).unwrap(), t);
    assert_eq!(
        format(&chrono("0999-01-02T03:04:05Z")),
        "0999-01-02T03:04:05.000Z"
    );
}

#[test]
fn dates_are_year_month_day_only() {
    assert_eq!(
        parse_date("2026-03-10").unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    );
    for bad in [
        "2026-3-10",
        "10.03.2026",
        "2026-03-10T00:00:00Z",
        "2026-02-30",
        "",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
}
