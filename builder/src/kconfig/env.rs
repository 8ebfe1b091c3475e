//! The environment kbuild's top Makefile gives `scripts/kconfig/conf`.
//!
//! For configuration targets the top Makefile computes `ARCH` (default from
//! `uname -m`), `SRCARCH`, `srctree`, `KERNELVERSION`, the toolchain names (`CC`,
//! `LD`, ... honouring `CROSS_COMPILE` and `LLVM`), `CC_VERSION_TEXT`,
//! `RUSTC_VERSION_TEXT`, `CLANG_FLAGS` for clang, `KBUILD_DEFCONFIG` from the
//! arch Makefile and `KCONFIG_DEFCONFIG_LIST`, and exports them. This module
//! reproduces that for Linux 6.x; once the make engine evaluates the top
//! Makefile itself, it will supply this environment instead.
//!
//! Make's precedence is kept: command-line variables win; `ARCH`,
//! `CROSS_COMPILE`, `LLVM`, `KCONFIG_CONFIG` may come from the environment;
//! tool names like `CC` are Makefile assignments, so only the command line
//! overrides them (as with `make CC=clang`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::host::ShellRunner;

/// Everything needed to run Kconfig on a kbuild tree.
#[derive(Clone, Debug)]
pub struct KbuildEnv {
    pub srctree: PathBuf,
    pub objtree: PathBuf,
    pub arch: String,
    pub srcarch: String,
    /// The top Kconfig file (`Kconfig`, or `KBUILD_KCONFIG`).
    pub kconfig: String,
    /// The arch's default configuration name (`KBUILD_DEFCONFIG`).
    pub defconfig: String,
    /// The complete environment `conf` would run with.
    pub env: BTreeMap<String, String>,
}

/// A one-line setup error (missing tree, unknown architecture).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EnvError(pub String);

/// `SUBARCH` from a `uname -m` value (scripts/subarch.include).
pub fn subarch(machine: &str) -> String {
    let m = machine;
    let re = |prefix: &str| m.starts_with(prefix);
    if m.len() == 4 && m.starts_with('i') && &m[2..] == "86" {
        return "x86".into();
    }
    if m == "x86_64" {
        return "x86".into();
    }
    if m == "sun4u" {
        return "sparc64".into();
    }
    if m != "arm64" && re("arm") {
        return "arm".into();
    }
    if m == "sa110" {
        return "arm".into();
    }
    if m == "s390x" {
        return "s390".into();
    }
    if re("ppc") {
        return "powerpc".into();
    }
    if re("mips") {
        return "mips".into();
    }
    if m.len() >= 3 && m.starts_with("sh") && matches!(m.as_bytes()[2], b'2' | b'3' | b'4') {
        return "sh".into();
    }
    if re("aarch64") {
        return "arm64".into();
    }
    if re("riscv") {
        return "riscv".into();
    }
    if re("loongarch") {
        return "loongarch".into();
    }
    m.to_string()
}

/// The host machine name (`uname -m`).
pub fn uname_machine() -> String {
    std::fs::read_to_string("/proc/sys/kernel/arch")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| std::env::consts::ARCH.to_string())
}

/// The host kernel release (`uname -r`).
pub fn uname_release() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// `SRCARCH` for an `ARCH` (top Makefile).
pub fn srcarch_of(arch: &str) -> String {
    match arch {
        "i386" | "x86_64" => "x86",
        "sparc64" => "sparc",
        "parisc64" => "parisc",
        "sh64" => "sh",
        a => a,
    }
    .to_string()
}

