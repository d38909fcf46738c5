//! Newtype ids for the resources the API returns.
//!
//! Each id is a JSON number in our own storage and messages (plain serde). Read from the
//! API ([`FromJson`]) it may also be a numeric string (`12` or `"12"`), because some Perminut
//! deployments send ids as strings. Anything else (floats, empty or non-numeric strings,
//! booleans) is a decode error that says what was expected.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::decode::DecodeError;
use crate::decode::json::{FromJson, Path};

/// What every id expects, used in error messages.
const EXPECTED: &str = "an id: a whole number or a string of digits";

/// Reads an id from a number or a numeric string.
fn id_from_json(value: &Value, path: &Path<'_>) -> Result<i64, DecodeError> {
    match value {
        Value::Number(number) => match (number.as_i64(), number.as_u64()) {
            (Some(id), _) => Ok(id),
            (None, Some(id)) => Err(path.error(format!("id {id} is too large"))),
            (None, None) => Err(path.unexpected(value, EXPECTED)),
        },
        Value::String(text) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(path.unexpected(value, EXPECTED));
            }
            text.parse::<i64>()
                .map_err(|_| path.error(format!("id \"{text}\" is too large")))
        }
        other => Err(path.unexpected(other, EXPECTED)),
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl FromJson for $name {
            fn from_json(value: &Value, path: &Path<'_>) -> Result<Self, DecodeError> {
                id_from_json(value, path).map(Self)
            }
        }
    };
}

id_type!(
    /// The id of a Perminut user.
    UserId
);
id_type!(
    /// The id of an organization (a Perminut workspace).
    OrganizationId
);
id_type!(
    /// The id of a project time is tracked against.
    ProjectId
);
id_type!(
    /// The id of a time entry (a running timer or a completed block).
    TimeEntryId
);
