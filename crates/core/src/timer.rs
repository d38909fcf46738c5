//! The timer state machine: pure, time injected.
