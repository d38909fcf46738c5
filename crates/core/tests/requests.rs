//! Request bodies and query strings: only what is set, instants with millis and `Z`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, Utc};
use perminut_core::requests::{
    EntriesQuery, NewTimeEntry, ProjectsQuery, StopTimeEntry, TimeEntryPatch, paths, percent_encode,
};
use perminut_core::{ProjectId, StatsRange, TimeEntry, TimeEntryId};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn berlin_entry() -> TimeEntry {
    TimeEntry {
        id: TimeEntryId(7),
        project_id: ProjectId(12),
        description: "Night shift".into(),
        start: utc("2026-10-25T00:30:00Z"),
        end: Some(utc("2026-10-25T05:00:00Z")),
    }
}

#[test]
fn new_entry_sends_only_what_is_set() {
    assert_eq!(
        json(&NewTimeEntry::start(ProjectId(12), None)),
        r#"{"projectId":12}"#
    );
    let full = NewTimeEntry {
        project_id: ProjectId(12),
        description: Some("API Documentation Work".into()),
        start_time: Some(utc("2026-03-17T10:00:00Z")),
        end_time: Some(utc("2026-03-17T13:45:00+02:00")),
    };
    assert_eq!(
        json(&full),
        r#"{"projectId":12,"description":"API Documentation Work","startTime":"2026-03-17T10:00:00.000Z","endTime":"2026-03-17T11:45:00.000Z"}"#
    );
    assert_eq!(
        serde_json::from_str::<NewTimeEntry>(&json(&full)).unwrap(),
        full
    );
}

#[test]
fn stop_body_is_empty_or_has_the_end() {
    assert_eq!(json(&StopTimeEntry::default()), "{}");
    let stop = StopTimeEntry {
        end_time: Some(utc("2026-03-17T11:45:00Z")),
    };
    assert_eq!(json(&stop), r#"{"endTime":"2026-03-17T11:45:00.000Z"}"#);
}

#[test]
fn berlin_patch_editing_only_the_end_sends_only_the_end() {
    let original = berlin_entry();
    let mut edited = original.clone();
    edited.end = Some(utc("2026-10-25T06:00:00Z"));
    let patch = TimeEntryPatch::between(&original, &edited);
    assert!(!patch.is_empty());
    assert_eq!(json(&patch), r#"{"endTime":"2026-10-25T06:00:00.000Z"}"#);
}

#[test]
fn patch_includes_each_changed_field_and_nothing_else() {
    let original = berlin_entry();
    assert!(TimeEntryPatch::between(&original, &original).is_empty());
    assert_eq!(json(&TimeEntryPatch::between(&original, &original)), "{}");
    let mut edited = original.clone();
    edited.project_id = ProjectId(15);
    edited.description = "Updated description for time entry".into();
    assert_eq!(
        json(&TimeEntryPatch::between(&original, &edited)),
        r#"{"projectId":15,"description":"Updated description for time entry"}"#
    );
    let mut edited = original.clone();
    edited.start = utc("2026-10-25T00:00:00Z");
    edited.description = String::new();
    assert_eq!(
        json(&TimeEntryPatch::between(&original, &edited)),
        r#"{"description":"","startTime":"2026-10-25T00:00:00.000Z"}"#
    );
    let mut running = original.clone();
    running.end = None;
    let stopped = TimeEntryPatch::between(&running, &original);
    assert_eq!(json(&stopped), r#"{"endTime":"2026-10-25T05:00:00.000Z"}"#);
    assert!(
        TimeEntryPatch::between(&original, &running).is_empty(),
        "un-stopping is not expressible"
    );
}

#[test]
fn query_strings_use_ascii_dates() {
    assert_eq!(EntriesQuery::default().to_query_string(), "");
    let range = EntriesQuery {
        start_date: NaiveDate::from_ymd_opt(2026, 3, 10),
        end_date: NaiveDate::from_ymd_opt(2026, 3, 17),
    };
    assert_eq!(
        range.to_query_string(),
        "startDate=2026-03-10&endDate=2026-03-17"
    );
    let only_end = EntriesQuery {
        start_date: None,
        end_date: NaiveDate::from_ymd_opt(2026, 1, 2),
    };
    assert_eq!(only_end.to_query_string(), "endDate=2026-01-02");
    assert_eq!(
        ProjectsQuery::default().to_query_string(),
        "limit=50&offset=0"
    );
    assert_eq!(
        ProjectsQuery {
            limit: 200,
            offset: 400
        }
        .to_query_string(),
        "limit=200&offset=400"
    );
}

#[test]
fn endpoint_paths() {
    assert_eq!(paths::ME, "/api/auth/me");
    assert_eq!(
        paths::projects(&ProjectsQuery::default()),
        "/api/projects?limit=50&offset=0"
    );
    assert_eq!(
        paths::time_entries(&EntriesQuery::default()),
        "/api/time-entries"
    );
    let range = EntriesQuery {
        start_date: NaiveDate::from_ymd_opt(2026, 3, 10),
        end_date: None,
    };
    assert_eq!(
        paths::time_entries(&range),
        "/api/time-entries?startDate=2026-03-10"
    );
    assert_eq!(paths::time_entry(TimeEntryId(452)), "/api/time-entries/452");
    assert_eq!(
        paths::stop_time_entry(TimeEntryId(452)),
        "/api/time-entries/452/stop"
    );
    assert_eq!(
        paths::stats(StatsRange::Weekly, "Europe/Istanbul"),
        "/api/dashboard/stats/weekly?timezone=Europe%2FIstanbul"
    );
    assert_eq!(
        paths::stats(StatsRange::Daily, "America/Argentina/Buenos_Aires"),
        "/api/dashboard/stats/daily?timezone=America%2FArgentina%2FBuenos_Aires"
    );
}

#[test]
fn percent_encoding_keeps_only_unreserved_characters() {
    assert_eq!(percent_encode("Etc/GMT+3"), "Etc%2FGMT%2B3");
    assert_eq!(percent_encode("a b&c=d"), "a%20b%26c%3Dd");
    assert_eq!(percent_encode("ä"), "%C3%A4");
    assert_eq!(percent_encode("A-z_0.9~"), "A-z_0.9~");
}
