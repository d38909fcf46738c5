//! URL rules: which project and description a timer started from a tab gets.
//!
//! A rule maps a URL pattern to a project and a description template. Patterns, written by
//! people in the options page:
//!
//! - `example.com` — that host, any path; `*.example.com` — the host and its subdomains;
//! - `example.com/docs` — a path prefix, by whole segments (`/docs` and `/docs/x`, not
//!   `/docsy`);
//! - `github.com/:owner/:repo/issues/:number` — `:name` takes one segment, `*` skips one;
//! - `https://…` — a scheme limits the rule to it; `host:8080` — a port limits it to that port
//!   (without one, every port matches).
//!
//! Matching decisions: hosts compare case-insensitively, with a trailing dot dropped, Unicode
//! hosts turned to punycode (browsers give `xn--…` hosts) and a leading `www.` ignored on both
//! sides (`github.com` and `www.github.com` are one site). Literal path segments compare
//! case-insensitively too (people type patterns in lowercase, and GitHub, Jira and most sites
//! treat these paths so); captured parts keep the URL's case, percent-decoded. The query,
//! the fragment and trailing slashes never matter.
//!
//! Templates: `{title}`, `{url}`, `{host}`, `{selection}` and the pattern's named parts
//! (`#{number} {title}`). An empty template means the default: the selection if any, else the
//! title. Everything here is pure and tested natively (`rules_tests.rs`).

use serde::Serialize;
use serde_json::Value;

use crate::ProjectId;
#[cfg(test)]
use crate::url_parts::punycode;
use crate::url_parts::{UrlParts, normalize_host, parse_url, percent_decode, split_port};

/// One user rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// The URL pattern (see the module docs).
    pub pattern: String,
    /// The project to start on; `None` keeps the usual choice.
    pub project_id: Option<ProjectId>,
    /// The description template; empty for the default.
    pub template: String,
}

/// What we know of the tab a timer is started from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TabContext {
    /// The page (or link) URL.
    pub url: String,
    /// The page title (or link text).
    pub title: String,
    /// The selected text, if the start came from a selection.
    pub selection: String,
}

/// What a start from a tab should use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestion {
    /// The project, when a rule or the site memory names one.
    pub project_id: Option<ProjectId>,
    /// The description.
    pub description: String,
    /// Index of the rule that matched, if any.
    pub rule: Option<usize>,
}

/// Placeholders every template may use.
const BUILTINS: [&str; 4] = ["title", "url", "host", "selection"];

/// A pattern segment.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Named(String),
    Any,
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    scheme: Option<String>,
    host: String,
    subdomains: bool,
    port: Option<String>,
    segments: Vec<Segment>,
}

/// Checks a pattern; the error says what is wrong in plain words.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    parse_pattern(pattern).map(|_| ())
}

/// The named parts a URL matches a pattern with, or `None` when it does not match (or either
/// is unreadable).
pub fn match_url(pattern: &str, url: &str) -> Option<Vec<(String, String)>> {
    let pattern = parse_pattern(pattern).ok()?;
    let url = parse_url(url)?;
    pattern.matches(&url)
}

impl Rule {
    /// Reads a stored rule (`{"pattern", "projectId", "template"}`; missing fields empty).
    pub fn from_value(value: &Value) -> Result<Rule, String> {
        let object = value.as_object().ok_or("a rule should be an object")?;
        let text = |key: &str| match object.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!("`{key}` should be text")),
        };
        Ok(Rule {
            pattern: text("pattern")?,
            project_id: crate::settings::project_id(object.get("projectId"))
                .map_err(|e| format!("`projectId` should be {e}"))?,
            template: text("template")?,
        })
    }

    /// Checks the pattern and that the template only uses known placeholders.
    pub fn check(&self) -> Result<(), String> {
        let pattern = parse_pattern(&self.pattern)?;
        let mut rest = self.template.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            let named = pattern
                .segments
                .iter()
                .any(|s| matches!(s, Segment::Named(n) if n == name));
            if !BUILTINS.contains(&name) && !named {
                return Err(format!(
                    "the template uses {{{name}}}, which is neither {{title}}, {{url}}, {{host}}, \
                     {{selection}} nor a :{name} part of the pattern"
                ));
            }
            rest = &after[close + 1..];
        }
        Ok(())
    }
}

/// The first matching rule's project and description for a start from `tab`; without a
/// matching rule, the site's remembered project (when `sites` is given) and the default
/// description (the selection, else the title).
pub fn suggest(rules: &[Rule], sites: Option<&SiteProjects>, tab: &TabContext) -> Suggestion {
    let default_description = if tab.selection.trim().is_empty() {
        &tab.title
    } else {
        &tab.selection
    };
    let url = parse_url(&tab.url);
    let remembered = || {
        url.as_ref()
            .and_then(|u| sites.and_then(|s| s.get_host(&u.host)))
    };
    let found = url.as_ref().and_then(|url| {
        rules.iter().enumerate().find_map(|(i, rule)| {
            let captures = parse_pattern(&rule.pattern).ok()?.matches(url)?;
            Some((i, rule, captures))
        })
    });
    match found {
        Some((i, rule, captures)) => {
            let description = if rule.template.trim().is_empty() {
                default_description.trim().to_owned()
            } else {
                render(&rule.template, &captures, tab)
            };
            Suggestion {
                project_id: rule.project_id.or_else(remembered),
                description,
                rule: Some(i),
            }
        }
        None => Suggestion {
            project_id: remembered(),
            description: default_description.trim().to_owned(),
            rule: None,
        },
    }
}

