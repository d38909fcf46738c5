//! Hand-written extraction of API values from a parsed [`Value`], naming the path of any
//! problem: the [`FromJson`] trait, the [`Path`] it reports, and the small helpers each
//! model's impl is made of.
//!
//! Tolerance lives here and in the impls, not in serde: the serde derives on the models are
//! plain and canonical, for our own storage and messages.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::decode::DecodeError;

/// A JSON object, as the helpers take it.
pub type Object = Map<String, Value>;

/// A value that can be read from API JSON, tolerating the variants in `docs/api.md`.
pub trait FromJson: Sized {
    /// Reads `value`, which sits at `path`; errors name the offending path.
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError>;
}

/// Where a value sits in the body, as a chain of borrowed steps: nothing is allocated
/// unless an error is reported.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The whole body.
    Root,
    /// A field of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `key` below this one.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of element `index` below this one.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, index) => {
                parent.write(out);
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }

    /// Renders the path like `data[3].startTime`, or `$` for the whole body.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        if out.is_empty() {
            out.push('$');
        }
        out
    }

    /// An error at this path.
    pub fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError {
            path: self.render(),
            message: message.into(),
        }
    }

    /// An error at this path saying what was expected and what was found instead.
    pub fn unexpected(&self, found: &Value, expected: &str) -> DecodeError {
        self.error(format!("expected {expected}, found {}", describe(found)))
    }
}

/// Longest string quoted back in an error message.
const QUOTE_CHARS: usize = 40;

/// A few words for a value in an error message; strings and numbers are quoted.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let quoted: String = s.chars().take(QUOTE_CHARS).collect();
            format!("the string \"{quoted}\"")
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `value` as an object, or an error saying `what` was expected.
pub fn object<'v>(
    value: &'v Value,
    path: &Path<'_>,
    what: &str,
) -> Result<&'v Object, DecodeError> {
    value
        .as_object()
        .ok_or_else(|| path.unexpected(value, what))
}

/// Field `key` of `object`; a missing one is reported at the object's path, like serde does.
pub fn required<T: FromJson>(
    object: &Object,
    key: &str,
    path: &Path<'_>,
) -> Result<T, DecodeError> {
    match object.get(key) {
        Some(value) => T::from_json(value, &path.key(key)),
        None => Err(path.error(format!("missing field `{key}`"))),
    }
}

/// Field `key` of `object`, `None` when it is missing or `null`.
pub fn optional<T: FromJson>(
    object: &Object,
    key: &str,
    path: &Path<'_>,
) -> Result<Option<T>, DecodeError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_json(value, &path.key(key)).map(Some),
    }
}

/// A string field where `null` or a missing field means empty.
pub fn string_or_empty(object: &Object, key: &str, path: &Path<'_>) -> Result<String, DecodeError> {
    Ok(optional(object, key, path)?.unwrap_or_default())
}

/// An optional instant: `null`, a missing field or an empty string is `None`.
pub fn optional_instant(
    object: &Object,
    key: &str,
    path: &Path<'_>,
) -> Result<Option<DateTime<Utc>>, DecodeError> {
    match object.get(key) {
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        _ => optional(object, key, path),
    }
}

impl FromJson for String {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => Err(path.unexpected(other, "a string")),
        }
    }
}

/// Any JSON, unchanged (for callers that inspect it themselves, such as settings migration).
impl FromJson for Value {
    fn from_json(value: &Value, _path: &Path<'_>) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
}

/// An array whose elements must all decode; an error names the element's index.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        let Value::Array(elements) = value else {
            return Err(path.unexpected(value, "an array"));
        };
        elements
            .iter()
            .enumerate()
            .map(|(index, element)| T::from_json(element, &path.index(index)))
            .collect()
    }
}

/// An instant in RFC 3339: `Z` or an offset, fractional seconds optional.
impl FromJson for DateTime<Utc> {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::String(text) => crate::instant::parse(text).map_err(|e| path.error(e)),
            other => Err(path.unexpected(other, "an ISO-8601 instant")),
        }
    }
}

/// A calendar day as `YYYY-MM-DD`.
impl FromJson for NaiveDate {
    fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::String(text) => crate::instant::parse_date(text).map_err(|e| path.error(e)),
            other => Err(path.unexpected(other, "a date (YYYY-MM-DD)")),
        }
    }
}
