//! Statistics for the day, ISO week or month containing now, in the browser's zone (named on
//! screen): the total, a bar per day (SVG drawn here, no chart library) and time per project.
use chrono::Datelike;

use super::tabs::{Note, note};
use leptos::{prelude::*, task::spawn_local};
use perminut_core::{
    ApiBase, Client, DayTotal, Stats, StatsRange,
    duration_input::{day_label, weekday_short},
    time::{date_param, format_hms},
};

/// Width and bar height of the chart, in SVG units.
const CHART_W: usize = 336;
const BAR_H: i64 = 80;

/// A project's colour if it is a plain `#rgb`/`#rrggbb` (it lands in a `style` attribute).
fn safe_color(color: Option<&str>) -> &str {
    color
        .filter(|c| {
            matches!(c.len(), 4 | 7)
                && c.starts_with('#')
                && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .unwrap_or("#98a2b3")
}

/// One bar per day, scaled to the longest; a label under each (every fifth in a month).
fn chart(days: &[DayTotal]) -> impl IntoView + use<> {
    let n = days.len().max(1);
    let step = CHART_W / n;
    let max = days
        .iter()
        .map(|d| d.total_seconds)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = days.iter().enumerate().map(|(i, d)| {
        let h = (d.total_seconds.max(0) * BAR_H / max).max(1);
        let x = (i * step) as i64;
        let label = if n <= 7 { weekday_short(d.date).to_string() } else if i % 5 == 0 { d.date.day().to_string() } else { String::new() };
        view! {
            <rect data-testid="stats-bar" data-date=date_param(d.date) data-seconds=d.total_seconds.to_string()
                x=(x + 1).to_string() y=(BAR_H - h).to_string() width=(step.max(3) - 2).to_string() height=h.to_string()
                aria-label=format!("{}: {}", d.date, format_hms(d.total_seconds)) />
            <text x=(x + step as i64 / 2).to_string() y="94" text-anchor="middle">{label}</text>
        }
    }).collect_view();
    view! {
        <svg class="chart" data-testid="stats-chart" viewBox=format!("0 0 {CHART_W} 98") role="img" aria-label="Time per day">{bars}</svg>
    }
}

/// The figures of one period.
fn figures(stats: Stats) -> impl IntoView {
    let total = stats.total_seconds.max(1);
    let projects = stats.projects.into_iter().map(|p| {
        let color = safe_color(p.color.as_deref()).to_string();
        view! {
            <li data-testid="stats-project" data-project-id=p.project_id.0.to_string()>
                <span><span class="dot" style=format!("background:{color}")></span>{p.name}</span>
                <span class="duration">{format_hms(p.total_seconds)}</span>
                <span class="pbar" style=format!("width:{}%;background:{color}", p.total_seconds.max(0) * 100 / total)></span>
            </li>
        }
    }).collect_view();
    view! {
        <div class="row">
            <span data-testid="stats-period">{format!("{} – {}", day_label(stats.start_date), day_label(stats.end_date))}</span>
            <strong class="duration" data-testid="stats-total">{format_hms(stats.total_seconds)}</strong>
        </div>
        {chart(&stats.days)}
        <ul class="projects">{projects}</ul>
    }
}

/// The statistics tab.
#[component]
pub fn StatsTab(api: Option<ApiBase>) -> impl IntoView {
    let zone = perminut_core::browser_time_zone();
    let range = RwSignal::new(StatsRange::Weekly);
    let data = RwSignal::new(None::<Result<Stats, String>>);
    let loading = RwSignal::new(false);
    let client = StoredValue::new_local(api.map(Client::new));
    let zone_for_query = zone.clone();
    Effect::new(move |_| {
        let wanted = range.get();
        let Some(client) = client.get_value() else {
            return data.set(Some(Err(
                "No Perminut address is configured for this build.".into(),
            )));
        };
        let zone = zone_for_query.clone();
        loading.set(true);
        spawn_local(async move {
            let result = client
                .stats(wanted, &zone)
                .await
                .map_err(|e| e.user_message());
            // Only the answer for the range still chosen is shown.
            if range.try_get_untracked() == Some(wanted) {
                data.set(Some(result));
                loading.set(false);
            }
        });
    });
    let status: Note = Signal::derive(move || match data.get() {
        _ if loading.get() => Some(("muted", "stats-loading", "Loading…".into())),
        Some(Err(message)) => Some(("error", "stats-error", message)),
        Some(Ok(s)) if s.total_seconds == 0 => Some((
            "muted",
            "stats-empty",
            "Nothing tracked in this period yet.".into(),
        )),
        _ => None,
    });
    let button = move |which: StatsRange, label: &'static str| {
        view! {
            <button type="button" data-testid="stats-range" data-range=which.as_str()
                aria-pressed=move || (range.get() == which).to_string() on:click=move |_| range.set(which)>{label}</button>
        }
    };
    view! {
        <section class="stats" aria-label="Statistics" aria-busy=move || loading.get().to_string()>
            <div class="tabs">
                {button(StatsRange::Daily, "Day")}
                {button(StatsRange::Weekly, "Week")}
                {button(StatsRange::Monthly, "Month")}
            </div>
            <p class="muted" data-testid="stats-zone">{format!("Times in {zone}")}</p>
            {note(status)}
            {move || (!loading.get()).then(|| data.get().and_then(Result::ok).map(figures))}
        </section>
    }
}
