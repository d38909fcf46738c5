//! The toolbar popup: a Leptos view over the worker's cached timer state.
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The popup's root component.
#[component]
pub fn App() -> impl IntoView {
    view! { <main data-testid="popup-root">"Perminut"</main> }
}

/// Entry point called by `popup.js` once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(App);
}
