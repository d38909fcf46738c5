//! Login, logout, the HTML pages, `GET /api/auth/me` and the `401` of every API route.
#![allow(clippy::unwrap_used)]

mod common;

use common::{call, client, login, start};
use serde_json::json;

#[tokio::test]
async fn login_form_shows_demo_users_and_keeps_next() {
    let s = start().await;
    let html = client()
        .get(format!("{}/login?next=/after", s.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"next\" value=\"/after\""), "{html}");
    assert!(html.contains("ada@example.com") && html.contains("perminut-demo"));
    // An absolute URL is not a same-origin path: falls back to `/`.
    let html = client()
        .get(format!("{}/login?next=//evil.example", s.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"next\" value=\"/\""));
}

#[tokio::test]
async fn form_login_redirects_and_sets_cookie() {
    let s = start().await;
    let c = client();
    let r = c
        .post(format!("{}/login", s.url()))
        .form(&[
            ("email", "ada@example.com"),
            ("password", "perminut-demo"),
            ("next", "/done"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/done");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("connect.sid="), "{cookie}");
    let token = &cookie["connect.sid=".len()..cookie.find(';').unwrap()];
    assert_eq!(token.len(), 64);
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Secure"));
    let (status, me) = call(c.get(format!("{}/api/auth/me", s.url()))).await;
    assert_eq!(status, 200);
    assert_eq!(
        me,
        json!({"id": 1, "name": "Ada Lovelace", "email": "ada@example.com", "role": "admin",
               "organizationId": 1, "organization": {"id": 1, "name": "Analytical Engines"}})
    );
    let home = c.get(s.url()).send().await.unwrap().text().await.unwrap();
    assert!(
        home.contains("Logged in as Ada Lovelace (ada@example.com)"),
        "{home}"
    );
}

#[tokio::test]
async fn bad_password_is_401_for_form_and_json() {
    let s = start().await;
    let r = client()
        .post(format!("{}/login", s.url()))
        .form(&[("email", "ada@example.com"), ("password", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("set-cookie").is_none());
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Invalid email or password")
    );
    let (status, body) = call(
        client()
            .post(format!("{}/login", s.url()))
            .json(&json!({"email": "nobody@example.com", "password": "perminut-demo"})),
    )
    .await;
    assert_eq!(
        (status, body),
        (401, json!({"error": "Invalid email or password"}))
    );
    let home = client()
        .get(s.url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("href=\"/login\""));
}

#[tokio::test]
async fn json_login_answers_user_and_logout_ends_session() {
    let s = start().await;
    let c = login(&s.url(), "bob@example.com").await;
    let (status, me) = call(c.get(format!("{}/api/auth/me", s.url()))).await;
    assert_eq!((status, me["role"].clone()), (200, json!("member")));
    let (status, body) = call(c.post(format!("{}/logout", s.url()))).await;
    assert_eq!((status, body), (204, serde_json::Value::Null));
    let (status, body) = call(c.get(format!("{}/api/auth/me", s.url()))).await;
    assert_eq!((status, body), (401, json!({"error": "Not logged in"})));
}

#[tokio::test]
async fn every_api_route_is_401_without_session() {
    let s = start().await;
    let c = client();
    let routes = [
        ("GET", "/api/auth/me"),
        ("GET", "/api/projects"),
        ("GET", "/api/time-entries"),
        ("POST", "/api/time-entries"),
        ("PUT", "/api/time-entries/1"),
        ("PUT", "/api/time-entries/1/stop"),
        ("DELETE", "/api/time-entries/1"),
        ("GET", "/api/dashboard/stats/weekly"),
        ("GET", "/api/admin/webhooks"),
        ("POST", "/api/admin/webhooks"),
        ("DELETE", "/api/admin/webhooks/1"),
        ("GET", "/api/no-such-route"),
    ];
    for (method, path) in routes {
        let req = c
            .request(method.parse().unwrap(), format!("{}{path}", s.url()))
            .header("content-type", "application/json")
            .body("{}");
        let (status, body) = call(req).await;
        assert_eq!(status, 401, "{method} {path}");
        assert_eq!(body, json!({"error": "Not logged in"}), "{method} {path}");
    }
    // With a session an unknown API route is a JSON 404.
    let c = login(&s.url(), "ada@example.com").await;
    let (status, body) = call(c.get(format!("{}/api/no-such-route", s.url()))).await;
    assert_eq!((status, body), (404, json!({"error": "Not found"})));
    // A wrong method on a known route is a JSON 405.
    let (status, body) = call(c.patch(format!("{}/api/projects", s.url()))).await;
    assert_eq!(
        (status, body),
        (405, json!({"error": "Method not allowed"}))
    );
}

#[tokio::test]
async fn expired_sessions_are_401() {
    let s = start().await;
    let c = login(&s.url(), "ada@example.com").await;
    let (status, _) = call(c.post(format!("{}/__test/expire-sessions", s.url()))).await;
    assert_eq!(status, 204);
    let (status, _) = call(c.get(format!("{}/api/auth/me", s.url()))).await;
    assert_eq!(status, 401);
}
