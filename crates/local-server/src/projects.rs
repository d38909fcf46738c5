//! `GET /api/projects`: the active projects of the user's organization, paged.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::params;
use serde_json::{Value, json};

use crate::auth::CurrentUser;
use crate::error::{Error, FieldError, Result};
use crate::extract::QueryMap;
use crate::state::AppState;

/// Page size bounds for `limit`.
pub const MAX_LIMIT: i64 = 200;
const DEFAULT_LIMIT: i64 = 50;

/// `/api/projects` routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/projects", get(projects_list))
}

fn int_param(
    q: &QueryMap,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, FieldError> {
    let Some(raw) = q.0.get(name) else {
        return Ok(default);
    };
    match raw.parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        Ok(_) if max == i64::MAX => Err(FieldError::new(name, format!("must be at least {min}"))),
        Ok(_) => Err(FieldError::new(
            name,
            format!("must be between {min} and {max}"),
        )),
        Err(_) => Err(FieldError::new(name, "must be an integer")),
    }
}

async fn projects_list(
    State(state): State<AppState>,
    user: CurrentUser,
    q: QueryMap,
) -> Result<Json<Value>> {
    let limit = int_param(&q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    let offset = int_param(&q, "offset", 0, 0, i64::MAX);
    let (limit, offset) = match (limit, offset) {
        (Ok(l), Ok(o)) => (l, o),
        (l, o) => {
            return Err(Error::validation(
                [l.err(), o.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let conn = state.db()?;
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM projects WHERE organization_id = ?1 AND archived = 0",
        params![user.org_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, color, organization_id, archived FROM projects
         WHERE organization_id = ?1 AND archived = 0
         ORDER BY lower(name), id LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![user.org_id, limit, offset], |r| {
        Ok(json!({
            "id": r.get::<_, i64>(0)?,
            "name": r.get::<_, String>(1)?,
            "color": r.get::<_, String>(2)?,
            "organizationId": r.get::<_, i64>(3)?,
            "archived": r.get::<_, bool>(4)?,
        }))
    })?;
    let data = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Json(
        json!({"data": data, "total": total, "limit": limit, "offset": offset}),
    ))
}
