//! End-to-end tests of the `kmake` binary on the sample tree (`sample/`):
//! configuration targets with their files and messages, and the one-line
//! errors that end with make's exit status 2.
//!
//! Each test configures into its own temporary object tree. The process runs
//! with a cleared environment (only `PATH`), so the host's `ARCH`, `KCONFIG_*`
//! or `CROSS_COMPILE` cannot leak in. The sample's compiler probes give the
//! same answers with any gcc; paths are shown as `$SRC` (the sample tree) and
//! `$OBJ` (the object tree). Refresh snapshots with `UPDATE_EXPECT=1`.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{expect, Expect};

/// The sample tree, absolute.
fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sample")
        .canonicalize()
        .expect("sample tree")
}

/// What one kmake run did, with paths normalised.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// A fresh object tree for one test.
struct Obj {
    dir: tempfile::TempDir,
}

impl Obj {
    fn new() -> Obj {
        Obj {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `kmake -C sample O=<obj> ARCH=x86_64 <args>`.
    fn kmake(&self, args: &[&str]) -> Run {
        self.kmake_arch("x86_64", args)
    }

    /// `kmake -C sample O=<obj> ARCH=<arch> <args>`.
    fn kmake_arch(&self, arch: &str, args: &[&str]) -> Run {
        let mut all = vec![
            "-C".to_string(),
            sample().display().to_string(),
            format!("O={}", self.path().display()),
            format!("ARCH={arch}"),
        ];
        all.extend(args.iter().map(|a| a.to_string()));
        run_kmake(&all, self.path())
    }

    /// A file of the object tree, paths normalised.
    fn read(&self, name: &str) -> String {
        let text = std::fs::read_to_string(self.path().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        normalise(&text, self.path())
    }

    /// The `CONFIG_...=` lines of `.config` (what is set, not what is off).
    fn set_symbols(&self) -> String {
        self.read(".config")
            .lines()
            .filter(|l| l.starts_with("CONFIG_"))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

/// Runs the binary in `tmp` with a clean environment.
fn run_kmake(args: &[String], tmp: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kmake"))
        .args(args)
        .current_dir(tmp)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LC_ALL", "C")
        .output()
        .expect("running kmake");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: normalise(&String::from_utf8_lossy(&out.stdout), tmp),
        stderr: normalise(&String::from_utf8_lossy(&out.stderr), tmp),
    }
}

/// Replaces the sample tree's and the temporary directory's paths.
fn normalise(text: &str, tmp: &Path) -> String {
    let mut s = text.replace(&sample().display().to_string(), "$SRC");
    if let Ok(canon) = tmp.canonicalize() {
        s = s.replace(&canon.display().to_string(), "$OBJ");
    }
    s.replace(&tmp.display().to_string(), "$OBJ")
}

/// Lines added (`+`) and removed (`-`) between two configurations.
fn config_diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for l in old.lines().filter(|l| !new.lines().any(|n| n == *l)) {
        out.push_str(&format!("-{l}\n"));
    }
    for l in new.lines().filter(|l| !old.lines().any(|o| o == *l)) {
        out.push_str(&format!("+{l}\n"));
    }
    out
}

/// Asserts success without warnings and compares stdout.
fn check_ok(run: &Run, stdout: Expect) {
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "", "no warnings expected");
    stdout.assert_eq(&run.stdout);
}

/// Asserts make's failure status 2, nothing on stdout, and one stderr line.
fn check_error(run: &Run, stderr: Expect) {
    assert_eq!(
        run.status, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    stderr.assert_eq(&run.stderr);
}

#[test]
fn defconfig_writes_config_and_generated_files() {
    let obj = Obj::new();
    check_ok(
        &obj.kmake(&["defconfig"]),
        expect![[r#"
              GEN     Makefile
            *** Default configuration is based on 'x86_64_defconfig'
            #
            # configuration written to .config
            #
        "#]],
    );
    expect![[r##"
        #
        # Automatically generated file; DO NOT EDIT.
        # Sample x86_64 0.1.0 Configuration
        #
        CONFIG_64BIT=y
        CONFIG_X86_64=y
        CONFIG_X86=y
        CONFIG_OUTPUT_FORMAT="elf64-x86-64"

        #
        # Processor type and features
        #
        CONFIG_SMP=y
        CONFIG_NR_CPUS=16
        CONFIG_PCI=y
        CONFIG_PHYSICAL_START=0x1000000
        CONFIG_PHYSICAL_ALIGN=0x200000
        CONFIG_UNWINDER_FRAME_POINTER=y
        CONFIG_FRAME_POINTER=y
        # end of Processor type and features

        CONFIG_CC_IS_GCC=y
        CONFIG_CC_CAN_OPTIMIZE_FOR_SIZE=y
        CONFIG_SAMPLE_CFLAGS="-O2 -fno-common -fno-strict-aliasing"
        CONFIG_SAMPLE_SRCARCH="x86"

        #
        # General setup
        #
        CONFIG_LOCALVERSION="-sample"
        CONFIG_DEFAULT_HOSTNAME="(none)"
        # CONFIG_EXPERT is not set
        CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y
        # CONFIG_CC_OPTIMIZE_FOR_SIZE is not set
        CONFIG_BLK_DEV_INITRD=y

        #
        # Initramfs compression
        #
        CONFIG_RD_GZIP=y
        CONFIG_RD_XZ=y
        CONFIG_INITRAMFS_SOURCE=""
        # end of Initramfs compression

        CONFIG_PRINTK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_BUG=y
        CONFIG_BASE_FULL=y
        # end of General setup

        CONFIG_MODULES=y
        CONFIG_MODULE_UNLOAD=y
        CONFIG_MODVERSIONS=y
        CONFIG_MODULE_COMPRESS="xz"
        CONFIG_HIGH_RES_TIMERS=y
        # CONFIG_HZ_100 is not set
        # CONFIG_HZ_250 is not set
        CONFIG_HZ_1000=y
        CONFIG_HZ=1000

        #
        # Device Drivers
        #

        #
        # Character devices
        #
        CONFIG_TTY=y
        CONFIG_SERIAL_SAMPLE=y
        CONFIG_SERIAL_SAMPLE_CONSOLE=y
        CONFIG_SERIAL_SAMPLE_NR_UARTS=8
        CONFIG_DEVMEM=y
        CONFIG_SAMPLE_RTC=y
        # end of Character devices

        CONFIG_NETDEVICES=y
        CONFIG_SAMPLE_NET=m
        CONFIG_SAMPLE_NET_STATS=y
        CONFIG_DUMMY=m
        CONFIG_NET_SAMPLE_LIB=m
        # CONFIG_SAMPLE_NIC_PCI is not set
        # end of Device Drivers

        #
        # Library routines
        #
        CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y
        CONFIG_HAVE_SAMPLE_TRACE=y
        CONFIG_CRC_SAMPLE=y
        CONFIG_CRC_SAMPLE_TABLE_BITS=8
        # end of Library routines

        #
        # Kernel hacking
        #
        CONFIG_DEBUG_KERNEL=y
        # CONFIG_DEBUG_INFO is not set
        # CONFIG_DEBUG_LIST is not set
        CONFIG_FRAME_WARN=2048
        # CONFIG_DYNAMIC_DEBUG is not set
        # CONFIG_PRINTK_CALLSITE is not set
        # CONFIG_SAMPLE_SELFTEST is not set
        # end of Kernel hacking
    "##]]
    .assert_eq(&obj.read(".config"));
    for f in [
        "include/config/auto.conf",
        "include/config/auto.conf.cmd",
        "include/generated/autoconf.h",
        "include/generated/rustc_cfg",
        "Makefile",
    ] {
        assert!(obj.path().join(f).is_file(), "{f} missing");
    }
    expect![[r#"
        # Automatically generated by $SRC/Makefile: don't edit
        include $SRC/Makefile
    "#]]
    .assert_eq(&obj.read("Makefile"));
}

#[test]
fn olddefconfig_after_defconfig_changes_nothing() {
    let obj = Obj::new();
    assert_eq!(obj.kmake(&["-s", "defconfig"]).status, 0);
    let before = obj.read(".config");
    check_ok(
        &obj.kmake(&["olddefconfig"]),
        expect![[r#"
              GEN     Makefile
            #
            # No change to .config
            #
        "#]],
    );
    assert_eq!(obj.read(".config"), before);
}

#[test]
fn savedefconfig_gives_back_the_minimal_defconfig() {
    let obj = Obj::new();
    assert_eq!(obj.kmake(&["-s", "defconfig"]).status, 0);
    let run = obj.kmake(&["savedefconfig"]);
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    // One indented line: expect! would strip the indentation.
    assert_eq!(run.stdout, "  GEN     Makefile\n");
    let saved = obj.read("defconfig");
    expect![[r#"
        CONFIG_NR_CPUS=16
        CONFIG_LOCALVERSION="-sample"
        CONFIG_MODULES=y
        CONFIG_MODVERSIONS=y
        CONFIG_HIGH_RES_TIMERS=y
        CONFIG_HZ_1000=y
        CONFIG_SERIAL_SAMPLE_NR_UARTS=8
        CONFIG_SAMPLE_NET=m
        CONFIG_DUMMY=m
        CONFIG_CRC_SAMPLE=y
        CONFIG_DEBUG_KERNEL=y
    "#]]
    .assert_eq(&saved);
    let shipped = std::fs::read_to_string(sample().join("arch/x86/configs/x86_64_defconfig"))
        .expect("x86_64_defconfig");
    assert_eq!(saved, shipped, "the sample's defconfig is kept minimal");
}

#[test]
fn fragment_merges_into_the_config() {
    let obj = Obj::new();
    assert_eq!(obj.kmake(&["-s", "defconfig"]).status, 0);
    let before = obj.read(".config");
    check_ok(
        &obj.kmake(&["debug.config"]),
        expect![[r#"
              GEN     Makefile
            Using .config as base
            Merging $SRC/kernel/configs/debug.config
            Value of CONFIG_DEBUG_INFO is redefined by fragment $SRC/kernel/configs/debug.config:
            Previous value: # CONFIG_DEBUG_INFO is not set
            New value: CONFIG_DEBUG_INFO=y

            Value of CONFIG_SAMPLE_SELFTEST is redefined by fragment $SRC/kernel/configs/debug.config:
            Previous value: # CONFIG_SAMPLE_SELFTEST is not set
            New value: CONFIG_SAMPLE_SELFTEST=y

            Value of CONFIG_FRAME_WARN is redefined by fragment $SRC/kernel/configs/debug.config:
            Previous value: CONFIG_FRAME_WARN=2048
            New value: CONFIG_FRAME_WARN=1024

            Value of CONFIG_PRINTK_CALLSITE is redefined by fragment $SRC/kernel/configs/debug.config:
            Previous value: # CONFIG_PRINTK_CALLSITE is not set
            New value: CONFIG_PRINTK_CALLSITE=y

            #
            # merged configuration written to .config (needs make)
            #
              GEN     Makefile
            #
            # configuration written to .config
            #
        "#]],
    );
    expect![[r#"
        -# CONFIG_DEBUG_INFO is not set
        -CONFIG_FRAME_WARN=2048
        -# CONFIG_DYNAMIC_DEBUG is not set
        -# CONFIG_PRINTK_CALLSITE is not set
        -# CONFIG_SAMPLE_SELFTEST is not set
        +CONFIG_DEBUG_INFO=y
        +CONFIG_FRAME_WARN=1024
        +CONFIG_DYNAMIC_DEBUG=y
        +CONFIG_PRINTK_CALLSITE=y
        +CONFIG_SAMPLE_SELFTEST=y
    "#]]
    .assert_eq(&config_diff(&before, &obj.read(".config")));
}

#[test]
fn fragment_with_unmet_dependency_warns() {
    let obj = Obj::new();
    let run = obj.kmake(&["-s", "defconfig", "quiet.config"]);
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    expect![[r#"

        WARNING: unmet direct dependencies detected for DYNAMIC_DEBUG
          Depends on [n]: PRINTK [=n]
          Selected by [y]:
          - PRINTK_CALLSITE [=y] && HAVE_SAMPLE_TRACE [=y]
    "#]]
    .assert_eq(&run.stderr);
    assert!(obj.set_symbols().contains("CONFIG_DYNAMIC_DEBUG=y\n"));
}

#[test]
fn allnoconfig() {
    let obj = Obj::new();
    check_ok(
        &obj.kmake(&["allnoconfig"]),
        expect![[r#"
              GEN     Makefile
            #
            # configuration written to .config
            #
        "#]],
    );
    expect![[r#"
        CONFIG_64BIT=y
        CONFIG_X86_64=y
        CONFIG_X86=y
        CONFIG_OUTPUT_FORMAT="elf64-x86-64"
        CONFIG_NR_CPUS=1
        CONFIG_PHYSICAL_START=0x1000000
        CONFIG_PHYSICAL_ALIGN=0x200000
        CONFIG_UNWINDER_FRAME_POINTER=y
        CONFIG_FRAME_POINTER=y
        CONFIG_CC_IS_GCC=y
        CONFIG_CC_CAN_OPTIMIZE_FOR_SIZE=y
        CONFIG_SAMPLE_CFLAGS="-O2 -fno-common -fno-strict-aliasing"
        CONFIG_SAMPLE_SRCARCH="x86"
        CONFIG_LOCALVERSION=""
        CONFIG_DEFAULT_HOSTNAME="(none)"
        CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y
        CONFIG_PRINTK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_BUG=y
        CONFIG_BASE_FULL=y
        CONFIG_HZ_250=y
        CONFIG_HZ=250
        CONFIG_TTY=y
        CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y
        CONFIG_HAVE_SAMPLE_TRACE=y
        CONFIG_FRAME_WARN=2048
    "#]]
    .assert_eq(&obj.set_symbols());
}

#[test]
fn tinyconfig() {
    let obj = Obj::new();
    check_ok(
        &obj.kmake(&["tinyconfig"]),
        expect![[r#"
              GEN     Makefile
            #
            # configuration written to .config
            #
              GEN     Makefile
            Using .config as base
            Merging $SRC/kernel/configs/tiny.config
            Value of CONFIG_CC_OPTIMIZE_FOR_SIZE is redefined by fragment $SRC/kernel/configs/tiny.config:
            Previous value: # CONFIG_CC_OPTIMIZE_FOR_SIZE is not set
            New value: CONFIG_CC_OPTIMIZE_FOR_SIZE=y

            Merging $SRC/arch/x86/configs/tiny.config
            Value of CONFIG_UNWINDER_GUESS is redefined by fragment $SRC/arch/x86/configs/tiny.config:
            Previous value: # CONFIG_UNWINDER_GUESS is not set
            New value: CONFIG_UNWINDER_GUESS=y

            #
            # merged configuration written to .config (needs make)
            #
              GEN     Makefile
            #
            # configuration written to .config
            #
        "#]],
    );
    expect![[r#"
        CONFIG_64BIT=y
        CONFIG_X86_64=y
        CONFIG_X86=y
        CONFIG_OUTPUT_FORMAT="elf64-x86-64"
        CONFIG_NR_CPUS=1
        CONFIG_PHYSICAL_START=0x1000000
        CONFIG_PHYSICAL_ALIGN=0x200000
        CONFIG_UNWINDER_GUESS=y
        CONFIG_CC_IS_GCC=y
        CONFIG_CC_CAN_OPTIMIZE_FOR_SIZE=y
        CONFIG_SAMPLE_CFLAGS="-O2 -fno-common -fno-strict-aliasing"
        CONFIG_SAMPLE_SRCARCH="x86"
        CONFIG_LOCALVERSION=""
        CONFIG_DEFAULT_HOSTNAME="(none)"
        CONFIG_EXPERT=y
        CONFIG_CC_OPTIMIZE_FOR_SIZE=y
        CONFIG_BASE_SMALL=y
        CONFIG_HZ_250=y
        CONFIG_HZ=250
        CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y
        CONFIG_HAVE_SAMPLE_TRACE=y
        CONFIG_FRAME_WARN=2048
    "#]]
    .assert_eq(&obj.set_symbols());
}

#[test]
fn other_architectures() {
    let obj = Obj::new();
    let run = obj.kmake_arch("arm64", &["-s", "defconfig"]);
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    expect![[r#"
        CONFIG_64BIT=y
        CONFIG_ARM64=y
        CONFIG_SMP=y
        CONFIG_NR_CPUS=256
        CONFIG_PCI=y
        CONFIG_ARM64_64K_PAGES=y
        CONFIG_ARM64_PAGE_SHIFT=16
        CONFIG_CC_IS_GCC=y
        CONFIG_CC_CAN_OPTIMIZE_FOR_SIZE=y
        CONFIG_SAMPLE_CFLAGS="-O2 -fno-common -fno-strict-aliasing"
        CONFIG_SAMPLE_SRCARCH="arm64"
        CONFIG_LOCALVERSION=""
        CONFIG_DEFAULT_HOSTNAME="(none)"
        CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_RD_GZIP=y
        CONFIG_RD_XZ=y
        CONFIG_INITRAMFS_SOURCE=""
        CONFIG_PRINTK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_BUG=y
        CONFIG_BASE_FULL=y
        CONFIG_MODULES=y
        CONFIG_MODULE_UNLOAD=y
        CONFIG_MODULE_COMPRESS="xz"
        CONFIG_HIGH_RES_TIMERS=y
        CONFIG_HZ_250=y
        CONFIG_HZ=250
        CONFIG_TTY=y
        CONFIG_SERIAL_SAMPLE=y
        CONFIG_SERIAL_SAMPLE_CONSOLE=y
        CONFIG_SERIAL_SAMPLE_NR_UARTS=4
        CONFIG_DEVMEM=y
        CONFIG_NETDEVICES=y
        CONFIG_SAMPLE_NET=m
        CONFIG_SAMPLE_NET_STATS=y
        CONFIG_NET_SAMPLE_LIB=m
        CONFIG_SAMPLE_NIC_PCI=m
        CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y
        CONFIG_FRAME_WARN=2048
    "#]]
    .assert_eq(&obj.set_symbols());

    let obj = Obj::new();
    let run = obj.kmake_arch("i386", &["-s", "i386_defconfig"]);
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    let head: String = obj
        .read(".config")
        .lines()
        .take(9)
        .map(|l| format!("{l}\n"))
        .collect();
    expect![[r##"
        #
        # Automatically generated file; DO NOT EDIT.
        # Sample i386 0.1.0 Configuration
        #
        CONFIG_X86_32=y
        CONFIG_X86=y
        CONFIG_OUTPUT_FORMAT="elf32-i386"

        #
    "##]]
    .assert_eq(&head);
}

/// Asserts make's failure status 2 and compares stderr (stdout may have
/// make's "Entering directory" lines).
fn check_make_error(run: &Run, stderr: Expect) {
    assert_eq!(
        run.status, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    stderr.assert_eq(&run.stderr);
}

#[test]
fn error_no_tree() {
    // Not a kbuild tree: kmake is a plain make there, and says what make says.
    let obj = Obj::new();
    let run = run_kmake(
        &[
            "-C".into(),
            "/nonexistent".into(),
            "O=out".into(),
            "defconfig".into(),
        ],
        obj.path(),
    );
    check_make_error(
        &run,
        expect![[r#"
            kmake: *** /nonexistent: No such file or directory.  Stop.
        "#]],
    );

    let empty = Obj::new();
    let run = run_kmake(&["defconfig".into()], empty.path());
    check_make_error(
        &run,
        expect![[r#"
            kmake: *** No rule to make target 'defconfig'.  Stop.
        "#]],
    );
    assert!(
        std::fs::read_dir(empty.path()).unwrap().next().is_none(),
        "nothing written into a directory that is not a tree"
    );
}

#[test]
fn error_unknown_target() {
    // Goals that are not configuration targets go to the make engine, which
    // runs the tree's Makefile.
    let obj = Obj::new();
    check_make_error(
        &obj.kmake(&["vmlinux"]),
        expect![[r#"
            kmake: *** No rule to make target 'vmlinux'.  Stop.
        "#]],
    );
    assert!(!obj.path().join(".config").exists());
}

#[test]
fn error_unknown_arch() {
    let obj = Obj::new();
    check_error(
        &obj.kmake_arch("foo", &["defconfig"]),
        expect![[r#"
            kmake: *** ARCH=foo: unknown architecture (no arch/foo/Kconfig in $SRC).  Stop.
        "#]],
    );
    assert!(!obj.path().join(".config").exists());
}
