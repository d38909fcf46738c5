//! `perminut-local`: serves the Perminut API on loopback.
fn main() {}
