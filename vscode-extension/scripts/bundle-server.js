// Copies a kmake-lsp binary into server/ so `npm run package` bundles it:
// $KMAKE_LSP_BIN, else ../target/release/kmake-lsp. Stripped when `strip` exists.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const here = path.join(__dirname, "..");
const src = process.env.KMAKE_LSP_BIN || path.join(here, "..", "target", "release", "kmake-lsp");
if (!fs.existsSync(src)) {
  console.error(`bundle-server: no ${src}; build it with \`cargo build --release -p kmake-lsp\` or set KMAKE_LSP_BIN`);
  process.exit(1);
}
const dst = path.join(here, "server", "kmake-lsp");
fs.mkdirSync(path.dirname(dst), { recursive: true });
fs.copyFileSync(src, dst);
fs.chmodSync(dst, 0o755);
const s = spawnSync("strip", [dst]);
console.log(`bundle-server: ${src} -> server/kmake-lsp${s.status === 0 ? " (stripped)" : ""}, ${fs.statSync(dst).size} bytes`);
