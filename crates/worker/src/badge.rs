//! The toolbar button: elapsed time on the badge, the description in the title, a clear look
//! when logged out or when actions wait to sync.
use perminut_browser::action;
use perminut_core::{messages::Auth, time::badge_text, timer::elapsed_seconds};

use crate::store;

const RUNNING_COLOR: &str = "#4f46e5";
const ATTENTION_COLOR: &str = "#b42318";

/// Brings the badge and title in line with the state.
pub async fn update() {
    let now = store::now();
    let (text, color, title) = store::read(|s| {
        let pending = s.pending();
        let sync = if pending > 0 {
            format!(" — {pending} waiting to sync")
        } else {
            String::new()
        };
        if matches!(s.auth, Auth::LoggedOut) {
            return (
                "!".to_string(),
                ATTENTION_COLOR,
                format!("Perminut — log in to track time{sync}"),
            );
        }
        match s.running() {
            Some(running) => {
                let elapsed = elapsed_seconds(running.start, now, s.clock_offset_ms);
                let description = if running.description.is_empty() {
                    "(no description)"
                } else {
                    &running.description
                };
                let color = if pending > 0 {
                    ATTENTION_COLOR
                } else {
                    RUNNING_COLOR
                };
                // The options can switch the elapsed time off; warnings stay.
                let text = if store::settings(|o| o.badge) {
                    badge_text(elapsed)
                } else {
                    String::new()
                };
                (text, color, format!("Perminut — {description}{sync}"))
            }
            None if pending > 0 => ("↻".to_string(), ATTENTION_COLOR, format!("Perminut{sync}")),
            None => (
                String::new(),
                RUNNING_COLOR,
                "Perminut — no timer running".to_string(),
            ),
        }
    });
    let results = [
        action::set_badge_color(color).await,
        action::set_badge_text(&text).await,
        action::set_title(&title).await,
    ];
    for error in results.into_iter().filter_map(Result::err) {
        store::log(&format!("badge: {error}"));
    }
}
