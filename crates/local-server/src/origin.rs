//! `Origin` checks (CSRF) and CORS.
//!
//! Browser extensions with host permission call the API without a preflight: GETs carry no
//! `Origin`, JSON writes carry `chrome-extension://<id>` or `moz-extension://<uuid>`. So:
//! state-changing requests (POST, PUT, PATCH, DELETE) are refused with `403` unless they have
//! no `Origin` (curl, scripts), the server's own origin (the login form) or an allowed origin.
//! Allowed origins (and only those) get credentialed CORS headers: extension origins always,
//! and with `--test-hooks` also `http://127.0.0.1:<port>` / `http://localhost:<port>`, the
//! origin the wasm-bindgen-test runner serves its pages from.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_METHOD, HOST, ORIGIN, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::state::AppState;

const EXTENSION_SCHEMES: &[&str] = &[
    "chrome-extension://",
    "moz-extension://",
    "safari-web-extension://",
];

/// True for `http://127.0.0.1[:port]` and `http://localhost[:port]`.
pub fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else {
        return false;
    };
    let (host, port) = rest.split_once(':').unwrap_or((rest, "80"));
    matches!(host, "127.0.0.1" | "localhost")
        && !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `origin` gets credentialed CORS headers.
pub fn cors_allowed(origin: &str, test_hooks: bool) -> bool {
    let ext = EXTENSION_SCHEMES.iter().any(|s| {
        origin
            .strip_prefix(s)
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
    });
    ext || (test_hooks && is_loopback_origin(origin))
}

fn same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|o| o.eq_ignore_ascii_case(host))
}

fn state_changing(m: &Method) -> bool {
    matches!(
        *m,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

fn add_cors(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    headers.insert(
        ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.insert(
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Date"),
    );
}

/// The middleware: answers preflights, refuses foreign writes, adds CORS headers.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(ORIGIN).cloned();
    let origin_str = origin.as_ref().and_then(|o| o.to_str().ok());
    let allowed = origin_str.is_some_and(|o| cors_allowed(o, state.config().test_hooks));
    if req.method() == Method::OPTIONS && req.headers().contains_key(ACCESS_CONTROL_REQUEST_METHOD)
    {
        let Some(origin) = origin.filter(|_| allowed) else {
            return Error::Forbidden("Origin not allowed".into()).into_response();
        };
        let mut resp = StatusCode::NO_CONTENT.into_response();
        let h = resp.headers_mut();
        add_cors(h, &origin);
        h.insert(
            ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
        );
        h.insert(
            ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Content-Type, Accept"),
        );
        h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        h.append(VARY, HeaderValue::from_static("Origin"));
        return resp;
    }
    if state_changing(req.method()) && origin.is_some() && !allowed {
        let own = origin_str.is_some_and(|o| same_origin(o, req.headers()));
        if !own {
            return Error::Forbidden("Cross-origin request refused".into()).into_response();
        }
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.append(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin.filter(|_| allowed) {
        add_cors(h, &origin);
    }
    resp
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert!(cors_allowed("chrome-extension://abcdef", false));
        assert!(cors_allowed("moz-extension://1234-5678", false));
        assert!(!cors_allowed("chrome-extension://", false));
        assert!(!cors_allowed("https://evil.example", true));
        assert!(!cors_allowed("http://127.0.0.1:9000", false));
        assert!(cors_allowed("http://127.0.0.1:9000", true));
        assert!(cors_allowed("http://localhost:41234", true));
        assert!(!cors_allowed("http://localhost.evil.example:80", true));
        assert!(!cors_allowed("http://127.0.0.1:80/x", true));
    }
}
