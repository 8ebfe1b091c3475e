//! Editor structure features on the reference kernel tree (Linux 6.12 at
//! /work/cache/linux-source-6.12 or `$KMAKE_KERNEL_SRC`; skipped with a note
//! when absent): outline, folding and semantic tokens over every Kconfig
//! file and makefile without panics, plus a few known facts and timings.

mod common;

use common::kernel;

use std::path::{Path, PathBuf};
use std::time::Instant;

use kmake_lsp::completion::{self, ItemKind};
use kmake_lsp::document_symbols::{self, OutlineItem, OutlineKind};
use kmake_lsp::kconfig_index::KconfigIndex;
use kmake_lsp::position::PositionEncoding;
use kmake_lsp::settings::Settings;
use kmake_lsp::workspace::Layout;
use kmake_lsp::{folding, semantic_tokens, workspace_symbols};

/// Files under `root` (no dot directories) whose name satisfies `keep`.
fn files(root: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() && !name.starts_with('.') {
                stack.push(e.path());
            } else if ft.is_file() && keep(&name) {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

fn check_nesting(items: &[OutlineItem], path: &Path) {
    for i in items {
        assert!(i.range.start <= i.range.end, "{}: {i:?}", path.display());
        assert!(i.range.contains(&i.selection), "{}: {i:?}", path.display());
        assert!(!i.name.is_empty(), "{}: {i:?}", path.display());
        check_nesting(&i.children, path);
    }
}

fn find<'a>(
    items: &'a [OutlineItem],
    pred: &dyn Fn(&OutlineItem) -> bool,
) -> Option<&'a OutlineItem> {
    items.iter().find_map(|i| {
        if pred(i) {
            Some(i)
        } else {
            find(&i.children, pred)
        }
    })
}

#[test]
fn structure_features_over_every_kconfig_file_and_makefile() {
    let Some(src) = kernel() else { return };
    let kconfigs = files(&src, &|n| n.starts_with("Kconfig"));
    let makefiles = files(&src, &|n| {
        n.starts_with("Makefile") || n.starts_with("Kbuild")
    });
    assert!(kconfigs.len() > 1000, "{}", kconfigs.len());
    let texts: Vec<(PathBuf, String)> = kconfigs
        .iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();

    let t = Instant::now();
    let mut outline_items = 0;
    for (p, text) in &texts {
        let o = document_symbols::kconfig(text);
        check_nesting(&o, p);
        outline_items += o.len();
    }
    let outline_ms = t.elapsed().as_millis();

    let t = Instant::now();
    let folds: usize = texts
        .iter()
        .map(|(_, text)| folding::kconfig(text).len())
        .sum();
    let folding_ms = t.elapsed().as_millis();

    let t = Instant::now();
    let mut tokens = 0;
    for (_, text) in &texts {
        let toks = semantic_tokens::kconfig(text);
        let data = semantic_tokens::encode_text(text, &toks, PositionEncoding::Utf16);
        assert_eq!(data.len() % 5, 0);
        tokens += toks.len();
    }
    let tokens_ms = t.elapsed().as_millis();
    eprintln!(
        "{} Kconfig files ({} KiB): outline {outline_ms} ms ({outline_items} top items), \
         folding {folding_ms} ms ({folds}), semantic tokens {tokens_ms} ms ({tokens})",
        texts.len(),
        bytes / 1024
    );

    let t = Instant::now();
    let mut mk_items = 0;
    let mut mk_folds = 0;
    for p in &makefiles {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let o = document_symbols::makefile(&text);
        check_nesting(&o, p);
        mk_items += o.len();
        mk_folds += folding::makefile(&text).len();
    }
    eprintln!(
        "{} makefiles: outline + folding {} ms ({mk_items} top items, {mk_folds} folds)",
        makefiles.len(),
        t.elapsed().as_millis()
    );

    let init = std::fs::read_to_string(src.join("init/Kconfig")).unwrap();
    let outline = document_symbols::kconfig(&init);
    let general = find(&outline, &|i| {
        i.kind == OutlineKind::Menu && i.name == "General setup"
    })
    .expect("init/Kconfig has menu \"General setup\"");
    assert!(general.children.len() > 20, "{}", general.children.len());
    assert!(find(&general.children, &|i| i.name == "LOCALVERSION").is_some());
    assert!(folding::kconfig(&init)
        .iter()
        .any(|f| f.start == general.range.start.line));
}

#[test]
fn completion_and_workspace_symbols_on_the_loaded_tree() {
    let Some(src) = kernel() else { return };
    let settings = Settings {
        arch: Some("x86_64".into()),
        trusted: false,
        ..Settings::default()
    };
    let layout = Layout::detect(&src, &settings).expect("layout");
    let t = Instant::now();
    let index = KconfigIndex::load(&layout, &settings).expect("load");
    eprintln!("Kconfig load: {} ms", t.elapsed().as_millis());
    let t = Instant::now();
    let names = index.names();
    eprintln!(
        "name table: {} ms ({} symbols, {} Kconfig files)",
        t.elapsed().as_millis(),
        names.symbols.len(),
        names.kconfig_files.len()
    );

    let kconfig = layout.srctree.join("fs/ext4/Kconfig");
    let text = "config X\n\tdepends on EXT4_";
    let t = Instant::now();
    let c = completion::complete(Some(&index), &kconfig, text, 1, text.len() - 9);
    eprintln!(
        "completion after `depends on EXT4_`: {} ms, {} items",
        t.elapsed().as_millis(),
        c.items.len()
    );
    assert!(c
        .items
        .iter()
        .any(|i| i.label == "EXT4_FS" && i.kind == ItemKind::Symbol));

    let t = Instant::now();
    let c = completion::complete(Some(&index), &kconfig, "config X\n\tdepends on ", 1, 12);
    eprintln!(
        "completion after `depends on `: {} ms, {} items, incomplete {}",
        t.elapsed().as_millis(),
        c.items.len(),
        c.incomplete
    );
    assert!(c.incomplete);

    let makefile = layout.srctree.join("fs/Makefile");
    let text = "obj-$(CONFIG_EXT4_F";
    let c = completion::complete(Some(&index), &makefile, text, 0, text.len());
    assert!(c.items.iter().any(|i| i.label == "CONFIG_EXT4_FS"));

    let t = Instant::now();
    let (found, _) = workspace_symbols::workspace_symbols(&index, "ext4_fs");
    eprintln!(
        "workspace symbols `ext4_fs`: {} ms",
        t.elapsed().as_millis()
    );
    let first = found.first().expect("EXT4_FS found");
    assert_eq!(first.name, "EXT4_FS");
    assert!(first.location.path.ends_with("fs/ext4/Kconfig"));
}
