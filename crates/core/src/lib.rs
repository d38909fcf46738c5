//! Perminut core: everything the popup and the background worker share.
//!
//! Models, tolerant decoding, typed errors, the API client, the timer state machine, the
//! popup↔worker messages and pure time arithmetic. Everything except `client` runs natively
//! under `cargo test`.

pub mod messages;
pub mod timer;
