//! Tolerant decoding of API response bodies, with errors that name the offending field.
//!
//! [`decode`] reads one value; [`decode_list`] reads a list that may be a bare array or an
//! object wrapping it in `data` or `items`, decoding each element on its own so one bad
//! element is reported in [`Page::skipped`] instead of losing the whole list.
//!
//! Bodies are parsed to a [`serde_json::Value`] and read by hand-written [`FromJson`] impls
//! (see [`json`]) rather than by serde derives: generic serde deserializers wrapped for
//! path tracking cost far more wasm than a few lines of extraction per model.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod json;

pub use json::{FromJson, Path};

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
        Path::Root.error(message)
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
pub(crate) fn parse_json(body: &str) -> Result<Value, DecodeError> {
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

/// Decodes a response body into `T`; the error names the offending field.
pub fn decode<T: FromJson>(body: &str) -> Result<T, DecodeError> {
    T::from_json(&parse_json(body)?, &Path::Root)
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
pub fn decode_list<T: FromJson>(body: &str) -> Result<Page<T>, DecodeError> {
    let value = parse_json(body)?;
    let root = Path::Root;
    let (elements, total, key) = match &value {
        Value::Array(elements) => (elements, None, None),
        Value::Object(object) => {
            let total = object
                .get("total")
                .or_else(|| object.get("count"))
                .and_then(as_count);
            let (key, list) = match (object.get("data"), object.get("items")) {
                (Some(list), _) => ("data", list),
                (None, Some(list)) => ("items", list),
                (None, None) => {
                    return Err(DecodeError::whole_body(
                        "expected a list: an array, or an object with `data` or `items`",
                    ));
                }
            };
            let Value::Array(elements) = list else {
                return Err(root.key(key).unexpected(list, "an array"));
            };
            (elements, total, Some(key))
        }
        other => return Err(Path::Root.unexpected(other, "a list")),
    };
    let list_path = match key {
        Some(key) => root.key(key),
        None => root,
    };
    let mut page = Page {
        items: Vec::with_capacity(elements.len()),
        total,
        skipped: Vec::new(),
    };
    for (index, element) in elements.iter().enumerate() {
        match T::from_json(element, &list_path.index(index)) {
            Ok(item) => page.items.push(item),
            Err(error) => page.skipped.push(error),
        }
    }
    Ok(page)
}
