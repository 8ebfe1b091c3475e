//! kmake: a drop-in for `make` on kbuild trees.
//!
//! The `kconfig` module is an exact reimplementation of the kernel's Kconfig
//! (`scripts/kconfig/conf`); `cli` is the make-like command line on top.

pub mod cli;
pub mod kconfig;
pub mod make;
