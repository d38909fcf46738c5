//! Timer rules: overlap policies, concurrent starts, other users' entries.
#![allow(clippy::unwrap_used)]

mod common;

use common::{call, login, post, project_id, running_count, start};
use serde_json::json;

#[tokio::test]
async fn overlap_stop_and_reject() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    let open = project_id(&s, "Open source");
    let (_, first) = post(
        &c,
        &base,
        json!({"projectId": open, "startTime": "2026-03-17T10:00:00Z"}),
    )
    .await;
    let (status, second) = post(
        &c,
        &base,
        json!({"projectId": open, "startTime": "2026-03-17T11:00:00Z"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, list) = call(c.get(format!(
        "{base}/api/time-entries?startDate=2026-03-17&endDate=2026-03-17"
    )))
    .await;
    let stopped = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == first["id"])
        .unwrap();
    assert_eq!(stopped["endTime"], "2026-03-17T11:00:00.000Z");
    assert_eq!(running_count(&s, 1), 1);
    // Starting before the running timer's start is refused.
    let (status, err) = post(
        &c,
        &base,
        json!({"projectId": open, "startTime": "2026-03-17T10:30:00Z"}),
    )
    .await;
    assert_eq!(
        (status, err["details"][0]["field"].clone()),
        (400, json!("startTime"))
    );
    // Reject policy.
    let (status, _) = call(
        c.post(format!("{base}/__test/settings"))
            .json(&json!({"overlap": "reject"})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, err) = post(&c, &base, json!({"projectId": open})).await;
    assert_eq!(status, 409);
    assert_eq!(
        err["error"],
        format!(
            "A timer is already running (entry {}); stop it first",
            second["id"]
        )
    );
    // A completed block is fine while a timer runs.
    let (status, _) = post(&c, &base, json!({"projectId": open, "startTime": "2026-03-16T10:00:00Z", "endTime": "2026-03-16T11:00:00Z"})).await;
    assert_eq!(status, 201);
    assert_eq!(
        call(
            c.post(format!("{base}/__test/settings"))
                .json(&json!({"overlap": "sideways"}))
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn concurrent_starts_leave_one_running_timer() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "bob@example.com").await;
    let open = project_id(&s, "Open source");
    for round in 0..5 {
        let a = post(
            &c,
            &base,
            json!({"projectId": open, "description": format!("a{round}")}),
        );
        let b = post(
            &c,
            &base,
            json!({"projectId": open, "description": format!("b{round}")}),
        );
        let ((sa, _), (sb, _)) = tokio::join!(a, b);
        assert_eq!((sa, sb), (201, 201));
        assert_eq!(running_count(&s, 2), 1, "round {round}");
    }
    let (_, list) = call(c.get(format!("{base}/api/time-entries"))).await;
    let running = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["endTime"].is_null())
        .count();
    assert_eq!(running, 1);
}

#[tokio::test]
async fn other_users_entries_are_403_in_org_and_404_outside() {
    let s = start().await;
    let base = s.url();
    let bob = login(&base, "bob@example.com").await;
    let (_, e) = post(
        &bob,
        &base,
        json!({"projectId": project_id(&s, "Open source")}),
    )
    .await;
    let id = e["id"].as_i64().unwrap();
    for (email, expected) in [("ada@example.com", 403), ("cem@example.com", 404)] {
        let c = login(&base, email).await;
        let url = format!("{base}/api/time-entries/{id}");
        for req in [
            c.put(format!("{url}/stop")),
            c.put(&url).json(&json!({"description": "x"})),
            c.delete(&url),
        ] {
            assert_eq!(call(req).await.0, expected, "{email}");
        }
        let (_, list) = call(c.get(format!("{base}/api/time-entries"))).await;
        assert!(list.as_array().unwrap().iter().all(|x| x["id"] != id));
    }
    assert_eq!(running_count(&s, 2), 1);
}
