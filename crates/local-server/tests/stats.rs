//! `GET /api/dashboard/stats/:range`: local days, DST, running timers, errors.
#![allow(clippy::unwrap_used)]

mod common;

use common::{call, clear_entries, login, project_id, start};
use serde_json::{Value, json};

fn day(stats: &Value, date: &str) -> i64 {
    stats["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap()["totalSeconds"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn berlin_week_across_midnight_and_dst() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    clear_entries(&s);
    let open = project_id(&s, "Open source");
    let (status, _) = call(
        c.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": open,
        "startTime": "2026-03-28T22:30:00Z", "endTime": "2026-03-29T01:30:00Z"})),
    )
    .await;
    assert_eq!(status, 201);
    let (status, w) = call(c.get(format!(
        "{base}/api/dashboard/stats/weekly?timezone=Europe/Berlin&date=2026-03-25"
    )))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (w["range"].clone(), w["timezone"].clone()),
        (json!("weekly"), json!("Europe/Berlin"))
    );
    assert_eq!(
        (w["startDate"].clone(), w["endDate"].clone()),
        (json!("2026-03-23"), json!("2026-03-29"))
    );
    assert_eq!(w["totalSeconds"], 10800);
    assert_eq!(w["days"].as_array().unwrap().len(), 7);
    assert_eq!(day(&w, "2026-03-28"), 1800);
    assert_eq!(day(&w, "2026-03-29"), 9000);
    assert_eq!(day(&w, "2026-03-23"), 0);
    let sum: i64 = w["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["totalSeconds"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, 10800);
    assert_eq!(
        w["projects"],
        json!([{"projectId": open, "name": "Open source", "color": w["projects"][0]["color"], "totalSeconds": 10800}])
    );

    let (_, d) = call(c.get(format!(
        "{base}/api/dashboard/stats/daily?timezone=Europe/Berlin&date=2026-03-29"
    )))
    .await;
    assert_eq!(
        (
            d["startDate"].clone(),
            d["endDate"].clone(),
            d["totalSeconds"].clone()
        ),
        (json!("2026-03-29"), json!("2026-03-29"), json!(9000))
    );
    let (_, m) = call(c.get(format!(
        "{base}/api/dashboard/stats/monthly?timezone=Europe/Berlin&date=2026-03-02"
    )))
    .await;
    assert_eq!(
        (
            m["startDate"].clone(),
            m["endDate"].clone(),
            m["totalSeconds"].clone()
        ),
        (json!("2026-03-01"), json!("2026-03-31"), json!(10800))
    );
    assert_eq!(m["days"].as_array().unwrap().len(), 31);
    // In UTC the same entry is 5400 s on each side of midnight; default zone is UTC.
    let (_, u) = call(c.get(format!("{base}/api/dashboard/stats/weekly?date=2026-03-25"))).await;
    assert_eq!(
        (
            u["timezone"].clone(),
            day(&u, "2026-03-28"),
            day(&u, "2026-03-29")
        ),
        (json!("UTC"), 5400, 5400)
    );
}

#[tokio::test]
async fn running_timer_counts_up_to_now() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "bob@example.com").await;
    clear_entries(&s);
    let start_time = chrono::Utc::now() - chrono::Duration::seconds(90);
    let (status, _) = call(
        c.post(format!("{base}/api/time-entries"))
            .json(&json!({"projectId": project_id(&s, "Research"),
        "startTime": start_time.to_rfc3339()})),
    )
    .await;
    assert_eq!(status, 201);
    let (_, d) = call(c.get(format!(
        "{base}/api/dashboard/stats/monthly?timezone=UTC&date={}",
        start_time.format("%Y-%m-%d")
    )))
    .await;
    let total = d["totalSeconds"].as_i64().unwrap();
    assert!((90..=95).contains(&total), "{total}");
}

#[tokio::test]
async fn stats_errors() {
    let s = start().await;
    let c = login(&s.url(), "ada@example.com").await;
    for (q, field) in [
        ("weekly?timezone=Mars/Olympus", "timezone"),
        ("yearly", "range"),
        ("daily?date=2026-13-01", "date"),
    ] {
        let (status, err) = call(c.get(format!("{}/api/dashboard/stats/{q}", s.url()))).await;
        assert_eq!(
            (status, err["details"][0]["field"].clone()),
            (400, json!(field)),
            "{q}"
        );
    }
}
