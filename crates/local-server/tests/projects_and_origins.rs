//! `GET /api/projects` paging and validation; the `Origin` guard and CORS.
#![allow(clippy::unwrap_used)]

mod common;

use common::{call, client, login, start, start_with};
use serde_json::json;

#[tokio::test]
async fn projects_are_active_sorted_and_of_own_org() {
    let s = start().await;
    let c = login(&s.url(), "ada@example.com").await;
    let (status, page) = call(c.get(format!("{}/api/projects", s.url()))).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            page["total"].clone(),
            page["limit"].clone(),
            page["offset"].clone()
        ),
        (json!(11), json!(50), json!(0))
    );
    let names: Vec<_> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Analytical Engine",
            "Client onboarding",
            "Design system",
            "Documentation",
            "Internal tools",
            "Marketing site",
            "Mobile app",
            "Open source",
            "Research",
            "Support",
            "Website"
        ]
    );
    assert!(
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["organizationId"] == 1 && p["archived"] == false)
    );
    let c = login(&s.url(), "cem@example.com").await;
    let (_, page) = call(c.get(format!("{}/api/projects", s.url()))).await;
    assert_eq!(page["total"], 2);
}

#[tokio::test]
async fn paging_120_projects() {
    let s = start().await;
    {
        let conn = s.state.db().unwrap();
        for i in 0..118 {
            conn.execute(
                "INSERT INTO projects (organization_id, name, color) VALUES (2, ?1, '#000000')",
                [format!("P{i:03}")],
            )
            .unwrap();
        }
    }
    let c = login(&s.url(), "cem@example.com").await;
    let mut seen = Vec::new();
    for (offset, expected) in [(0, 50), (50, 50), (100, 20), (120, 0)] {
        let (status, page) =
            call(c.get(format!("{}/api/projects?limit=50&offset={offset}", s.url()))).await;
        assert_eq!(status, 200);
        assert_eq!(page["total"], 120);
        assert_eq!(
            page["data"].as_array().unwrap().len(),
            expected,
            "offset {offset}"
        );
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap()),
        );
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 120);
    for q in [
        "limit=0",
        "limit=201",
        "limit=abc",
        "offset=-1",
        "offset=x",
        "limit=",
    ] {
        let (status, err) = call(c.get(format!("{}/api/projects?{q}", s.url()))).await;
        assert_eq!(
            (status, err["error"].clone()),
            (400, json!("Validation failed")),
            "{q}"
        );
    }
    let (_, err) = call(c.get(format!("{}/api/projects?limit=500", s.url()))).await;
    assert_eq!(
        err["details"],
        json!([{"field": "limit", "message": "must be between 1 and 200"}])
    );
    let (status, page) = call(c.get(format!("{}/api/projects?limit=200", s.url()))).await;
    assert_eq!((status, page["data"].as_array().unwrap().len()), (200, 120));
}

#[tokio::test]
async fn foreign_origin_writes_are_403() {
    let s = start().await;
    let c = login(&s.url(), "ada@example.com").await;
    let url = format!("{}/api/time-entries", s.url());
    let r = c
        .post(&url)
        .header("origin", "https://evil.example")
        .json(&json!({"projectId": 8}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        json!({"error": "Cross-origin request refused"})
    );
    // Also a cross-site login attempt (login CSRF).
    let r = client()
        .post(format!("{}/login", s.url()))
        .header("origin", "https://evil.example")
        .form(&[("email", "ada@example.com"), ("password", "perminut-demo")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A foreign GET is answered but without CORS headers (the browser hides it).
    let r = c
        .get(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    // The server's own origin (the login form) and no Origin (curl) are fine.
    let own = format!("http://{}", s.addr);
    let r = c
        .post(&url)
        .header("origin", own)
        .json(&json!({"projectId": 8}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // Without --test-hooks, a loopback page on another port is foreign.
    let t = start_with(|c| c.test_hooks = false).await;
    let c = login(&t.url(), "ada@example.com").await;
    let r = c
        .post(format!("{}/api/time-entries", t.url()))
        .header("origin", "http://127.0.0.1:9")
        .json(&json!({"projectId": 8}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn extension_origins_get_credentialed_cors() {
    let s = start_with(|c| c.test_hooks = false).await;
    let c = login(&s.url(), "ada@example.com").await;
    for origin in [
        "chrome-extension://abcdefghijklmnop",
        "moz-extension://0b1c2d3e-aaaa-bbbb-cccc-123456789abc",
    ] {
        let r = c.post(format!("{}/api/time-entries", s.url())).header("origin", origin)
            .json(&json!({"projectId": 8, "startTime": "2026-03-17T10:00:00Z", "endTime": "2026-03-17T11:00:00Z"})).send().await.unwrap();
        assert_eq!(r.status(), 201, "{origin}");
        let h = r.headers();
        assert_eq!(h["access-control-allow-origin"], origin);
        assert_eq!(h["access-control-allow-credentials"], "true");
        assert_eq!(h["access-control-expose-headers"], "Date");
        assert!(h.get_all("vary").iter().any(|v| v == "Origin"));
        // Preflight.
        let r = c
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/time-entries/1", s.url()),
            )
            .header("origin", origin)
            .header("access-control-request-method", "PUT")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(r.headers()["access-control-allow-origin"], origin);
        assert_eq!(
            r.headers()["access-control-allow-methods"],
            "GET, POST, PUT, DELETE, OPTIONS"
        );
        assert_eq!(
            r.headers()["access-control-allow-headers"],
            "Content-Type, Accept"
        );
    }
    let r = c
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/time-entries", s.url()),
        )
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn loopback_origins_get_cors_with_test_hooks() {
    let s = start().await;
    let origin = "http://127.0.0.1:41234";
    let c = client();
    let r = c
        .post(format!("{}/login", s.url()))
        .header("origin", origin)
        .json(&json!({"email": "ada@example.com", "password": "perminut-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], origin);
    let r = c
        .get(format!("{}/api/auth/me", s.url()))
        .header("origin", "http://localhost:8000")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://localhost:8000"
    );
    assert_eq!(r.headers()["access-control-allow-credentials"], "true");
}
