//! Decoding: every tolerated shape from `docs/api.md`, and the rejected ones.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use perminut_core::{
    DecodeError, OrganizationId, Project, ProjectId, Role, Stats, StatsRange, TimeEntry,
    TimeEntryId, User, UserId, decode, decode_list,
};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn user_canonical_shape() {
    let user: User = decode(include_str!("resources/user_canonical.json")).unwrap();
    assert_eq!(user.id, UserId(1));
    assert_eq!(user.role, Role::Admin);
    assert_eq!(user.organization.id, OrganizationId(1));
    assert_eq!(user.organization.name, "Analytical Engines");
}

#[test]
fn user_with_string_ids_and_organization_name() {
    let user: User = decode(include_str!("resources/user_string_ids_org_name.json")).unwrap();
    assert_eq!(user.id, UserId(1));
    assert_eq!(user.role, Role::Member);
    assert_eq!(user.organization.id, OrganizationId(7));
    assert_eq!(user.organization.name, "Analytical Engines");
}

#[test]
fn user_with_only_an_organization_id_has_an_empty_name_and_keeps_unknown_roles() {
    let user: User = decode(include_str!("resources/user_org_id_only.json")).unwrap();
    assert_eq!(user.organization.id, OrganizationId(9));
    assert_eq!(user.organization.name, "");
    assert_eq!(user.role, Role::Other("owner".into()));
    let nested: User = decode(include_str!("resources/user_nested_org_only.json")).unwrap();
    assert_eq!(nested.organization.id, OrganizationId(5));
    assert_eq!(nested.organization.name, "Bletchley");
}

#[test]
fn user_without_any_organization_id_is_an_error() {
    let err = decode::<User>(r#"{"id":1,"name":"A","email":"a@b","role":"admin"}"#).unwrap_err();
    assert!(err.message.contains("organizationId"), "{err}");
}

#[test]
fn models_round_trip_through_storage_json_canonically() {
    let user: User = decode(include_str!("resources/user_string_ids_org_name.json")).unwrap();
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json["organization"]["id"], 7);
    assert_eq!(json["organization"]["name"], "Analytical Engines");
    assert_eq!(json["role"], "member");
    assert_eq!(json["id"], 1, "ids are numbers in storage");
    assert_eq!(decode::<User>(&json.to_string()).unwrap(), user);
    // Storage and messages read back with plain serde.
    assert_eq!(serde_json::from_value::<User>(json).unwrap(), user);

    let entries =
        decode_list::<TimeEntry>(include_str!("resources/time_entries_variants.json")).unwrap();
    for entry in &entries.items {
        let text = serde_json::to_string(entry).unwrap();
        assert!(
            text.contains("\"startTime\"") && text.contains("\"projectId\""),
            "{text}"
        );
        assert_eq!(&decode::<TimeEntry>(&text).unwrap(), entry);
        assert_eq!(&serde_json::from_str::<TimeEntry>(&text).unwrap(), entry);
    }
    let stats: Stats = decode(include_str!("resources/stats_weekly.json")).unwrap();
    let text = serde_json::to_string(&stats).unwrap();
    assert_eq!(decode::<Stats>(&text).unwrap(), stats);
    assert_eq!(serde_json::from_str::<Stats>(&text).unwrap(), stats);
}

#[test]
fn time_entry_serializes_instants_with_millis_and_z() {
    let entry = TimeEntry {
        id: TimeEntryId(1),
        project_id: ProjectId(2),
        description: String::new(),
        start: Utc.with_ymd_and_hms(2026, 3, 17, 10, 0, 0).unwrap(),
        end: None,
    };
    assert_eq!(
        serde_json::to_string(&entry).unwrap(),
        r#"{"id":1,"projectId":2,"description":"","startTime":"2026-03-17T10:00:00.000Z","endTime":null}"#
    );
}

#[test]
fn time_entry_variants_all_decode() {
    let page =
        decode_list::<TimeEntry>(include_str!("resources/time_entries_variants.json")).unwrap();
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    assert_eq!(page.total, None);
    let [running, offset, fractional] = page.items.as_slice() else {
        panic!("3 entries")
    };
    assert!(running.is_running());
    assert_eq!(running.description, "API docs");
    assert_eq!(offset.id, TimeEntryId(451));
    assert_eq!(offset.description, "");
    assert_eq!(offset.start, utc("2026-03-17T09:00:00Z"));
    assert_eq!(offset.elapsed_seconds(utc("2030-01-01T00:00:00Z")), 1800);
    assert_eq!(fractional.description, "");
    assert_eq!(fractional.end, Some(utc("2026-03-16T11:00:00.5Z")));
}

