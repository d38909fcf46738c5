//! Tolerant decoding of response bodies, with errors that name the offending field.
//!
//! [`decode`] reads one value; [`decode_list`] reads a list that may be a bare array or an
//! object wrapping it in `data` or `items`, decoding each element on its own so one bad
//! element is reported in [`Page::skipped`] instead of losing the whole list.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A response body that could not be read, with the JSON path of the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unexpected response from Perminut at `{path}`: {message}")]
pub struct DecodeError {
    /// Where the problem is, such as `data[3].startTime`; `$` for the whole body.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl DecodeError {
    fn whole_body(message: impl Into<String>) -> Self {
        DecodeError {
            path: "$".into(),
            message: message.into(),
        }
    }
}

/// One page of a list: the elements that decoded, the reported total, and what was skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The elements that decoded, in server order.
    pub items: Vec<T>,
    /// The total the server reported (`total` or `count`), if any.
    pub total: Option<u64>,
    /// Elements that did not decode, each with its index in the path.
    pub skipped: Vec<DecodeError>,
}

impl<T> Page<T> {
    /// How many elements the server sent on this page, decoded or not.
    pub fn received(&self) -> usize {
        self.items.len() + self.skipped.len()
    }
}

/// Most characters of a non-JSON body quoted in an error.
const SNIPPET_CHARS: usize = 80;

/// A short, single-line quote of the start of a body.
fn snippet(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(SNIPPET_CHARS).collect();
    if flat.chars().count() > SNIPPET_CHARS {
        out.pop();
        out.push('…');
    }
    out
}

/// Parses the body as JSON, or says it was not JSON with a short quote of it.
fn parse_json(body: &str) -> Result<Value, DecodeError> {
    if body.trim().is_empty() {
        return Err(DecodeError::whole_body(
            "the response was not JSON: it was empty",
        ));
    }
    serde_json::from_str(body).map_err(|e| {
        DecodeError::whole_body(format!(
            "the response was not JSON ({e}); it starts with: {}",
            snippet(body)
        ))
    })
}

/// Joins a prefix such as `data[3]` and an inner serde path such as `startTime`.
fn join_path(prefix: &str, inner: &serde_path_to_error::Path) -> String {
    let inner = inner.to_string();
    match (prefix.is_empty(), inner.as_str()) {
        (true, ".") => "$".into(),
        (true, _) => inner,
        (false, ".") => prefix.into(),
        (false, rest) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, rest) => format!("{prefix}.{rest}"),
    }
}

/// Decodes one value from a JSON value, naming the failing path under `prefix`.
fn decode_value<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|e| DecodeError {
        path: join_path(prefix, e.path()),
        message: e.into_inner().to_string(),
    })
}

/// Decodes a response body into `T`; the error names the offending field.
pub fn decode<T: DeserializeOwned>(body: &str) -> Result<T, DecodeError> {
    decode_value(parse_json(body)?, "")
}

/// Reads a count that may be a number or a numeric string.
fn as_count(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Decodes a list: a bare array, or an object with `data` or `items` (and optional `total`
/// or `count`). Each element is decoded separately; bad ones land in [`Page::skipped`].
pub fn decode_list<T: DeserializeOwned>(body: &str) -> Result<Page<T>, DecodeError> {
    let (elements, total, key) = match parse_json(body)? {
        Value::Array(elements) => (elements, None, ""),
        Value::Object(mut object) => {
            let total = object
                .get("total")
                .or_else(|| object.get("count"))
                .and_then(as_count);
            let (key, list) = if let Some(list) = object.remove("data") {
                ("data", list)
            } else if let Some(list) = object.remove("items") {
                ("items", list)
            } else {
                return Err(DecodeError::whole_body(
                    "expected a list: an array, or an object with `data` or `items`",
                ));
            };
            match list {
                Value::Array(elements) => (elements, total, key),
                other => {
                    return Err(DecodeError {
                        path: key.into(),
                        message: format!("expected an array, found {}", kind(&other)),
                    });
                }
            }
        }
        other => {
            return Err(DecodeError::whole_body(format!(
                "expected a list, found {}",
                kind(&other)
            )));
        }
    };
    let mut page = Page {
        items: Vec::with_capacity(elements.len()),
        total,
        skipped: Vec::new(),
    };
    for (index, element) in elements.into_iter().enumerate() {
        match decode_value(element, &format!("{key}[{index}]")) {
            Ok(item) => page.items.push(item),
            Err(error) => page.skipped.push(error),
        }
    }
    Ok(page)
}

/// A word for the kind of a JSON value, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
