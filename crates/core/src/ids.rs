//! Newtype ids for the resources the API returns.
//!
//! Each id serializes as a JSON number and deserializes from a number or a numeric string
//! (`12` or `"12"`), because some Perminut deployments send ids as strings. Anything else
//! (floats, empty or non-numeric strings, booleans) is a decode error that says what was
//! expected.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every id deserializer expects, used in error messages.
const EXPECTED: &str = "an id: a whole number or a string of digits";

/// Visitor shared by all id types: accepts integers and numeric strings.
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("id {v} is too large")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::invalid_value(de::Unexpected::Str(v), &EXPECTED));
        }
        v.parse::<i64>()
            .map_err(|_| E::custom(format!("id \"{v}\" is too large")))
    }
}

/// Deserializes an id from a number or a numeric string.
fn deserialize_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(IdVisitor)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_id(deserializer).map(Self)
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
