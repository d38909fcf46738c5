//! The user's settings, kept in `chrome.storage.sync` under one key as versioned JSON text.
//!
//! Reading goes through [`Settings::from_json`], which migrates older versions step by step
//! and refuses newer ones (written by a newer extension on another browser of the user's:
//! we keep using the defaults and never overwrite them). Saving goes through
//! [`Settings::check`] first: bad input shows an error and saves nothing.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{ApiBase, ApiError, ProjectId, rules::Rule};

/// Storage key of the settings in `chrome.storage.sync`.
pub const SETTINGS_KEY: &str = "settings";

/// The settings format written by this version.
pub const SETTINGS_VERSION: u32 = 1;

/// Everything the options page edits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Format version ([`SETTINGS_VERSION`] once migrated).
    pub version: u32,
    /// The API base; empty for the build's default.
    pub api_base: String,
    /// Where the user logs in; empty for the API's `/login`.
    pub login_url: String,
    /// The project preselected when nothing else names one.
    pub default_project: Option<ProjectId>,
    /// URL rules, first match wins.
    pub rules: Vec<Rule>,
    /// The built-in rule "remember the last project used on this site".
    pub remember_site_project: bool,
    /// Elapsed time on the toolbar badge.
    pub badge: bool,
    /// The "Start timer" / "Stop timer" context menu.
    pub context_menu: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            api_base: String::new(),
            login_url: String::new(),
            default_project: None,
            rules: Vec::new(),
            remember_site_project: true,
            badge: true,
            context_menu: true,
        }
    }
}

impl Settings {
    /// Reads stored settings, migrating older formats. An error (unreadable, or from a newer
    /// version) says why; callers then use the defaults without saving over what is stored.
    pub fn from_json(text: &str) -> Result<Settings, String> {
        let unreadable =
            |e: &dyn std::fmt::Display| format!("the stored settings are unreadable: {e}");
        let mut value: Value = serde_json::from_str(text).map_err(|e| unreadable(&e))?;
        let object = value
            .as_object_mut()
            .ok_or("the stored settings are not an object")?;
        let mut version = object.get("version").and_then(Value::as_u64).unwrap_or(0);
        if version > u64::from(SETTINGS_VERSION) {
            return Err(format!(
                "the settings were saved by a newer Perminut (format {version}); update this \
                 extension to use them"
            ));
        }
        while version < u64::from(SETTINGS_VERSION) {
            migrate_step(version, object);
            version += 1;
        }
        read_settings(object).map_err(|e| unreadable(&e))
    }

    /// JSON text for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The first problem with these settings, in plain words; `Ok` when they may be saved.
    pub fn check(&self) -> Result<(), String> {
        if !self.api_base.trim().is_empty() {
            ApiBase::parse(&self.api_base).map_err(|e| e.user_message())?;
        }
        if !self.login_url.trim().is_empty() {
            ApiBase::parse(&self.login_url).map_err(|_| {
                format!(
                    "The login address \"{}\" is not allowed. Use an https:// address \
                     (plain http:// only for 127.0.0.1 or localhost), without ? or #.",
                    self.login_url
                )
            })?;
        }
        for (i, rule) in self.rules.iter().enumerate() {
            rule.check().map_err(|e| format!("Rule {}: {e}.", i + 1))?;
        }
        Ok(())
    }

    /// The API base to use: the user's when set and valid, else the build's default.
    pub fn api(&self, default_api: &str) -> Result<ApiBase, ApiError> {
        match self.api_base.trim() {
            "" => ApiBase::parse(default_api),
            custom => ApiBase::parse(custom).or_else(|_| ApiBase::parse(default_api)),
        }
    }

    /// Where the login button goes: the user's login address, else the API's `/login`.
    pub fn login(&self, api: &ApiBase) -> String {
        match self.login_url.trim() {
            "" => api.login_url(),
            url => url.to_owned(),
        }
    }
}

/// Turns format `from` into `from + 1`, in place.
fn migrate_step(from: u64, object: &mut Map<String, Value>) {
    // 0 → 1: settings written before the format had a version (development builds) used
    // `apiUrl` and `showBadge`; everything missing takes its default when deserialized.
    if from == 0 {
        for (old, new) in [("apiUrl", "apiBase"), ("showBadge", "badge")] {
            if let Some(value) = object.remove(old) {
                object.entry(new).or_insert(value);
            }
        }
    }
}

/// Reads the current format by hand from parsed JSON (no serde derive: each derived
/// deserializer costs wasm size). Missing fields take their defaults; a field of the wrong
/// type is an error naming it.
fn read_settings(object: &Map<String, Value>) -> Result<Settings, String> {
    let defaults = Settings::default();
    let wrong = |key: &str, what: &str| format!("`{key}` should be {what}");
    let text = |key: &str| match object.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(wrong(key, "text")),
    };
    let flag = |key: &str, default: bool| match object.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(value) => value.as_bool().ok_or_else(|| wrong(key, "true or false")),
    };
    let rules = match object.get("rules") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(rules)) => rules
            .iter()
            .enumerate()
            .map(|(i, rule)| Rule::from_value(rule).map_err(|e| format!("rules[{i}]: {e}")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(wrong("rules", "a list")),
    };
    Ok(Settings {
        version: SETTINGS_VERSION,
        api_base: text("apiBase")?,
        login_url: text("loginUrl")?,
        default_project: project_id(object.get("defaultProject"))
            .map_err(|e| wrong("defaultProject", e))?,
        rules,
        remember_site_project: flag("rememberSiteProject", defaults.remember_site_project)?,
        badge: flag("badge", defaults.badge)?,
        context_menu: flag("contextMenu", defaults.context_menu)?,
    })
}

/// An optional project id: a number, a numeric string or nothing.
pub(crate) fn project_id(value: Option<&Value>) -> Result<Option<ProjectId>, &'static str> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().map(|id| Some(ProjectId(id))).ok_or("an id"),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(|id| Some(ProjectId(id)))
            .map_err(|_| "an id"),
        Some(_) => Err("an id"),
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