/// `KBUILD_DEFCONFIG` as the arch Makefiles of Linux 6.x set it.
pub fn arch_defconfig(arch: &str, srcarch: &str, machine: &str) -> String {
    let sub = subarch(machine);
    match srcarch {
        "x86" if arch == "x86" => {
            let m = machine.to_string();
            let is_i386 = m.len() == 4 && m.starts_with('i') && &m[2..] == "86";
            if is_i386 {
                "i386_defconfig"
            } else {
                "x86_64_defconfig"
            }
            .to_string()
        }
        "x86" => format!("{arch}_defconfig"),
        "arc" => "haps_hs_smp_defconfig".into(),
        "arm" => "multi_v7_defconfig".into(),
        "hexagon" => "comet_defconfig".into(),
        "loongarch" => "loongson3_defconfig".into(),
        "m68k" => "multi_defconfig".into(),
        "microblaze" => "mmu_defconfig".into(),
        "mips" => "32r2el_defconfig".into(),
        "nios2" => "3c120_defconfig".into(),
        "openrisc" => "or1ksim_defconfig".into(),
        "parisc" => if arch == "parisc64" {
            "generic-64bit_defconfig"
        } else {
            "generic-32bit_defconfig"
        }
        .into(),
        "powerpc" => {
            if machine.starts_with("ppc") {
                format!("{machine}_defconfig")
            } else {
                "ppc64le_defconfig".into()
            }
        }
        "sh" => "shx3_defconfig".into(),
        "sparc" => if arch == "sparc64" {
            "sparc64_defconfig"
        } else {
            "sparc32_defconfig"
        }
        .into(),
        "um" => {
            if sub == "x86" {
                if machine == "x86_64" {
                    "x86_64_defconfig"
                } else {
                    "i386_defconfig"
                }
                .into()
            } else {
                format!("{sub}_defconfig")
            }
        }
        "xtensa" => "iss_defconfig".into(),
        _ => "defconfig".into(),
    }
}

/// `VERSION.PATCHLEVEL.SUBLEVEL EXTRAVERSION` from the top Makefile.
pub fn kernel_version(makefile: &str) -> String {
    let get = |name: &str| -> String {
        for line in makefile.lines() {
            if let Some(rest) = line.strip_prefix(name) {
                let rest = rest.trim_start();
                if let Some(v) = rest.strip_prefix('=') {
                    return v.trim().to_string();
                }
            }
        }
        String::new()
    };
    let (v, p, s, e) = (
        get("VERSION"),
        get("PATCHLEVEL"),
        get("SUBLEVEL"),
        get("EXTRAVERSION"),
    );
    let mut out = v;
    if !p.is_empty() {
        out.push('.');
        out.push_str(&p);
        if !s.is_empty() {
            out.push('.');
            out.push_str(&s);
        }
    }
    out.push_str(&e);
    out
}

/// The clang target triple kbuild passes for an arch (scripts/Makefile.clang).
fn clang_target(srcarch: &str, machine: &str) -> Option<&'static str> {
    Some(match srcarch {
        "arm" => "arm-linux-gnueabi",
        "arm64" => "aarch64-linux-gnu",
        "hexagon" => "hexagon-linux-musl",
        "loongarch" => "loongarch64-linux-gnusf",
        "m68k" => "m68k-linux-gnu",
        "mips" => "mipsel-linux-gnu",
        "powerpc" => "powerpc64le-linux-gnu",
        "riscv" => "riscv64-linux-gnu",
        "s390" => "s390x-linux-gnu",
        "x86" => "x86_64-linux-gnu",
        "um" => return clang_target(&subarch(machine), machine),
        _ => return None,
    })
}

/// Variables make itself would add to a recipe's environment or that are
/// per-invocation; dropped so the user's shell state does not leak oddly.
const NOT_EXPORTED: &[&str] = &["CONFIG_"];

