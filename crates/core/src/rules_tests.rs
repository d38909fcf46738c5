//! URL rule matching: hosts, ports, paths, queries, fragments, trailing slashes, Unicode and
//! punycode hosts, `www.`, case; templates; the site memory.
#![allow(clippy::unwrap_used)]

use super::*;

fn matches(pattern: &str, url: &str) -> bool {
    match_url(pattern, url).is_some()
}

fn tab(url: &str, title: &str) -> TabContext {
    TabContext {
        url: url.into(),
        title: title.into(),
        selection: String::new(),
    }
}

fn rule(pattern: &str, project: i64, template: &str) -> Rule {
    Rule {
        pattern: pattern.into(),
        project_id: Some(ProjectId(project)),
        template: template.into(),
    }
}

#[test]
fn host_only_matches_every_path_of_that_host_and_no_other_host() {
    assert!(matches("example.com", "https://example.com"));
    assert!(matches("example.com", "https://example.com/"));
    assert!(matches("example.com", "https://example.com/a/b?c=d#e"));
    assert!(matches("example.com", "http://example.com/a"));
    assert!(!matches("example.com", "https://example.org/"));
    assert!(!matches("example.com", "https://notexample.com/"));
    assert!(!matches("example.com", "https://example.com.evil.net/"));
    assert!(!matches("example.com", "https://sub.example.com/"));
    assert!(!matches("example.com", "https://evil.net/example.com"));
    assert!(!matches(
        "example.com",
        "https://evil.net/?u=https://example.com"
    ));
}

#[test]
fn subdomain_wildcard_matches_the_host_and_its_subdomains_only() {
    assert!(matches("*.example.com", "https://example.com/"));
    assert!(matches("*.example.com", "https://a.b.example.com/"));
    assert!(!matches("*.example.com", "https://badexample.com/"));
    assert!(!matches("*.example.com", "https://example.com.evil.net/"));
}

#[test]
fn ports_only_matter_when_the_pattern_names_one() {
    assert!(matches("localhost", "http://localhost:3000/x"));
    assert!(matches("localhost:3000", "http://localhost:3000/x"));
    assert!(!matches("localhost:3000", "http://localhost:3001/x"));
    assert!(!matches("localhost:3000", "http://localhost/x"));
    // Default ports are the same as none.
    assert!(matches("https://example.com", "https://example.com:443/"));
    assert!(matches("example.com:8443", "https://example.com:8443/"));
    assert!(matches("127.0.0.1:8791", "http://127.0.0.1:8791/__page/x"));
    assert!(matches("[::1]:8080", "http://[::1]:8080/"));
    assert!(!matches("[::1]:8080", "http://[::1]:8081/"));
}

#[test]
fn a_scheme_in_the_pattern_limits_it_to_that_scheme() {
    assert!(matches("https://example.com", "https://example.com/"));
    assert!(!matches("https://example.com", "http://example.com/"));
    assert!(matches("HTTPS://Example.com", "https://example.com/"));
}

#[test]
fn path_prefixes_match_whole_segments_ignoring_trailing_slashes_query_and_fragment() {
    assert!(matches("example.com/docs", "https://example.com/docs"));
    assert!(matches("example.com/docs", "https://example.com/docs/"));
    assert!(matches("example.com/docs/", "https://example.com/docs"));
    assert!(matches(
        "example.com/docs",
        "https://example.com/docs/intro/part"
    ));
    assert!(matches("example.com/docs", "https://example.com/docs?x=1"));
    assert!(matches("example.com/docs", "https://example.com/docs#top"));
    assert!(matches("example.com/docs", "https://example.com//docs//"));
    assert!(!matches("example.com/docs", "https://example.com/docsy"));
    assert!(!matches("example.com/docs", "https://example.com/"));
    assert!(!matches("example.com/docs", "https://example.com/?p=/docs"));
    assert!(!matches("example.com/docs", "https://example.com/#/docs"));
}