#[test]
fn elapsed_seconds_counts_to_now_and_never_goes_negative() {
    let mut entry: TimeEntry =
        decode(r#"{"id":1,"projectId":1,"startTime":"2026-03-17T10:00:00Z","endTime":null}"#)
            .unwrap();
    assert_eq!(entry.elapsed_seconds(utc("2026-03-17T10:25:00Z")), 1500);
    assert_eq!(entry.elapsed_seconds(utc("2026-03-17T09:00:00Z")), 0);
    entry.end = Some(utc("2026-03-17T09:59:00Z"));
    assert_eq!(entry.elapsed_seconds(utc("2026-03-17T12:00:00Z")), 0);
}

#[test]
fn project_lists_wrapped_in_data_or_items() {
    let page = decode_list::<Project>(include_str!("resources/projects_wrapped.json")).unwrap();
    assert_eq!(page.total, Some(120));
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.items[1].id, ProjectId(13));
    assert_eq!(page.items[1].color, None);
    assert_eq!(page.items[2].color, None);
    let page = decode_list::<Project>(include_str!("resources/projects_items_count.json")).unwrap();
    assert_eq!(page.total, Some(2));
    assert_eq!(page.items[1].color.as_deref(), Some("#000"));
}

#[test]
fn a_bad_element_is_skipped_with_its_path_and_the_rest_kept() {
    let page =
        decode_list::<TimeEntry>(include_str!("resources/time_entries_one_bad.json")).unwrap();
    assert_eq!(
        page.items.iter().map(|e| e.id.0).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(page.total, Some(6));
    assert_eq!(page.received(), 6);
    let paths: Vec<_> = page.skipped.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["data[3].startTime", "data[4].id", "data[5]"]);
    assert!(
        page.skipped[0].message.contains("yesterday"),
        "{}",
        page.skipped[0].message
    );
    assert!(
        page.skipped[0]
            .to_string()
            .starts_with("unexpected response from Perminut at `data[3].startTime`: "),
        "{}",
        page.skipped[0]
    );
}

