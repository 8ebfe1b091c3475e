//! End-to-end CLI tests on the sample tree (being written).
