//! `/api/time-entries`: list, create (start a timer or log a block), stop, update, delete.
//!
//! Every write runs inside one SQLite transaction while holding the connection mutex, so two
//! concurrent `POST`s of one user are serialized and leave exactly one running timer (the
//! partial unique index `time_entries_one_running` guarantees it again at the database level).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use rusqlite::{Connection, params};
use serde_json::Value;

use crate::auth::CurrentUser;
use crate::config::Overlap;
use crate::db::{ENTRY_COLUMNS, Entry, entry_by_id, running_entry, user_org};
use crate::error::{Error, FieldError, Result};
use crate::extract::{JsonBody, QueryMap};
use crate::input::{Errors, Field, check_project, description_field, id_field, instant_field};
use crate::state::AppState;
use crate::time::{format_ms, now_ms, parse_date, today_utc, utc_midnight_ms};
use crate::webhooks::emit;

/// `/api/time-entries` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/time-entries",
            get(time_entries_list).post(time_entries_create),
        )
        .route(
            "/api/time-entries/{id}",
            put(time_entries_update).delete(time_entries_delete),
        )
        .route("/api/time-entries/{id}/stop", put(time_entries_stop))
}

fn date_param(q: &QueryMap, name: &str, errs: &mut Errors) -> Option<chrono::NaiveDate> {
    let raw = q.0.get(name)?;
    let d = parse_date(raw);
    if d.is_none() {
        errs.push(FieldError::new(name, "must be a date YYYY-MM-DD"));
    }
    d
}

async fn time_entries_list(
    State(state): State<AppState>,
    user: CurrentUser,
    q: QueryMap,
) -> Result<Json<Value>> {
    let mut errs = Vec::new();
    let start = date_param(&q, "startDate", &mut errs);
    let end = date_param(&q, "endDate", &mut errs);
    if !errs.is_empty() {
        return Err(Error::validation(errs));
    }
    let end = end.unwrap_or_else(|| today_utc().max(start.unwrap_or_default()));
    let start = start.unwrap_or(end - chrono::Days::new(13));
    if end < start {
        return Err(Error::field("endDate", "must not be before startDate"));
    }
    let from = utc_midnight_ms(start);
    let to = utc_midnight_ms(end + chrono::Days::new(1));
    let conn = state.db()?;
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM time_entries WHERE user_id = ?1 AND (end_ms IS NULL
           OR (start_ms < ?3 AND (end_ms > ?2 OR start_ms >= ?2)))
         ORDER BY start_ms DESC, id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![user.id, from, to], Entry::from_row)?;
    let entries = rows
        .map(|r| r.map(|e| e.to_json()))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Json(Value::Array(entries)))
}

