// `kmake/effectiveCommand`: the exact compiler command of a source file, or
// why it is not built; shown as a shell snippet. Pure.

export type EffectiveCommand =
  | { directory: string; arguments?: string[]; command?: string }
  | { notBuilt: string };

/** Quotes a word for sh when it needs it. */
export function shellQuote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The text shown for a result: a `cd` line and the command, or the reason. */
export function formatEffectiveCommand(file: string, r: EffectiveCommand): string {
  if ("notBuilt" in r) {
    return `# ${file} is not built: ${r.notBuilt}\n`;
  }
  const cmd = r.command ?? (r.arguments ?? []).map(shellQuote).join(" ");
  return `# the command that builds ${file}\ncd ${shellQuote(r.directory)} &&\n${cmd}\n`;
}
