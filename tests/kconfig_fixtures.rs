//! Kconfig fixture tests (being written).
