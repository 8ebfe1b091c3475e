//! Which files kbuild can make an object from: the source suffixes of its
//! generic rules (`.c`, `.S`, `.rs`, ...), the compound ones (`foo.asn1.o`
//! from `foo.asn1`, `foo.tab.o` from `foo.y`, `foo.dtb.o` from `foo.dts`) and
//! `_shipped` copies.

use std::path::Path;

/// Suffixes of files that `stem.o` is compiled from by kbuild's generic rules
/// (`.cc` for C++ host programs).
const DIRECT: &[&str] = &[".c", ".S", ".rs", ".s", ".cc"];

/// The source files (names relative to the Makefile's directory) that
/// `object` (`foo.o`, `sub/foo.o`) can be made from, most usual first.
/// Empty for a word that is not an object.
pub fn source_candidates(object: &str) -> Vec<String> {
    let Some(stem) = object.strip_suffix(".o") else {
        return Vec::new();
    };
    if stem.is_empty() || stem.ends_with('/') {
        return Vec::new();
    }
    let mut out: Vec<String> = DIRECT.iter().map(|s| format!("{stem}{s}")).collect();
    // `%_shipped` copies: `foo.c_shipped`, `foo.o_shipped`.
    for s in [".c", ".S", ".o"] {
        out.push(format!("{stem}{s}_shipped"));
    }
    if stem.ends_with(".asn1") {
        out.push(stem.to_string());
    }
    if let Some(base) = stem.strip_suffix(".tab") {
        out.push(format!("{base}.y"));
    }
    if let Some(base) = stem.strip_suffix(".lex") {
        out.push(format!("{base}.l"));
    }
    if let Some(base) = stem.strip_suffix(".dtb") {
        out.push(format!("{base}.dts"));
    }
    if let Some(base) = stem.strip_suffix(".dtbo") {
        out.push(format!("{base}.dtso"));
        out.push(format!("{base}.dts"));
    }
    out
}

/// The names a rule of the Makefile could make so that kbuild's generic rules
/// then make `object`: the object itself and its direct sources
/// (`foo.o`, `foo.c`, `foo.S`, ...), and `foo.dtb` for `foo.dtb.o`.
pub fn intermediates(object: &str) -> Vec<String> {
    let Some(stem) = object.strip_suffix(".o") else {
        return Vec::new();
    };
    let mut out = vec![object.to_string()];
    out.extend(DIRECT.iter().map(|s| format!("{stem}{s}")));
    if stem.ends_with(".dtb") || stem.ends_with(".dtbo") {
        out.push(stem.to_string());
    }
    out
}

/// The existing sources of `object` in `dir`, as paths.
pub fn existing_sources(dir: &Path, object: &str) -> Vec<std::path::PathBuf> {
    source_candidates(object)
        .into_iter()
        .map(|c| dir.join(c))
        .filter(|p| p.is_file())
        .collect()
}

/// The file kbuild reads in a subdirectory: `Kbuild` wins over `Makefile`.
pub fn subdir_makefile(dir: &Path) -> Option<std::path::PathBuf> {
    ["Kbuild", "Makefile"]
        .into_iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        let c = source_candidates("sub/foo.o");
        assert_eq!(&c[..3], ["sub/foo.c", "sub/foo.S", "sub/foo.rs"]);
        assert!(c.contains(&"sub/foo.c_shipped".to_string()));
        assert!(source_candidates("x509.asn1.o").contains(&"x509.asn1".to_string()));
        assert!(source_candidates("parse.tab.o").contains(&"parse.y".to_string()));
        assert!(source_candidates("lexer.lex.o").contains(&"lexer.l".to_string()));
        assert!(source_candidates("board.dtb.o").contains(&"board.dts".to_string()));
        assert!(source_candidates("ov.dtbo.o").contains(&"ov.dtso".to_string()));
        assert!(source_candidates("dir/").is_empty());
        assert!(source_candidates(".o").is_empty());
        assert!(source_candidates("foo.a").is_empty());
        assert!(intermediates("a.dtb.o").contains(&"a.dtb".to_string()));
        assert!(intermediates("a.o").contains(&"a.c".to_string()));
    }

    #[test]
    fn kbuild_wins() {
        let t = tempfile::tempdir().unwrap();
        assert_eq!(subdir_makefile(t.path()), None);
        std::fs::write(t.path().join("Makefile"), "").unwrap();
        assert_eq!(subdir_makefile(t.path()), Some(t.path().join("Makefile")));
        std::fs::write(t.path().join("Kbuild"), "").unwrap();
        assert_eq!(subdir_makefile(t.path()), Some(t.path().join("Kbuild")));
        std::fs::write(t.path().join("a.S"), "").unwrap();
        assert_eq!(existing_sources(t.path(), "a.o"), [t.path().join("a.S")]);
    }
}
