// The kmake.* settings as the server's initializationOptions (and the
// payload of workspace/didChangeConfiguration). Pure.

export type BuildOnSave = "off" | "file" | "all";

/** The settings the extension reads, by their keys under `kmake.`. */
export interface KmakeSettings {
  "build.outputDir"?: unknown;
  "build.arch"?: unknown;
  "build.crossCompile"?: unknown;
  "build.llvm"?: unknown;
  "build.onSave"?: unknown;
  "compileCommands.clangd"?: unknown;
}

/**
 * What kmake-lsp reads (flat keys; see lsp/src/settings.rs). Every key is
 * always sent: an empty string means "unset" to the server, so a setting the
 * user cleared also clears the server's value on a configuration change.
 */
export interface InitializationOptions {
  arch: string;
  outputDir: string;
  crossCompile: string;
  llvm: string;
  trusted: boolean;
  buildOnSave: BuildOnSave;
  clangd: boolean;
}

function text(v: unknown): string {
  if (typeof v === "string") {
    return v.trim();
  }
  if (typeof v === "number" && Number.isFinite(v)) {
    return String(v);
  }
  return "";
}

/** `LLVM=` takes `1`, a `-NN` suffix or a directory; `true` means `1`, `false` unset. */
function llvm(v: unknown): string {
  if (v === true) {
    return "1";
  }
  if (v === false) {
    return "";
  }
  return text(v);
}

export function toInitializationOptions(s: KmakeSettings, workspaceTrusted: boolean): InitializationOptions {
  const mode = s["build.onSave"];
  return {
    arch: text(s["build.arch"]),
    outputDir: text(s["build.outputDir"]),
    crossCompile: text(s["build.crossCompile"]),
    llvm: llvm(s["build.llvm"]),
    trusted: workspaceTrusted,
    buildOnSave: mode === "file" || mode === "all" ? mode : "off",
    clangd: s["compileCommands.clangd"] !== false,
  };
}

/** The settings keys whose change should be sent to the server. */
export const SERVER_SETTINGS: (keyof KmakeSettings)[] = [
  "build.outputDir",
  "build.arch",
  "build.crossCompile",
  "build.llvm",
  "build.onSave",
  "compileCommands.clangd",
];

/** A short text for the status bar: `x86_64 · out/` or `host arch · in-tree`. */
export function statusText(o: InitializationOptions): string {
  const arch = o.arch || "host arch";
  const out = o.outputDir ? `O=${o.outputDir}` : "in-tree";
  const tool = o.llvm ? " · LLVM" : o.crossCompile ? ` · ${o.crossCompile}` : "";
  return `${arch} · ${out}${tool}`;
}
