//! The client against the real local server, in headless Chromium (a page, like the popup).
//!
//! Build-time input: `PERMINUT_TEST_API=http://127.0.0.1:8787` with the server started as
//! `perminut-local --addr 127.0.0.1:8787 --db :memory: --seed-demo --test-hooks`.
//! Each test logs in and creates what it needs, so the order does not matter.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{client, login, login_as, logout};
use perminut_core::requests::{
    EntriesQuery, NewTimeEntry, ProjectsQuery, StopTimeEntry, TimeEntryPatch,
};
use perminut_core::{
    ApiBase, ApiError, Client, ProjectId, Role, StatsRange, TimeEntry, User, browser_time_zone,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// This machine's clock (chrono's clock needs `wasmbind` on wasm32; `Date.now()` does not).
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap()
}

/// Some active project of Ada's organization.
async fn a_project(client: &Client) -> ProjectId {
    client
        .projects(ProjectsQuery::default())
        .await
        .unwrap()
        .items[0]
        .id
}

/// A completed one-hour entry a week ago, with a description.
async fn completed_entry(client: &Client, description: &str) -> TimeEntry {
    let start = now() - Duration::days(7);
    let entry = NewTimeEntry {
        project_id: a_project(client).await,
        description: Some(description.into()),
        start_time: Some(start),
        end_time: Some(start + Duration::hours(1)),
    };
    client.create_time_entry(&entry).await.unwrap()
}

#[wasm_bindgen_test]
async fn me_returns_the_logged_in_user_and_records_the_clock_offset() {
    login().await;
    let client = client();
    let user: User = client.me().await.unwrap();
    assert_eq!(user.email, "ada@example.com");
    assert_eq!(user.role, Role::Admin);
    assert!(!user.organization.name.is_empty());
    let offset = client.server_clock_offset_ms().expect("Date header read");
    assert!(offset.abs() < 60_000, "same machine, offset {offset} ms");
}

#[wasm_bindgen_test]
async fn projects_come_in_pages_and_all_projects_walks_them() {
    login().await;
    let client = client();
    let page = client
        .projects(ProjectsQuery {
            limit: 3,
            offset: 0,
        })
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.skipped.is_empty());
    let total = page.total.expect("local server reports a total");
    let all = client.all_projects().await.unwrap();
    assert_eq!(all.len() as u64, total);
    assert_eq!(all[..3], page.items[..]);
    assert!(
        all.iter()
            .all(|p| !p.name.to_lowercase().contains("archived"))
    );
}

#[wasm_bindgen_test]
async fn time_entries_lists_the_range_newest_first() {
    login().await;
    let client = client();
    let created = completed_entry(&client, "listed").await;
    let day = created.start.date_naive();
    let query = EntriesQuery {
        start_date: Some(day - Duration::days(1)),
        end_date: Some(day),
    };
    let page = client.time_entries(&query).await.unwrap();
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    assert!(page.items.contains(&created));
    let starts: Vec<_> = page.items.iter().map(|e| e.start).collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let recent = client.time_entries(&EntriesQuery::default()).await.unwrap();
    assert!(!recent.items.is_empty(), "seeded week");
}

#[wasm_bindgen_test]
async fn start_stop_and_stop_again_is_a_conflict() {
    login().await;
    let client = client();
    let project = a_project(&client).await;
    let running = client
        .create_time_entry(&NewTimeEntry::start(project, Some("timer".into())))
        .await
        .unwrap();
    assert!(running.is_running());
    assert_eq!(running.description, "timer");
    let end = running.start + Duration::seconds(90);
    let stopped = client
        .stop_time_entry(
            running.id,
            &StopTimeEntry {
                end_time: Some(end),
            },
        )
        .await
        .unwrap();
    assert_eq!(stopped.end, Some(end));
    assert_eq!(stopped.elapsed_seconds(now()), 90);
    let again = client
        .stop_time_entry(running.id, &StopTimeEntry::default())
        .await
        .unwrap_err();
    assert!(matches!(again, ApiError::Conflict { .. }), "{again:?}");
    client.delete_time_entry(running.id).await.unwrap();
}

#[wasm_bindgen_test]
async fn update_changes_only_the_edited_fields() {
    login().await;
    let client = client();
    let original = completed_entry(&client, "before").await;
    let mut edited = original.clone();
    edited.description = "after".into();
    edited.end = original.end.map(|end| end + Duration::minutes(30));
    let patch = TimeEntryPatch::between(&original, &edited);
    assert_eq!(patch.project_id, None);
    assert_eq!(patch.start_time, None);
    let updated = client.update_time_entry(original.id, &patch).await.unwrap();
    assert_eq!(updated, edited);
    client.delete_time_entry(original.id).await.unwrap();
}

