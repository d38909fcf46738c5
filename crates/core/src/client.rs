//! The HTTP client for the Perminut API, over gloo-net's `fetch`.
//!
//! Works in the popup and in the MV3 service worker: gloo-net binds the global `fetch`, and
//! nothing here touches `window`. Every request goes through one private helper that sets
//! `credentials: include` (the session cookie) and `Accept: application/json`, maps non-2xx
//! answers with [`ApiError::from_response`] and records the server's clock offset. The pure
//! parts (paths, status mapping, paging, decoding) live in other modules and are tested
//! natively; this module only compiles natively.

use std::cell::Cell;

use gloo_net::http::{Method, RequestBuilder};
use serde::Serialize;
use web_sys::RequestCredentials;

use crate::base_url::ApiBase;
use crate::decode::{DecodeError, FromJson, Page, decode, decode_list};
use crate::error::ApiError;
use crate::ids::TimeEntryId;
use crate::model::{Project, Stats, StatsRange, TimeEntry, User};
use crate::paging::ProjectPager;
use crate::requests::{
    EntriesQuery, NewTimeEntry, ProjectsQuery, StopTimeEntry, TimeEntryPatch, paths,
};
use crate::time::clock_offset_ms;

/// A client for one Perminut API base. Cheap to clone; not `Send` (browser futures).
#[derive(Clone, Debug)]
pub struct Client {
    base: ApiBase,
    clock_offset_ms: Cell<Option<i64>>,
}

/// Wraps a browser error (fetch rejected, body unreadable) as [`ApiError::Network`].
fn network(error: gloo_net::Error) -> ApiError {
    ApiError::Network {
        message: error.to_string(),
    }
}

/// Milliseconds since the epoch on this machine's clock.
fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        // chrono's clock needs its `wasmbind` feature on wasm32; `Date.now()` is enough here.
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().timestamp_millis()
    }
}

impl Client {
    /// A client for `base` (validated already; see [`ApiBase::parse`]).
    pub fn new(base: ApiBase) -> Self {
        Client {
            base,
            clock_offset_ms: Cell::new(None),
        }
    }

    /// The API base this client talks to.
    pub fn base(&self) -> &ApiBase {
        &self.base
    }

    /// The server's clock minus ours in milliseconds, from the last readable `Date` header
    /// (1 s resolution; `None` until one was seen, e.g. when CORS hides the header).
    pub fn server_clock_offset_ms(&self) -> Option<i64> {
        self.clock_offset_ms.get()
    }

    /// Sends one request and returns the body of a 2xx answer. The only place requests are
    /// built: credentials, headers and status mapping are decided here once.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let builder = RequestBuilder::new(&self.base.endpoint(path))
            .method(method)
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json");
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(network)?;
        let response = request.send().await.map_err(network)?;
        if let Some(offset) = response
            .headers()
            .get("date")
            .and_then(|date| clock_offset_ms(&date, now_ms()))
        {
            self.clock_offset_ms.set(Some(offset));
        }
        let status = response.status();
        let ok = (200..300).contains(&status);
        let text = match response.text().await {
            Ok(text) => text,
            Err(_) if !ok => String::new(),
            Err(error) => return Err(network(error)),
        };
        if ok {
            Ok(text)
        } else {
            Err(ApiError::from_response(status, &text))
        }
    }

    /// Sends a JSON body.
    async fn send_json<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<String, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| {
            ApiError::Decode(DecodeError {
                path: "$".into(),
                message: format!("could not encode the request: {e}"),
            })
        })?;
        self.send(method, path, Some(json)).await
    }

    /// `GET` a path and decode the answer; for tests and diagnostics.
    #[doc(hidden)]
    pub async fn get_raw<T: FromJson>(&self, path: &str) -> Result<T, ApiError> {
        Ok(decode(&self.send(Method::GET, path, None).await?)?)
    }

    /// `GET /api/auth/me`: the logged-in user (`Unauthorized` when not logged in).
    pub async fn me(&self) -> Result<User, ApiError> {
        self.get_raw(paths::ME).await
    }

    /// `GET /api/projects`: one page of active projects.
    pub async fn projects(&self, query: ProjectsQuery) -> Result<Page<Project>, ApiError> {
        let body = self
            .send(Method::GET, &paths::projects(&query), None)
            .await?;
        Ok(decode_list(&body)?)
    }

    /// Every active project, walking the pages (bounded by [`ProjectPager`]'s cap).
    /// Elements that fail to decode are left out; duplicates across pages are dropped.
    pub async fn all_projects(&self) -> Result<Vec<Project>, ApiError> {
        let mut pager = ProjectPager::default();
        let mut projects: Vec<Project> = Vec::new();
        while let Some(offset) = pager.next_offset() {
            let page = self
                .projects(ProjectsQuery {
                    limit: pager.limit(),
                    offset,
                })
                .await?;
            pager.record_page(page.received(), page.total);
            for project in page.items {
                if !projects.iter().any(|p| p.id == project.id) {
                    projects.push(project);
                }
            }
        }
        Ok(projects)
    }

    /// `GET /api/time-entries`: entries in the range (plus any running timer).
    pub async fn time_entries(&self, query: &EntriesQuery) -> Result<Page<TimeEntry>, ApiError> {
        let body = self
            .send(Method::GET, &paths::time_entries(query), None)
            .await?;
        Ok(decode_list(&body)?)
    }

    /// `POST /api/time-entries`: starts a timer or logs a completed block.
    pub async fn create_time_entry(&self, entry: &NewTimeEntry) -> Result<TimeEntry, ApiError> {
        Ok(decode(
            &self
                .send_json(Method::POST, paths::TIME_ENTRIES, entry)
                .await?,
        )?)
    }

    /// `PUT /api/time-entries/:id/stop` (`Conflict` when it was already stopped).
    pub async fn stop_time_entry(
        &self,
        id: TimeEntryId,
        stop: &StopTimeEntry,
    ) -> Result<TimeEntry, ApiError> {
        Ok(decode(
            &self
                .send_json(Method::PUT, &paths::stop_time_entry(id), stop)
                .await?,
        )?)
    }

    /// `PUT /api/time-entries/:id` with only the changed fields.
    pub async fn update_time_entry(
        &self,
        id: TimeEntryId,
        patch: &TimeEntryPatch,
    ) -> Result<TimeEntry, ApiError> {
        Ok(decode(
            &self
                .send_json(Method::PUT, &paths::time_entry(id), patch)
                .await?,
        )?)
    }

    /// `DELETE /api/time-entries/:id` (`204`, any body ignored).
    pub async fn delete_time_entry(&self, id: TimeEntryId) -> Result<(), ApiError> {
        self.send(Method::DELETE, &paths::time_entry(id), None)
            .await
            .map(drop)
    }

    /// `GET /api/dashboard/stats/:range?timezone=..` for the period containing now.
    pub async fn stats(&self, range: StatsRange, timezone: &str) -> Result<Stats, ApiError> {
        self.get_raw(&paths::stats(range, timezone)).await
    }
}

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`), or
/// `UTC` when it cannot be read. Natively (no browser) it is always `UTC`.
pub fn browser_time_zone() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
            .ok()
            .and_then(|zone| zone.as_string())
            .filter(|zone| !zone.is_empty())
            .unwrap_or_else(|| "UTC".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "UTC".to_owned()
    }
}
