//! Placeholder for the benchmark (written after conformance passes).
fn main() {}
