//! The options page (`options.html`): API address, login address, default project, URL rules,
//! badge and context menu switches. Stored in `storage.sync` as one versioned key
//! ([`perminut_core::settings`]); bad input shows an error and saves nothing. A custom API
//! origin is asked for at run time (`optional_host_permissions`) inside the Save click.
//!
//! Also the popup's two hooks into the settings: [`prefill`] (the first matching rule) and
//! [`ApiAccess`] (offer to grant a missing API permission).

mod access;
mod rules_editor;

use leptos::{prelude::*, task::spawn_local};
use perminut_browser::storage::{self, Area};
use perminut_core::{
    ApiBase, Project, ProjectId,
    messages::{STATE_KEY, WorkerState},
    rules::Rule,
    settings::{SETTINGS_KEY, SETTINGS_VERSION, Settings},
};
use wasm_bindgen::prelude::*;

pub use access::{ApiAccess, prefill};
use rules_editor::{ProjectSelect, RulesEditor};

/// Mounts the options page; `default_api` is the build's API base.
#[wasm_bindgen]
pub fn start_options(default_api: String) {
    leptos::mount::mount_to_body(move || view! { <Options default_api=default_api.clone() /> });
}

/// Reads the stored settings; a problem (a newer format) comes back as a message.
pub(crate) async fn load_settings() -> (Settings, Option<String>) {
    match storage::get::<String>(Area::Sync, SETTINGS_KEY).await {
        Ok(Some(json)) => match Settings::from_json(&json) {
            Ok(settings) => (settings, None),
            Err(message) => (Settings::default(), Some(message)),
        },
        Ok(None) => (Settings::default(), None),
        Err(e) => (Settings::default(), Some(e.to_string())),
    }
}

/// The options form.
#[component]
fn Options(default_api: String) -> impl IntoView {
    let api_base = RwSignal::new(String::new());
    let login_url = RwSignal::new(String::new());
    let default_project = RwSignal::new(None::<ProjectId>);
    let rules = RwSignal::new(Vec::<Rule>::new());
    let remember = RwSignal::new(true);
    let badge = RwSignal::new(true);
    let menu = RwSignal::new(true);
    let projects = RwSignal::new(Vec::<Project>::new());
    let shortcuts = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());

    spawn_local(async move {
        let (settings, problem) = load_settings().await;
        api_base.set(settings.api_base);
        login_url.set(settings.login_url);
        default_project.set(settings.default_project);
        rules.set(settings.rules);
        remember.set(settings.remember_site_project);
        badge.set(settings.badge);
        menu.set(settings.context_menu);
        error.set(problem);
        let keys = perminut_browser::commands::all().await.unwrap_or_default();
        shortcuts.set(
            keys.into_iter()
                .map(|c| {
                    let what = if c.name == "_execute_action" {
                        "Open the popup".into()
                    } else {
                        c.description
                    };
                    let keys = if c.shortcut.is_empty() {
                        "not set".into()
                    } else {
                        c.shortcut
                    };
                    format!("{what}: {keys}")
                })
                .collect(),
        );
        if let Ok(Some(json)) = storage::get::<String>(Area::Local, STATE_KEY).await {
            projects.set(WorkerState::from_json(&json).projects);
        }
    });

    let save = move |_| {
        let settings = Settings {
            version: SETTINGS_VERSION,
            api_base: api_base.get_untracked().trim().to_owned(),
            login_url: login_url.get_untracked().trim().to_owned(),
            default_project: default_project.get_untracked(),
            rules: rules.get_untracked(),
            remember_site_project: remember.get_untracked(),
            badge: badge.get_untracked(),
            context_menu: menu.get_untracked(),
        };
        status.set(String::new());
        if let Err(message) = settings.check() {
            error.set(Some(message));
            return;
        }
        error.set(None);
        // Asked here, synchronously inside the click: the browser only asks during a gesture.
        let access = ApiBase::parse(&settings.api_base).ok().map(|base| {
            let ask =
                perminut_browser::permissions::request_origins(&[base.host_permission_pattern()]);
            (base.origin(), ask)
        });
        spawn_local(async move {
            if let Some((origin, ask)) = access {
                let refused = match ask.await {
                    Ok(true) => None,
                    Ok(false) => Some(format!("Perminut was not allowed to reach {origin}.")),
                    Err(e) => Some(format!("Could not ask for access to {origin} ({e}).")),
                };
                if let Some(message) = refused {
                    error.set(Some(format!("{message} Nothing was saved.")));
                    return;
                }
            }
            match storage::set(Area::Sync, SETTINGS_KEY, &settings.to_json()).await {
                Ok(()) => status.set("Saved.".into()),
                Err(e) => error.set(Some(format!("Could not save the settings ({e})."))),
            }
        });
    };
    let checkbox = |label: &'static str, testid: &'static str, value: RwSignal<bool>| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=testid prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev)) />
                {label}
            </label>
        }
    };
    view! {
        <main class="options" data-testid="options-root">
            <h1>"Perminut options"</h1>
            <label>
                "API address"
                <input type="url" data-testid="options-api-base" placeholder=default_api
                    prop:value=move || api_base.get() on:input=move |ev| api_base.set(event_target_value(&ev)) />
            </label>
            <p class="muted">"Empty for the default. https:// only (http:// for 127.0.0.1 or localhost)."</p>
            <label>
                "Login address"
                <input type="url" data-testid="options-login-url" placeholder="(the API's /login)"
                    prop:value=move || login_url.get() on:input=move |ev| login_url.set(event_target_value(&ev)) />
            </label>
            <label>
                "Default project"
                <ProjectSelect projects selected=default_project on_pick=move |p| default_project.set(p)
                    testid="options-default-project" none="(the last one used)" />
            </label>
            {checkbox("Show the elapsed time on the toolbar button", "options-badge", badge)}
            {checkbox("\"Start timer\" in the context menu", "options-context-menu", menu)}
            {checkbox("Remember the last project used on each site", "options-remember-site", remember)}
            <RulesEditor rules projects />
            <h2>"Keyboard shortcuts"</h2>
            <ul data-testid="options-shortcuts">
                {move || shortcuts.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ul>
            <p class="muted">"Change them in chrome://extensions/shortcuts (Firefox: Add-ons → ⚙ → Manage Extension Shortcuts)."</p>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="options-error">{move || error.get().unwrap_or_default()}</p>
            </Show>
            <button class="primary" data-testid="options-save" on:click=save>"Save"</button>
            <span class="status" data-testid="options-status" aria-live="polite">{move || status.get()}</span>
        </main>
    }
}
