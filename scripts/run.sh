#!/bin/sh
# The main job: builds kmake (release) and configures a kbuild tree with it,
# the way `make defconfig olddefconfig savedefconfig` would.
#
# Usage: scripts/run.sh [TREE [OUTDIR]]
#   TREE    a kbuild source tree (default: $KMAKE_KERNEL_SRC, else sample/)
#   OUTDIR  the object tree, O= (default: out/sample or out/<tree name>)
# Environment:
#   ARCH    architecture to configure for (default x86_64)
set -eu

die() {
	printf 'run.sh: error: %s\n' "$*" >&2
	exit 1
}
step() { printf '\n==> %s\n' "$*"; }

root=$(cd "$(dirname "$0")/.." && pwd)

tree=${1:-${KMAKE_KERNEL_SRC:-$root/sample}}
[ -d "$tree" ] || die "$tree: no such directory"
tree=$(cd "$tree" && pwd)
[ -f "$tree/Kconfig" ] && [ -f "$tree/Makefile" ] ||
	die "$tree is not a kbuild tree (needs Kconfig and Makefile); for the reference kernel run scripts/setup-kernel.sh"
name=$(basename "$tree")
out=${2:-$root/out/$name}
arch=${ARCH:-x86_64}

if ! command -v cargo >/dev/null 2>&1; then
	die "cargo not found. Install Rust 1.85 or newer with rustup:
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh
    . \"\$HOME/.cargo/env\"
  (Debian 12's own cargo package is too old.) Linking also needs a C compiler: apt-get install gcc"
fi
command -v cc >/dev/null 2>&1 || die "no C compiler/linker (cc) found: apt-get install gcc"

step "cargo build --release -p kmake"
(cd "$root" && cargo build --release -p kmake) || die "building kmake failed"
kmake=$root/target/release/kmake

mkdir -p "$out"
out=$(cd "$out" && pwd)
k() {
	step "kmake -C $tree O=$out ARCH=$arch $*"
	"$kmake" -C "$tree" O="$out" ARCH="$arch" "$@" || die "kmake $* failed"
}
k defconfig
k olddefconfig
k savedefconfig

count() { grep -c "$1" "$out/.config" || true; }
y=$(count '^CONFIG_[A-Za-z0-9_]*=y$')
m=$(count '^CONFIG_[A-Za-z0-9_]*=m$')
v=$(count '^CONFIG_[A-Za-z0-9_]*=[^ym]')
n=$(count '^# CONFIG_[A-Za-z0-9_]* is not set$')

step "summary"
printf '%s (ARCH=%s) configured in %s\n' "$tree" "$arch" "$out"
printf '  %s symbols =y, %s =m, %s with other values, %s not set\n' "$y" "$m" "$v" "$n"
printf '  %s\n' \
	"$out/.config                          the configuration" \
	"$out/defconfig                        minimal form (savedefconfig)" \
	"$out/include/config/auto.conf         for make" \
	"$out/include/generated/autoconf.h     for C" \
	"$out/include/generated/rustc_cfg      for rustc" \
	"$out/.kmake/                          kmake's caches (safe to delete)"
