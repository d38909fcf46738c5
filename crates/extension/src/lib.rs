//! The extension's single wasm module.
//!
//! The popup and the worker share most of their code; shipped as two modules, it would be
//! shipped twice (about 40% of the zipped extension). Linking them here exports both entry
//! points (`start_popup` for `popup.js`, `boot`/`on_*` for `background.js`) from one module.

pub use perminut_popup::start_popup;
pub use perminut_worker::{boot, on_alarm, on_browser_startup, on_installed, on_message, on_online};