#[test]
fn named_parts_capture_one_segment_each_and_keep_the_urls_case() {
    let pattern = "github.com/:owner/:repo/issues/:number";
    let captures = match_url(pattern, "https://github.com/Acme/App/issues/42?x=1#c").unwrap();
    assert_eq!(
        captures,
        vec![
            ("owner".to_string(), "Acme".to_string()),
            ("repo".into(), "App".into()),
            ("number".into(), "42".into())
        ]
    );
    assert!(matches(pattern, "https://github.com/acme/app/issues/42/"));
    assert!(matches(
        pattern,
        "https://github.com/acme/app/issues/42/comments"
    ));
    assert!(!matches(pattern, "https://github.com/acme/app/pulls/42"));
    assert!(!matches(pattern, "https://github.com/acme/app/issues"));
    assert!(!matches(pattern, "https://github.com/acme/app/issues/"));
    assert!(matches(
        "example.com/*/edit",
        "https://example.com/page/edit"
    ));
    assert!(!matches(
        "example.com/*/edit",
        "https://example.com/page/view"
    ));
}

#[test]
fn captured_parts_are_percent_decoded() {
    let captures = match_url("wiki.example/:page", "https://wiki.example/Caf%C3%A9%20bar").unwrap();
    assert_eq!(captures[0].1, "Café bar");
    // Invalid UTF-8 stays as written.
    assert_eq!(
        match_url("wiki.example/:page", "https://wiki.example/%FF").unwrap()[0].1,
        "%FF"
    );
}

#[test]
fn hosts_and_literal_segments_compare_case_insensitively() {
    assert!(matches("GitHub.com/Acme", "https://github.com/acme/app"));
    assert!(matches("github.com/acme", "https://GITHUB.COM/ACME/app"));
}

#[test]
fn www_is_ignored_on_both_sides_and_trailing_dots_dropped() {
    assert!(matches("github.com", "https://www.github.com/"));
    assert!(matches("www.github.com", "https://github.com/"));
    assert!(matches("github.com", "https://github.com./x"));
    assert!(!matches("github.com", "https://www2.github.com/"));
    // A bare "www" host is a host, not a prefix.
    assert!(matches("www", "http://www/"));
}

#[test]
fn unicode_patterns_match_the_punycode_hosts_browsers_report() {
    assert_eq!(punycode("bücher").unwrap(), "bcher-kva");
    assert_eq!(punycode("münchen").unwrap(), "mnchen-3ya");
    assert_eq!(punycode("例え").unwrap(), "r8jz45g");
    assert!(matches("bücher.example", "https://xn--bcher-kva.example/"));
    assert!(matches("BÜCHER.example", "https://xn--bcher-kva.example/"));
    assert!(matches(
        "xn--bcher-kva.example",
        "https://xn--bcher-kva.example/"
    ));
    assert!(matches("www.münchen.de", "https://xn--mnchen-3ya.de/"));
    assert!(!matches("bücher.example", "https://bucher.example/"));
}

#[test]
fn user_info_and_odd_urls_do_not_fool_the_matcher() {
    assert!(!matches("example.com", "https://example.com@evil.net/"));
    assert!(matches("evil.net", "https://example.com@evil.net/"));
    assert!(!matches("example.com", "not a url"));
    assert!(!matches("example.com", "about:blank"));
    assert!(!matches("example.com", ""));
}

#[test]
fn bad_patterns_are_refused_with_words() {
    assert!(check_pattern("").unwrap_err().contains("empty"));
    assert!(
        check_pattern("example.com/?q=1")
            .unwrap_err()
            .contains("query")
    );
    assert!(check_pattern("example.com/#x").is_err());
    assert!(check_pattern("exa mple.com").is_err());
    assert!(
        check_pattern("example.com:http")
            .unwrap_err()
            .contains("port")
    );
    assert!(check_pattern("example.com/:").is_err());
    assert!(check_pattern("example.com/:a-b").is_err());
    assert!(
        check_pattern("example.com/:a/:a")
            .unwrap_err()
            .contains("twice")
    );
    assert!(check_pattern("/just/a/path").is_err());
    assert!(check_pattern("ex*ample.com").is_err());
    assert!(check_pattern("github.com/:owner/:repo/issues/:number").is_ok());
}

