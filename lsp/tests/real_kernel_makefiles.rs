//! kbuild Makefile diagnostics and navigation on the reference kernel tree
//! (Linux 6.12 at /work/cache/linux-source-6.12 or `$KMAKE_KERNEL_SRC`);
//! skipped with a note when it is absent.

mod common;

use common::kernel;

use std::path::{Path, PathBuf};
use std::time::Instant;

use kmake_lsp::location::FileRange;
use kmake_lsp::makefile::diagnostics::{makefile_diagnostics, objects_checkable};
use kmake_lsp::makefile::generated::generated;
use kmake_lsp::makefile::navigation::makefile_definition;
use kmake_lsp::makefile::objects::{self, ListKind};
use kmake_lsp::makefile::symbols_scan::KconfigScan;

/// Every file named `Makefile` or `Kbuild` under `root`, sorted.
fn makefiles(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() && !name.to_string_lossy().starts_with('.') {
                dirs.push(e.path());
            } else if ft.is_file() && {
                let n = name.to_string_lossy();
                n.starts_with("Makefile") || n.starts_with("Kbuild")
            } {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn whole_tree_diagnostics() {
    let Some(src) = kernel() else { return };
    let t0 = Instant::now();
    let symbols = KconfigScan::scan_tree(&src);
    let t_scan = t0.elapsed();
    let files = makefiles(&src);
    let t1 = Instant::now();
    let mut found = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for d in makefile_diagnostics(f, &text, &symbols) {
            let rel = f.strip_prefix(&src).unwrap_or(f).display().to_string();
            found.push(format!("{rel}:{}: {}", d.range.line + 1, d.code));
        }
    }
    eprintln!(
        "Kconfig scan: {} files, {} symbols, {} ms; diagnostics: {} Makefiles, {} ms; {} found",
        symbols.files,
        symbols.len(),
        t_scan.as_millis(),
        files.len(),
        t1.elapsed().as_millis(),
        found.len()
    );
    // How many files the missing-object check can speak about at all.
    let (mut with_objects, mut checkable) = (0, 0);
    for f in &files {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned();
        let objects = objects::read(&text);
        if objects.lists.iter().any(|l| l.kind == ListKind::Obj) {
            with_objects += 1;
            checkable += usize::from(objects_checkable(&objects, &generated(&objects)));
        }
    }
    eprintln!("{with_objects} files list obj-*; objects checked in {checkable}");
    for f in &found {
        eprintln!("{f}");
    }
    // Every entry was checked by hand in the 6.12 tree.
    let expected = [
        // `obj-$(CONFIG_MATH_EMULATION) += unimplemented-math-emulation.o`:
        // no such source in arch/parisc/math-emu (and no parisc Kconfig
        // defines MATH_EMULATION, so the line is dead).
        "arch/parisc/math-emu/Makefile:21: missing-source",
        // `obj-$(CONFIG_UCODE_PATCH) += micropatch.o`: micropatch.c is gone
        // from arch/powerpc/platforms/8xx, while UCODE_PATCH is still a
        // bool that defaults to y unless NO_UCODE_PATCH is chosen.
        "arch/powerpc/platforms/8xx/Makefile:7: missing-source",
        // `obj-y += stm32/` in sti/Makefile: stm32 is a sibling of sti, not a
        // child (st/Makefile lists sti/* and stm32/ itself and never reads
        // sti/Makefile, so the stale file does not break the build).
        "drivers/media/platform/st/sti/Makefile:6: missing-subdir-makefile",
        // `ia_css_bayer_io.host.o` twice in a row in one `atomisp-objs` list.
        "drivers/staging/media/atomisp/Makefile:83: duplicate-object",
        // `openclose.o` on lines 11 and 13 of one `obj-$(CONFIG_IO_URING)`.
        "io_uring/Makefile:13: duplicate-object",
        // `mm.o` on lines 10 and 11 of one `ethtool_nl-y` list.
        "net/ethtool/Makefile:11: duplicate-object",
    ];
    assert_eq!(found, expected);
    assert!(files.len() > 3000, "{}", files.len());
}

#[test]
fn planted_missing_object_is_reported() {
    let Some(src) = kernel() else { return };
    let from = src.join("fs/ramfs");
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("fs/ramfs");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(&from).unwrap().flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    let makefile = dir.join("Makefile");
    let mut text = std::fs::read_to_string(&makefile).unwrap();
    let symbols = KconfigScan::scan_tree(&src);
    let before = makefile_diagnostics(&makefile, &text, &symbols);
    assert!(before.is_empty(), "{before:?}");
    let line = text.lines().count() as u32;
    text.push_str("obj-y += nosuch.o\n");
    std::fs::write(&makefile, &text).unwrap();
    let d = makefile_diagnostics(&makefile, &text, &symbols);
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.code, d.range.line, d.range.start, d.range.end))
        .collect();
    assert_eq!(got, [("missing-source", line, 9, 17)]);
    eprintln!("{}:{}: {}", makefile.display(), line + 1, d[0].message);
}

#[test]
fn fs_makefile_ext4_dir_lands_on_its_makefile() {
    let Some(src) = kernel() else { return };
    let path = src.join("fs/Makefile");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("ext4/").map(|c| (i as u32, c + 1)))
        .expect("fs/Makefile lists ext4/");
    let defs = makefile_definition(&path, &text, line, col);
    assert_eq!(defs, [FileRange::file_start(src.join("fs/ext4/Makefile"))]);
    // And from an object of fs/ext4/Makefile to its composite's lists.
    let path = src.join("fs/ext4/Makefile");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("+= ext4.o").map(|c| (i as u32, c + 4)))
        .expect("fs/ext4/Makefile lists ext4.o");
    let defs = makefile_definition(&path, &text, line, col);
    assert!(!defs.is_empty());
    assert!(defs.iter().all(|d| d.path == path), "{defs:?}");
}
