//! Perminut core: everything the popup and the background worker share.
//!
//! Models, tolerant decoding, typed errors, the API client, the timer state machine, the
//! popup↔worker messages and pure time arithmetic. Everything except `client` runs natively
//! under `cargo test`.

pub mod base_url;
pub mod client;
pub mod decode;
pub mod duration_input;
pub mod error;
pub mod history;
pub mod ids;
pub mod instant;
pub mod messages;
pub mod model;
pub mod outbox;
pub mod paging;
pub mod requests;
pub mod rules;
pub mod settings;
pub mod stats;
pub mod time;
pub mod timer;
mod url_parts;

pub use base_url::ApiBase;
pub use client::{Client, browser_time_zone};
pub use decode::{DecodeError, Page, decode, decode_list};
pub use error::{ApiError, FieldError};
pub use ids::{OrganizationId, ProjectId, TimeEntryId, UserId};
pub use model::{
    DayTotal, Organization, Project, ProjectTotal, Role, Stats, StatsRange, TimeEntry, User,
};
