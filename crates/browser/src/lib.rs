//! Typed bindings to the `chrome.*` / `browser.*` APIs.
