//! `GET /api/dashboard/stats/:range`: totals per local day and per project for the day, ISO
//! week (Monday first) or month containing `date` (default: today in `timezone`).
//!
//! Day boundaries are local midnights converted to UTC through `chrono-tz`, so a day is 23 or
//! 25 hours long across a DST change. Each entry's overlap with each day is truncated to whole
//! seconds once, and every total is a sum of those pieces: the period total always equals the
//! sum of its days and of its projects. A running timer counts up to now.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::params;
use serde_json::{Value, json};

use crate::auth::CurrentUser;
use crate::error::{Error, Result};
use crate::extract::QueryMap;
use crate::state::AppState;
use crate::time::{now_ms, parse_date};

/// `/api/dashboard/stats/{range}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/dashboard/stats/{range}", get(stats_get))
}

/// First and last day of the `range` period containing `date`.
pub fn period(range: &str, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match range {
        "daily" => Some((date, date)),
        "weekly" => {
            let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
            Some((monday, monday + Days::new(6)))
        }
        "monthly" => {
            let first = date.with_day(1)?;
            Some((first, first + Months::new(1) - Days::new(1)))
        }
        _ => None,
    }
}

/// The UTC instant (ms) at which local `date` begins in `tz`. If midnight does not exist (a DST
/// gap at midnight), the day begins at the first local minute that does.
pub fn local_midnight_ms(tz: Tz, date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=180)
        .find_map(|m| {
            tz.from_local_datetime(&(midnight + chrono::Duration::minutes(m)))
                .earliest()
        })
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|| midnight.and_utc().timestamp_millis())
}

async fn stats_get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(range): Path<String>,
    q: QueryMap,
) -> Result<Json<Value>> {
    let tz_name = q.get("timezone").unwrap_or("UTC");
    let tz: Tz = tz_name
        .parse()
        .map_err(|_| Error::field("timezone", "unknown IANA time zone"))?;
    let now = now_ms();
    let date = match q.0.get("date") {
        Some(d) => {
            parse_date(d).ok_or_else(|| Error::field("date", "must be a date YYYY-MM-DD"))?
        }
        None => Utc
            .timestamp_millis_opt(now)
            .single()
            .map(|t| t.with_timezone(&tz).date_naive())
            .unwrap_or_default(),
    };
    let (first, last) = period(&range, date)
        .ok_or_else(|| Error::field("range", "must be one of daily, weekly, monthly"))?;
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let bounds: Vec<i64> = days
        .iter()
        .chain(std::iter::once(&(last + Days::new(1))))
        .map(|d| local_midnight_ms(tz, *d))
        .collect();
    let (from, to) = (bounds[0], bounds[bounds.len() - 1]);

    let conn = state.db()?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.project_id, e.start_ms, e.end_ms, p.name, p.color
         FROM time_entries e JOIN projects p ON p.id = e.project_id
         WHERE e.user_id = ?1 AND e.start_ms < ?3 AND (e.end_ms IS NULL OR e.end_ms > ?2)",
    )?;
    let rows = stmt.query_map(params![user.id, from, to], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut day_totals = vec![0_i64; days.len()];
    let mut projects: HashMap<i64, (String, String, i64)> = HashMap::new();
    for row in rows {
        let (project_id, start, end, name, color) = row?;
        let end = end.unwrap_or(now.max(start));
        for (i, total) in day_totals.iter_mut().enumerate() {
            let overlap = end.min(bounds[i + 1]) - start.max(bounds[i]);
            if overlap > 0 {
                let secs = overlap / 1000;
                *total += secs;
                projects
                    .entry(project_id)
                    .or_insert((name.clone(), color.clone(), 0))
                    .2 += secs;
            }
        }
    }
    let mut projects: Vec<_> = projects.into_iter().filter(|(_, p)| p.2 > 0).collect();
    projects.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(&b.0)));
    let fmt = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(Json(json!({
        "range": range,
        "timezone": tz.name(),
        "startDate": fmt(&first),
        "endDate": fmt(&last),
        "totalSeconds": day_totals.iter().sum::<i64>(),
        "days": days.iter().zip(&day_totals)
            .map(|(d, t)| json!({"date": fmt(d), "totalSeconds": t}))
            .collect::<Vec<_>>(),
        "projects": projects.into_iter()
            .map(|(id, (name, color, t))| {
                json!({"projectId": id, "name": name, "color": color, "totalSeconds": t})
            })
            .collect::<Vec<_>>(),
    })))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_dst_days() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 25).unwrap();
        let (a, b) = period("weekly", d).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-03-23".into(), "2026-03-29".into())
        );
        let (a, b) = period("monthly", d).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-03-01".into(), "2026-03-31".into())
        );
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let sun = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let len = local_midnight_ms(tz, sun + Days::new(1)) - local_midnight_ms(tz, sun);
        assert_eq!(len, 23 * 3600 * 1000);
        assert!(period("yearly", d).is_none());
    }
}
