//! The extension's single wasm module.
//!
//! The popup and the worker share most of their code; shipped as two modules, it would be
//! shipped twice (about 40% of the zipped extension). Linking them here exports every entry
//! point (`start_popup` for `popup.js`, `start_options` for `options.js`, `boot`/`on_*` for
//! `background.js`) from one module.

pub use perminut_popup::{start_options, start_popup};
pub use perminut_worker::{
    boot, on_alarm, on_browser_startup, on_command, on_installed, on_menu_clicked, on_message,
    on_online, on_settings_changed,
};
