//! The pure half of exactly-once delivery.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::ProjectId;
use chrono::TimeZone;

fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 10, 0, 0).unwrap() + Duration::seconds(s)
}

fn entry(id: i64, start: i64, end: Option<i64>) -> TimeEntry {
    TimeEntry {
        id: TimeEntryId(id),
        project_id: ProjectId(12),
        description: "Docs".into(),
        start: at(start),
        end: end.map(at),
    }
}

fn start_request(s: i64) -> StartRequest {
    StartRequest {
        local_id: LocalId(1),
        project_id: ProjectId(12),
        description: "Docs".into(),
        at: at(s),
    }
}

#[test]
fn a_committed_start_is_found_and_a_different_one_is_not() {
    let entries = vec![entry(1, -600, Some(-300)), entry(2, 0, None)];
    assert_eq!(
        find_committed_start(&entries, &start_request(0))
            .unwrap()
            .id,
        TimeEntryId(2)
    );
    assert!(find_committed_start(&entries, &start_request(5)).is_none());
    let mut other_description = start_request(0);
    other_description.description = "Review".into();
    assert!(find_committed_start(&entries, &other_description).is_none());
    let mut other_project = start_request(0);
    other_project.project_id = ProjectId(13);
    assert!(find_committed_start(&entries, &other_project).is_none());
}

#[test]
fn a_stop_never_overwrites_an_existing_end() {
    let stopped = entry(2, 0, Some(600));
    assert_eq!(
        plan_stop(Some(&stopped), at(900)),
        StopPlan::AlreadyStopped(stopped)
    );
    assert_eq!(plan_stop(None, at(900)), StopPlan::Gone);
    assert_eq!(
        plan_stop(Some(&entry(2, 0, None)), at(900)),
        StopPlan::Send {
            id: TimeEntryId(2),
            end: at(900)
        }
    );
    // A browser clock behind the server's never produces an end before the start.
    assert_eq!(
        plan_stop(Some(&entry(2, 60, None)), at(30)),
        StopPlan::Send {
            id: TimeEntryId(2),
            end: at(60)
        }
    );
}

#[test]
fn queue_delivers_in_order_with_backoff() {
    let mut outbox = Outbox::default();
    assert!(!outbox.is_due(at(0)));
    outbox.push(Action::Start(start_request(0)));
    outbox.push(Action::Stop {
        target: EntryRef::Local(LocalId(1)),
        at: at(60),
    });
    assert_eq!(outbox.len(), 2);
    assert!(outbox.is_due(at(0)));
    outbox.mark_attempt();
    assert_eq!(outbox.queue[0].attempts, 1);
    outbox.retry_later(at(0));
    assert!(!outbox.is_due(at(1)));
    assert!(outbox.is_due(at(2)));
    outbox.retry_later(at(2));
    assert!(!outbox.is_due(at(5)));
    assert!(outbox.is_due(at(6)));
    outbox.retry_now();
    assert!(outbox.is_due(at(2)));
    outbox.confirm(LocalId(1), TimeEntryId(9));
    outbox.complete_head();
    assert_eq!(
        outbox.resolve(EntryRef::Local(LocalId(1))),
        Some(TimeEntryId(9))
    );
    assert_eq!(outbox.resolve(EntryRef::Local(LocalId(2))), None);
    assert!(matches!(outbox.queue[0].action, Action::Stop { .. }));
    assert_eq!(outbox.failures, 0);
}

#[test]
fn backoff_grows_and_is_capped() {
    assert_eq!(backoff(1), Duration::seconds(2));
    assert_eq!(backoff(3), Duration::seconds(8));
    assert_eq!(backoff(30), MAX_BACKOFF);
}

#[test]
fn a_refused_start_takes_its_stop_with_it() {
    let mut outbox = Outbox::default();
    outbox.push(Action::Start(start_request(0)));
    outbox.push(Action::Stop {
        target: EntryRef::Local(LocalId(1)),
        at: at(60),
    });
    outbox.complete_head();
    outbox.drop_actions_on(LocalId(1));
    assert!(outbox.is_empty());
}

#[test]
fn failures_are_classified() {
    assert_eq!(classify(&ApiError::Unauthorized), Failure::NeedsLogin);
    assert_eq!(
        classify(&ApiError::Network {
            message: "x".into()
        }),
        Failure::Retry
    );
    assert_eq!(
        classify(&ApiError::Server {
            status: 502,
            message: String::new()
        }),
        Failure::Retry
    );
    assert_eq!(
        classify(&ApiError::Validation {
            message: "bad".into(),
            details: vec![]
        }),
        Failure::Drop
    );
    assert_eq!(
        classify(&ApiError::NotFound {
            message: String::new()
        }),
        Failure::Drop
    );
}
