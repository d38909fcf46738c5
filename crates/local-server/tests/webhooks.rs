//! Admin webhook routes and signed, non-blocking delivery.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::routing::post;
use common::{SECRET, call, login, project_id, start};
use perminut_local::webhooks::sign;
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// A receiver on loopback forwarding (headers, body) to a channel.
async fn receiver() -> (String, mpsc::UnboundedReceiver<(HeaderMap, Bytes)>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/hook",
        post(move |h: HeaderMap, b: Bytes| {
            let tx = tx.clone();
            async move {
                let _ = tx.send((h, b));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, rx)
}

async fn next_event(rx: &mut mpsc::UnboundedReceiver<(HeaderMap, Bytes)>) -> Value {
    let (headers, body) = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .unwrap()
        .unwrap();
    let expected = format!("sha256={}", sign(SECRET.as_bytes(), &body));
    assert_eq!(headers["x-perminut-signature"], expected.as_str());
    assert_eq!(headers["content-type"], "application/json");
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(headers["x-perminut-event"], v["event"].as_str().unwrap());
    v
}

#[test]
fn signature_matches_a_known_hmac() {
    // RFC 4231 test case 2.
    assert_eq!(
        sign(b"Jefe", b"what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[tokio::test]
async fn admin_routes_and_signed_delivery() {
    let s = start().await;
    let base = s.url();
    let (url, mut rx) = receiver().await;
    let bob = login(&base, "bob@example.com").await;
    assert_eq!(
        call(
            bob.post(format!("{base}/api/admin/webhooks"))
                .json(&json!({"url": url}))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        call(bob.get(format!("{base}/api/admin/webhooks"))).await.0,
        403
    );
    let ada = login(&base, "ada@example.com").await;
    for bad in [
        json!({}),
        json!({"url": 5}),
        json!({"url": "not a url"}),
        json!({"url": "https://example.com/x"}),
    ] {
        let (status, err) = call(ada.post(format!("{base}/api/admin/webhooks")).json(&bad)).await;
        assert_eq!(
            (status, err["details"][0]["field"].clone()),
            (400, json!("url")),
            "{bad}"
        );
    }
    let (status, hook) = call(
        ada.post(format!("{base}/api/admin/webhooks"))
            .json(&json!({"url": url})),
    )
    .await;
    assert_eq!(
        (status, hook["url"].clone(), hook["organizationId"].clone()),
        (201, json!(url), json!(1))
    );
    let (_, list) = call(ada.get(format!("{base}/api/admin/webhooks"))).await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // Bob's events go to his organization's hook.
    let (_, e) = call(
        bob.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": project_id(&s, "Open source"), "description": "hooked"})),
    )
    .await;
    let id = e["id"].clone();
    let ev = next_event(&mut rx).await;
    assert_eq!(
        (
            ev["event"].clone(),
            ev["data"]["id"].clone(),
            ev["data"]["description"].clone()
        ),
        (json!("time_entry.created"), id.clone(), json!("hooked"))
    );
    assert!(ev["occurredAt"].as_str().unwrap().ends_with('Z'));
    call(bob.put(format!("{base}/api/time-entries/{id}/stop"))).await;
    assert_eq!(next_event(&mut rx).await["event"], "time_entry.stopped");
    call(
        bob.put(format!("{base}/api/time-entries/{id}"))
            .json(&json!({"description": "changed"})),
    )
    .await;
    let ev = next_event(&mut rx).await;
    assert_eq!(
        (ev["event"].clone(), ev["data"]["description"].clone()),
        (json!("time_entry.updated"), json!("changed"))
    );
    call(bob.delete(format!("{base}/api/time-entries/{id}"))).await;
    let ev = next_event(&mut rx).await;
    assert_eq!(
        (ev["event"].clone(), ev["data"]["id"].clone()),
        (json!("time_entry.deleted"), id)
    );

    // Another organization's actions do not reach it; deleting the hook works once.
    let cem = login(&base, "cem@example.com").await;
    call(
        cem.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": project_id(&s, "Ferry timetable")})),
    )
    .await;
    assert!(
        tokio::time::timeout(Duration::from_millis(300), rx.recv())
            .await
            .is_err()
    );
    let hook_url = format!("{base}/api/admin/webhooks/{}", hook["id"]);
    assert_eq!(call(ada.delete(&hook_url)).await.0, 204);
    assert_eq!(call(ada.delete(&hook_url)).await.0, 404);
}

#[tokio::test]
async fn dead_receiver_does_not_slow_the_api() {
    let s = common::start_with(|c| c.webhook_url = Some("http://127.0.0.1:9/dead".into())).await;
    let base = s.url();
    let ada = login(&base, "ada@example.com").await;
    let (_, list) = call(ada.get(format!("{base}/api/admin/webhooks"))).await;
    assert_eq!(list[0]["url"], "http://127.0.0.1:9/dead");
    let t = Instant::now();
    let (status, _) = call(
        ada.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": 8})),
    )
    .await;
    let elapsed = t.elapsed();
    assert_eq!(status, 201);
    // Retries take 3.5 s in all; the call must not wait for any of them.
    assert!(elapsed < Duration::from_millis(300), "{elapsed:?}");
}
