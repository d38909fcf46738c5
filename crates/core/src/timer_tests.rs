//! Every transition of the timer state machine, double clicks and skewed clocks.
#![allow(clippy::unwrap_used)]

use super::*;
use chrono::TimeZone;

fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 10, 0, 0).unwrap() + Duration::seconds(s)
}

fn start(local: u64, project: i64, description: &str, s: i64) -> StartRequest {
    StartRequest {
        local_id: LocalId(local),
        project_id: ProjectId(project),
        description: description.into(),
        at: at(s),
    }
}

fn entry(id: i64, project: i64, description: &str, s: i64) -> TimeEntry {
    TimeEntry {
        id: TimeEntryId(id),
        project_id: ProjectId(project),
        description: description.into(),
        start: at(s),
        end: None,
    }
}

#[test]
fn idle_start_is_starting_with_one_start_command() {
    let (next, commands) =
        TimerState::Idle.apply(TimerEvent::StartClicked(start(1, 12, "Docs", 0)));
    assert_eq!(
        next,
        TimerState::Starting {
            start: start(1, 12, "Docs", 0)
        }
    );
    assert_eq!(commands, vec![Command::Start(start(1, 12, "Docs", 0))]);
}

#[test]
fn double_click_50ms_apart_gives_one_start() {
    let (s1, c1) = TimerState::Idle.apply(TimerEvent::StartClicked(start(1, 12, "Docs", 0)));
    let mut second = start(2, 12, "Docs", 0);
    second.at += Duration::milliseconds(50);
    let (s2, c2) = s1.apply(TimerEvent::StartClicked(second.clone()));
    assert_eq!(c1.len() + c2.len(), 1);
    assert_eq!(s2, s1);
    // Also once the first start was confirmed quickly.
    let (running, _) = s1.apply(TimerEvent::StartConfirmed {
        local_id: LocalId(1),
        entry: entry(9, 12, "Docs", 0),
    });
    let (_, c3) = running.apply(TimerEvent::StartClicked(second));
    assert!(c3.is_empty());
}

#[test]
fn starting_something_else_stops_the_running_entry_first() {
    let running = TimerState::Running {
        entry: entry(9, 12, "Docs", 0),
    };
    let (next, commands) = running.apply(TimerEvent::StartClicked(start(2, 13, "Review", 600)));
    assert_eq!(
        next,
        TimerState::Starting {
            start: start(2, 13, "Review", 600)
        }
    );
    assert_eq!(
        commands,
        vec![
            Command::Stop {
                target: EntryRef::Server(TimeEntryId(9)),
                at: at(600)
            },
            Command::Start(start(2, 13, "Review", 600)),
        ]
    );
}

#[test]
fn same_task_restarted_after_the_window_is_a_new_entry() {
    let running = TimerState::Running {
        entry: entry(9, 12, "Docs", 0),
    };
    let (_, commands) = running.apply(TimerEvent::StartClicked(start(2, 12, "Docs", 3)));
    assert_eq!(commands.len(), 2);
}

#[test]
fn start_confirmed_makes_running() {
    let starting = TimerState::Starting {
        start: start(1, 12, "Docs", 0),
    };
    let (next, commands) = starting.apply(TimerEvent::StartConfirmed {
        local_id: LocalId(1),
        entry: entry(9, 12, "Docs", 0),
    });
    assert_eq!(
        next,
        TimerState::Running {
            entry: entry(9, 12, "Docs", 0)
        }
    );
    assert!(commands.is_empty());
    // A confirmation for another start changes nothing.
    let (same, _) = starting.apply(TimerEvent::StartConfirmed {
        local_id: LocalId(7),
        entry: entry(9, 12, "Docs", 0),
    });
    assert_eq!(same, starting);
}

