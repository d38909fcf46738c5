//! Settings: defaults, migrations, newer formats, validation.
#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn settings_round_trip_with_their_version() {
    let settings = Settings {
        api_base: "https://perminut.example.com".into(),
        default_project: Some(ProjectId(3)),
        rules: vec![Rule {
            pattern: "github.com".into(),
            project_id: Some(ProjectId(2)),
            template: "{title}".into(),
        }],
        badge: false,
        ..Settings::default()
    };
    let json = settings.to_json();
    assert!(json.contains("\"version\":1"), "{json}");
    assert_eq!(Settings::from_json(&json).unwrap(), settings);
}

#[test]
fn missing_fields_take_their_defaults() {
    let settings = Settings::from_json(r#"{"version":1,"badge":false}"#).unwrap();
    assert_eq!(
        settings,
        Settings {
            badge: false,
            ..Settings::default()
        }
    );
    assert!(settings.context_menu && settings.remember_site_project);
}

#[test]
fn unversioned_settings_are_migrated_to_the_current_format() {
    let settings =
        Settings::from_json(r#"{"apiUrl":"http://127.0.0.1:8791","showBadge":false,"unknown":1}"#)
            .unwrap();
    assert_eq!(settings.version, SETTINGS_VERSION);
    assert_eq!(settings.api_base, "http://127.0.0.1:8791");
    assert!(!settings.badge);
    // A new name already present wins over the old one.
    let settings =
        Settings::from_json(r#"{"apiUrl":"https://old.example","apiBase":"https://new.example"}"#)
            .unwrap();
    assert_eq!(settings.api_base, "https://new.example");
}

#[test]
fn newer_and_unreadable_settings_are_refused_with_words() {
    assert!(
        Settings::from_json(r#"{"version":99}"#)
            .unwrap_err()
            .contains("newer")
    );
    assert!(
        Settings::from_json("nope")
            .unwrap_err()
            .contains("unreadable")
    );
    assert!(
        Settings::from_json("[1]")
            .unwrap_err()
            .contains("not an object")
    );
    assert!(
        Settings::from_json(r#"{"version":1,"rules":5}"#)
            .unwrap_err()
            .contains("unreadable")
    );
}

#[test]
fn check_refuses_plain_http_outside_loopback_and_bad_rules() {
    let ok = |api: &str| {
        Settings {
            api_base: api.into(),
            ..Settings::default()
        }
        .check()
    };
    assert!(ok("").is_ok());
    assert!(ok("https://perminut.example.com").is_ok());
    assert!(ok("http://localhost:8791").is_ok());
    assert!(ok("http://127.0.0.1:8791/").is_ok());
    let err = ok("http://perminut.example.com").unwrap_err();
    assert!(err.contains("https://"), "{err}");
    assert!(ok("ftp://x.example").is_err());
    let login = Settings {
        login_url: "http://dash.example/login".into(),
        ..Settings::default()
    };
    assert!(login.check().unwrap_err().contains("login address"));
    let rules = Settings {
        rules: vec![
            Rule {
                pattern: "example.com".into(),
                ..Rule::default()
            },
            Rule {
                pattern: "example.com/?x".into(),
                ..Rule::default()
            },
        ],
        ..Settings::default()
    };
    assert!(rules.check().unwrap_err().starts_with("Rule 2:"));
}

#[test]
fn the_api_and_login_fall_back_to_the_build_default() {
    let default = "https://api.perminut.com";
    assert_eq!(
        Settings::default().api(default).unwrap().to_string(),
        default
    );
    let custom = Settings {
        api_base: "http://localhost:8791/".into(),
        ..Settings::default()
    };
    let api = custom.api(default).unwrap();
    assert_eq!(api.to_string(), "http://localhost:8791");
    assert_eq!(custom.login(&api), "http://localhost:8791/login");
    let bad = Settings {
        api_base: "http://evil.example".into(),
        ..Settings::default()
    };
    assert_eq!(bad.api(default).unwrap().to_string(), default);
    let login = Settings {
        login_url: "https://app.perminut.com/signin".into(),
        ..Settings::default()
    };
    assert_eq!(login.login(&api), "https://app.perminut.com/signin");
}
