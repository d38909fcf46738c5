//! A local, Perminut-compatible API server for demos and end-to-end tests.
//!
//! It speaks the JSON fixed in `docs/api.md`: session login with a `connect.sid` cookie,
//! projects, time entries, dashboard statistics, admin webhooks, and (with `--test-hooks`)
//! `/__test/*` routes for reset, inspection and fault injection.
//!
//! # Why rusqlite behind one mutex
//! This is a local server for one person or one test suite. `rusqlite` (SQLite bundled, no
//! system library, no async runtime of its own) is simple and synchronous; one connection
//! behind a `std::sync::Mutex` is plenty for that load (see the figures below) and makes the
//! hard guarantees trivial: a `POST /api/time-entries` checks for a running timer, stops or
//! refuses it and inserts the new one inside one transaction while holding the lock, so two
//! concurrent `POST`s of one user leave exactly one running timer (a partial unique index
//! guarantees it once more). `sqlx` would bring a pool, macros and a much longer build on a
//! two-core machine for nothing we need. Handlers never hold the lock across an `.await`.
//! Argon2 verification, the only slow step, runs on the blocking pool.
//!
//! # TLS
//! Not built in: `--tls-cert`/`--tls-key` are accepted and refused at start with a message
//! saying to put a TLS reverse proxy in front (rustls would double the build). Behind such a
//! proxy, `X-Forwarded-Proto: https` on `POST /login` adds `Secure` to the cookie. Webhooks are
//! delivered with reqwest without TLS: `http://` receivers only (enable reqwest's `rustls-tls`
//! feature for `https://`).
//!
//! # Layout
//! [`app`] builds the router (tests call it in-process with `tower::ServiceExt::oneshot`);
//! [`server::start`] runs it on a real socket; `main.rs` only parses flags and serves.
//! One module per resource: [`auth`], [`projects`], [`time_entries`], [`stats`],
//! [`webhooks`], [`test_hooks`]; plus [`db`], [`error`], [`origin`].
//!
//! # Throughput
//! `benches/throughput.rs`, 4 loopback clients on the 2-core machine under load from other
//! builds: `GET /api/time-entries` 3,600–5,300 req/s (p99 9–14 ms); `POST` + `PUT stop`
//! 3,700 req/s (p99 14 ms per pair). Details in `docs/api.md` ("Local server performance").

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod input;
pub mod origin;
pub mod pages;
pub mod projects;
pub mod seed;
pub mod server;
mod state;
pub mod stats;
pub mod test_hooks;
pub mod time;
pub mod time_entries;
pub mod webhooks;

pub use config::{Config, Overlap};
pub use error::Error;
pub use state::AppState;

/// The whole application. `/__test/*` is mounted only when `state.config().test_hooks`.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new()
        .merge(auth::router())
        .merge(projects::router())
        .merge(time_entries::router())
        .merge(stats::router())
        .merge(webhooks::router());
    if state.config().test_hooks {
        router = router.merge(test_hooks::router());
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), test_hooks::api_layer))
        .layer(from_fn_with_state(state.clone(), origin::guard))
        .with_state(state)
}

/// Unknown routes: `401` under `/api/` without a session (every API route needs one), else
/// `404`; always JSON.
async fn not_found(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        match auth::session_user(&headers, &state) {
            Ok(None) => return Error::Unauthorized.into_response(),
            Err(e) => return e.into_response(),
            Ok(Some(_)) => {}
        }
    }
    Error::NotFound("Not found".into()).into_response()
}

async fn method_not_allowed() -> Response {
    Error::Status(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed".into()).into_response()
}
