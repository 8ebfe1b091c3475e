// Which kmake language a file is. Kconfig files are Kconfig anywhere;
// Makefiles are kbuild only inside a kernel tree (elsewhere they stay VS
// Code's `makefile`); config files and fragments are `kconfig-config`. Pure.

import * as path from "path";

export type KmakeLanguage = "kconfig" | "kbuild" | "kconfig-config";

/** Whether `dir` looks like the top of a kbuild tree: Kconfig, Makefile and arch/. */
export function isKernelRoot(dir: string, exists: (p: string) => boolean): boolean {
  return exists(path.join(dir, "Kconfig")) && exists(path.join(dir, "Makefile")) && exists(path.join(dir, "arch"));
}

/** The nearest ancestor of `file` (not above `stop`, when given) that is a kernel root. */
export function findKernelRoot(file: string, exists: (p: string) => boolean, stop?: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    if (isKernelRoot(dir, exists)) {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir || (stop !== undefined && path.relative(stop, dir) === "")) {
      return undefined;
    }
    dir = up;
  }
}

/**
 * The language of `file`; `inKernelTree` says whether it lies in a kbuild
 * tree. Undefined: not ours (leave the file's language alone).
 */
export function languageOf(file: string, inKernelTree: boolean): KmakeLanguage | undefined {
  const name = path.basename(file);
  if (name === "Kconfig" || name.startsWith("Kconfig.")) {
    return "kconfig";
  }
  if (name === "Kbuild" || name.startsWith("Kbuild.")) {
    return "kbuild";
  }
  if (name === ".config" || name === "defconfig" || name.endsWith("_defconfig")) {
    return "kconfig-config";
  }
  if (!inKernelTree) {
    return undefined;
  }
  if (name === "Makefile" || name.startsWith("Makefile.") || name === "GNUmakefile") {
    return "kbuild";
  }
  // Fragments: kernel/configs/*.config, arch/*/configs/*.config.
  if (name.endsWith(".config") && path.basename(path.dirname(file)) === "configs") {
    return "kconfig-config";
  }
  return undefined;
}
