# shellcheck shell=sh
# Sourced by the setup scripts: installs Debian packages that are missing.
#
# install_packages NOTE PACKAGE...
#   Installs (apt-get, as root or through sudo) every PACKAGE dpkg does not
#   list as installed; NOTE, when not empty, is added to the error message of
#   a failed install. Uses the sourcing script's `say` and `die`. Returns 1
#   without doing anything on a system without dpkg-query.

install_packages() {
	note=$1
	shift
	command -v dpkg-query >/dev/null 2>&1 || return 1
	missing=
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing="$missing $p"
		fi
	done
	if [ -z "$missing" ]; then
		say "packages already installed: $*"
		return 0
	fi
	command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these packages by hand:$missing"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		die "not root and no sudo; as root run: apt-get update && apt-get install$missing"
	fi
	say "installing:$missing"
	$sudo apt-get update || die "apt-get update failed"
	# shellcheck disable=SC2086 # word splitting of the package list is intended
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing ||
		die "apt-get install failed for:$missing${note:+ ($note)}"
	say "installed:$missing"
}