/// Computes the environment for Kconfig on `srctree` with output in `objtree`.
/// `cmdline` holds `VAR=value` words from the command line; `user_env` is the
/// process environment.
pub fn kbuild_env(
    srctree: &Path,
    objtree: &Path,
    user_env: &BTreeMap<String, String>,
    cmdline: &BTreeMap<String, String>,
    shell: &dyn ShellRunner,
) -> Result<KbuildEnv, EnvError> {
    let makefile = std::fs::read_to_string(srctree.join("Makefile")).map_err(|_| {
        EnvError(format!(
            "{}: not a kbuild tree (no Makefile)",
            srctree.display()
        ))
    })?;
    let srctree = srctree
        .canonicalize()
        .map_err(|e| EnvError(format!("{}: {e}", srctree.display())))?;
    let objtree = objtree
        .canonicalize()
        .map_err(|e| EnvError(format!("{}: {e}", objtree.display())))?;
    // Command line beats the environment (for variables make takes from it).
    let from_env =
        |n: &str| -> Option<String> { cmdline.get(n).or_else(|| user_env.get(n)).cloned() };
    let cmd_only =
        |n: &str, default: String| -> String { cmdline.get(n).cloned().unwrap_or(default) };

    let machine = uname_machine();
    let arch = from_env("ARCH")
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| subarch(&machine));
    let srcarch = srcarch_of(&arch);
    if !srctree
        .join("arch")
        .join(&srcarch)
        .join("Kconfig")
        .is_file()
    {
        return Err(EnvError(format!(
            "ARCH={arch}: unknown architecture (no arch/{srcarch}/Kconfig in {})",
            srctree.display()
        )));
    }
    let srctree_var = if srctree == objtree {
        ".".to_string()
    } else if objtree.parent() == Some(srctree.as_path()) {
        "..".to_string()
    } else {
        srctree.display().to_string()
    };
    let srctree_var = if from_env("KBUILD_ABS_SRCTREE").is_some_and(|v| !v.is_empty()) {
        srctree.display().to_string()
    } else {
        srctree_var
    };

    let cross = from_env("CROSS_COMPILE").unwrap_or_default();
    let llvm = from_env("LLVM").unwrap_or_default();
    let (llvm_prefix, llvm_suffix) = if llvm.ends_with('/') {
        (llvm.clone(), String::new())
    } else if llvm.starts_with('-') {
        (String::new(), llvm.clone())
    } else {
        (String::new(), String::new())
    };
    let llvm_tool = |t: &str| format!("{llvm_prefix}{t}{llvm_suffix}");
    let use_llvm = !llvm.is_empty();
    let tool = |name: &str, gnu: &str, lt: &str| -> String {
        cmd_only(
            name,
            if use_llvm {
                llvm_tool(lt)
            } else {
                format!("{cross}{gnu}")
            },
        )
    };

    let mut env: BTreeMap<String, String> = user_env.clone();
    for n in NOT_EXPORTED {
        env.remove(*n);
    }
    for (k, v) in cmdline {
        env.insert(k.clone(), v.clone());
    }
    let mut set = |k: &str, v: String| {
        env.insert(k.to_string(), v);
    };
    set("ARCH", arch.clone());
    set("SRCARCH", srcarch.clone());
    set("SUBARCH", subarch(&machine));
    set("srctree", srctree_var);
    set("objtree", ".".into());
    if srctree != objtree {
        set("building_out_of_srctree", "1".into());
    }
    set(
        "KERNELVERSION",
        cmd_only("KERNELVERSION", kernel_version(&makefile)),
    );
    set("CC", tool("CC", "gcc", "clang"));
    set("LD", tool("LD", "ld", "ld.lld"));
    set("AR", tool("AR", "ar", "llvm-ar"));
    set("NM", tool("NM", "nm", "llvm-nm"));
    set("OBJCOPY", tool("OBJCOPY", "objcopy", "llvm-objcopy"));
    set("OBJDUMP", tool("OBJDUMP", "objdump", "llvm-objdump"));
    set("READELF", tool("READELF", "readelf", "llvm-readelf"));
    set("STRIP", tool("STRIP", "strip", "llvm-strip"));
    set(
        "HOSTCC",
        cmd_only(
            "HOSTCC",
            if use_llvm {
                llvm_tool("clang")
            } else {
                "gcc".into()
            },
        ),
    );
    set(
        "HOSTCXX",
        cmd_only(
            "HOSTCXX",
            if use_llvm {
                llvm_tool("clang++")
            } else {
                "g++".into()
            },
        ),
    );
    set("RUSTC", cmd_only("RUSTC", "rustc".into()));
    set("BINDGEN", cmd_only("BINDGEN", "bindgen".into()));
    set("PAHOLE", cmd_only("PAHOLE", "pahole".into()));
    set("PYTHON3", cmd_only("PYTHON3", "python3".into()));
    set("PERL", cmd_only("PERL", "perl".into()));
    set("CONFIG_SHELL", "sh".into());
    set("CROSS_COMPILE", cross.clone());
    set(
        "KCONFIG_CONFIG",
        from_env("KCONFIG_CONFIG").unwrap_or_else(|| ".config".into()),
    );
    set("LC_COLLATE", "C".into());
    set("LC_NUMERIC", "C".into());
    let kconfig = from_env("KBUILD_KCONFIG")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "Kconfig".into());
    let defconfig = cmdline
        .get("KBUILD_DEFCONFIG")
        .cloned()
        .unwrap_or_else(|| arch_defconfig(&arch, &srcarch, &machine));
    set("KBUILD_DEFCONFIG", defconfig.clone());
    let mut list = Vec::new();
    if from_env("cross_compiling").is_none_or(|v| v.is_empty()) {
        let rel = uname_release();
        list.push(format!("/lib/modules/{rel}/.config"));
        list.push("/etc/kernel-config".into());
        list.push(format!("/boot/config-{rel}"));
    }
    list.push(format!("arch/{srcarch}/configs/{defconfig}"));
    set("KCONFIG_DEFCONFIG_LIST", list.join(" "));
    let extra = from_env("KBUILD_EXTRA_WARN")
        .or_else(|| from_env("W"))
        .unwrap_or_default();
    if extra.contains('c') {
        set("KCONFIG_WARN_UNKNOWN_SYMBOLS", "1".into());
    }
    if extra.contains('e') {
        set("KCONFIG_WERROR", "1".into());
    }

    // Version texts, with the Makefile's `$(subst #,,...)`.
    let probe = |cmd: &str, env: &BTreeMap<String, String>| -> String {
        super::preprocess::shell_output(&shell.run(cmd, &objtree, env).stdout).replace('#', "")
    };
    let cc = env["CC"].clone();
    let cc_text = probe(
        &format!("LC_ALL=C {cc} --version 2>/dev/null | head -n 1"),
        &env,
    );
    let rustc = env["RUSTC"].clone();
    let rust_text = probe(&format!("{rustc} --version 2>/dev/null"), &env);
    env.insert("CC_VERSION_TEXT".into(), cc_text.clone());
    env.insert("RUSTC_VERSION_TEXT".into(), rust_text);
    if cc_text.contains("clang") {
        if let Some(triple) = clang_target(&srcarch, &machine) {
            let mut flags = vec![format!("--target={triple}")];
            if from_env("LLVM_IAS").as_deref() == Some("0") {
                flags.push("-fno-integrated-as".into());
                let which = probe(&format!("which {cross}elfedit"), &env);
                let dir = match which.rfind('/') {
                    Some(i) => which[..=i].to_string(),
                    None => "./".to_string(),
                };
                let notdir = cross.rsplit('/').next().unwrap_or("");
                flags.push(format!("--prefix={dir}{notdir}"));
            } else {
                flags.push("-fintegrated-as".into());
            }
            for w in [
                "unknown-warning-option",
                "ignored-optimization-argument",
                "option-ignored",
                "unused-command-line-argument",
            ] {
                flags.push(format!("-Werror={w}"));
            }
            let prev = from_env("CLANG_FLAGS").filter(|v| !v.is_empty());
            let joined = flags.join(" ");
            env.insert(
                "CLANG_FLAGS".into(),
                match prev {
                    Some(p) => format!("{p} {joined}"),
                    None => joined,
                },
            );
        }
    }
    Ok(KbuildEnv {
        srctree,
        objtree,
        arch,
        srcarch,
        kconfig,
        defconfig,
        env,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subarch_follows_subarch_include() {
        assert_eq!(subarch("x86_64"), "x86");
        assert_eq!(subarch("i686"), "x86");
        assert_eq!(subarch("aarch64"), "arm64");
        assert_eq!(subarch("arm64"), "arm64");
        assert_eq!(subarch("armv7l"), "arm");
        assert_eq!(subarch("riscv64"), "riscv");
        assert_eq!(subarch("ppc64le"), "powerpc");
        assert_eq!(subarch("s390x"), "s390");
    }

    #[test]
    fn kernel_version_from_makefile() {
        let mk = "# SPDX\nVERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 117\nEXTRAVERSION = -rc1\nNAME = Baby Opossum Posse\n";
        assert_eq!(kernel_version(mk), "6.12.117-rc1");
    }

    #[test]
    fn defconfig_names() {
        assert_eq!(
            arch_defconfig("x86_64", "x86", "x86_64"),
            "x86_64_defconfig"
        );
        assert_eq!(arch_defconfig("i386", "x86", "x86_64"), "i386_defconfig");
        assert_eq!(arch_defconfig("x86", "x86", "x86_64"), "x86_64_defconfig");
        assert_eq!(arch_defconfig("arm64", "arm64", "x86_64"), "defconfig");
        assert_eq!(arch_defconfig("riscv", "riscv", "x86_64"), "defconfig");
    }
}
