//! `ProjectPager`: which offsets are asked, and that it always stops.
#![cfg(not(target_arch = "wasm32"))]

use perminut_core::paging::{MAX_PAGES, ProjectPager};

/// Simulates a server holding `count` projects; returns the offsets the pager asked.
fn walk(count: u32, limit: u32, report_total: bool) -> Vec<u32> {
    let mut pager = ProjectPager::new(limit);
    let mut asked = Vec::new();
    while let Some(offset) = pager.next_offset() {
        asked.push(offset);
        let items = count.saturating_sub(offset).min(limit) as usize;
        pager.record_page(items, report_total.then_some(u64::from(count)));
        assert!(asked.len() <= 100, "runaway pager");
    }
    asked
}

#[test]
fn stops_at_a_short_page() {
    assert_eq!(walk(120, 50, false), [0, 50, 100]);
    assert_eq!(walk(120, 50, true), [0, 50, 100]);
    assert_eq!(walk(0, 50, false), [0]);
    assert_eq!(walk(3, 50, true), [0]);
}

#[test]
fn exactly_full_pages_without_a_total_cost_one_extra_request() {
    assert_eq!(walk(100, 50, false), [0, 50, 100]);
}

#[test]
fn a_reported_total_saves_the_extra_request() {
    assert_eq!(walk(100, 50, true), [0, 50]);
    assert_eq!(walk(50, 50, true), [0]);
}

#[test]
fn a_server_that_always_returns_full_pages_stops_at_the_cap() {
    let mut pager = ProjectPager::new(50);
    let mut pages = 0;
    while pager.next_offset().is_some() {
        pager.record_page(50, None);
        pages += 1;
        assert!(pages <= 1_000, "runaway pager");
    }
    assert_eq!(pages, MAX_PAGES);
    assert!(pager.hit_cap());
    let mut lying = ProjectPager::new(200);
    let mut pages = 0;
    while lying.next_offset().is_some() {
        lying.record_page(200, Some(1_000_000));
        pages += 1;
        assert!(pages <= 1_000, "runaway pager");
    }
    assert_eq!(pages, 50, "10 000 items at 200 a page");
    assert!(lying.hit_cap());
}

#[test]
fn limits_are_clamped_and_offsets_follow_what_was_received() {
    assert_eq!(ProjectPager::new(0).limit(), 1);
    assert_eq!(ProjectPager::new(5_000).limit(), 200);
    let mut pager = ProjectPager::new(50);
    pager.record_page(60, None);
    assert_eq!(pager.next_offset(), Some(60));
    pager.record_page(10, Some(1_000));
    assert_eq!(pager.next_offset(), None);
    assert!(!pager.hit_cap());
    pager.record_page(50, None);
    assert_eq!(pager.next_offset(), None, "nothing after the end");
}