async fn time_entries_create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(body): JsonBody,
) -> Result<(StatusCode, Json<Value>)> {
    // Lock first, then read the clock: a default start taken before waiting for the lock could
    // fall before the start of a timer that a concurrent request just inserted.
    let mut conn = state.db()?;
    let now = now_ms();
    let mut errs = Vec::new();
    let project = id_field(&body, "projectId", &mut errs).value();
    if !body.contains_key("projectId") || body.get("projectId") == Some(&Value::Null) {
        errs.push(FieldError::new("projectId", "is required"));
    }
    let description = description_field(&body, &mut errs)
        .value()
        .unwrap_or_default();
    let start = instant_field(&body, "startTime", &mut errs)
        .value()
        .unwrap_or(now);
    let end = instant_field(&body, "endTime", &mut errs).value();
    if end.is_some_and(|e| e < start) {
        errs.push(FieldError::new("endTime", "must not be before startTime"));
    }
    if let Some(p) = project {
        check_project(&conn, user.org_id, p, &mut errs)?;
    }
    if !errs.is_empty() {
        return Err(Error::validation(errs));
    }
    let tx = conn.transaction()?;
    let mut stopped = None;
    let running = match end {
        None => running_entry(&tx, user.id)?,
        Some(_) => None, // a completed block never touches the running timer
    };
    if let Some(running) = running {
        if state.overlap() == Overlap::Reject {
            return Err(Error::Conflict(format!(
                "A timer is already running (entry {}); stop it first",
                running.id
            )));
        }
        if start < running.start_ms {
            let msg = format!(
                "is before the start of the running timer ({}); stop that timer first",
                format_ms(running.start_ms)
            );
            return Err(Error::field("startTime", msg));
        }
        stopped = Some(set_end(&tx, running.id, start, now)?);
    }
    tx.execute(
        "INSERT INTO time_entries
         (user_id, project_id, description, start_ms, end_ms, created_ms, updated_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![user.id, project, description, start, end, now],
    )?;
    let entry = load(&tx, tx.last_insert_rowid())?;
    tx.commit()?;
    if let Some(s) = stopped {
        emit(&state, &conn, user.org_id, "time_entry.stopped", &s);
    }
    emit(&state, &conn, user.org_id, "time_entry.created", &entry);
    Ok((StatusCode::CREATED, Json(entry.to_json())))
}

fn set_end(conn: &Connection, id: i64, end: i64, now: i64) -> Result<Entry> {
    conn.execute(
        "UPDATE time_entries SET end_ms = ?2, updated_ms = ?3 WHERE id = ?1",
        params![id, end, now],
    )?;
    load(conn, id)
}

fn load(conn: &Connection, id: i64) -> Result<Entry> {
    entry_by_id(conn, id)?.ok_or_else(|| Error::internal(format!("entry {id} vanished")))
}

/// The entry `id` if it belongs to `user`: `404` if unknown or of another organization,
/// `403` if it is another user's of the same organization.
fn own_entry(conn: &Connection, user: &CurrentUser, id: &str) -> Result<Entry> {
    let not_found = || Error::NotFound("Time entry not found".into());
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let entry = entry_by_id(conn, id)?.ok_or_else(not_found)?;
    if entry.user_id != user.id {
        if user_org(conn, entry.user_id)? == Some(user.org_id) {
            return Err(Error::Forbidden(
                "This time entry belongs to another user".into(),
            ));
        }
        return Err(not_found());
    }
    Ok(entry)
}

async fn time_entries_stop(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>> {
    let conn = state.db()?;
    let entry = own_entry(&conn, &user, &id)?;
    if entry.end_ms.is_some() {
        return Err(Error::Conflict("Time entry is already stopped".into()));
    }
    let mut errs = Vec::new();
    let now = now_ms();
    let end = instant_field(&body, "endTime", &mut errs)
        .value()
        .unwrap_or(now);
    if errs.is_empty() && end < entry.start_ms {
        errs.push(FieldError::new("endTime", "must not be before startTime"));
    }
    if !errs.is_empty() {
        return Err(Error::validation(errs));
    }
    // `end_ms IS NULL` in the WHERE keeps a stopped entry's end untouched even under a race.
    let n = conn.execute(
        "UPDATE time_entries SET end_ms = ?2, updated_ms = ?3 WHERE id = ?1 AND end_ms IS NULL",
        params![entry.id, end, now],
    )?;
    if n == 0 {
        return Err(Error::Conflict("Time entry is already stopped".into()));
    }
    let entry = load(&conn, entry.id)?;
    emit(&state, &conn, user.org_id, "time_entry.stopped", &entry);
    Ok(Json(entry.to_json()))
}

async fn time_entries_update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>> {
    let conn = state.db()?;
    let mut e = own_entry(&conn, &user, &id)?;
    let mut errs = Vec::new();
    match id_field(&body, "projectId", &mut errs) {
        Field::Value(p) if p != e.project_id => {
            check_project(&conn, user.org_id, p, &mut errs)?;
            e.project_id = p;
        }
        Field::Null => errs.push(FieldError::new("projectId", "cannot be null")),
        _ => {}
    }
    match description_field(&body, &mut errs) {
        Field::Value(d) => e.description = d,
        Field::Null => e.description.clear(),
        Field::Absent => {}
    }
    for name in ["startTime", "endTime"] {
        match instant_field(&body, name, &mut errs) {
            Field::Value(t) if name == "startTime" => e.start_ms = t,
            Field::Value(t) => e.end_ms = Some(t),
            Field::Null => errs.push(FieldError::new(
                name,
                "cannot be null (to stop a timer use PUT /api/time-entries/:id/stop)",
            )),
            Field::Absent => {}
        }
    }
    if errs.is_empty() && e.end_ms.is_some_and(|end| end < e.start_ms) {
        let field = if body.contains_key("endTime") {
            "endTime"
        } else {
            "startTime"
        };
        errs.push(FieldError::new(
            field,
            "endTime must not be before startTime",
        ));
    }
    if !errs.is_empty() {
        return Err(Error::validation(errs));
    }
    conn.execute(
        "UPDATE time_entries SET project_id = ?2, description = ?3, start_ms = ?4, end_ms = ?5,
         updated_ms = ?6 WHERE id = ?1",
        params![
            e.id,
            e.project_id,
            e.description,
            e.start_ms,
            e.end_ms,
            now_ms()
        ],
    )?;
    let entry = load(&conn, e.id)?;
    emit(&state, &conn, user.org_id, "time_entry.updated", &entry);
    Ok(Json(entry.to_json()))
}

async fn time_entries_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let conn = state.db()?;
    let entry = own_entry(&conn, &user, &id)?;
    conn.execute("DELETE FROM time_entries WHERE id = ?1", params![entry.id])?;
    emit(&state, &conn, user.org_id, "time_entry.deleted", &entry);
    Ok(StatusCode::NO_CONTENT)
}
