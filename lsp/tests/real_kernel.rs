//! On the reference kernel tree (Linux 6.12 at /work/cache/linux-source-6.12
//! or `$KMAKE_KERNEL_SRC`); skipped with a note when it is absent.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use common::TestServer;
use serde_json::json;

fn kernel() -> Option<PathBuf> {
    let p = std::env::var_os("KMAKE_KERNEL_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/cache/linux-source-6.12"));
    if p.join("Kconfig").is_file() && p.join("Makefile").is_file() {
        Some(p)
    } else {
        eprintln!(
            "note: no kernel tree at {} (set KMAKE_KERNEL_SRC); skipped",
            p.display()
        );
        None
    }
}

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
