//! The URL rules editor: add, edit, reorder, remove, and test a URL against the rules.
use leptos::prelude::*;
use perminut_core::{
    Project, ProjectId,
    rules::{Rule, TabContext, suggest},
};

/// A project `<select>` with a "none" choice.
#[component]
pub fn ProjectSelect(
    projects: RwSignal<Vec<Project>>,
    #[prop(into)] selected: Signal<Option<ProjectId>>,
    #[prop(into)] on_pick: Callback<Option<ProjectId>>,
    testid: &'static str,
    none: &'static str,
) -> impl IntoView {
    view! {
        <select data-testid=testid
            on:change=move |ev| on_pick.run(event_target_value(&ev).parse().ok().map(ProjectId))>
            <option value="" selected=move || selected.get().is_none()>{none}</option>
            <For each=move || projects.get() key=|p| (p.id, p.name.clone()) let:p>
                <option value=p.id.0.to_string() selected=move || selected.get() == Some(p.id)>
                    {p.name.clone()}
                </option>
            </For>
        </select>
    }
}

/// The rules, first match wins.
#[component]
pub fn RulesEditor(rules: RwSignal<Vec<Rule>>, projects: RwSignal<Vec<Project>>) -> impl IntoView {
    let field = move |i: usize, f: fn(&Rule) -> String| {
        move || rules.with(|r| r.get(i).map(f).unwrap_or_default())
    };
    let edit = move |i: usize, f: fn(&mut Rule, String)| {
        move |ev| {
            let value = event_target_value(&ev);
            rules.update(|r| {
                if let Some(rule) = r.get_mut(i) {
                    f(rule, value);
                }
            });
        }
    };
    let swap = move |a: usize, b: usize| {
        rules.update(|r| {
            if a < r.len() && b < r.len() {
                r.swap(a, b);
            }
        });
    };
    let add = move |_| rules.update(|r| r.push(Rule::default()));
    let test_url = RwSignal::new(String::new());
    let test_title = RwSignal::new(String::new());
    let result = move || {
        let url = test_url.get();
        if url.trim().is_empty() {
            return String::new();
        }
        let tab = TabContext {
            url,
            title: test_title.get(),
            selection: String::new(),
        };
        let s = rules.with(|r| suggest(r, None, &tab));
        let Some(i) = s.rule else {
            return "No rule matches: the usual project and the page title.".into();
        };
        let project = s
            .project_id
            .map(|id| {
                projects.with(|p| {
                    p.iter()
                        .find(|p| p.id == id)
                        .map_or(format!("project {}", id.0), |p| p.name.clone())
                })
            })
            .unwrap_or_else(|| "the usual project".into());
        format!("Rule {}: {project}, \"{}\"", i + 1, s.description)
    };
    view! {
        <section class="rules">
            <h2>"URL rules"</h2>
            <p class="muted">
                "example.com, example.com/docs or github.com/:owner/:repo/issues/:number; templates use "
                "{title}, {url}, {host}, {selection} and the :named parts, e.g. #{number} {title}."
            </p>
            <ol>
                <For each=move || 0..rules.with(Vec::len) key=|i| *i let:i>
                    <li data-testid="rule">
                        <input type="text" data-testid="rule-pattern" aria-label="URL pattern" placeholder="github.com/:owner/:repo"
                            prop:value=field(i, |r| r.pattern.clone()) on:input=edit(i, |r, v| r.pattern = v) />
                        <ProjectSelect projects testid="rule-project" none="(usual project)"
                            selected=Signal::derive(move || rules.with(|r| r.get(i).and_then(|r| r.project_id)))
                            on_pick=move |p| rules.update(|r| if let Some(rule) = r.get_mut(i) { rule.project_id = p }) />
                        <input type="text" data-testid="rule-template" aria-label="Description template" placeholder="{title}"
                            prop:value=field(i, |r| r.template.clone()) on:input=edit(i, |r, v| r.template = v) />
                        <button data-testid="rule-up" title="Move up" on:click=move |_| swap(i.wrapping_sub(1), i)>"↑"</button>
                        <button data-testid="rule-down" title="Move down" on:click=move |_| swap(i, i + 1)>"↓"</button>
                        <button data-testid="rule-remove" title="Remove" on:click=move |_| rules.update(|r| { if i < r.len() { r.remove(i); } })>"✕"</button>
                    </li>
                </For>
            </ol>
            <button data-testid="add-rule" on:click=add>"Add a rule"</button>
            <h3>"Try a page"</h3>
            <input type="url" data-testid="test-url" placeholder="https://github.com/acme/app/issues/42"
                prop:value=move || test_url.get() on:input=move |ev| test_url.set(event_target_value(&ev)) />
            <input type="text" data-testid="test-title" placeholder="Page title"
                prop:value=move || test_title.get() on:input=move |ev| test_title.set(event_target_value(&ev)) />
            <p data-testid="test-result">{result}</p>
        </section>
    }
}
