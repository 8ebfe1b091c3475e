//! Diagnostics on the reference kernel tree (Linux 6.12 at
//! /work/cache/linux-source-6.12 or `$KMAKE_KERNEL_SRC`), loaded for x86_64
//! without a `.config`; skipped with a note when the tree is absent.

use std::path::{Path, PathBuf};
use std::time::Instant;

use kmake_lsp::diagnostics::{config_file_diagnostics, kconfig_diagnostics, Code, Diag};
use kmake_lsp::kconfig_index::KconfigIndex;
use kmake_lsp::settings::Settings;
use kmake_lsp::workspace::Layout;

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

fn load(src: &Path) -> KconfigIndex {
    let settings = Settings {
        arch: Some("x86_64".into()),
        trusted: false,
        ..Settings::default()
    };
    let layout = Layout::detect(src, &settings).expect("layout");
    if layout.objtree.join(".config").exists() {
        eprintln!("note: the tree has a .config; values below come from it");
    }
    let t0 = Instant::now();
    let index = KconfigIndex::load(&layout, &settings).expect("load");
    eprintln!("load: {} ms", t0.elapsed().as_millis());
    index
}

fn show(src: &Path, d: &Diag) -> String {
    let p = d.range.path.strip_prefix(src).unwrap_or(&d.range.path);
    format!(
        "{}:{}: {}: {}",
        p.display(),
        d.range.line + 1,
        d.code.as_str(),
        d.message
    )
}

#[test]
fn x86_tree() {
    let Some(src) = kernel() else { return };
    let index = load(&src);
    let src = index.layout.srctree.clone();

    // Kconfig files: every file of the loaded tree.
    let t0 = Instant::now();
    let first = kconfig_diagnostics(&index, &src.join("Kconfig"));
    eprintln!(
        "Kconfig diagnostics, first call (whole tree): {} ms",
        t0.elapsed().as_millis()
    );
    let mut all = first;
    let t1 = Instant::now();
    let mut files = 0;
    for f in index.kconfig_files() {
        if f != src.join("Kconfig") {
            all.extend(kconfig_diagnostics(&index, &f));
        }
        files += 1;
    }
    eprintln!(
        "Kconfig diagnostics, {files} files after the first: {} ms",
        t1.elapsed().as_millis()
    );
    for d in &all {
        eprintln!("{}", show(&src, d));
    }

    // x86_64_defconfig.
    let def = src.join("arch/x86/configs/x86_64_defconfig");
    let text = std::fs::read_to_string(&def).unwrap();
    let t2 = Instant::now();
    let diags = config_file_diagnostics(&index, &def, &text);
    eprintln!("x86_64_defconfig: {} ms", t2.elapsed().as_millis());
    for d in &diags {
        eprintln!("{}", show(&src, d));
    }
    let _ = Code::UnknownSymbol;
}
