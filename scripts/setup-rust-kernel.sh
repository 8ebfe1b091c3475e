#!/bin/sh
# Installs what a CONFIG_RUST=y Linux 6.12 kernel tree needs, for
# rust-project-check: Debian's rustc-web (rustc >= 1.78 with a matching
# rust-src, rust-web-src), libclang for bindgen, and bindgen-cli 0.73.2 built
# with cargo into the cache (Debian 12's bindgen is 0.60, older than the
# 0.65.1 the kernel requires).
#
# Idempotent: nothing is installed or built when all is in place.
#
# Usage: scripts/setup-rust-kernel.sh
# Environment: KMAKE_CACHE (default ~/.cache/kmake). Prints nothing else; the
# check finds rustc at /usr/bin/rustc and bindgen at
# $KMAKE_CACHE/bindgen-0.73.2/bin/bindgen.
set -eu

# shellcheck source=scripts/lib/packages.sh
. "$(dirname "$0")/lib/packages.sh"
say() { printf 'setup-rust-kernel: %s\n' "$*"; }
die() {
	printf 'setup-rust-kernel: error: %s\n' "$*" >&2
	exit 1
}

cache=${KMAKE_CACHE:-$HOME/.cache/kmake}
bindgen_version=0.73.2
dest=$cache/bindgen-$bindgen_version

install_packages "" rustc-web rust-web-src libclang-dev ||
	die "not a Debian system (no dpkg-query): install rustc >= 1.78 with rust-src and libclang by hand"
[ -x /usr/bin/rustc ] || die "rustc-web is installed but /usr/bin/rustc is missing"
[ -d "$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library" ] ||
	die "no rust-src under $(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library"

if "$dest/bin/bindgen" --version 2>/dev/null | grep -qx "bindgen $bindgen_version"; then
	say "$dest/bin/bindgen is up to date"
else
	command -v cargo >/dev/null 2>&1 || die "cargo not found (needed to build bindgen-cli)"
	say "building bindgen-cli $bindgen_version into $dest (about 2 minutes)"
	rm -rf "$dest.tmp"
	cargo install --quiet --locked --root "$dest.tmp" bindgen-cli --version "$bindgen_version" ||
		die "cargo install bindgen-cli $bindgen_version failed"
	rm -rf "$dest"
	mv "$dest.tmp" "$dest"
fi
say "using $(/usr/bin/rustc --version), $("$dest/bin/bindgen" --version)"