#[test]
fn bare_array_paths_start_with_the_index() {
    let page = decode_list::<Project>(r#"[{"id":1,"name":"a"},{"id":true,"name":"b"}]"#).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.skipped[0].path, "[1].id");
}

#[test]
fn single_value_errors_name_the_field() {
    let err =
        decode::<TimeEntry>(r#"{"id":1,"projectId":"abc","startTime":"2026-03-17T10:00:00Z"}"#)
            .unwrap_err();
    assert_eq!(err.path, "projectId");
    assert!(err.message.contains("abc"), "{}", err.message);
    let err = decode::<TimeEntry>(r#"{"id":1,"projectId":1}"#).unwrap_err();
    assert!(err.message.contains("startTime"), "{}", err.message);
    let err = decode::<Stats>(r#"{"range":"yearly"}"#).unwrap_err();
    assert_eq!(err.path, "range");
}

#[test]
fn html_and_empty_bodies_are_reported_as_not_json_with_a_short_snippet() {
    let err: DecodeError = decode::<User>(include_str!("resources/login_page.html")).unwrap_err();
    assert_eq!(err.path, "$");
    assert!(err.message.contains("not JSON"), "{}", err.message);
    assert!(err.message.contains("<!DOCTYPE html>"), "{}", err.message);
    let snippet = err.message.split("starts with: ").nth(1).unwrap();
    assert!(snippet.chars().count() <= 80, "{snippet}");
    assert!(!snippet.contains('\n'));
    let err = decode_list::<Project>("").unwrap_err();
    assert!(err.message.contains("not JSON"), "{}", err.message);
    let err = decode_list::<Project>("<html>").unwrap_err();
    assert!(err.message.contains("not JSON"));
}

#[test]
fn lists_of_the_wrong_shape_are_rejected() {
    let err = decode_list::<Project>(r#"{"projects":[]}"#).unwrap_err();
    assert!(err.message.contains("`data` or `items`"), "{}", err.message);
    let err = decode_list::<Project>(r#"{"data":{"id":1}}"#).unwrap_err();
    assert_eq!(err.path, "data");
    assert!(decode_list::<Project>("42").is_err());
    assert!(decode_list::<Project>("null").is_err());
}

#[test]
fn stats_decode_including_odd_number_shapes() {
    let stats: Stats = decode(include_str!("resources/stats_weekly.json")).unwrap();
    assert_eq!(stats.range, StatsRange::Weekly);
    assert_eq!(
        stats.start_date,
        NaiveDate::from_ymd_opt(2026, 3, 23).unwrap()
    );
    assert_eq!(stats.days.len(), 7);
    assert_eq!(stats.projects[0].project_id, ProjectId(12));
    let odd: Stats = decode(include_str!("resources/stats_odd.json")).unwrap();
    assert_eq!(odd.range, StatsRange::Daily);
    assert_eq!(odd.total_seconds, 86_400);
    assert_eq!(odd.days[0].total_seconds, 86_400);
    assert!(odd.projects.is_empty());
    assert_eq!(StatsRange::Monthly.as_str(), "monthly");
}

#[test]
fn ids_accept_numbers_and_numeric_strings_only() {
    assert_eq!(decode::<ProjectId>("12").unwrap(), ProjectId(12));
    assert_eq!(decode::<ProjectId>(r#""12""#).unwrap(), ProjectId(12));
    assert_eq!(serde_json::to_string(&ProjectId(12)).unwrap(), "12");
    assert_eq!(TimeEntryId(452).to_string(), "452");
    for bad in [
        r#""""#,
        r#""12a""#,
        r#"" 12""#,
        "12.5",
        "true",
        "null",
        "[]",
        "18446744073709551615",
    ] {
        let err = decode::<UserId>(bad).unwrap_err();
        assert!(!err.message.is_empty(), "{bad}");
    }
    let err = decode::<UserId>(r#""abc""#).unwrap_err();
    assert!(
        err.message.contains("whole number or a string of digits"),
        "{}",
        err.message
    );
}

#[test]
fn nested_errors_name_the_full_path() {
    let err = decode::<Stats>(
        r#"{"range":"daily","startDate":"2026-03-10","endDate":"2026-03-10",
            "totalSeconds":1,"days":[{"date":"2026-03-10","totalSeconds":true}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path, "days[0].totalSeconds");
    let err = decode::<Stats>(r#"{"range":"daily","startDate":"10.03.2026"}"#).unwrap_err();
    assert_eq!(err.path, "startDate");
    let err = decode::<User>(r#"{"id":1,"role":"admin","organization":{"id":"x"}}"#).unwrap_err();
    assert_eq!(err.path, "organization.id");
    let err = decode::<User>(r#"{"id":1,"role":7,"organizationId":1}"#).unwrap_err();
    assert_eq!(err.path, "role");
    assert!(err.message.contains("string"), "{}", err.message);
    let page = decode_list::<Project>(r#"{"items":[{"id":1}]}"#).unwrap();
    assert_eq!(page.skipped[0].path, "items[0]");
    assert!(
        page.skipped[0].message.contains("`name`"),
        "{}",
        page.skipped[0].message
    );
}

#[test]
fn null_optional_fields_and_empty_end_times_are_tolerated() {
    let entry: TimeEntry =
        decode(r#"{"id":"7","projectId":3,"startTime":"2026-03-17T10:00:00z","endTime":""}"#)
            .unwrap();
    assert!(entry.is_running());
    let user: User =
        decode(r#"{"id":1,"name":null,"role":"ADMIN","organization":null,"organizationId":2}"#)
            .unwrap();
    assert_eq!(
        (user.name.as_str(), user.role, user.organization.id),
        ("", Role::Admin, OrganizationId(2))
    );
    let stats: Stats = decode(
        r#"{"range":"month","timezone":null,"startDate":"2026-03-01","endDate":"2026-03-31",
            "totalSeconds":12.4,"days":null}"#,
    )
    .unwrap();
    assert_eq!(
        (stats.range, stats.total_seconds),
        (StatsRange::Monthly, 12)
    );
    assert!(stats.days.is_empty() && stats.timezone.is_empty());
}