#[test]
fn templates_fill_builtins_and_named_parts_and_keep_unknown_ones() {
    let t = TabContext {
        url: "https://www.GitHub.com/acme/app/issues/42".into(),
        title: "  Crash on save ".into(),
        selection: "Fix login bug".into(),
    };
    let captures = vec![("number".to_string(), "42".to_string())];
    assert_eq!(
        render("#{number} {title}", &captures, &t),
        "#42 Crash on save"
    );
    assert_eq!(
        render("{host}: {selection}", &captures, &t),
        "www.github.com: Fix login bug"
    );
    assert_eq!(render("{url}", &captures, &t), t.url);
    assert_eq!(render("{nope} {title", &captures, &t), "{nope} {title");
    assert_eq!(render("{} x", &captures, &t), "{} x");
}

#[test]
fn rule_check_refuses_unknown_placeholders() {
    assert!(
        rule(
            "github.com/:owner/:repo/issues/:number",
            1,
            "#{number} {title}"
        )
        .check()
        .is_ok()
    );
    let err = rule("github.com/:owner", 1, "#{number}")
        .check()
        .unwrap_err();
    assert!(err.contains("{number}"), "{err}");
    assert!(rule("bad pattern?", 1, "").check().is_err());
}

#[test]
fn the_first_matching_rule_wins_and_defaults_fill_in() {
    let rules = vec![
        rule(
            "github.com/:owner/:repo/issues/:number",
            7,
            "#{number} {title}",
        ),
        rule("github.com", 3, ""),
    ];
    let s = suggest(
        &rules,
        None,
        &tab("https://github.com/acme/app/issues/42", "Crash on save"),
    );
    assert_eq!(
        s,
        Suggestion {
            project_id: Some(ProjectId(7)),
            description: "#42 Crash on save".into(),
            rule: Some(0)
        }
    );
    let s = suggest(&rules, None, &tab("https://github.com/acme/app", "App"));
    assert_eq!(
        s,
        Suggestion {
            project_id: Some(ProjectId(3)),
            description: "App".into(),
            rule: Some(1)
        }
    );
    let s = suggest(&rules, None, &tab("https://example.com/", "Example"));
    assert_eq!(
        s,
        Suggestion {
            project_id: None,
            description: "Example".into(),
            rule: None
        }
    );
    // A selection is the default description.
    let mut with_selection = tab("https://github.com/acme/app", "App");
    with_selection.selection = "Fix login bug".into();
    assert_eq!(
        suggest(&rules, None, &with_selection).description,
        "Fix login bug"
    );
    // A bad rule is skipped, not fatal.
    let rules = vec![rule("bad?", 1, ""), rule("example.com", 2, "")];
    assert_eq!(
        suggest(&rules, None, &tab("https://example.com/", "E")).project_id,
        Some(ProjectId(2))
    );
}

#[test]
fn the_site_memory_fills_in_when_no_rule_names_a_project() {
    let mut sites = SiteProjects::default();
    assert!(sites.remember("https://www.example.com/a", ProjectId(5)));
    assert!(!sites.remember("https://example.com/b", ProjectId(5)));
    assert_eq!(sites.get("http://example.com:8080/"), Some(ProjectId(5)));
    assert!(!sites.remember("chrome-extension://abc/popup.html", ProjectId(1)));
    assert!(!sites.remember("about:blank", ProjectId(1)));
    let none = vec![Rule {
        pattern: "example.com".into(),
        project_id: None,
        template: "{host}".into(),
    }];
    let s = suggest(&none, Some(&sites), &tab("https://example.com/", "E"));
    assert_eq!(
        (s.project_id, s.description.as_str()),
        (Some(ProjectId(5)), "example.com")
    );
    // Switched off (no memory given): no project.
    assert_eq!(
        suggest(&none, None, &tab("https://example.com/", "E")).project_id,
        None
    );
    // A rule's own project wins over the memory.
    let own = vec![rule("example.com", 9, "")];
    assert_eq!(
        suggest(&own, Some(&sites), &tab("https://example.com/", "E")).project_id,
        Some(ProjectId(9))
    );
    // The newest use wins and the list stays bounded.
    assert!(sites.remember("https://example.com/", ProjectId(6)));
    assert_eq!(sites.get("https://example.com/"), Some(ProjectId(6)));
    for i in 0..300 {
        sites.remember(&format!("https://site{i}.example/"), ProjectId(i));
    }
    assert_eq!(sites.0.len(), SITES_KEPT);
    assert_eq!(SiteProjects::from_json(&sites.to_json()), sites);
    assert_eq!(SiteProjects::from_json("nonsense"), SiteProjects::default());
}
