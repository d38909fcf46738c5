//! Shared helpers: a real server on an ephemeral loopback port and logged-in reqwest clients.
#![allow(dead_code, clippy::unwrap_used)]

use perminut_local::server::{self, Running};
use perminut_local::{Config, Overlap};
use serde_json::{Value, json};

/// The webhook secret the test servers sign with.
pub const SECRET: &str = "test-secret";

/// A demo server with test hooks on `127.0.0.1:0`, in memory.
pub async fn start() -> Running {
    start_with(|_| {}).await
}

/// Like [`start`], with the configuration adjusted by `f`.
pub async fn start_with(f: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: ":memory:".into(),
        seed_demo: true,
        webhook_secret: SECRET.into(),
        test_hooks: true,
        overlap: Overlap::Stop,
        ..Config::default()
    };
    f(&mut config);
    server::start(config).await.unwrap()
}

/// A client with a cookie jar and no session.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A client logged in (JSON login) as `email` with the demo password.
pub async fn login(base: &str, email: &str) -> reqwest::Client {
    let c = client();
    let r = c
        .post(format!("{base}/login"))
        .json(&json!({"email": email, "password": "perminut-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "login as {email}");
    c
}

/// Sends and returns status and JSON body (`Value::Null` for an empty body).
pub async fn call(req: reqwest::RequestBuilder) -> (u16, Value) {
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    (status, body)
}

/// Deletes every time entry directly in the database.
pub fn clear_entries(s: &Running) {
    s.state
        .db()
        .unwrap()
        .execute("DELETE FROM time_entries", [])
        .unwrap();
}

/// Id of the project named `name`.
pub fn project_id(s: &Running, name: &str) -> i64 {
    s.state
        .db()
        .unwrap()
        .query_row("SELECT id FROM projects WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Number of running timers of user `id`.
pub fn running_count(s: &Running, user: i64) -> i64 {
    s.state
        .db()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM time_entries WHERE user_id = ?1 AND end_ms IS NULL",
            [user],
            |r| r.get(0),
        )
        .unwrap()
}

/// `POST /api/time-entries` with `body`.
pub async fn post(c: &reqwest::Client, base: &str, body: Value) -> (u16, Value) {
    call(c.post(format!("{base}/api/time-entries")).json(&body)).await
}
