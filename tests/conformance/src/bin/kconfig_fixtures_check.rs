//! Verifies the fixture expectations against C conf (being written).
fn main() {}
