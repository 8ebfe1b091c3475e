//! Every query in `queries/` compiles against its grammar, uses only
//! nvim-treesitter capture names, and runs over the sample tree and the
//! reference kernel (Linux 6.12 at /work/cache/linux-source-6.12,
//! `$KMAKE_KERNEL_SRC`, or the setup script's cache; skipped with a note when
//! absent) without errors.

use std::path::{Path, PathBuf};
use std::time::Instant;

use kmake_queries::{captures, load, run, tree_files, Lang, LoadedQuery};

fn all_queries() -> Vec<LoadedQuery> {
    let mut all = Vec::new();
    for lang in Lang::ALL {
        match load(lang) {
            Ok(q) => all.extend(q),
            Err(problems) => {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                panic!("query errors:\n{}", list.join("\n"));
            }
        }
    }
    all
}

fn query<'a>(all: &'a [LoadedQuery], lang: Lang, name: &str) -> &'a LoadedQuery {
    all.iter()
        .find(|q| q.lang == lang && q.name == name)
        .unwrap_or_else(|| panic!("no {name} query for {lang:?}"))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference_kernel() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("KMAKE_KERNEL_SRC") {
        candidates.push(p.into());
    }
    candidates.push("/work/cache/linux-source-6.12".into());
    if let Some(c) = std::env::var_os("KMAKE_CACHE") {
        candidates.push(PathBuf::from(c).join("linux-source-6.12"));
    } else if let Some(h) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(h).join(".cache/kmake/linux-source-6.12"));
    }
    let found = candidates
        .iter()
        .find(|p| p.join("Kconfig").is_file() && p.join("Makefile").is_file())
        .cloned();
    if found.is_none() {
        eprintln!(
            "note: no kernel tree at {} (set KMAKE_KERNEL_SRC); skipped",
            candidates
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    found
}

#[test]
fn every_query_compiles_with_nvim_treesitter_capture_names() {
    let all = all_queries();
    assert_eq!(all.len(), 8, "5 Kconfig queries and 3 make queries");
}

#[test]
fn a_misspelt_capture_name_is_reported() {
    assert!(kmake_queries::capture_allowed(
        "highlights",
        "keyword.conditional"
    ));
    assert!(!kmake_queries::capture_allowed("highlights", "keywords"));
    assert!(kmake_queries::capture_allowed(
        "locals",
        "local.definition.var"
    ));
    assert!(!kmake_queries::capture_allowed(
        "locals",
        "local.definition.nonsense"
    ));
    assert!(kmake_queries::capture_allowed("highlights", "_function"));
}

#[test]
fn runs_over_the_sample_tree() {
    let all = all_queries();
    let files = tree_files(&repo_root().join("sample"));
    let r = run(&files, &all);
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert!(
        r.kconfig_files >= 8,
        "Kconfig files in sample/: {}",
        r.kconfig_files
    );
    assert!(r.make_files >= 10, "makefiles in sample/: {}", r.make_files);
    assert!(
        r.unhighlighted.is_empty(),
        "no highlights in {:?}",
        r.unhighlighted
    );
    for (lang, name, n) in &r.matches {
        assert!(*n > 0, "{lang:?} {name}: no match in sample/");
    }
}

#[test]
fn runs_over_the_reference_kernel() {
    let Some(src) = reference_kernel() else {
        return;
    };
    let all = all_queries();
    let t0 = Instant::now();
    let files = tree_files(&src);
    let r = run(&files, &all);
    eprintln!(
        "reference kernel: {} Kconfig files, {} makefiles, {} with syntax errors (grammar), {} ms",
        r.kconfig_files,
        r.make_files,
        r.files_with_syntax_errors,
        t0.elapsed().as_millis()
    );
    for (lang, name, n) in &r.matches {
        eprintln!("  {lang:?} {name}: {n} matches");
    }
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert!(r.kconfig_files > 1000, "Kconfig files: {}", r.kconfig_files);
    assert!(r.make_files > 2000, "makefiles: {}", r.make_files);
    for (lang, name, n) in &r.matches {
        assert!(*n > 0, "{lang:?} {name}: no match in the kernel");
    }
    assert!(
        r.unhighlighted.len() * 100 <= r.kconfig_files + r.make_files,
        "more than 1% of files without highlights: {:?}",
        &r.unhighlighted[..r.unhighlighted.len().min(20)]
    );
}

fn has(caps: &[(String, String)], name: &str, text: &str) -> bool {
    caps.iter().any(|(n, t)| n == name && t == text)
}

#[test]
fn kconfig_highlights_what_matters() {
    let all = all_queries();
    let text = "\
# A comment
menu \"Network\"

config SAMPLE_NIC
\ttristate \"Sample NIC\"
\tdepends on NET && PCI
\tselect CRC32 if SAMPLE_STATS
\tdefault y
\thelp
\t  A sample driver.

endmenu
source \"drivers/net/Kconfig\"
";
    let caps = captures(
        Lang::Kconfig,
        &query(&all, Lang::Kconfig, "highlights").query,
        text,
    );
    for (name, t) in [
        ("comment", "# A comment"),
        ("keyword", "menu"),
        ("keyword", "config"),
        ("keyword", "depends on"),
        ("keyword", "select"),
        ("keyword.conditional", "if"),
        ("keyword.import", "source"),
        ("type.builtin", "tristate"),
        ("constant.macro", "SAMPLE_NIC"),
        ("constant", "NET"),
        ("operator", "&&"),
        ("boolean", "y"),
        ("markup.heading", "\"Network\""),
        ("string.special.path", "\"drivers/net/Kconfig\""),
    ] {
        assert!(has(&caps, name, t), "@{name} {t:?} not in {caps:?}");
    }
    let folds = captures(
        Lang::Kconfig,
        &query(&all, Lang::Kconfig, "folds").query,
        text,
    );
    assert!(
        folds.iter().any(|(_, t)| t.starts_with("menu \"Network\"")),
        "{folds:?}"
    );
    assert!(
        folds
            .iter()
            .any(|(_, t)| t.starts_with("config SAMPLE_NIC")),
        "{folds:?}"
    );
    let locals = captures(
        Lang::Kconfig,
        &query(&all, Lang::Kconfig, "locals").query,
        text,
    );
    assert!(
        has(&locals, "local.definition.constant", "SAMPLE_NIC"),
        "{locals:?}"
    );
    assert!(has(&locals, "local.reference", "PCI"), "{locals:?}");
}

#[test]
fn make_highlights_and_injects_what_matters() {
    let all = all_queries();
    // `obj-$(CONFIG_X) += ...` is not an assignment to tree-sitter-make (its
    // names are plain words) and puts the rest of the file in error recovery,
    // so it comes last here.
    let text = "\
# kbuild
ifdef CONFIG_DEBUG
ccflags-y := -DDEBUG
endif
VERSION := $(shell git describe)
quiet_cmd_gen = GEN     $@
$(obj)/table.h: $(src)/gen.c FORCE
\t$(Q)echo generating > $@
.PHONY: FORCE
obj-$(CONFIG_SAMPLE_NIC) += sample_nic.o
";
    let caps = captures(
        Lang::Make,
        &query(&all, Lang::Make, "highlights").query,
        text,
    );
    for (name, t) in [
        ("comment", "# kbuild"),
        ("constant", "CONFIG_SAMPLE_NIC"),
        ("keyword.conditional", "ifdef"),
        ("keyword.conditional", "endif"),
        ("variable", "ccflags-y"),
        ("operator", ":="),
        ("function.builtin", "shell"),
        ("variable.builtin", "$@"),
        ("string.special.path", "FORCE"),
        ("function", ".PHONY"),
        ("function.builtin", ".PHONY"),
    ] {
        assert!(has(&caps, name, t), "@{name} {t:?} not in {caps:?}");
    }
    let inj = captures(
        Lang::Make,
        &query(&all, Lang::Make, "injections").query,
        text,
    );
    assert!(
        has(&inj, "injection.content", "$(Q)echo generating > $@"),
        "{inj:?}"
    );
    assert!(has(&inj, "injection.content", "git describe"), "{inj:?}");
}
