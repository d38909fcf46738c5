//! Reading and validating the fields of JSON request bodies.
//!
//! Fields are read from a `serde_json::Map` by hand rather than through `#[derive(Deserialize)]`
//! so that "absent", "null" and "wrong type" can be told apart (a partial `PUT` needs that) and
//! every problem is reported with its field name.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use crate::error::{FieldError, Result};
use crate::time::parse_instant;

/// Longest accepted description, in characters.
pub const MAX_DESCRIPTION: usize = 2000;

/// A body field: missing, explicitly `null`, or a valid value. Invalid values are reported to
/// the error list and read as `Absent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<T> {
    /// Not in the body (or invalid, with an error recorded).
    Absent,
    /// `null`.
    Null,
    /// A valid value.
    Value(T),
}

impl<T> Field<T> {
    /// The value, if there is one.
    pub fn value(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Errors collected while reading one body.
pub type Errors = Vec<FieldError>;

/// A JSON integer id (a numeric string is refused: the contract says integer).
pub fn id_field(body: &Map<String, Value>, name: &str, errs: &mut Errors) -> Field<i64> {
    match body.get(name) {
        None => Field::Absent,
        Some(Value::Null) => Field::Null,
        Some(v) => match v.as_i64() {
            Some(id) if id > 0 => Field::Value(id),
            _ => {
                errs.push(FieldError::new(name, "must be a positive integer"));
                Field::Absent
            }
        },
    }
}

/// The description: a string of at most [`MAX_DESCRIPTION`] characters.
pub fn description_field(body: &Map<String, Value>, errs: &mut Errors) -> Field<String> {
    match body.get("description") {
        None => Field::Absent,
        Some(Value::Null) => Field::Null,
        Some(Value::String(s)) if s.chars().count() <= MAX_DESCRIPTION => Field::Value(s.clone()),
        Some(Value::String(_)) => {
            let msg = format!("must be at most {MAX_DESCRIPTION} characters");
            errs.push(FieldError::new("description", msg));
            Field::Absent
        }
        Some(_) => {
            errs.push(FieldError::new("description", "must be a string"));
            Field::Absent
        }
    }
}

/// An ISO-8601 instant with an offset, as UTC milliseconds.
pub fn instant_field(body: &Map<String, Value>, name: &str, errs: &mut Errors) -> Field<i64> {
    match body.get(name) {
        None => Field::Absent,
        Some(Value::Null) => Field::Null,
        Some(Value::String(s)) => match parse_instant(s) {
            Some(ms) => Field::Value(ms),
            None => {
                let msg =
                    "must be an ISO-8601 date-time with offset, e.g. 2026-03-17T10:00:00.000Z";
                errs.push(FieldError::new(name, msg));
                Field::Absent
            }
        },
        Some(_) => {
            errs.push(FieldError::new(name, "must be an ISO-8601 string"));
            Field::Absent
        }
    }
}

/// Records an error unless `project_id` is an active project of organization `org_id`.
/// Another organization's project reads as unknown (its existence is not revealed).
pub fn check_project(
    conn: &Connection,
    org_id: i64,
    project_id: i64,
    errs: &mut Errors,
) -> Result<()> {
    let archived: Option<bool> = conn
        .query_row(
            "SELECT archived FROM projects WHERE id = ?1 AND organization_id = ?2",
            params![project_id, org_id],
            |r| r.get(0),
        )
        .optional()?;
    match archived {
        None => errs.push(FieldError::new(
            "projectId",
            "no such project in your organization",
        )),
        Some(true) => errs.push(FieldError::new("projectId", "project is archived")),
        Some(false) => {}
    }
    Ok(())
}