#[test]
fn stop_while_running_and_while_starting() {
    let running = TimerState::Running {
        entry: entry(9, 12, "Docs", 0),
    };
    let (next, commands) = running.apply(TimerEvent::StopClicked { at: at(60) });
    assert_eq!(
        next,
        TimerState::Stopping {
            target: EntryRef::Server(TimeEntryId(9)),
            at: at(60)
        }
    );
    assert_eq!(
        commands,
        vec![Command::Stop {
            target: EntryRef::Server(TimeEntryId(9)),
            at: at(60)
        }]
    );

    let starting = TimerState::Starting {
        start: start(1, 12, "Docs", 0),
    };
    let (stopping, commands) = starting.apply(TimerEvent::StopClicked { at: at(5) });
    assert_eq!(
        commands,
        vec![Command::Stop {
            target: EntryRef::Local(LocalId(1)),
            at: at(5)
        }]
    );
    // The start is confirmed afterwards: the stop now names the server id.
    let (next, _) = stopping.apply(TimerEvent::StartConfirmed {
        local_id: LocalId(1),
        entry: entry(9, 12, "Docs", 0),
    });
    assert_eq!(
        next,
        TimerState::Stopping {
            target: EntryRef::Server(TimeEntryId(9)),
            at: at(5)
        }
    );
    let (idle, _) = next.apply(TimerEvent::StopConfirmed);
    assert_eq!(idle, TimerState::Idle);
}

#[test]
fn double_stop_sends_one_stop() {
    let running = TimerState::Running {
        entry: entry(9, 12, "Docs", 0),
    };
    let (stopping, c1) = running.apply(TimerEvent::StopClicked { at: at(60) });
    let (again, c2) = stopping.apply(TimerEvent::StopClicked { at: at(61) });
    assert_eq!(c1.len() + c2.len(), 1);
    assert_eq!(again, stopping);
    let (idle, c3) = TimerState::Idle.apply(TimerEvent::StopClicked { at: at(1) });
    assert_eq!((idle, c3.len()), (TimerState::Idle, 0));
}

#[test]
fn rejected_start_returns_to_idle() {
    let starting = TimerState::Starting {
        start: start(1, 12, "Docs", 0),
    };
    let (next, _) = starting.apply(TimerEvent::StartRejected {
        local_id: LocalId(1),
    });
    assert_eq!(next, TimerState::Idle);
    let stopping = TimerState::Stopping {
        target: EntryRef::Local(LocalId(1)),
        at: at(3),
    };
    let (next, _) = stopping.apply(TimerEvent::StartRejected {
        local_id: LocalId(1),
    });
    assert_eq!(next, TimerState::Idle);
}

#[test]
fn server_state_is_the_truth_when_nothing_is_pending() {
    let (next, _) = TimerState::Idle.apply(TimerEvent::ServerState {
        running: Some(entry(4, 1, "x", 0)),
    });
    assert_eq!(
        next,
        TimerState::Running {
            entry: entry(4, 1, "x", 0)
        }
    );
    let (next, _) = next.apply(TimerEvent::ServerState { running: None });
    assert_eq!(next, TimerState::Idle);
    let mut stopped = entry(4, 1, "x", 0);
    stopped.end = Some(at(10));
    let (next, _) = TimerState::Idle.apply(TimerEvent::ServerState {
        running: Some(stopped),
    });
    assert_eq!(next, TimerState::Idle);
}

#[test]
fn elapsed_is_computed_from_instants_and_never_negative() {
    assert_eq!(elapsed_seconds(at(0), at(3_900), 0), 3_900);
    // Server clock 5 s ahead of the browser: a just-started entry is 0 s, not -5 s …
    assert_eq!(elapsed_seconds(at(5), at(0), 0), 0);
    // … and with the offset known, elapsed is right.
    assert_eq!(elapsed_seconds(at(5), at(10), 5_000), 10);
    assert_eq!(elapsed_seconds(at(0), at(10), -20_000), 0);
}

#[test]
fn state_round_trips_through_json() {
    for state in [
        TimerState::Idle,
        TimerState::Starting {
            start: start(1, 12, "Q&A <b>", 0),
        },
        TimerState::Running {
            entry: entry(9, 12, "Ünïcödé 🚀", 0),
        },
        TimerState::Stopping {
            target: EntryRef::Local(LocalId(3)),
            at: at(9),
        },
    ] {
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(
            serde_json::from_str::<TimerState>(&json).unwrap(),
            state,
            "{json}"
        );
    }
}
