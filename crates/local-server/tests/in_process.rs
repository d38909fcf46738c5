//! The router called in-process with `tower::ServiceExt::oneshot` (no socket).
#![allow(clippy::unwrap_used)]

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use perminut_local::{AppState, Config, app};
use serde_json::{Value, json};
use tower::ServiceExt;

fn state() -> AppState {
    AppState::new(Config {
        db: ":memory:".into(),
        seed_demo: true,
        ..Config::default()
    })
    .unwrap()
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, header::HeaderMap, Value) {
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let (parts, body) = resp.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap();
    let v = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (parts.status, parts.headers, v)
}

async fn cookie(state: &AppState) -> String {
    let req = Request::post("/login")
        .header("content-type", "application/json")
        .body(Body::from(
            r#"{"email":"ada@example.com","password":"perminut-demo"}"#,
        ))
        .unwrap();
    let (status, headers, _) = send(state, req).await;
    assert_eq!(status, StatusCode::OK);
    let c = headers[header::SET_COOKIE].to_str().unwrap();
    c[..c.find(';').unwrap()].to_owned()
}

#[tokio::test]
async fn me_and_create_in_process() {
    let s = state();
    let (status, _, body) = send(
        &s,
        Request::get("/api/auth/me").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(
        (status, body),
        (StatusCode::UNAUTHORIZED, json!({"error": "Not logged in"}))
    );
    let c = cookie(&s).await;
    let (status, _, me) = send(
        &s,
        Request::get("/api/auth/me")
            .header("cookie", &c)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, me["email"].clone()),
        (StatusCode::OK, json!("ada@example.com"))
    );
    let req = Request::post("/api/time-entries")
        .header("cookie", &c)
        .header("origin", "chrome-extension://abc")
        .body(Body::from(
            r#"{"projectId": 8, "startTime": "2026-03-17T10:00:00Z"}"#,
        ))
        .unwrap();
    let (status, headers, e) = send(&s, req).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        headers["access-control-allow-origin"],
        "chrome-extension://abc"
    );
    assert_eq!(e["startTime"], "2026-03-17T10:00:00.000Z");
    // An empty body on stop means "now".
    let req = Request::put(format!("/api/time-entries/{}/stop", e["id"]))
        .header("cookie", &c)
        .body(Body::empty())
        .unwrap();
    let (status, _, stopped) = send(&s, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(stopped["duration"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn malformed_json_is_a_json_400_in_process() {
    let s = state();
    let c = cookie(&s).await;
    let req = Request::put("/api/time-entries/1")
        .header("cookie", &c)
        .header("content-type", "application/json")
        .body(Body::from("{\"description\": "))
        .unwrap();
    let (status, headers, body) = send(&s, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("Malformed JSON body")
    );
    assert_eq!(body["details"], json!([]));
    // Test hooks are not mounted without the flag.
    let (status, _, _) = send(
        &s,
        Request::post("/__test/reset").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
