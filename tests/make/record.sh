#!/bin/sh
# Records (or re-records) the results of the make cases from GNU make 4.4.1:
# runs make-cases-check --write, which runs GNU make twice on every case in a
# fresh temporary tree and writes <case>.expected where the result changed.
#
#   tests/make/record.sh [--filter TEXT] [--make BIN] [--jobs N]
#
# GNU make is --make, else $KMAKE_GNU_MAKE, else
# ${KMAKE_CACHE:-$HOME/.cache/kmake}/gnumake-4.4.1/bin/make (built by
# scripts/setup-gnumake.sh). Review the result with `git diff tests/make`
# before committing. Recordings never come from kmake.
set -eu
cd "$(dirname "$0")/../.."
exec cargo run --quiet -p kmake-conformance --bin make-cases-check -- --write "$@"
