//! `ApiBase`: which addresses are allowed, and the URLs built from them.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use perminut_core::{ApiBase, ApiError};

fn base(text: &str) -> ApiBase {
    ApiBase::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn https_is_accepted_and_normalized() {
    assert_eq!(
        base("https://api.perminut.com").to_string(),
        "https://api.perminut.com"
    );
    assert_eq!(
        base("https://api.perminut.com/").to_string(),
        "https://api.perminut.com"
    );
    assert_eq!(
        base("  HTTPS://API.Perminut.com//  ").to_string(),
        "https://api.perminut.com"
    );
    assert_eq!(
        base("https://api.perminut.com:443/").to_string(),
        "https://api.perminut.com"
    );
    assert_eq!(
        base("https://perminut.example:8443/tracker/").to_string(),
        "https://perminut.example:8443/tracker"
    );
    assert_eq!(base("https://10.0.0.5").to_string(), "https://10.0.0.5");
    assert_eq!(
        base("https://[2001:DB8::1]:8443").to_string(),
        "https://[2001:db8::1]:8443"
    );
}

#[test]
fn plain_http_only_for_loopback_on_any_port() {
    for ok in [
        "http://127.0.0.1:8787",
        "http://localhost",
        "http://LOCALHOST:3000/",
        "http://[::1]:8787",
        "http://127.0.0.1",
    ] {
        assert!(ApiBase::parse(ok).is_ok(), "{ok}");
    }
    assert_eq!(
        base("http://127.0.0.1:8787/").to_string(),
        "http://127.0.0.1:8787"
    );
    assert_eq!(base("http://localhost:80").to_string(), "http://localhost");
    for bad in [
        "http://example.com",
        "http://api.perminut.com:8787",
        "http://127.0.0.2",
        "http://127.1",
        "http://localhost.example.com",
        "http://[::2]",
        "http://0.0.0.0:8787",
    ] {
        assert_eq!(
            ApiBase::parse(bad),
            Err(ApiError::InsecureBaseUrl { url: bad.into() }),
            "{bad}"
        );
    }
}

#[test]
fn anything_else_is_refused_before_any_request() {
    for bad in [
        "",
        "api.perminut.com",
        "//api.perminut.com",
        "ftp://api.perminut.com",
        "ws://localhost",
        "javascript:alert(1)",
        "https://",
        "https:///api",
        "https://user:pass@api.perminut.com",
        "https://api.perminut.com@evil.example",
        "http://evil.example#@127.0.0.1",
        "http://127.0.0.1:8787@evil.example",
        "https://api.perminut.com?x=1",
        "https://api.perminut.com/#frag",
        "https://api.perminut.com:0",
        "https://api.perminut.com:65536",
        "https://api.perminut.com:80a",
        "https://api.perminut.com:",
        "https://api perminut.com",
        "https://-bad-.com",
        "https://a..b",
        "https://[::1",
        "https://[zz::1]",
        "https://api.perminut.com/../admin",
        "https:\\\\api.perminut.com",
        "https://ex\u{e4}mple.com",
    ] {
        assert!(
            matches!(ApiBase::parse(bad), Err(ApiError::InsecureBaseUrl { .. })),
            "{bad:?} should be refused"
        );
    }
}

#[test]
fn urls_built_from_the_base() {
    let api = base("https://api.perminut.com/");
    assert_eq!(
        api.endpoint("/api/auth/me"),
        "https://api.perminut.com/api/auth/me"
    );
    assert_eq!(
        api.endpoint("api/projects?limit=50"),
        "https://api.perminut.com/api/projects?limit=50"
    );
    assert_eq!(api.login_url(), "https://api.perminut.com/login");
    assert_eq!(api.origin(), "https://api.perminut.com");
    assert_eq!(api.host_permission_pattern(), "https://api.perminut.com/*");
    let prefixed = base("https://perminut.example:8443/tracker");
    assert_eq!(
        prefixed.endpoint("/api/auth/me"),
        "https://perminut.example:8443/tracker/api/auth/me"
    );
    assert_eq!(prefixed.origin(), "https://perminut.example:8443");
    assert_eq!(
        prefixed.host_permission_pattern(),
        "https://perminut.example/*"
    );
}

#[test]
fn host_permission_patterns_leave_out_the_port_for_firefox() {
    let local = base("http://127.0.0.1:8787");
    assert_eq!(local.host_permission_pattern(), "http://127.0.0.1/*");
    assert_eq!(local.origin(), "http://127.0.0.1:8787");
    assert_eq!(local.login_url(), "http://127.0.0.1:8787/login");
    assert!(local.is_loopback());
    assert_eq!(
        base("http://[::1]:8787").host_permission_pattern(),
        "http://[::1]/*"
    );
    assert!(!base("https://api.perminut.com").is_loopback());
}

#[test]
fn serializes_as_a_string_and_validates_when_read() {
    let api = base("http://localhost:8787/");
    assert_eq!(
        serde_json::to_string(&api).unwrap(),
        r#""http://localhost:8787""#
    );
    assert_eq!(
        serde_json::from_str::<ApiBase>(r#""http://localhost:8787""#).unwrap(),
        api
    );
    assert!(serde_json::from_str::<ApiBase>(r#""http://example.com""#).is_err());
    assert_eq!(
        "https://api.perminut.com".parse::<ApiBase>().unwrap(),
        base("https://api.perminut.com")
    );
}
