//! The one error type of the server and how it becomes an HTTP answer.
//!
//! Every error is JSON (`{"error": "...", "details": [...]}`, see `docs/api.md`); a `500`
//! never carries internals: they are written to stderr and the client sees
//! `{"error": "Internal server error"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

/// One problem with one input field, sent in `details`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the client sent it (`projectId`, `startDate`, ...).
    pub field: String,
    /// What is wrong with it, in words.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `400`: invalid input, with per-field details (possibly empty).
    #[error("{message}")]
    BadRequest {
        /// Summary, e.g. "Validation failed" or "Malformed JSON body".
        message: String,
        /// Per-field problems.
        details: Vec<FieldError>,
    },
    /// `401`: no valid session.
    #[error("Not logged in")]
    Unauthorized,
    /// `403`: someone else's entry, a member doing admin work, a foreign `Origin`.
    #[error("{0}")]
    Forbidden(String),
    /// `404`: unknown resource (or one of another organization).
    #[error("{0}")]
    NotFound(String),
    /// `409`: the state does not allow it (already stopped, timer running with `--overlap reject`).
    #[error("{0}")]
    Conflict(String),
    /// Any other status with a message (method not allowed, injected test faults).
    #[error("{1}")]
    Status(StatusCode, String),
    /// `500`: a bug or an I/O failure; the text is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// `400 Validation failed` with the given field problems.
    pub fn validation(details: Vec<FieldError>) -> Self {
        Self::BadRequest {
            message: "Validation failed".into(),
            details,
        }
    }

    /// `400 Validation failed` about a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    /// `400` with a message and no field details.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest {
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// `500` from anything displayable (logged, not sent).
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Self::Internal(e.to_string())
    }

    /// The HTTP status this error answers with.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Status(code, _) => *code,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Self::internal(format!("sqlite: {e}"))
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = match &self {
            Self::Internal(msg) => {
                eprintln!("perminut-local: {msg}");
                json!({"error": "Internal server error"})
            }
            Self::BadRequest { message, details } => json!({"error": message, "details": details}),
            other => json!({"error": other.to_string()}),
        };
        (status, axum::Json(body)).into_response()
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
