#!/bin/sh
# A real-client test: headless Neovim (Debian's, 0.7 or newer) with its
# built-in LSP client starts kmake-lsp on a copy of the sample tree and, when
# present, on the reference kernel, goes to the definition of a Makefile's
# CONFIG_ symbol (it must land on the `config` line of the right Kconfig
# file) and hovers that name in the Kconfig file (the hover must name it).
# Exits non-zero on any failure.
#
# Usage: scripts/nvim-lsp-test.sh
# Environment:
#   KMAKE_LSP          the server binary (default: target/release/kmake-lsp,
#                      built with cargo when missing)
#   KMAKE_KERNEL_SRC   the reference kernel (default /work/cache/linux-source-6.12,
#                      then ${KMAKE_CACHE:-$HOME/.cache/kmake}/linux-source-6.12);
#                      skipped with a note when absent
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/packages.sh
. "$root/scripts/lib/packages.sh"
say() { printf 'nvim-lsp-test: %s\n' "$*"; }
die() {
	printf 'nvim-lsp-test: error: %s\n' "$*" >&2
	exit 1
}

if ! command -v nvim >/dev/null 2>&1; then
	install_packages "" neovim || die "no nvim and not a Debian system: install Neovim 0.7 or newer"
fi
say "using $(nvim --version | head -n 1)"

lsp=${KMAKE_LSP:-}
if [ -z "$lsp" ]; then
	lsp=${CARGO_TARGET_DIR:-$root/target}/release/kmake-lsp
	if [ ! -x "$lsp" ]; then
		say "building kmake-lsp (cargo build --release -p kmake-lsp)"
		(cd "$root" && cargo build --release -p kmake-lsp) || die "cargo build failed"
	fi
fi
[ -x "$lsp" ] || die "no kmake-lsp at $lsp (set KMAKE_LSP)"

work=$(mktemp -d "${TMPDIR:-/tmp}/kmake-nvim.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# Neovim's log, state and cache go to the temporary folder.
export XDG_CACHE_HOME="$work/xdg/cache" XDG_STATE_HOME="$work/xdg/state" XDG_DATA_HOME="$work/xdg/data"

# run_case NAME TREE MAKEFILE KCONFIG SYMBOL TIMEOUT
run_case() {
	say "$1: CONFIG_$5 from $3 to $4, hover in $4"
	t0=$(date +%s)
	status=0
	KMAKE_LSP=$lsp KMAKE_TREE=$2 KMAKE_MAKEFILE=$3 KMAKE_KCONFIG=$4 KMAKE_SYMBOL=$5 KMAKE_TIMEOUT=$6 \
		timeout $(($6 * 3 + 30)) nvim --headless --clean -u NONE \
		-c "luafile $root/scripts/nvim/lsp_test.lua" </dev/null || status=$?
	say "$1: $(($(date +%s) - t0))s"
	if [ "$status" -ne 0 ]; then
		for log in "$work"/xdg/*/nvim/lsp.log; do
			[ -f "$log" ] && tail -n 40 "$log" >&2
		done
		die "$1 failed (exit status $status)"
	fi
}

cp -R "$root/sample" "$work/sample"
cp "$work/sample/arch/x86/configs/x86_64_defconfig" "$work/sample/.config"
run_case sample "$work/sample" drivers/net/Makefile drivers/net/Kconfig SAMPLE_NET 60

kernel=
for k in "${KMAKE_KERNEL_SRC:-}" /work/cache/linux-source-6.12 \
	"${KMAKE_CACHE:-${HOME:-/nonexistent}/.cache/kmake}/linux-source-6.12"; do
	if [ -n "$k" ] && [ -f "$k/Kconfig" ] && [ -f "$k/Makefile" ]; then
		kernel=$k
		break
	fi
done
if [ -n "$kernel" ]; then
	run_case "reference kernel ($kernel)" "$kernel" fs/Makefile fs/ext4/Kconfig EXT4_FS 180
else
	say "note: no reference kernel (set KMAKE_KERNEL_SRC); kernel case skipped"
fi
say "all cases passed"
