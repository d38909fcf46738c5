//! `/api/time-entries`: every status code each route can answer.
#![allow(clippy::unwrap_used)]

mod common;

use common::{call, clear_entries, login, post, project_id, start};
use serde_json::{Value, json};

#[tokio::test]
async fn create_list_stop_update_delete() {
    let s = start().await;
    let (base, open) = (s.url(), project_id(&s, "Open source"));
    let c = login(&base, "ada@example.com").await;
    clear_entries(&s);
    let (status, e) = post(
        &c,
        &base,
        json!({"projectId": open, "description": "API docs",
        "startTime": "2026-03-17T12:00:00+02:00"}),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(e["projectId"], open);
    assert_eq!(e["userId"], 1);
    assert_eq!(e["description"], "API docs");
    assert_eq!(e["startTime"], "2026-03-17T10:00:00.000Z");
    assert_eq!(
        (e["endTime"].clone(), e["duration"].clone()),
        (Value::Null, Value::Null)
    );
    let id = e["id"].as_i64().unwrap();

    // The running timer is listed whatever the range.
    let (status, list) = call(c.get(format!(
        "{base}/api/time-entries?startDate=2020-01-01&endDate=2020-01-02"
    )))
    .await;
    assert_eq!((status, list.as_array().unwrap().len()), (200, 1));
    assert_eq!(list[0]["id"], id);

    // Stop: bad end, good end, again (409, end unchanged).
    let stop = format!("{base}/api/time-entries/{id}/stop");
    let (status, err) = call(
        c.put(&stop)
            .json(&json!({"endTime": "2026-03-17T09:00:00Z"})),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(err["details"][0]["field"], "endTime");
    let (status, e) = call(
        c.put(&stop)
            .json(&json!({"endTime": "2026-03-17T11:45:00.000Z"})),
    )
    .await;
    assert_eq!(
        (status, e["endTime"].clone(), e["duration"].clone()),
        (200, json!("2026-03-17T11:45:00.000Z"), json!(6300))
    );
    let (status, err) = call(
        c.put(&stop)
            .json(&json!({"endTime": "2026-03-17T12:00:00Z"})),
    )
    .await;
    assert_eq!(
        (status, err),
        (409, json!({"error": "Time entry is already stopped"}))
    );
    let (_, list) = call(c.get(format!(
        "{base}/api/time-entries?startDate=2026-03-17&endDate=2026-03-17"
    )))
    .await;
    assert_eq!(list[0]["endTime"], "2026-03-17T11:45:00.000Z");

    // Partial update: only the fields sent change; null description clears it.
    let url = format!("{base}/api/time-entries/{id}");
    let (status, e) = call(c.put(&url).json(&json!({"description": null}))).await;
    assert_eq!(
        (status, e["description"].clone(), e["projectId"].clone()),
        (200, json!(""), json!(open))
    );
    let web = project_id(&s, "Website");
    let (status, e) = call(
        c.put(&url)
            .json(&json!({"projectId": web, "endTime": "2026-03-17T12:00:00Z"})),
    )
    .await;
    assert_eq!(
        (status, e["projectId"].clone(), e["duration"].clone()),
        (200, json!(web), json!(7200))
    );
    assert_eq!(e["startTime"], "2026-03-17T10:00:00.000Z");
    for (body, field) in [
        (json!({"endTime": null}), "endTime"),
        (json!({"startTime": "2026-03-17T13:00:00Z"}), "startTime"),
        (json!({"endTime": "2026-03-17T09:00:00Z"}), "endTime"),
        (
            json!({"projectId": project_id(&s, "Archived project")}),
            "projectId",
        ),
        (json!({"projectId": null}), "projectId"),
        (json!({"description": 5}), "description"),
    ] {
        let (status, err) = call(c.put(&url).json(&body)).await;
        assert_eq!(
            (status, err["details"][0]["field"].clone()),
            (400, json!(field)),
            "{body}"
        );
    }

    // Delete, then 404 for everything.
    let (status, body) = call(c.delete(&url)).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, body) = call(c.delete(&url)).await;
    assert_eq!(
        (status, body),
        (404, json!({"error": "Time entry not found"}))
    );
    assert_eq!(call(c.put(&stop)).await.0, 404);
    assert_eq!(call(c.put(&url).json(&json!({}))).await.0, 404);
    assert_eq!(
        call(c.delete(format!("{base}/api/time-entries/abc")))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn create_validation() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    let open = project_id(&s, "Open source");
    let cases = [
        (json!({}), "projectId", "is required"),
        (
            json!({"projectId": "8"}),
            "projectId",
            "must be a positive integer",
        ),
        (
            json!({"projectId": 1.5}),
            "projectId",
            "must be a positive integer",
        ),
        (
            json!({"projectId": project_id(&s, "Archived project")}),
            "projectId",
            "project is archived",
        ),
        (
            json!({"projectId": project_id(&s, "Bridge survey")}),
            "projectId",
            "no such project in your organization",
        ),
        (
            json!({"projectId": 9999}),
            "projectId",
            "no such project in your organization",
        ),
        (
            json!({"projectId": open, "description": 3}),
            "description",
            "must be a string",
        ),
        (
            json!({"projectId": open, "startTime": "yesterday"}),
            "startTime",
            "must be an ISO-8601 date-time with offset, e.g. 2026-03-17T10:00:00.000Z",
        ),
        (
            json!({"projectId": open, "startTime": "2026-03-17T10:00:00Z", "endTime": "2026-03-17T09:59:59Z"}),
            "endTime",
            "must not be before startTime",
        ),
    ];
    for (body, field, message) in cases {
        let (status, err) = post(&c, &base, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            err,
            json!({"error": "Validation failed", "details": [{"field": field, "message": message}]}),
            "{body}"
        );
    }
    // Malformed and non-object bodies are JSON 400s too.
    for raw in ["{not json", "[1,2]", "\"x\""] {
        let r = c
            .post(format!("{base}/api/time-entries"))
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(r.headers()["content-type"], "application/json");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["details"], json!([]));
    }
    // A completed block, description null → "".
    let (status, e) = post(
        &c,
        &base,
        json!({"projectId": open, "description": null,
        "startTime": "2026-03-17T10:00:00Z", "endTime": "2026-03-17T10:30:00.999Z"}),
    )
    .await;
    assert_eq!(
        (status, e["description"].clone(), e["duration"].clone()),
        (201, json!(""), json!(1800))
    );
}

#[tokio::test]
async fn list_ranges_and_date_errors() {
    let s = start().await;
    let base = s.url();
    let c = login(&base, "ada@example.com").await;
    clear_entries(&s);
    let open = project_id(&s, "Open source");
    for (start, end) in [
        ("2026-03-09T23:00:00Z", "2026-03-10T01:00:00Z"),
        ("2026-03-12T10:00:00Z", "2026-03-12T11:00:00Z"),
        ("2026-03-18T10:00:00Z", "2026-03-18T11:00:00Z"),
    ] {
        assert_eq!(
            post(
                &c,
                &base,
                json!({"projectId": open, "startTime": start, "endTime": end})
            )
            .await
            .0,
            201
        );
    }
    let (status, list) = call(c.get(format!(
        "{base}/api/time-entries?startDate=2026-03-10&endDate=2026-03-17"
    )))
    .await;
    assert_eq!(status, 200);
    let starts: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["startTime"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        starts,
        ["2026-03-12T10:00:00.000Z", "2026-03-09T23:00:00.000Z"]
    );
    for q in [
        "startDate=2026-3-10",
        "endDate=tomorrow",
        "startDate=2026-03-10&endDate=2026-03-09",
        "startDate=2026-02-30",
    ] {
        let (status, err) = call(c.get(format!("{base}/api/time-entries?{q}"))).await;
        assert_eq!(
            (status, err["error"].clone()),
            (400, json!("Validation failed")),
            "{q}"
        );
    }
}
