#!/bin/sh
# Editor integrations: the VS Code extension (npm ci, unit tests of its pure
# helpers and grammars, a .vsix with the server bundled when a release
# kmake-lsp exists), the tree-sitter queries (cargo test -p kmake-queries:
# compiled against their grammars, run over sample/ and the reference
# kernel), and the Neovim real-client test (scripts/nvim-lsp-test.sh).
# Installs Debian's nodejs and npm when node is missing, and neovim.
#
# Usage: scripts/editors-test.sh
# Environment: KMAKE_LSP (the server for the Neovim test and the .vsix;
#   default target/release/kmake-lsp), KMAKE_KERNEL_SRC (see nvim-lsp-test.sh)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/packages.sh
. "$root/scripts/lib/packages.sh"
say() { printf 'editors-test: %s\n' "$*"; }
die() {
	printf 'editors-test: error: %s\n' "$*" >&2
	exit 1
}
timed() {
	t0=$(date +%s)
	"$@"
	say "($(($(date +%s) - t0))s: $*)"
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	install_packages "" nodejs npm || die "no node/npm and not a Debian system: install Node.js 18 or newer"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "Node.js $(node --version) is too old: 18 or newer is needed"
say "using node $(node --version), npm $(npm --version 2>/dev/null)"

lsp=${KMAKE_LSP:-${CARGO_TARGET_DIR:-$root/target}/release/kmake-lsp}

cd "$root/vscode-extension"
rm -rf out server kmake.vsix
timed npm ci --no-audit --no-fund
timed npm test
if [ -x "$lsp" ]; then
	export KMAKE_LSP_BIN="$lsp"
	timed npm run bundle-server
else
	say "note: no $lsp: the .vsix is packaged without a bundled server"
fi
timed npm run package
[ -f kmake.vsix ] || die "npm run package wrote no kmake.vsix"
listing=$(unzip -l kmake.vsix 2>/dev/null || python3 -m zipfile -l kmake.vsix)
for f in extension/package.json extension/out/extension.js extension/syntaxes/kconfig.tmLanguage.json \
	extension/syntaxes/kbuild.tmLanguage.json extension/syntaxes/kconfig-config.tmLanguage.json; do
	printf '%s\n' "$listing" | grep -q "$f" || die "kmake.vsix lacks $f"
done
if [ -x "$lsp" ]; then
	printf '%s\n' "$listing" | grep -q extension/server/kmake-lsp || die "kmake.vsix lacks the bundled server"
fi
say "kmake.vsix: $(wc -c <kmake.vsix) bytes"
rm -rf server

cd "$root"
timed cargo test -p kmake-queries
if [ -x "$lsp" ]; then
	export KMAKE_LSP="$lsp"
fi
timed "$root/scripts/nvim-lsp-test.sh"
say "all editor tests passed"
