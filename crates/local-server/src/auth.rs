//! Sessions: the login form, `POST /login`, `POST /logout`, `GET /` and the [`CurrentUser`]
//! extractor that every `/api/*` handler takes (`401` without a valid `connect.sid`).
//!
//! The cookie holds 32 random bytes in hex; the database stores only their SHA-256, so a
//! leaked database file does not leak live sessions. Sessions last 14 days.

use axum::extract::{FromRequestParts, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rand::RngCore;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::extract::{QueryMap, parse_object};
use crate::pages;
use crate::state::AppState;
use crate::time::now_ms;

/// The session cookie's name (the one the real service uses).
pub const COOKIE_NAME: &str = "connect.sid";
const SESSION_MS: i64 = 14 * 24 * 3600 * 1000;

/// The logged-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// User id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Login email.
    pub email: String,
    /// `member` or `admin`.
    pub role: String,
    /// Organization id.
    pub org_id: i64,
    /// Organization name.
    pub org_name: String,
}

impl CurrentUser {
    /// The user as `GET /api/auth/me` sends it.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "email": self.email, "role": self.role,
            "organizationId": self.org_id,
            "organization": {"id": self.org_id, "name": self.org_name},
        })
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        session_user(&parts.headers, state)?.ok_or(Error::Unauthorized)
    }
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE_NAME)
        .map(|(_, v)| v.to_owned())
}

/// The user of the session cookie in `headers`, if valid and not expired.
pub fn session_user(headers: &HeaderMap, state: &AppState) -> Result<Option<CurrentUser>> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    let conn = state.db()?;
    let user = conn
        .query_row(
            "SELECT u.id, u.name, u.email, u.role, o.id, o.name
             FROM sessions s JOIN users u ON u.id = s.user_id
             JOIN organizations o ON o.id = u.organization_id
             WHERE s.token_hash = ?1 AND s.expires_ms > ?2",
            params![token_hash(&token), now_ms()],
            |r| {
                Ok(CurrentUser {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                    role: r.get(3)?,
                    org_id: r.get(4)?,
                    org_name: r.get(5)?,
                })
            },
        )
        .optional()?;
    Ok(user)
}

/// Login, logout and the two HTML pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::login_form).post(login))
        .route("/logout", post(logout))
        .route("/api/auth/me", get(auth_me))
}

async fn auth_me(user: CurrentUser) -> Json<Value> {
    Json(user.to_json())
}

/// A same-origin path to go to after login, or `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.into(),
        _ => "/".into(),
    }
}

async fn login(State(state): State<AppState>, headers: HeaderMap, body: String) -> Response {
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (email, password, next) = if is_json {
        match parse_object(body.as_bytes()) {
            Ok(m) => {
                let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                (s("email"), s("password"), None)
            }
            Err(e) => return e.into_response(),
        }
    } else {
        let form: QueryMap = match axum::extract::Query::try_from_uri(
            &format!("/?{body}").parse().unwrap_or_default(),
        ) {
            Ok(q) => QueryMap(q.0),
            Err(_) => QueryMap::default(),
        };
        let s = |k: &str| form.get(k).unwrap_or("").to_owned();
        (s("email"), s("password"), Some(s("next")))
    };
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    match check_password(&state, &email, &password).await {
        Ok(Some(user)) => match start_session(&state, &user, secure) {
            Ok(cookie) if is_json => ([(SET_COOKIE, cookie)], Json(user.to_json())).into_response(),
            Ok(cookie) => {
                let to = safe_next(next.as_deref().filter(|n| !n.is_empty()));
                let location = HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/"));
                (
                    StatusCode::SEE_OTHER,
                    [(SET_COOKIE, cookie), (LOCATION, location)],
                )
                    .into_response()
            }
            Err(e) => e.into_response(),
        },
        Ok(None) if is_json => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "Invalid email or password"})),
        )
            .into_response(),
        Ok(None) => {
            let page =
                pages::login_page(&state, next.as_deref(), Some("Invalid email or password"));
            (StatusCode::UNAUTHORIZED, Html(page)).into_response()
        }
        Err(e) => e.into_response(),
    }
}

async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<Option<CurrentUser>> {
    let found = {
        let conn = state.db()?;
        conn.query_row(
            "SELECT u.id, u.name, u.email, u.role, o.id, o.name, u.password_hash
             FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = ?1",
            params![email.trim()],
            |r| {
                let user = CurrentUser {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                    role: r.get(3)?,
                    org_id: r.get(4)?,
                    org_name: r.get(5)?,
                };
                Ok((user, r.get::<_, String>(6)?))
            },
        )
        .optional()?
    };
    let Some((user, hash)) = found else {
        return Ok(None);
    };
    let password = password.to_owned();
    // argon2 is slow on purpose: keep it off the async workers.
    let ok = tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        PasswordHash::new(&hash)
            .map(|h| {
                argon2::Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(Error::internal)?;
    Ok(ok.then_some(user))
}

fn start_session(state: &AppState, user: &CurrentUser, secure: bool) -> Result<HeaderValue> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = now_ms();
    let conn = state.db()?;
    conn.execute("DELETE FROM sessions WHERE expires_ms <= ?1", params![now])?;
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, expires_ms) VALUES (?1, ?2, ?3)",
        params![token_hash(&token), user.id, now + SESSION_MS],
    )?;
    let max_age = SESSION_MS / 1000;
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}"
    ))
    .map_err(Error::internal)
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = cookie_token(&headers) {
        let conn = state.db()?;
        conn.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            params![token_hash(&token)],
        )?;
    }
    let clear = format!("{COOKIE_NAME}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, clear)]).into_response())
}