#[wasm_bindgen_test]
async fn delete_then_delete_again_is_not_found() {
    login().await;
    let client = client();
    let entry = completed_entry(&client, "to delete").await;
    client.delete_time_entry(entry.id).await.unwrap();
    let again = client.delete_time_entry(entry.id).await.unwrap_err();
    assert!(matches!(again, ApiError::NotFound { .. }), "{again:?}");
    assert!(!again.user_message().is_empty());
}

#[wasm_bindgen_test]
async fn stats_in_the_browser_zone_and_an_encoded_zone() {
    login().await;
    let client = client();
    let zone = browser_time_zone();
    assert!(!zone.is_empty());
    let weekly = client.stats(StatsRange::Weekly, &zone).await.unwrap();
    assert_eq!(weekly.range, StatsRange::Weekly);
    assert_eq!(weekly.timezone, zone);
    assert_eq!(weekly.days.len(), 7);
    assert_eq!(
        weekly.days.iter().map(|d| d.total_seconds).sum::<i64>(),
        weekly.total_seconds
    );
    let istanbul = client
        .stats(StatsRange::Daily, "Europe/Istanbul")
        .await
        .unwrap();
    assert_eq!(istanbul.timezone, "Europe/Istanbul");
    assert_eq!(istanbul.start_date, istanbul.end_date);
    let monthly = client
        .stats(StatsRange::Monthly, "America/Argentina/Buenos_Aires")
        .await
        .unwrap();
    assert_eq!(monthly.start_date.format("%d").to_string(), "01");
}

#[wasm_bindgen_test]
async fn validation_errors_carry_the_servers_details() {
    login().await;
    let client = client();
    let start = now() - Duration::days(2);
    let bad = NewTimeEntry {
        project_id: ProjectId(987_654),
        description: None,
        start_time: Some(start),
        end_time: Some(start - Duration::hours(1)),
    };
    let err = client.create_time_entry(&bad).await.unwrap_err();
    assert!(matches!(err, ApiError::Validation { .. }), "{err:?}");
    assert!(err.field_error("projectId").is_some(), "{err:?}");
    assert!(err.field_error("endTime").is_some(), "{err:?}");
    assert!(
        err.user_message().contains("projectId"),
        "{}",
        err.user_message()
    );
    // The seed's archived project follows the organization's active ones (a gap in the ids).
    let mut ids: Vec<i64> = client
        .all_projects()
        .await
        .unwrap()
        .iter()
        .map(|p| p.id.0)
        .collect();
    ids.sort_unstable();
    let archived = ids
        .windows(2)
        .find(|w| w[1] != w[0] + 1)
        .map_or(ids[ids.len() - 1] + 1, |w| w[0] + 1);
    let err = client
        .create_time_entry(&NewTimeEntry::start(ProjectId(archived), None))
        .await
        .unwrap_err();
    assert_eq!(
        err.field_error("projectId"),
        Some("project is archived"),
        "{err:?}"
    );
    let err = client
        .stats(StatsRange::Weekly, "Mars/Olympus_Mons")
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Validation { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn another_users_entry_is_forbidden() {
    login().await;
    let client = client();
    let adas = completed_entry(&client, "Ada's").await;
    login_as("bob@example.com").await;
    let err = client.delete_time_entry(adas.id).await.unwrap_err();
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err:?}");
    login().await;
    client.delete_time_entry(adas.id).await.unwrap();
}

#[wasm_bindgen_test]
async fn after_logout_calls_are_unauthorized() {
    login().await;
    logout().await;
    let err = client().me().await.unwrap_err();
    assert_eq!(err, ApiError::Unauthorized);
    assert_eq!(
        err.user_message(),
        "You are not logged in to Perminut. Log in, then try again."
    );
    let err = client()
        .projects(ProjectsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err, ApiError::Unauthorized);
    login().await;
}

#[wasm_bindgen_test]
async fn an_html_answer_is_a_decode_error_naming_the_problem() {
    login().await;
    let err = client().get_raw::<User>("/").await.unwrap_err();
    let ApiError::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "$");
    assert!(decode.message.contains("not JSON"), "{}", decode.message);
    assert!(
        decode.message.to_lowercase().contains("<!doctype html") || decode.message.contains('<'),
        "{}",
        decode.message
    );
}

#[wasm_bindgen_test]
async fn no_answer_is_a_retryable_network_error() {
    let unreachable = Client::new(ApiBase::parse("http://127.0.0.1:9").unwrap());
    let err = unreachable.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert!(err.is_retryable());
}
