//! Placeholder; the conformance runner is written next.
fn main() {}
