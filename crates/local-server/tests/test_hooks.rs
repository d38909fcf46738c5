//! `/__test/*`: reset, inspection, request log and every fault mode, seen by a real client.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::{call, client, login, start, start_with};
use serde_json::{Value, json};

async fn fault(c: &reqwest::Client, base: &str, f: Value) {
    assert_eq!(
        call(c.post(format!("{base}/__test/faults")).json(&f))
            .await
            .0,
        204
    );
}

async fn all_entries(c: &reqwest::Client, base: &str) -> Vec<Value> {
    call(c.get(format!("{base}/__test/time-entries")))
        .await
        .1
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn hooks_are_absent_without_the_flag() {
    let s = start_with(|c| c.test_hooks = false).await;
    for path in [
        "/__test/reset",
        "/__test/faults",
        "/__test/expire-sessions",
        "/__test/settings",
    ] {
        assert_eq!(
            call(client().post(format!("{}{path}", s.url())).json(&json!({})))
                .await
                .0,
            404,
            "{path}"
        );
    }
    assert_eq!(
        call(client().get(format!("{}/__test/time-entries", s.url())))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn reset_inspect_and_request_log() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    let seeded = all_entries(&c, &base).await;
    assert_eq!(seeded.len(), 29);
    assert_eq!(
        seeded[0],
        json!({"id": 1, "userId": 1, "userEmail": "ada@example.com", "projectId": seeded[0]["projectId"],
        "description": "Morning work", "startTime": seeded[0]["startTime"], "endTime": seeded[0]["endTime"]})
    );
    assert!(seeded.iter().all(|e| !e["endTime"].is_null()));
    assert_eq!(
        call(c.delete(format!("{base}/__test/requests"))).await.0,
        204
    );
    let (_, _) = call(
        c.post(format!("{base}/api/time-entries?x=1"))
            .json(&json!({"projectId": 8})),
    )
    .await;
    let (_, _) = call(c.get(format!("{base}/api/projects?limit=2"))).await;
    let (_, log) = call(c.get(format!("{base}/__test/requests"))).await;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (
            log[0]["method"].clone(),
            log[0]["path"].clone(),
            log[0]["query"].clone(),
            log[0]["body"].clone(),
            log[0]["status"].clone()
        ),
        (
            json!("POST"),
            json!("/api/time-entries"),
            json!("x=1"),
            json!("{\"projectId\":8}"),
            json!(201)
        )
    );
    assert_eq!(
        (
            log[1]["method"].clone(),
            log[1]["query"].clone(),
            log[1]["body"].clone(),
            log[1]["status"].clone()
        ),
        (json!("GET"), json!("limit=2"), json!(""), json!(200))
    );
    assert!(log[0]["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(all_entries(&c, &base).await.len(), 30);
    // Reset: data back to the seed, sessions gone, log cleared.
    assert_eq!(call(c.post(format!("{base}/__test/reset"))).await.0, 204);
    assert_eq!(all_entries(&c, &base).await.len(), 29);
    assert_eq!(call(c.get(format!("{base}/api/auth/me"))).await.0, 401);
    let (_, log) = call(c.get(format!("{base}/__test/requests"))).await;
    assert_eq!(log.as_array().unwrap().len(), 1); // just the 401 above
}

#[tokio::test]
async fn status_fault_answers_without_processing_then_expires() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    fault(&c, &base, json!({"method": "POST", "path": "/api/time-entries", "mode": "status", "status": 502, "times": 1})).await;
    // Other methods and paths are not affected.
    assert_eq!(call(c.get(format!("{base}/api/time-entries"))).await.0, 200);
    let before = all_entries(&c, &base).await.len();
    let (status, body) = call(
        c.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": 8})),
    )
    .await;
    assert_eq!((status, body), (502, json!({"error": "Bad gateway"})));
    assert_eq!(all_entries(&c, &base).await.len(), before);
    let (status, _) = call(
        c.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": 8})),
    )
    .await;
    assert_eq!(status, 201);
    // Without `times` it lasts until cleared; without method/path it matches every API call.
    fault(&c, &base, json!({"mode": "status", "status": 503})).await;
    for _ in 0..2 {
        assert_eq!(
            call(c.get(format!("{base}/api/auth/me"))).await,
            (503, json!({"error": "Service unavailable"}))
        );
    }
    assert_eq!(call(c.delete(format!("{base}/__test/faults"))).await.0, 204);
    assert_eq!(call(c.get(format!("{base}/api/auth/me"))).await.0, 200);
    assert_eq!(
        call(
            c.post(format!("{base}/__test/faults"))
                .json(&json!({"mode": "explode"}))
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn delay_fault_waits_then_processes() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    fault(
        &c,
        &base,
        json!({"path": "/api/projects", "mode": "delay", "delayMs": 400, "times": 1}),
    )
    .await;
    let t = Instant::now();
    assert_eq!(call(c.get(format!("{base}/api/projects"))).await.0, 200);
    assert!(
        t.elapsed() >= Duration::from_millis(400),
        "{:?}",
        t.elapsed()
    );
    let t = Instant::now();
    assert_eq!(call(c.get(format!("{base}/api/projects"))).await.0, 200);
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn drop_faults_are_network_errors() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    let before = all_entries(&c, &base).await.len();
    fault(
        &c,
        &base,
        json!({"method": "POST", "path": "/api/time-entries", "mode": "drop", "times": 1}),
    )
    .await;
    let r = c
        .post(format!("{base}/api/time-entries"))
        .json(&json!({"projectId": 8}))
        .send()
        .await;
    assert!(r.is_err(), "drop must be a network error: {r:?}");
    assert_eq!(
        all_entries(&c, &base).await.len(),
        before,
        "drop must not process"
    );

    fault(&c, &base, json!({"method": "POST", "path": "/api/time-entries", "mode": "commit_then_drop", "times": 1})).await;
    // The answer's head arrives (so browsers do not silently resend the POST), its body never
    // completes: reading it is a network error.
    let r = c
        .post(format!("{base}/api/time-entries"))
        .json(&json!({"projectId": 8, "description": "committed"}))
        .send()
        .await;
    let body = match r {
        Ok(resp) => resp.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(
        body.is_err(),
        "commit_then_drop must be a network error: {body:?}"
    );
    let after = all_entries(&c, &base).await;
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().unwrap()["description"], "committed");
    let (_, log) = call(c.get(format!("{base}/__test/requests"))).await;
    let statuses: Vec<_> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST")
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [Value::Null, json!(201)]);
    // The fault was used up: the next call works.
    assert_eq!(
        call(
            c.post(format!("{base}/api/time-entries"))
                .json(&json!({"projectId": 8}))
        )
        .await
        .0,
        201
    );
}
