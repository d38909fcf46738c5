//! Who is logged in, or the button to log in.
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    ApiBase,
    messages::{Auth, WorkerState},
};

/// The popup's header.
#[component]
pub fn Header(state: RwSignal<WorkerState>, api: Option<ApiBase>) -> impl IntoView {
    let open_login = move |_| {
        let Some(api) = api.clone() else { return };
        spawn_local(async move {
            // The login address from the options, else the API's /login.
            let url = crate::options::load_settings().await.0.login(&api);
            let _ = perminut_browser::tabs::open(&url).await;
        });
    };
    let auth = move || state.with(|s| s.auth.clone());
    view! {
        <header>
            {move || match auth() {
                Auth::LoggedIn { user } => view! {
                    <span class="who" data-testid="user-name">{user.name.clone()}</span>
                    <span class="org" data-testid="organization-name">{user.organization.name.clone()}</span>
                }.into_any(),
                Auth::LoggedOut => view! {
                    <span class="who">"You are not logged in"</span>
                    <button class="primary" data-testid="login-button" on:click=open_login.clone()>
                        "Log in to Perminut"
                    </button>
                }.into_any(),
                Auth::Unknown => view! { <span class="who muted">"Perminut"</span> }.into_any(),
            }}
        </header>
    }
}
