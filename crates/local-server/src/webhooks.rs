//! Outgoing webhooks (Enterprise): admin routes to register URLs per organization, and a
//! background task that delivers `time_entry.*` events.
//!
//! Delivery never slows or fails the API call: handlers push onto an unbounded channel and a
//! tokio task POSTs each event to every URL in its own task, with up to three retries after
//! 0.5 s, 1 s and 2 s and a 2 s timeout per try. Bodies are signed with
//! `X-Perminut-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`. The HTTP client is
//! reqwest without TLS: plain `http://` receivers only (enable reqwest's `rustls-tls` feature
//! for `https://`).

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use rusqlite::{Connection, params};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::mpsc;

use crate::auth::CurrentUser;
use crate::db::Entry;
use crate::error::{Error, Result};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::time::{format_ms, now_ms};

/// Waits before the retries of a failed delivery.
const BACKOFF: [Duration; 3] = [
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

/// One event to deliver to some URLs.
struct Delivery {
    urls: Vec<String>,
    event: &'static str,
    body: String,
}

/// The sending half of the webhook task.
pub struct Dispatcher {
    tx: Option<mpsc::UnboundedSender<Delivery>>,
}

impl Dispatcher {
    /// Starts the delivery task on the current tokio runtime (none outside a runtime: events
    /// are then dropped with a message on stderr).
    pub fn start(secret: String) -> Self {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return Self { tx: None };
        };
        let (tx, rx) = mpsc::unbounded_channel();
        handle.spawn(run(rx, secret));
        Self { tx: Some(tx) }
    }

    fn send(&self, delivery: Delivery) {
        match &self.tx {
            Some(tx) if tx.send(delivery).is_ok() => {}
            _ => eprintln!("perminut-local: webhook task not running; event dropped"),
        }
    }
}

async fn run(mut rx: mpsc::UnboundedReceiver<Delivery>, secret: String) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(1))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("perminut-local: webhook client: {e}");
            return;
        }
    };
    while let Some(d) = rx.recv().await {
        let signature = format!("sha256={}", sign(secret.as_bytes(), d.body.as_bytes()));
        for url in d.urls {
            let (client, body, sig) = (client.clone(), d.body.clone(), signature.clone());
            tokio::spawn(deliver(client, url, d.event, body, sig));
        }
    }
}

async fn deliver(client: reqwest::Client, url: String, event: &str, body: String, sig: String) {
    for attempt in 0..=BACKOFF.len() {
        let result = client
            .post(&url)
            .header("content-type", "application/json")
            .header("x-perminut-event", event)
            .header("x-perminut-signature", &sig)
            .body(body.clone())
            .send()
            .await;
        match result {
            Ok(r) if r.status().is_success() => return,
            Ok(r) => eprintln!("perminut-local: webhook {url}: HTTP {}", r.status()),
            Err(e) => eprintln!("perminut-local: webhook {url}: {e}"),
        }
        if let Some(wait) = BACKOFF.get(attempt) {
            tokio::time::sleep(*wait).await;
        }
    }
    eprintln!("perminut-local: webhook {url}: giving up on {event}");
}

/// Lower-case hex of HMAC-SHA256(`key`, `body`).
pub fn sign(key: &[u8], body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new(); // HMAC accepts keys of any length; unreachable
    };
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Queues `event` about `entry` for every webhook of organization `org_id`.
pub fn emit(state: &AppState, conn: &Connection, org_id: i64, event: &'static str, entry: &Entry) {
    let urls = match org_urls(conn, org_id) {
        Ok(urls) if urls.is_empty() => return,
        Ok(urls) => urls,
        Err(e) => {
            eprintln!("perminut-local: webhook lookup: {e}");
            return;
        }
    };
    let body = json!({"event": event, "occurredAt": format_ms(now_ms()), "data": entry.to_json()});
    state.webhooks().send(Delivery {
        urls,
        event,
        body: body.to_string(),
    });
}

fn org_urls(conn: &Connection, org_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT url FROM webhooks WHERE organization_id = ?1")?;
    let rows = stmt.query_map(params![org_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Registers `url` for `org_id` unless it is already there or the organization does not exist.
pub fn ensure_registered(conn: &Connection, org_id: i64, url: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO webhooks (organization_id, url, created_ms)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM organizations WHERE id = ?1)
           AND NOT EXISTS (SELECT 1 FROM webhooks WHERE organization_id = ?1 AND url = ?2)",
        params![org_id, url, now_ms()],
    )?;
    Ok(())
}

/// `/api/admin/webhooks` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/webhooks",
            get(webhooks_list).post(webhooks_create),
        )
        .route("/api/admin/webhooks/{id}", delete(webhooks_delete))
}

fn admin(user: &CurrentUser) -> Result<()> {
    if user.role == "admin" {
        Ok(())
    } else {
        Err(Error::Forbidden("Admins only".into()))
    }
}

fn hook_json(id: i64, org: i64, url: String, created: i64) -> Value {
    json!({"id": id, "organizationId": org, "url": url, "createdAt": format_ms(created)})
}

async fn webhooks_list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Value>> {
    admin(&user)?;
    let conn = state.db()?;
    let mut stmt = conn.prepare(
        "SELECT id, url, created_ms FROM webhooks WHERE organization_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![user.org_id], |r| {
        Ok(hook_json(r.get(0)?, user.org_id, r.get(1)?, r.get(2)?))
    })?;
    Ok(Json(Value::Array(rows.collect::<rusqlite::Result<_>>()?)))
}

async fn webhooks_create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(body): JsonBody,
) -> Result<impl IntoResponse> {
    admin(&user)?;
    let url = match body.get("url") {
        Some(Value::String(u)) => u.trim().to_owned(),
        None | Some(Value::Null) => return Err(Error::field("url", "is required")),
        Some(_) => return Err(Error::field("url", "must be a string")),
    };
    match reqwest::Url::parse(&url) {
        Ok(u) if u.scheme() == "http" && u.host().is_some() => {}
        Ok(u) if u.scheme() == "https" => {
            return Err(Error::field(
                "url",
                "https is not built in; use an http URL",
            ));
        }
        _ => return Err(Error::field("url", "must be an absolute http:// URL")),
    }
    let conn = state.db()?;
    let now = now_ms();
    conn.execute(
        "INSERT INTO webhooks (organization_id, url, created_ms) VALUES (?1, ?2, ?3)",
        params![user.org_id, url, now],
    )?;
    let hook = hook_json(conn.last_insert_rowid(), user.org_id, url, now);
    Ok((StatusCode::CREATED, Json(hook)))
}

async fn webhooks_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    admin(&user)?;
    let id: i64 = id
        .parse()
        .map_err(|_| Error::NotFound("Webhook not found".into()))?;
    let conn = state.db()?;
    let n = conn.execute(
        "DELETE FROM webhooks WHERE id = ?1 AND organization_id = ?2",
        params![id, user.org_id],
    )?;
    if n == 0 {
        return Err(Error::NotFound("Webhook not found".into()));
    }
    Ok(StatusCode::NO_CONTENT)
}
