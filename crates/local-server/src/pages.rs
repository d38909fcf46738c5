//! The two small HTML pages: `GET /` (who is logged in) and `GET /login` (the form).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;

use crate::auth::{safe_next, session_user};
use crate::error::Result;
use crate::extract::QueryMap;
use crate::seed::{DEMO_PASSWORD, DEMO_USERS};
use crate::state::AppState;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;\
         padding:0 1rem}}label{{display:block;margin:.5rem 0}}input{{width:100%}}\
         .error{{color:#b91c1c}}</style></head><body>{body}</body></html>"
    )
}

/// `GET /`.
pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Html<String>> {
    let body = match session_user(&headers, &state)? {
        Some(u) => format!(
            "<h1>Perminut (local)</h1><p data-testid=\"logged-in\">Logged in as {} ({}) — \
             you can close this tab.</p>",
            escape(&u.name),
            escape(&u.email)
        ),
        None => "<h1>Perminut (local)</h1><p>Not logged in. <a href=\"/login\">Log in</a></p>"
            .to_owned(),
    };
    Ok(Html(page("Perminut", &body)))
}

/// `GET /login?next=/path`.
pub async fn login_form(State(state): State<AppState>, q: QueryMap) -> Html<String> {
    Html(login_page(&state, q.get("next"), None))
}

/// The login form, with an optional error message and the demo users in demo mode.
pub fn login_page(state: &AppState, next: Option<&str>, error: Option<&str>) -> String {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    let demo = if state.config().seed_demo || state.config().test_hooks {
        let users: String = DEMO_USERS
            .iter()
            .map(|(email, name, role, _)| {
                format!("<li><code>{email}</code> — {name} ({role})</li>")
            })
            .collect();
        format!("<h2>Demo users</h2><ul>{users}</ul><p>Password: <code>{DEMO_PASSWORD}</code></p>")
    } else {
        String::new()
    };
    let body = format!(
        "<h1>Log in to Perminut (local)</h1>{error}\
         <form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <label>Email <input name=\"email\" type=\"email\" autocomplete=\"username\" required></label>\
         <label>Password <input name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required></label>\
         <button type=\"submit\">Log in</button></form>{demo}",
        next = escape(&safe_next(next)),
    );
    page("Log in — Perminut", &body)
}
