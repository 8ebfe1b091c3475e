#!/bin/sh
# Builds the reference GNU make the make conformance cases are recorded from
# (tests/make/, checked by make-cases-check): GNU make 4.4.1 from Debian's
# source package make-dfsg (trixie, with Debian's patches), installed as
#   ${KMAKE_CACHE:-$HOME/.cache/kmake}/gnumake-4.4.1/bin/make
#
# Debian 12 has make 4.3, so the source comes from trixie through a private apt
# configuration (its own sources list, package lists and cache in a temporary
# folder): the system's apt sources and state are neither read nor changed.
# Network access: deb.debian.org only.
#
# Idempotent: nothing is done while the installed binary says it is GNU Make
# 4.4.1. Atomic: the build happens in a temporary folder in the cache and the
# result is renamed into place, so an interrupted run leaves nothing half-made.
# Installing the build tools (dpkg-dev gcc make xz-utils) needs root or sudo;
# nothing else does.
#
# configure gets --prefix=<install folder>: the prefix only decides the extra
# include and library folders make searches (<prefix>/include, <prefix>/lib),
# which do not exist there, so .INCLUDE_DIRS is the same as for any build
# whose prefix has no include folder.
#
# Usage: scripts/setup-gnumake.sh
# Environment:
#   KMAKE_CACHE     cache folder (default $HOME/.cache/kmake)
#   KMAKE_GNU_MAKE  use this GNU make 4.4.1 instead; nothing is built
set -eu

# shellcheck source=scripts/lib/packages.sh
. "$(dirname "$0")/lib/packages.sh"
say() { printf 'setup-gnumake: %s\n' "$*"; }
die() {
	printf 'setup-gnumake: error: %s\n' "$*" >&2
	exit 1
}

version=4.4.1
packages="dpkg-dev gcc make xz-utils"

is_reference() { [ -x "$1" ] && [ "$("$1" --version 2>/dev/null | head -n 1)" = "GNU Make $version" ]; }

if [ -n "${KMAKE_GNU_MAKE:-}" ]; then
	is_reference "$KMAKE_GNU_MAKE" || die "KMAKE_GNU_MAKE=$KMAKE_GNU_MAKE is not GNU Make $version"
	say "KMAKE_GNU_MAKE is set: using $KMAKE_GNU_MAKE, nothing to build"
	exit 0
fi

cache=${KMAKE_CACHE:-${HOME:?HOME is not set; set KMAKE_CACHE}/.cache/kmake}
dest=$cache/gnumake-$version
if is_reference "$dest/bin/make"; then
	say "$dest/bin/make is up to date ($(cat "$dest/SOURCE" 2>/dev/null || echo "GNU Make $version"))"
	exit 0
fi

# 1. Build tools.
# shellcheck disable=SC2086 # word splitting of the package list is intended
install_packages "" $packages ||
	die "not a Debian system (no dpkg-query): build GNU make $version by hand and set KMAKE_GNU_MAKE"

# 2. The source, through a private apt configuration.
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.gnumake.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

apt=$tmp/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$tmp/src"
echo "deb-src http://deb.debian.org/debian trixie main" >"$apt/sources.list"
aptget() {
	apt-get -q \
		-o Dir::Etc::SourceList="$apt/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User="$(id -un)" \
		"$@"
}
say "fetching the trixie source index from deb.debian.org"
aptget update >"$tmp/apt.log" 2>&1 || {
	cat "$tmp/apt.log" >&2
	die "apt-get update (private trixie deb-src list) failed"
}
say "downloading the source package make-dfsg"
(cd "$tmp/src" && aptget source --download-only make-dfsg) >"$tmp/apt.log" 2>&1 || {
	cat "$tmp/apt.log" >&2
	die "apt-get source --download-only make-dfsg failed"
}
dsc=$(find "$tmp/src" -maxdepth 1 -name 'make-dfsg_*.dsc' | head -n 1)
[ -n "$dsc" ] || die "no make-dfsg .dsc was downloaded"
pkgver=$(sed -n 's/^Version: //p' "$dsc")
case $pkgver in
"$version"-*) ;;
*) die "trixie's make-dfsg is $pkgver, not $version-*: update scripts/setup-gnumake.sh and re-record tests/make" ;;
esac

# 3. Unpack (Debian's patches are applied), build, check.
say "unpacking make-dfsg $pkgver"
(cd "$tmp/src" && dpkg-source -q -x "$(basename "$dsc")" build) >"$tmp/dpkg.log" 2>&1 || {
	cat "$tmp/dpkg.log" >&2
	die "dpkg-source -x failed"
}
cd "$tmp/src/build"
# The dfsg source has no manual; configure still wants doc/Makefile.in.
mkdir -p doc
printf 'all:\ninstall:\n\t@:\n%%:\n\t@:\n' >doc/Makefile.in
say "building GNU make $version (configure --disable-nls, build.sh)"
./configure --prefix="$dest" --disable-nls -q >"$tmp/build.log" 2>&1 || {
	cat "$tmp/build.log" >&2
	die "configure failed"
}
sh ./build.sh >>"$tmp/build.log" 2>&1 || {
	cat "$tmp/build.log" >&2
	die "build.sh failed"
}
is_reference ./make || die "the built ./make does not say GNU Make $version"

# 4. Install atomically.
mkdir -p "$tmp/out/bin"
cp ./make "$tmp/out/bin/make"
printf 'make-dfsg %s (Debian trixie), configure --disable-nls, build.sh\n' "$pkgver" >"$tmp/out/SOURCE"
if [ -e "$dest" ]; then
	# Moved into the temporary folder, the old install goes with it on exit.
	mv "$dest" "$tmp/old"
fi
mv "$tmp/out" "$dest"
say "installed $dest/bin/make (make-dfsg $pkgver)"
