#!/bin/sh
# Regenerates expected/ of every Kconfig fixture (except newer-than-6.12 ones)
# by running the kernel's C scripts/kconfig/conf on it in a fresh object tree.
#
#   tests/kconfig/regen.sh [--filter TEXT] [--conf BIN] [--tree DIR]
#
# The C tool is built when needed from the reference kernel tree
# ${KMAKE_KERNEL_SRC:-${KMAKE_CACHE:-$HOME/.cache/kmake}/linux-source-6.12}
# (into ${KMAKE_CACHE:-$HOME/.cache/kmake}/kconfig-c-conf-6.12); set
# KMAKE_C_CONF or pass --conf to use an already built one.
# Review the resulting diff with `git diff tests/kconfig` before committing.
set -eu
cd "$(dirname "$0")/../.."
exec cargo run --quiet -p kmake-conformance --bin kconfig-fixtures-check -- --write "$@"
