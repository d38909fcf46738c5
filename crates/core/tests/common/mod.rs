//! Shared helpers for the in-browser client tests: the server address (fixed at build time)
//! and logging in/out with a credentialed fetch, as a user would through the login page.
#![allow(dead_code)]

use gloo_net::http::Request;
use perminut_core::{ApiBase, Client};
use web_sys::RequestCredentials;

/// The local server, from `PERMINUT_TEST_API` at build time (as gloo's tests use
/// `HTTPBIN_URL`). Unset is a failure, not a skip: a silent pass would prove nothing.
pub fn api() -> ApiBase {
    let Some(url) = option_env!("PERMINUT_TEST_API") else {
        panic!(
            "PERMINUT_TEST_API was not set when these tests were built. Start \
             `target/debug/perminut-local --addr 127.0.0.1:8787 --db :memory: --seed-demo \
             --test-hooks` and build with PERMINUT_TEST_API=http://127.0.0.1:8787"
        );
    };
    ApiBase::parse(url).unwrap_or_else(|e| panic!("PERMINUT_TEST_API={url}: {e}"))
}

/// A client for the test server.
pub fn client() -> Client {
    Client::new(api())
}

/// Logs in as `email` (demo password) so the session cookie is set for the client.
pub async fn login_as(email: &str) {
    let body = serde_json::json!({"email": email, "password": "perminut-demo"});
    let response = Request::post(&api().login_url())
        .credentials(RequestCredentials::Include)
        .json(&body)
        .expect("login body")
        .send()
        .await
        .expect("login request reached the server");
    assert_eq!(
        response.status(),
        200,
        "login as {email}: {}",
        response.text().await.unwrap_or_default()
    );
}

/// Logs in as the demo admin, Ada.
pub async fn login() {
    login_as("ada@example.com").await;
}

/// Ends the session (`POST /logout`).
pub async fn logout() {
    let response = Request::post(&api().endpoint("/logout"))
        .credentials(RequestCredentials::Include)
        .send()
        .await
        .expect("logout request reached the server");
    assert!(response.ok(), "logout: {}", response.status());
}
