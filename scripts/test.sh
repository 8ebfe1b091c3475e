#!/bin/sh
# All tests: installs what they need (the reference kernel and its tools, GNU
# make 4.4.1 for the make cases, QEMU to boot the kernel kmake builds, a
# Rust toolchain for a CONFIG_RUST=y kernel, the rustfmt and clippy
# components; Node.js and Neovim for the editor tests), then runs formatting
# and lint checks, the workspace's tests, the editor tests, and the
# comparisons against the reference tools (the kernel's own, GNU make
# 4.4.1). Stops at the first failure. CI runs this (see .ci/run).
#
# Usage: scripts/test.sh
# Environment: KMAKE_CACHE, KMAKE_KERNEL_SRC (see scripts/setup-kernel.sh),
#   KMAKE_GNU_MAKE (see scripts/setup-gnumake.sh)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

start=$(date +%s)
step() {
	printf '\n==> %s\n' "$*"
	step_start=$(date +%s)
}
done_step() { printf '    (%ss)\n' "$(($(date +%s) - step_start))"; }
fail() {
	printf '\ntest.sh: FAILED: %s\n' "$*" >&2
	exit 1
}
# run <description> <command...>: one step, stopping everything if it fails.
run() {
	desc=$1
	shift
	step "$desc"
	"$@" || fail "$desc (exit status $?)"
	done_step
}

command -v cargo >/dev/null 2>&1 ||
	fail "cargo not found: install Rust 1.85 or newer with rustup (https://rustup.rs), then rerun"

run "scripts/setup-kernel.sh" "$root/scripts/setup-kernel.sh"
run "scripts/setup-gnumake.sh" "$root/scripts/setup-gnumake.sh"
run "scripts/setup-qemu.sh" "$root/scripts/setup-qemu.sh"
run "scripts/setup-rust-kernel.sh" "$root/scripts/setup-rust-kernel.sh"

if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
	command -v rustup >/dev/null 2>&1 ||
		fail "cargo fmt/clippy missing and no rustup to add them: install rustfmt and clippy"
	run "rustup component add rustfmt clippy" rustup component add rustfmt clippy
fi

run "cargo fmt --all -- --check" cargo fmt --all -- --check
run "cargo clippy --workspace --all-targets -- -D warnings" \
	cargo clippy --workspace --all-targets -- -D warnings
run "cargo test --workspace" cargo test --workspace
run "cargo build --release --workspace" cargo build --release --workspace
run "scripts/editors-test.sh (VS Code extension: npm test, .vsix; tree-sitter queries; Neovim LSP client on sample/ and Linux 6.12)" \
	"$root/scripts/editors-test.sh"
run "target/release/kconfig-conformance (make + C conf vs kmake on Linux 6.12)" \
	target/release/kconfig-conformance
run "target/release/kconfig-fixtures-check (fixture expectations vs C conf)" \
	target/release/kconfig-fixtures-check
run "target/release/make-cases-check (make case recordings vs GNU make 4.4.1)" \
	target/release/make-cases-check
run "target/release/make-kernel-smoke (GNU make 4.4.1 vs kmake on Linux 6.12: make -n, V=1 scripts)" \
	target/release/make-kernel-smoke
# kbuild-check keeps its built trees for kbuild-bench (which reuses them and
# their recorded build times instead of building twice more).
kbuild_trees=${KMAKE_CACHE:-$HOME/.cache/kmake}/tmp/kbuild-check-test
rm -rf "$kbuild_trees"
run "target/release/kbuild-check (GNU make vs kmake: full tinyconfig builds, objects, boot, compile_commands.json, interchange, incremental)" \
	target/release/kbuild-check --work "$kbuild_trees"
run "target/release/rust-project-check (generate_rust_analyzer.py vs kmake: CONFIG_RUST=y tree, O= and M=)" \
	target/release/rust-project-check
run "target/release/kconfig-bench (C conf vs kmake, olddefconfig; figures only)" \
	target/release/kconfig-bench --runs 3
run "target/release/make-bench (GNU make vs kmake, make -n of tinyconfig; figures only)" \
	target/release/make-bench --runs 3
run "target/release/kbuild-bench (GNU make vs kmake: no-op, full build, compile_commands.json; figures only)" \
	target/release/kbuild-bench --trees "$kbuild_trees" --runs 3
rm -rf "$kbuild_trees"

printf '\ntest.sh: all tests passed (%ss)\n' "$(($(date +%s) - start))"
