//! Re-reads the server: who is logged in, the projects, recent entries and the running timer.
use chrono::Duration;
use perminut_core::{
    ApiError,
    messages::{Auth, Notice},
    requests::EntriesQuery,
    timer::TimerEvent,
};

use crate::{badge, deliver, handlers::apply_timer, store};

/// Refreshes from the server. `with_projects` also re-reads every page of projects (on popup
/// open and install; the alarm skips it).
pub async fn refresh(with_projects: bool) {
    let Some(client) = store::client() else {
        return;
    };
    match client.me().await {
        Ok(user) => {
            store::update(|s| {
                if !matches!(s.auth, Auth::LoggedIn { .. }) {
                    // Back from a login: deliver what waited at once.
                    s.outbox.retry_now();
                }
                s.auth = Auth::LoggedIn { user };
            });
        }
        Err(error) => {
            store::update(|s| {
                if error == ApiError::Unauthorized {
                    s.auth = Auth::LoggedOut;
                }
                s.notice = Some(Notice {
                    error,
                    at: store::now(),
                });
            });
            store::persist().await;
            badge::update().await;
            return;
        }
    }
    deliver::deliver().await;
    if with_projects {
        match client.all_projects().await {
            Ok(projects) => store::update(|s| s.projects = projects),
            Err(error) => store::update(|s| {
                s.notice = Some(Notice {
                    error,
                    at: store::now(),
                })
            }),
        }
    }
    let epoch = store::epoch();
    let now = store::now();
    let query = EntriesQuery {
        start_date: Some((now - Duration::days(2)).date_naive()),
        end_date: Some((now + Duration::days(1)).date_naive()),
    };
    match client.time_entries(&query).await {
        Ok(page) => store::update(|s| {
            let running = page.items.iter().find(|e| e.is_running()).cloned();
            s.recent = page.items;
            // Our own pending actions win over what the server said before they arrived.
            if s.outbox.is_empty() && store::epoch() == epoch {
                apply_timer(s, TimerEvent::ServerState { running });
            }
            if s.running().is_none() {
                // Stopped elsewhere meanwhile: nothing left to ask about.
                s.interruption = None;
            }
            if let Some(offset) = client.server_clock_offset_ms() {
                // The Date header has one-second resolution: ignore offsets within it.
                s.clock_offset_ms = if offset.abs() > 1500 { offset } else { 0 };
            }
            s.refreshed_at = Some(now);
            if s.outbox.is_empty() {
                s.notice = None;
            }
        }),
        Err(error) => store::update(|s| s.notice = Some(Notice { error, at: now })),
    }
    store::persist().await;
    badge::update().await;
}
