//! Request extractors that answer bad input with our JSON `400` instead of axum's plain-text
//! rejections.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde_json::{Map, Value};

use crate::error::Error;

/// A JSON object body. An empty body counts as `{}` (so `PUT .../stop` may omit it); anything
/// else that is not a JSON object is a `400`.
#[derive(Debug, Clone, Default)]
pub struct JsonBody(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| Error::bad_request(format!("Unreadable body: {}", e.body_text())))?;
        parse_object(&bytes).map(JsonBody)
    }
}

/// Parses a JSON object, mapping every failure to a `400`.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::bad_request("Request body must be a JSON object")),
        Err(e) => Err(Error::bad_request(format!("Malformed JSON body: {e}"))),
    }
}

/// The query string as a map (last value wins); undecodable strings are a `400`.
#[derive(Debug, Clone, Default)]
pub struct QueryMap(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map(|q| QueryMap(q.0))
            .map_err(|_| Error::bad_request("Malformed query string"))
    }
}

impl QueryMap {
    /// A non-empty parameter.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}
