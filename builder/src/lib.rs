//! kmake: a drop-in for `make` on kbuild trees.
//!
//! `kconfig` is an exact reimplementation of the kernel's Kconfig
//! (`scripts/kconfig/conf`), `make` a GNU make 4.4 engine that runs kbuild's
//! Makefiles with recursive make in-process, `kbuild` the kernel-specific
//! layer on both (compile databases, per-file commands), `cli` the command
//! line of the configuration targets.

pub mod cli;
pub mod kbuild;
pub mod kconfig;
pub mod make;
