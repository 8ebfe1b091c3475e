// Where the kmake-lsp binary is: KMAKE_LSP_PATH → kmake.server.path →
// the binary bundled in the extension → PATH → a message saying what to do.
// Pure: the file system is passed in, so tests need no VS Code.

import * as path from "path";

export type ServerSource = "env" | "setting" | "bundled" | "path";

export interface ServerFound {
  kind: "found";
  path: string;
  source: ServerSource;
}

export interface ServerMissing {
  kind: "missing";
  /** A message for the user: what was tried and what to do. */
  message: string;
}

export type ServerLookup = ServerFound | ServerMissing;

export interface ServerPathInputs {
  /** process.env (KMAKE_LSP_PATH, PATH, HOME). */
  env: Record<string, string | undefined>;
  /** The kmake.server.path setting ("" when unset). */
  setting: string;
  /** The extension's install folder (the bundled binary is server/kmake-lsp in it). */
  extensionPath: string;
  platform: NodeJS.Platform;
  /** Whether a path names an executable file. */
  isExecutable: (p: string) => boolean;
  /** The first workspace folder, for a relative setting. */
  workspaceFolder?: string;
}

export const BINARY = "kmake-lsp";

function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? `${BINARY}.exe` : BINARY;
}

/** `~/x` → `$HOME/x`; a relative path is taken from the workspace folder. */
export function expandPath(p: string, env: Record<string, string | undefined>, workspaceFolder?: string): string {
  let out = p.trim();
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (out === "~" || out.startsWith("~/"))) {
    out = path.join(home, out.slice(1));
  }
  out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder ?? "");
  if (!path.isAbsolute(out) && workspaceFolder) {
    out = path.join(workspaceFolder, out);
  }
  return out;
}

export function resolveServerPath(i: ServerPathInputs): ServerLookup {
  const envPath = i.env.KMAKE_LSP_PATH?.trim();
  if (envPath) {
    const p = expandPath(envPath, i.env, i.workspaceFolder);
    if (i.isExecutable(p)) {
      return { kind: "found", path: p, source: "env" };
    }
    // An explicit choice that does not work is an error, not a reason to
    // silently run some other binary.
    return { kind: "missing", message: `KMAKE_LSP_PATH is set to ${p}, which is not an executable file. Fix or unset KMAKE_LSP_PATH.` };
  }
  const setting = i.setting.trim();
  if (setting) {
    const p = expandPath(setting, i.env, i.workspaceFolder);
    if (i.isExecutable(p)) {
      return { kind: "found", path: p, source: "setting" };
    }
    return { kind: "missing", message: `The setting kmake.server.path is ${p}, which is not an executable file. Fix the setting or clear it to use the bundled server or the one on PATH.` };
  }
  const name = binaryName(i.platform);
  const bundled = path.join(i.extensionPath, "server", name);
  if (i.isExecutable(bundled)) {
    return { kind: "found", path: bundled, source: "bundled" };
  }
  const sep = i.platform === "win32" ? ";" : ":";
  for (const dir of (i.env.PATH ?? "").split(sep)) {
    if (!dir) {
      continue;
    }
    const p = path.join(dir, name);
    if (i.isExecutable(p)) {
      return { kind: "found", path: p, source: "path" };
    }
  }
  return {
    kind: "missing",
    message:
      `${BINARY} not found: no KMAKE_LSP_PATH, no kmake.server.path setting, no server bundled in this extension, ` +
      `and none on PATH. Build it with \`cargo build --release -p kmake-lsp\` in the kmake repository, then set ` +
      `kmake.server.path to target/release/${BINARY} (or put it on PATH) and run "kmake: Restart Server".`,
  };
}