/// Fills a template; unknown placeholders stay as written.
pub fn render(template: &str, captures: &[(String, String)], tab: &TabContext) -> String {
    let host = url_host(&tab.url);
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        let value = match name {
            "title" => Some(tab.title.as_str()),
            "url" => Some(tab.url.as_str()),
            "host" => Some(host.as_str()),
            "selection" => Some(tab.selection.as_str()),
            _ => captures
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
        };
        match value {
            Some(value) => out.push_str(value.trim()),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// The URL's host as the browser shows it in the address (lowercase), for `{host}`.
fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    split_port(authority).0.to_lowercase()
}

/// "Remember the last project used on this site": host → project, most recent first.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct SiteProjects(pub Vec<(String, ProjectId)>);

/// Storage key of [`SiteProjects`] in `chrome.storage.local` (this browser only).
pub const SITES_KEY: &str = "sites";

/// How many sites are remembered.
const SITES_KEPT: usize = 200;

impl SiteProjects {
    /// The project last used on the URL's site.
    pub fn get(&self, url: &str) -> Option<ProjectId> {
        self.get_host(&parse_url(url)?.host)
    }

    fn get_host(&self, host: &str) -> Option<ProjectId> {
        self.0.iter().find(|(h, _)| h == host).map(|(_, p)| *p)
    }

    /// Remembers `project` for the URL's site; `true` when something changed. URLs without a
    /// host (`about:blank`, extension pages) are not remembered.
    pub fn remember(&mut self, url: &str, project: ProjectId) -> bool {
        let Some(parts) = parse_url(url) else {
            return false;
        };
        if parts.host.is_empty() || !matches!(parts.scheme.as_str(), "http" | "https") {
            return false;
        }
        if self.0.first() == Some(&(parts.host.clone(), project)) {
            return false;
        }
        self.0.retain(|(h, _)| *h != parts.host);
        self.0.insert(0, (parts.host, project));
        self.0.truncate(SITES_KEPT);
        true
    }

    /// JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored memory; anything unreadable is forgotten.
    pub fn from_json(text: &str) -> SiteProjects {
        let pairs = serde_json::from_str::<Value>(text).ok();
        let pairs = pairs
            .as_ref()
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        SiteProjects(
            pairs
                .iter()
                .filter_map(|pair| {
                    let host = pair.get(0)?.as_str()?.to_owned();
                    Some((host, ProjectId(pair.get(1)?.as_i64()?)))
                })
                .collect(),
        )
    }
}

impl Pattern {
    fn matches(&self, url: &UrlParts) -> Option<Vec<(String, String)>> {
        if self.scheme.as_ref().is_some_and(|s| *s != url.scheme) {
            return None;
        }
        let host_ok = url.host == self.host
            || self.subdomains
                && url
                    .host
                    .strip_suffix(&self.host)
                    .is_some_and(|sub| sub.ends_with('.'));
        if !host_ok || self.port.is_some() && self.port != url.port {
            return None;
        }
        if self.segments.len() > url.segments.len() {
            return None;
        }
        let mut captures = Vec::new();
        for (segment, raw) in self.segments.iter().zip(&url.segments) {
            let value = percent_decode(raw);
            match segment {
                Segment::Literal(text) => {
                    if value.to_lowercase() != *text {
                        return None;
                    }
                }
                Segment::Named(name) => captures.push((name.clone(), value)),
                Segment::Any => {}
            }
        }
        Some(captures)
    }
}

fn parse_pattern(input: &str) -> Result<Pattern, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("the pattern is empty: write a host such as example.com".into());
    }
    if input.contains(['?', '#', ' ']) {
        return Err(format!(
            "\"{input}\" has a space, a query (?) or a fragment (#): patterns match hosts and paths only"
        ));
    }
    let (scheme, rest) = match input.split_once("://") {
        Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
        None => (None, input),
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = split_port(authority);
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("\"{authority}\": the port must be digits"));
    }
    let (subdomains, host) = match host.strip_prefix("*.") {
        Some(host) => (true, host),
        None => (false, host),
    };
    let host = normalize_host(host)
        .filter(|h| {
            !h.is_empty() && !h.contains(['*', '@']) && (h.starts_with('[') || !h.contains(':'))
        })
        .ok_or_else(|| format!("\"{authority}\" is not a host such as example.com"))?;
    let mut segments = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        segments.push(if segment == "*" {
            Segment::Any
        } else if let Some(name) = segment.strip_prefix(':') {
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(format!(
                    "\":{name}\": a named part is a colon and letters, digits or _"
                ));
            }
            if segments.contains(&Segment::Named(name.to_owned())) {
                return Err(format!("\":{name}\" appears twice in the pattern"));
            }
            Segment::Named(name.to_owned())
        } else {
            Segment::Literal(percent_decode(segment).to_lowercase())
        });
    }
    Ok(Pattern {
        scheme,
        host,
        subdomains,
        port: port.map(str::to_owned),
        segments,
    })
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
