//! On the reference kernel tree (Linux 6.12 at /work/cache/linux-source-6.12
//! or `$KMAKE_KERNEL_SRC`); skipped with a note when it is absent.

mod common;

use common::kernel;

use std::time::Instant;

use common::TestServer;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ext4_fs_from_fs_makefile_lands_in_fs_ext4_kconfig() {
    let Some(src) = kernel() else { return };
    // Untrusted: the load must not depend on (or run) the compiler probes.
    let t0 = Instant::now();
    let mut s = TestServer::start(&src, json!({"arch": "x86_64", "trusted": false}), false).await;
    eprintln!(
        "Kconfig load (server, untrusted): {} ms",
        t0.elapsed().as_millis()
    );
    let fs_makefile = std::fs::read_to_string(src.join("fs/Makefile")).unwrap();
    let (line, col) = fs_makefile
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("CONFIG_EXT4_FS)").map(|c| (i as u32, c as u32 + 3)))
        .expect("fs/Makefile mentions CONFIG_EXT4_FS");
    let t1 = Instant::now();
    let defs = s.definition("fs/Makefile", line, col).await;
    eprintln!("definition: {} ms", t1.elapsed().as_millis());
    assert!(!defs.is_empty());
    assert!(defs.iter().all(|d| d.0 == "fs/ext4/Kconfig"), "{defs:?}");
    let t2 = Instant::now();
    let hover = common::hover_text(&s.hover("fs/Makefile", line, col).await);
    eprintln!("hover: {} ms", t2.elapsed().as_millis());
    assert!(
        hover.starts_with("**CONFIG_EXT4_FS** · `tristate`"),
        "{hover}"
    );
    assert!(hover.contains("**Value:** `EXT4_FS` = `"), "{hover}");
}

/// `grep -rwo CONFIG_<name>` over the kinds of files the text index reads
/// (symlinks not followed, as the index does not): the number of mentions.
fn grep_count(src: &std::path::Path, name: &str) -> usize {
    let includes = [
        "Makefile*",
        "Kbuild*",
        "*defconfig",
        "*.c",
        "*.h",
        "*.S",
        "*.rs",
        "*.dts",
        "*.dtsi",
        "*.config",
        "*.lds",
        "*.mk",
        "*.include",
    ];
    let mut cmd = std::process::Command::new("grep");
    cmd.args(["-rwo", "--exclude-dir=.git", "--exclude-dir=.kmake"]);
    for i in includes {
        cmd.arg(format!("--include={i}"));
    }
    let out = cmd
        .arg(format!("CONFIG_{name}"))
        .arg(src)
        .output()
        .expect("grep");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_of_a_widely_used_symbol_match_grep() {
    let Some(src) = kernel() else { return };
    let mut s = TestServer::start(&src, json!({"arch": "x86_64", "trusted": false}), false).await;
    let kconfig = std::fs::read_to_string(src.join("kernel/power/Kconfig")).unwrap();
    let (line, col) = kconfig
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.strip_prefix("config PM_SLEEP")
                .filter(|rest| rest.is_empty())
                .map(|_| (i as u32, 8))
        })
        .expect("kernel/power/Kconfig defines PM_SLEEP");
    let t = Instant::now();
    let refs = s.references("kernel/power/Kconfig", line, col, true).await;
    eprintln!(
        "references of PM_SLEEP: {} in {} ms",
        refs.len(),
        t.elapsed().as_millis()
    );
    // Mentions outside Kconfig files come from the text index: exactly what
    // grep -w finds. Kconfig mentions come from the engine.
    let outside: Vec<_> = refs
        .iter()
        .filter(|r| !r.0.rsplit('/').next().unwrap().starts_with("Kconfig"))
        .collect();
    let grep = grep_count(&src, "PM_SLEEP");
    assert!(grep > 500, "{grep}");
    assert_eq!(outside.len(), grep);
    let in_kconfig = refs.len() - outside.len();
    assert!(in_kconfig >= 10, "{in_kconfig}");
    assert!(refs
        .iter()
        .any(|r| r.0 == "kernel/power/Kconfig" && r.1 == line));
}
