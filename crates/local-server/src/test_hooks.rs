//! `/__test/*` (only with `--test-hooks`): reset, inspection, request log and fault injection
//! for the end-to-end tests.
//!
//! Faults and the request log apply to `/api/*` only, and never to CORS preflights (`OPTIONS`).

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::Overlap;
use crate::error::{Error, Result};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::time::{format_ms, now_ms};

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Wait `delayMs`, then process normally.
    Delay,
    /// Answer `status` without processing.
    Status,
    /// Close the connection without an answer, without processing.
    Drop,
    /// Process (commit), then close the connection without an answer.
    CommitThenDrop,
}

/// One fault as `POST /__test/faults` takes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    method: Option<String>,
    path: Option<String>,
    mode: Mode,
    delay_ms: Option<u64>,
    status: Option<u16>,
    times: Option<u32>,
}

/// Faults and the request log.
#[derive(Default)]
pub struct TestState {
    faults: Mutex<Vec<Fault>>,
    requests: Mutex<Vec<Value>>,
}

impl TestState {
    fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut faults = self.faults.lock().ok()?;
        let i = faults.iter().position(|f| {
            f.method
                .as_ref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && f.path.as_ref().is_none_or(|p| path.starts_with(p.as_str()))
        })?;
        let fault = faults[i].clone();
        match &mut faults[i].times {
            Some(n) if *n <= 1 => {
                faults.remove(i);
            }
            Some(n) => *n -= 1,
            None => {}
        }
        Some(fault)
    }

    fn clear_requests(&self) {
        if let Ok(mut r) = self.requests.lock() {
            r.clear();
        }
    }

    fn clear_faults(&self) {
        if let Ok(mut f) = self.faults.lock() {
            f.clear();
        }
    }
}

/// A response whose body fails at once: hyper then closes the connection before writing even
/// the status line, so the client sees a network error.
fn broken_response() -> Response {
    let err = std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "injected fault");
    Response::new(Body::from_stream(futures_util::stream::iter([Err::<
        Bytes,
        _,
    >(err)])))
}

/// The status line, headers and the first bytes of a body, then a broken connection: the
/// client has committed work and no answer it can read. The first bytes matter: browsers
/// silently resend a request (even a POST) whose keep-alive connection closes before any byte
/// of the answer, which would make this "commit twice" instead of "answer lost".
fn answer_then_break(status: StatusCode) -> Response {
    let chunks = futures_util::stream::unfold(0u8, |step| async move {
        match step {
            0 => Some((Ok(Bytes::from_static(b"{\"id\":")), 1)),
            1 => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let err =
                    std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "injected fault");
                Some((Err(err), 2))
            }
            _ => None,
        }
    });
    let mut resp = Response::new(Body::from_stream(chunks));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    resp
}

/// Middleware: logs `/api/*` requests and applies faults (a no-op without `--test-hooks`).
pub async fn api_layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let is_api = path == "/api" || path.starts_with("/api/");
    if !state.config().test_hooks || !is_api || req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let query = req.uri().query().unwrap_or("").to_owned();
    let at = format_ms(now_ms());
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 2 << 20).await else {
        return Error::bad_request("Request body too large or unreadable").into_response();
    };
    let body_text = String::from_utf8_lossy(&bytes).into_owned();
    let fault = state.test().take_fault(&method, &path);
    if let Some(ms) = fault.as_ref().and_then(|f| f.delay_ms) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    let (status, resp) = match fault {
        Some(Fault {
            mode: Mode::Status,
            status,
            ..
        }) => {
            let code = status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::BAD_GATEWAY);
            let reason = code.canonical_reason().unwrap_or("Error");
            let mut msg = reason.to_lowercase();
            msg.replace_range(..1, &reason[..1]);
            (Some(code), Error::Status(code, msg).into_response())
        }
        Some(Fault {
            mode: Mode::Drop, ..
        }) => (None, broken_response()),
        Some(Fault {
            mode: Mode::CommitThenDrop,
            ..
        }) => {
            let resp = next.run(req).await;
            (Some(resp.status()), answer_then_break(resp.status()))
        }
        _ => {
            let resp = next.run(req).await;
            (Some(resp.status()), resp)
        }
    };
    let entry = json!({"method": method, "path": path, "query": query, "body": body_text,
        "status": status.map(|s| s.as_u16()), "at": at});
    if let Ok(mut log) = state.test().requests.lock() {
        log.push(entry);
    }
    resp
}

