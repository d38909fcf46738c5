//! Reading a stored [`ApiError`] back (the worker persists it in its state for the popup):
//! by hand from a [`Value`], because serde's derived visitor for ten struct variants cost
//! about 12 KB of wasm. Writing stays the derived, externally tagged form.

use serde_json::Value;

use super::{ApiError, FieldError};
use crate::decode::DecodeError;
use crate::decode::json::{FromJson, Path, object, required};

impl FromJson for FieldError {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = object(value, path, "a field error (an object)")?;
        Ok(FieldError {
            field: required(fields, "field", path)?,
            message: required(fields, "message", path)?,
        })
    }
}

impl TryFrom<Value> for ApiError {
    type Error = DecodeError;

    /// Reads the externally tagged form the derive writes: `"Unauthorized"` or
    /// `{"Variant": {fields}}`.
    fn try_from(value: Value) -> Result<Self, DecodeError> {
        let root = Path::Root;
        if value.as_str() == Some("Unauthorized") {
            return Ok(ApiError::Unauthorized);
        }
        let tagged = object(&value, &root, "an error (a string or an object)")?;
        let (kind, body) = match tagged.iter().next() {
            Some(only) if tagged.len() == 1 => only,
            _ => return Err(root.error("expected an object with exactly one variant")),
        };
        let path = root.key(kind);
        let fields = object(body, &path, "the variant's fields (an object)")?;
        let text = |key: &str| required::<String>(fields, key, &path);
        let status = || {
            fields
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok())
                .ok_or_else(|| path.error("missing or invalid `status`"))
        };
        Ok(match kind.as_str() {
            "Validation" => ApiError::Validation {
                message: text("message")?,
                details: required(fields, "details", &path)?,
            },
            "Forbidden" => ApiError::Forbidden {
                message: text("message")?,
            },
            "NotFound" => ApiError::NotFound {
                message: text("message")?,
            },
            "Conflict" => ApiError::Conflict {
                message: text("message")?,
            },
            "Server" => ApiError::Server {
                status: status()?,
                message: text("message")?,
            },
            "Network" => ApiError::Network {
                message: text("message")?,
            },
            "Decode" => ApiError::Decode(DecodeError {
                path: text("path")?,
                message: text("message")?,
            }),
            "InsecureBaseUrl" => ApiError::InsecureBaseUrl { url: text("url")? },
            "Unexpected" => ApiError::Unexpected {
                status: status()?,
                message: text("message")?,
            },
            other => return Err(root.error(format!("unknown error kind `{other}`"))),
        })
    }
}
