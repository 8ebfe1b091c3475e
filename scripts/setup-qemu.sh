#!/bin/sh
# Installs what kbuild-check needs beyond the kernel's build tools: QEMU for
# x86_64 (Debian's qemu-system-x86, to boot the bzImage kmake built) and
# python3 (the kernel's scripts/clang-tools/gen_compile_commands.py, the
# reference for kmake's compile_commands.json).
#
# Idempotent: nothing is installed when the packages are. No KVM is needed:
# kbuild-check boots with TCG.
#
# Usage: scripts/setup-qemu.sh
set -eu

# shellcheck source=scripts/lib/packages.sh
. "$(dirname "$0")/lib/packages.sh"
say() { printf 'setup-qemu: %s\n' "$*"; }
die() {
	printf 'setup-qemu: error: %s\n' "$*" >&2
	exit 1
}

if ! install_packages "" qemu-system-x86 python3; then
	command -v qemu-system-x86_64 >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 ||
		die "not a Debian system (no dpkg-query): install QEMU for x86_64 and python3 by hand"
fi
command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	die "qemu-system-x86 is installed but qemu-system-x86_64 is not in PATH"
say "using $(qemu-system-x86_64 --version | head -n 1), $(python3 --version 2>&1)"