/// The `/__test/*` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/__test/reset", post(test_reset))
        .route("/__test/time-entries", get(test_time_entries))
        .route(
            "/__test/requests",
            get(test_requests).delete(test_requests_clear),
        )
        .route(
            "/__test/faults",
            post(test_faults_add).delete(test_faults_clear),
        )
        .route("/__test/expire-sessions", post(test_expire_sessions))
        .route("/__test/settings", post(test_settings))
}

async fn test_reset(State(state): State<AppState>) -> Result<StatusCode> {
    state.reset_demo()?;
    state.test().clear_faults();
    state.test().clear_requests();
    Ok(StatusCode::NO_CONTENT)
}

async fn test_time_entries(State(state): State<AppState>) -> Result<Json<Value>> {
    let conn = state.db()?;
    let mut stmt = conn.prepare(
        "SELECT e.id, e.user_id, u.email, e.project_id, e.description, e.start_ms, e.end_ms
         FROM time_entries e JOIN users u ON u.id = e.user_id ORDER BY e.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(json!({
            "id": r.get::<_, i64>(0)?, "userId": r.get::<_, i64>(1)?,
            "userEmail": r.get::<_, String>(2)?, "projectId": r.get::<_, i64>(3)?,
            "description": r.get::<_, String>(4)?,
            "startTime": format_ms(r.get(5)?),
            "endTime": r.get::<_, Option<i64>>(6)?.map(format_ms),
        }))
    })?;
    Ok(Json(Value::Array(rows.collect::<rusqlite::Result<_>>()?)))
}

async fn test_requests(State(state): State<AppState>) -> Result<Json<Value>> {
    let log = state.test().requests.lock().map_err(Error::internal)?;
    Ok(Json(Value::Array(log.clone())))
}

async fn test_requests_clear(State(state): State<AppState>) -> StatusCode {
    state.test().clear_requests();
    StatusCode::NO_CONTENT
}

async fn test_faults_add(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> Result<StatusCode> {
    let mut fault: Fault = serde_json::from_value(Value::Object(body))
        .map_err(|e| Error::bad_request(format!("Invalid fault: {e}")))?;
    if fault.mode == Mode::Delay && fault.delay_ms.is_none() {
        fault.delay_ms = Some(1000);
    }
    if fault.status.is_some_and(|s| !(200..=599).contains(&s)) {
        return Err(Error::field("status", "must be between 200 and 599"));
    }
    if fault.times == Some(0) {
        return Err(Error::field(
            "times",
            "must be at least 1 (omit for until cleared)",
        ));
    }
    state
        .test()
        .faults
        .lock()
        .map_err(Error::internal)?
        .push(fault);
    Ok(StatusCode::NO_CONTENT)
}

async fn test_faults_clear(State(state): State<AppState>) -> StatusCode {
    state.test().clear_faults();
    StatusCode::NO_CONTENT
}

async fn test_expire_sessions(State(state): State<AppState>) -> Result<StatusCode> {
    state.db()?.execute("DELETE FROM sessions", [])?;
    Ok(StatusCode::NO_CONTENT)
}

async fn test_settings(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> Result<StatusCode> {
    match body
        .get("overlap")
        .and_then(Value::as_str)
        .and_then(Overlap::parse)
    {
        Some(o) => state.set_overlap(o),
        None => return Err(Error::field("overlap", "must be \"stop\" or \"reject\"")),
    }
    Ok(StatusCode::NO_CONTENT)
}
