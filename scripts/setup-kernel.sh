#!/bin/sh
# Installs the reference kernel tree the real-tree tests compare against:
# Debian's linux-source-6.12 (and linux-config-6.12), plus the tools the
# kernel's own build needs, then unpacks the source tarball into
#   ${KMAKE_CACHE:-$HOME/.cache/kmake}/linux-source-6.12
#
# Idempotent: packages already installed are not reinstalled, and the tree is
# not unpacked again while the stamp file next to it names the same tarball.
# Atomic: the tarball is unpacked into a temporary folder in the cache and
# renamed into place, so an interrupted run never leaves a half tree behind.
#
# Usage: scripts/setup-kernel.sh
# Environment:
#   KMAKE_CACHE       cache folder (default $HOME/.cache/kmake)
#   KMAKE_KERNEL_SRC  use this tree instead; only the packages are installed
set -eu

# shellcheck source=scripts/lib/packages.sh
. "$(dirname "$0")/lib/packages.sh"
say() { printf 'setup-kernel: %s\n' "$*"; }
die() {
	printf 'setup-kernel: error: %s\n' "$*" >&2
	exit 1
}

tarball=/usr/src/linux-source-6.12.tar.xz
topdir=linux-source-6.12
packages="linux-source-6.12 linux-config-6.12 make gcc flex bison bc libelf-dev libssl-dev python3 xz-utils cpio perl"

# 1. Packages.
# shellcheck disable=SC2086 # word splitting of the package list is intended
install_packages "linux-source-6.12 comes from Debian 12 bookworm-security" $packages ||
	say "not a Debian system (no dpkg-query): skipping packages; the tests need$packages"

# 2. The tree.
if [ -n "${KMAKE_KERNEL_SRC:-}" ]; then
	[ -f "$KMAKE_KERNEL_SRC/Kconfig" ] || die "KMAKE_KERNEL_SRC=$KMAKE_KERNEL_SRC has no Kconfig"
	say "KMAKE_KERNEL_SRC is set: using $KMAKE_KERNEL_SRC, nothing to unpack"
	exit 0
fi

cache=${KMAKE_CACHE:-${HOME:?HOME is not set; set KMAKE_CACHE}/.cache/kmake}
tree=$cache/$topdir
stamp=$cache/$topdir.stamp

[ -f "$tarball" ] || die "$tarball not found (install the linux-source-6.12 package)"
version=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo unknown)
# The tarball's identity: package version, size and modification time.
identity="$tarball version=$version $(stat -c 'size=%s mtime=%Y' "$tarball")"

if [ -f "$tree/Kconfig" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$identity" ]; then
	say "$tree is up to date ($identity)"
	exit 0
fi

if [ -e "$tree" ]; then
	if [ -f "$stamp" ]; then
		say "$tree was unpacked from another tarball: replacing it"
	else
		say "$tree has no stamp (unknown origin): replacing it"
	fi
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.unpack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

say "unpacking $tarball into $tree (takes a minute)"
rm -f "$stamp"
tar -xJf "$tarball" -C "$tmp" --no-same-owner || die "unpacking $tarball failed"
[ -f "$tmp/$topdir/Kconfig" ] || die "$tarball has no $topdir/Kconfig"
if [ -e "$tree" ]; then
	# Moved into the temporary folder, the old tree goes with it on exit.
	mv "$tree" "$tmp/old"
fi
mv "$tmp/$topdir" "$tree"
printf '%s\n' "$identity" >"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
say "unpacked $tree ($identity)"
