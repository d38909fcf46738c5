//! Typed bindings to the `chrome.*` extension APIs that web-sys lacks.
//!
//! Layers, as in gloo: raw `extern` bindings (private, one module per namespace) → thin typed
//! functions returning `Result<_, BrowserError>`. No `JsValue` in a public signature except
//! where a caller hands us a JS value it received from the loader.
//!
//! Both browsers expose the `chrome` namespace in Manifest V3, and both return a promise when
//! no callback is passed (Chrome since MV3, Firefox always), so awaiting the promise is the one
//! way we call them; a missing API (a plain web page, a test runner) or a rejected promise is
//! an `Err`, never a panic.

pub mod action;
pub mod alarms;
pub mod commands;
pub mod context_menus;
mod error;
pub mod permissions;
pub mod runtime;
pub mod storage;
pub mod tabs;

pub use error::BrowserError;
