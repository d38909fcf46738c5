//! The one error type for everything the client does, and the one place HTTP statuses are
//! mapped to it ([`ApiError::from_response`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::decode::DecodeError;

mod stored;

/// A problem with one input field, from a `400` response's `details`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field, such as `projectId`.
    pub field: String,
    /// What is wrong with it, such as `is required`.
    pub message: String,
}

/// Everything that can go wrong talking to Perminut.
///
/// Serializable (externally tagged) so the worker can hand it to the popup unchanged. Read
/// back by hand from a [`Value`] (`try_from`): the derived visitor for ten struct variants
/// cost about 12 KB of wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(try_from = "Value")]
pub enum ApiError {
    /// `400`: the server rejected the input.
    #[error("validation failed: {message}")]
    Validation {
        /// The server's message.
        message: String,
        /// Per-field problems, possibly empty.
        details: Vec<FieldError>,
    },
    /// `401`: no valid session.
    #[error("not logged in")]
    Unauthorized,
    /// `403`: the session may not do this.
    #[error("forbidden: {message}")]
    Forbidden {
        /// The server's message.
        message: String,
    },
    /// `404`: no such resource (or not visible to this user).
    #[error("not found: {message}")]
    NotFound {
        /// The server's message.
        message: String,
    },
    /// `409`: the request conflicts with the current state (e.g. stopping a stopped entry).
    #[error("conflict: {message}")]
    Conflict {
        /// The server's message.
        message: String,
    },
    /// `5xx`: the server failed.
    #[error("server error {status}: {message}")]
    Server {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// No answer at all: offline, DNS, refused connection, CORS, or the body could not be read.
    #[error("network error: {message}")]
    Network {
        /// The browser's description.
        message: String,
    },
    /// An answer that could not be understood.
    #[error(transparent)]
    Decode(DecodeError),
    /// The configured API address is not allowed (not https, or not a valid URL).
    #[error("insecure or invalid Perminut address: {url}")]
    InsecureBaseUrl {
        /// The address as given.
        url: String,
    },
    /// Any other status.
    #[error("unexpected status {status}: {message}")]
    Unexpected {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
}

impl From<DecodeError> for ApiError {
    fn from(error: DecodeError) -> Self {
        ApiError::Decode(error)
    }
}

/// The parts of an error body we understand: `{"error", "message", "details"}`.
struct ErrorBody {
    message: Option<String>,
    details: Vec<FieldError>,
}

/// Reads an error body tolerantly; anything unreadable yields no message and no details.
fn parse_error_body(body: &str) -> ErrorBody {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(body) else {
        return ErrorBody {
            message: None,
            details: Vec::new(),
        };
    };
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    // `message` is usually the more specific of the two when both are present.
    let message = text("message").or_else(|| text("error")).map(str::to_owned);
    let details = object
        .get("details")
        .or_else(|| object.get("errors"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(field_error).collect())
        .unwrap_or_default();
    ErrorBody { message, details }
}

/// One `details` element: `{"field", "message"}` (also `path`/`param` for the field).
fn field_error(value: &Value) -> Option<FieldError> {
    let get = |key: &str| value.get(key).and_then(Value::as_str);
    let field = get("field")
        .or_else(|| get("path"))
        .or_else(|| get("param"))?;
    let message = get("message")
        .or_else(|| get("msg"))
        .unwrap_or("is invalid");
    Some(FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    })
}

impl ApiError {
    /// Maps a non-2xx response to an error. This is the only place statuses are mapped.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let parsed = parse_error_body(body);
        let message = parsed
            .message
            .unwrap_or_else(|| generic_message(status).to_owned());
        match status {
            400 | 422 => ApiError::Validation {
                message,
                details: parsed.details,
            },
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden { message },
            404 => ApiError::NotFound { message },
            409 => ApiError::Conflict { message },
            500..=599 => ApiError::Server { status, message },
            _ => ApiError::Unexpected { status, message },
        }
    }

    /// Whether trying the same request again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. }
                | ApiError::Server {
                    status: 502..=504,
                    ..
                }
        )
    }

    /// The server's message for one field of a validation error, if it named that field.
    pub fn field_error(&self, field: &str) -> Option<&str> {
        match self {
            ApiError::Validation { details, .. } => details
                .iter()
                .find(|d| d.field == field)
                .map(|d| d.message.as_str()),
            _ => None,
        }
    }

    /// What happened and what to do, in plain words for the popup.
    pub fn user_message(&self) -> String {
        match self {
            ApiError::Validation { message, details } => {
                let mut text = format!("Perminut did not accept this: {}", end_sentence(message));
                for detail in details {
                    text.push_str(&format!(
                        " {}: {}",
                        detail.field,
                        end_sentence(&detail.message)
                    ));
                }
                text.push_str(" Correct it, then try again.");
                text
            }
            ApiError::Unauthorized => {
                "You are not logged in to Perminut. Log in, then try again.".into()
            }
            ApiError::Forbidden { .. } => "You do not have permission to do that in Perminut. \
                Ask an administrator of your organization if you need it."
                .into(),
            ApiError::NotFound { .. } => "That item no longer exists in Perminut; it may have \
                been deleted elsewhere. Refresh to see the current list."
                .into(),
            ApiError::Conflict { message } => format!(
                "Perminut refused because something changed meanwhile ({}). Refresh to see \
                 the current state.",
                message.trim_end_matches('.')
            ),
            ApiError::Server { status, .. } => format!(
                "Perminut had a problem on its side (error {status}). Try again in a moment; \
                 nothing you did is lost."
            ),
            ApiError::Network { .. } => "Perminut could not be reached. Check your connection; \
                nothing you did is lost."
                .into(),
            ApiError::Decode(_) => "Perminut sent an answer this extension does not understand. \
                Try again later; if it keeps happening, update the extension."
                .into(),
            ApiError::InsecureBaseUrl { url } => format!(
                "The Perminut address \"{url}\" is not allowed. Use an https:// address \
                 (plain http:// only for 127.0.0.1 or localhost)."
            ),
            ApiError::Unexpected { status, .. } => format!(
                "Perminut answered in an unexpected way (status {status}). Try again later."
            ),
        }
    }
}

/// A sentence-ending full stop unless the text already has one.
fn end_sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The message used when the body carried none (or was not JSON).
fn generic_message(status: u16) -> &'static str {
    match status {
        400 | 422 => "The request was not valid",
        401 => "Not logged in",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict with the current state",
        500..=599 => "The server failed",
        _ => "Unexpected response",
    }
}
