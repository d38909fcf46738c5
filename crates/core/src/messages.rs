//! Typed messages between the popup and the background worker.
