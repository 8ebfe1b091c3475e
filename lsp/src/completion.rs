//! Completion in context: in Kconfig, symbol names in expressions,
//! attributes on indented lines, entry keywords at column 0 and file paths
//! in `source "..."`; elsewhere `CONFIG_` names (makefiles, C, `.config`
//! files) and kbuild variables at the start of makefile lines.

use std::path::Path;

use crate::kconfig_index::KconfigIndex;
use crate::kconfig_scan::{self, Kw, TokKind};
use crate::name_table::{self, NameTable};

/// At most this many items; the list is then marked incomplete so the client
/// asks again as the word grows.
pub const MAX_ITEMS: usize = 200;

/// What an item is (the server maps it to `CompletionItemKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A Kconfig symbol (bare or as `CONFIG_NAME`).
    Symbol,
    /// An entry keyword (`config`, `menu`, ...).
    Keyword,
    /// An entry attribute (`depends on`, `help`, ...).
    Attribute,
    /// A Kconfig file path.
    File,
    /// A kbuild variable (`obj-y`, ...).
    Variable,
}

/// One proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    /// A symbol's type and prompt.
    pub detail: Option<String>,
    /// What replaces `Completions::replace`.
    pub insert_text: String,
    /// A symbol's help text (plain text), for the first few items.
    pub documentation: Option<String>,
}

/// The answer to one completion request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<Item>,
    /// More items matched than were returned.
    pub incomplete: bool,
    /// Byte columns, on the cursor's line, of the text the items replace
    /// (the word typed so far).
    pub replace: (u32, u32),
}

/// Help texts are looked up for this many items only.
const DOCUMENTED: usize = 50;

/// How a file names things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Kconfig,
    Makefile,
    /// `.config`, defconfigs and config fragments.
    Config,
    /// C, assembly, device trees, anything else.
    Other,
}

impl FileType {
    /// By the file's name (and, for Kconfig, membership in the loaded tree).
    pub fn of(index: Option<&KconfigIndex>, path: &Path) -> FileType {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("Kconfig") || index.is_some_and(|i| i.is_kconfig_file(path)) {
            FileType::Kconfig
        } else if name.starts_with("Makefile")
            || name.starts_with("Kbuild")
            || name.ends_with(".mk")
        {
            FileType::Makefile
        } else if name.starts_with(".config")
            || name.ends_with("defconfig")
            || name.ends_with(".config")
        {
            FileType::Config
        } else {
            FileType::Other
        }
    }
}

/// Entry keywords offered at column 0 of a Kconfig file.
pub const KEYWORDS: &[&str] = &[
    "config",
    "menuconfig",
    "choice",
    "endchoice",
    "menu",
    "endmenu",
    "if",
    "endif",
    "source",
    "comment",
    "mainmenu",
];

/// Attributes offered at the start of an indented Kconfig line.
pub const ATTRIBUTES: &[&str] = &[
    "bool",
    "tristate",
    "string",
    "int",
    "hex",
    "prompt",
    "default",
    "def_bool",
    "def_tristate",
    "depends on",
    "select",
    "imply",
    "visible if",
    "range",
    "help",
    "option",
    "modules",
    "transitional",
];

/// Kbuild variables offered at the start of a makefile line.
pub const KBUILD_VARIABLES: &[&str] = &[
    "obj-y",
    "obj-m",
    "lib-y",
    "ccflags-y",
    "subdir-ccflags-y",
    "asflags-y",
    "ldflags-y",
    "always-y",
    "hostprogs",
    "targets",
    "extra-y",
    "clean-files",
];

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Where the word ending at `col` starts, words made of bytes `word`.
fn word_start(line: &str, col: usize, word: impl Fn(u8) -> bool) -> usize {
    let b = line.as_bytes();
    let mut s = col.min(b.len());
    while s > 0 && word(b[s - 1]) {
        s -= 1;
    }
    s
}

/// Completions at byte `col` of line `line` (0-based) of `text`, the whole
/// text of `path` as the editor holds it. `index` is `None` while the tree is
/// loading (keywords and attributes still come).
pub fn complete(
    index: Option<&KconfigIndex>,
    path: &Path,
    text: &str,
    line: u32,
    col: usize,
) -> Completions {
    let Some(line_text) = kconfig_scan::split_lines(text).nth(line as usize) else {
        return Completions::default();
    };
    let mut col = col.min(line_text.len());
    while !line_text.is_char_boundary(col) {
        col -= 1;
    }
    let names = index.map(KconfigIndex::names);
    match FileType::of(index, path) {
        FileType::Kconfig => kconfig(index, names, text, line, line_text, col),
        ft => prefixed(index, names, ft, line_text, col),
    }
}

fn words(list: &[&str], typed: &str, kind: ItemKind, replace: (u32, u32)) -> Completions {
    Completions {
        items: list
            .iter()
            .filter(|w| w.starts_with(typed))
            .map(|w| Item {
                label: w.to_string(),
                kind,
                detail: None,
                insert_text: w.to_string(),
                documentation: None,
            })
            .collect(),
        incomplete: false,
        replace,
    }
}

/// Which symbols an expression may name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Any,
    /// `select`/`imply` take bool and tristate symbols.
    BoolOrTristate,
}

fn kconfig(
    index: Option<&KconfigIndex>,
    names: Option<&NameTable>,
    text: &str,
    line: u32,
    line_text: &str,
    col: usize,
) -> Completions {
    // Help text and continuation state depend on the lines before.
    let upto = kconfig_scan::split_lines(text).take(line as usize + 1);
    let mut scanned = Vec::new();
    {
        let mut joined = String::new();
        for (i, l) in upto.enumerate() {
            if i > 0 {
                joined.push('\n');
            }
            joined.push_str(l);
        }
        scanned.extend(
            kconfig_scan::scan(&joined)
                .into_iter()
                .map(|l| (l.head, l.help_text, l.continued, l.toks)),
        );
    }
    let Some((head, help_text, continued, toks)) = scanned.pop() else {
        return Completions::default();
    };
    if help_text {
        return Completions::default();
    }
    let c = col as u32;
    // Inside a string or comment?
    if let Some(t) = toks.iter().find(|t| t.start < c && c <= t.end) {
        match t.kind {
            TokKind::Comment => return Completions::default(),
            TokKind::String => {
                let closed = t.end - t.start >= 2
                    && line_text.as_bytes().get(t.end as usize - 1)
                        == line_text.as_bytes().get(t.start as usize);
                if c == t.end && closed {
                    return Completions::default();
                }
                if head != Some(Kw::Source) {
                    return Completions::default();
                }
                let typed = line_text.get(t.start as usize + 1..col).unwrap_or("");
                return source_paths(names, typed, (t.start + 1, c));
            }
            _ => {}
        }
    }
    let ws = word_start(line_text, col, is_ident);
    let typed = &line_text[ws..col];
    let replace = (ws as u32, c);
    let before: Vec<_> = toks.iter().filter(|t| t.end <= ws as u32).collect();
    if before.is_empty() && !continued {
        return if ws == 0 {
            words(KEYWORDS, typed, ItemKind::Keyword, replace)
        } else if line_text[..ws].trim().is_empty() {
            words(ATTRIBUTES, typed, ItemKind::Attribute, replace)
        } else {
            Completions::default()
        };
    }
    let text_of = |t: &kconfig_scan::Tok| line_text.get(t.start as usize..t.end as usize);
    let after_if = before
        .iter()
        .any(|t| t.kind == TokKind::Keyword && text_of(t) == Some("if"));
    let want = match head {
        _ if after_if => Some(Want::Any),
        Some(Kw::Select | Kw::Imply) => Some(Want::BoolOrTristate),
        Some(Kw::Depends) => before
            .iter()
            .any(|t| text_of(t) == Some("on"))
            .then_some(Want::Any),
        Some(Kw::Default | Kw::DefType | Kw::Range | Kw::If) => Some(Want::Any),
        None if continued => Some(Want::Any),
        _ => None,
    };
    match want {
        Some(w) => symbols(index, names, typed, "", "", w, replace),
        None => Completions::default(),
    }
}

fn source_paths(names: Option<&NameTable>, typed: &str, replace: (u32, u32)) -> Completions {
    let Some(names) = names else {
        return Completions::default();
    };
    let mut out = Completions {
        replace,
        ..Completions::default()
    };
    for f in names.kconfig_files.iter().filter(|f| f.starts_with(typed)) {
        if out.items.len() == MAX_ITEMS {
            out.incomplete = true;
            break;
        }
        out.items.push(Item {
            label: f.clone(),
            kind: ItemKind::File,
            detail: None,
            insert_text: f.clone(),
            documentation: None,
        });
    }
    out
}

/// Symbols whose name starts with `typed` (case-insensitive), labelled
/// `prefix` + name, inserted with `suffix` after.
fn symbols(
    index: Option<&KconfigIndex>,
    names: Option<&NameTable>,
    typed: &str,
    prefix: &str,
    suffix: &str,
    want: Want,
    replace: (u32, u32),
) -> Completions {
    let Some(names) = names else {
        return Completions::default();
    };
    let upper = typed.to_ascii_uppercase();
    let mut out = Completions {
        replace,
        ..Completions::default()
    };
    let fits = |ty: &str| want == Want::Any || matches!(ty, "bool" | "tristate");
    for s in names
        .symbols
        .iter()
        .filter(|s| s.has_prefix(&upper) && fits(s.ty))
    {
        if out.items.len() == MAX_ITEMS {
            out.incomplete = true;
            break;
        }
        let label = format!("{prefix}{}", s.name);
        let detail = match &s.prompt {
            Some(p) => format!("{} \"{p}\"", s.ty),
            None => s.ty.to_string(),
        };
        out.items.push(Item {
            insert_text: format!("{label}{suffix}"),
            label,
            kind: ItemKind::Symbol,
            detail: Some(detail),
            documentation: None,
        });
    }
    if let Some(index) = index {
        for item in out.items.iter_mut().take(DOCUMENTED) {
            let name = item.label.strip_prefix(prefix).unwrap_or(&item.label);
            item.documentation = name_table::help_of(index, name);
        }
    }
    out
}

fn prefixed(
    index: Option<&KconfigIndex>,
    names: Option<&NameTable>,
    ft: FileType,
    line_text: &str,
    col: usize,
) -> Completions {
    let ws = word_start(line_text, col, is_ident);
    let typed = &line_text[ws..col];
    let replace = (ws as u32, col as u32);
    let at_line_start = line_text[..ws].trim().is_empty();
    if ft == FileType::Makefile {
        let ms = word_start(line_text, col, |b| is_ident(b) || b == b'-');
        if line_text[..ms].trim().is_empty() && !typed.starts_with("CONFIG_") {
            let mtyped = &line_text[ms..col];
            return words(
                KBUILD_VARIABLES,
                mtyped,
                ItemKind::Variable,
                (ms as u32, col as u32),
            );
        }
    }
    if let Some(rest) = typed.strip_prefix("CONFIG_") {
        let suffix = if ft == FileType::Config && at_line_start {
            "="
        } else {
            ""
        };
        return symbols(index, names, rest, "CONFIG_", suffix, Want::Any, replace);
    }
    if ft == FileType::Config && at_line_start && "CONFIG_".starts_with(typed) {
        return symbols(index, names, "", "CONFIG_", "=", Want::Any, replace);
    }
    Completions::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::{self, Fixture};
    use expect_test::{expect, Expect};

    const TREE: &str = r#"
# file: Kconfig
mainmenu "Test"
source "fs/Kconfig"
config MODULES
	bool "Modules"
	modules
config EXT4_NAME
	string "Name"
# file: fs/Kconfig
config EXT4_FS
	tristate "The Extended 4 (ext4) filesystem"
	help
	  Ext4 help.
config EXT4_DEBUG
	bool "Debug"
	depends on EXT4_FS
config EXT4_SIZE
	int
"#;

    /// Completions where `$0` is in `text` (a file called `name`).
    fn check(f: &Fixture, name: &str, text: &str, expect: Expect) {
        let at = text.find("$0").expect("$0");
        let text = text.replace("$0", "");
        let line = text[..at].matches('\n').count() as u32;
        let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
        let c = complete(Some(&f.index), &f.path(name), &text, line, col);
        let mut out = format!("{:?} incomplete={}\n", c.replace, c.incomplete);
        for i in &c.items {
            out.push_str(&format!(
                "{:?} {} -> {:?}{}{}\n",
                i.kind,
                i.label,
                i.insert_text,
                i.detail
                    .as_deref()
                    .map(|d| format!(" [{d}]"))
                    .unwrap_or_default(),
                if i.documentation.is_some() {
                    " +doc"
                } else {
                    ""
                },
            ));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn kconfig_contexts() {
        let f = test_fixture::load(TREE);
        let k = "fs/Kconfig";
        check(
            &f,
            k,
            "config A\n\tdepends on EXT4_$0",
            expect![[r#"
                (12, 17) incomplete=false
                Symbol EXT4_DEBUG -> "EXT4_DEBUG" [bool "Debug"]
                Symbol EXT4_FS -> "EXT4_FS" [tristate "The Extended 4 (ext4) filesystem"] +doc
                Symbol EXT4_NAME -> "EXT4_NAME" [string "Name"]
                Symbol EXT4_SIZE -> "EXT4_SIZE" [int]
            "#]],
        );
        check(
            &f,
            k,
            "config A\n\tselect ex$0",
            expect![[r#"
            (8, 10) incomplete=false
            Symbol EXT4_DEBUG -> "EXT4_DEBUG" [bool "Debug"]
            Symbol EXT4_FS -> "EXT4_FS" [tristate "The Extended 4 (ext4) filesystem"] +doc
        "#]],
        );
        check(
            &f,
            k,
            "config A\n\tbool \"x\" if MOD$0",
            expect![[r#"
            (13, 16) incomplete=false
            Symbol MODULES -> "MODULES" [bool "Modules"]
        "#]],
        );
        check(
            &f,
            k,
            "config A\n\tbool \"x$0\"",
            expect![[r#"
            (0, 0) incomplete=false
        "#]],
        );
        check(
            &f,
            k,
            "config A\n\tde$0",
            expect![[r#"
            (1, 3) incomplete=false
            Attribute default -> "default"
            Attribute def_bool -> "def_bool"
            Attribute def_tristate -> "def_tristate"
            Attribute depends on -> "depends on"
        "#]],
        );
        check(
            &f,
            k,
            "me$0",
            expect![[r#"
            (0, 2) incomplete=false
            Keyword menuconfig -> "menuconfig"
            Keyword menu -> "menu"
        "#]],
        );
        check(
            &f,
            k,
            "source \"f$0\"",
            expect![[r#"
            (8, 9) incomplete=false
            File fs/Kconfig -> "fs/Kconfig"
        "#]],
        );
        check(
            &f,
            k,
            "config A\n\thelp\n\t  EXT$0",
            expect![[r#"
            (0, 0) incomplete=false
        "#]],
        );
        check(
            &f,
            k,
            "config EXT$0",
            expect![[r#"
            (0, 0) incomplete=false
        "#]],
        );
        check(
            &f,
            k,
            "\tdepends on A && \\\n\t\tEXT4_D$0",
            expect![[r#"
            (2, 8) incomplete=false
            Symbol EXT4_DEBUG -> "EXT4_DEBUG" [bool "Debug"]
        "#]],
        );
    }

    #[test]
    fn prefixed_contexts() {
        let f = test_fixture::load(TREE);
        check(
            &f,
            "fs/Makefile",
            "obj-$(CONFIG_EXT4_F$0) += ext4/",
            expect![[r#"
                (6, 19) incomplete=false
                Symbol CONFIG_EXT4_FS -> "CONFIG_EXT4_FS" [tristate "The Extended 4 (ext4) filesystem"] +doc
            "#]],
        );
        check(
            &f,
            "fs/Makefile",
            "ccf$0",
            expect![[r#"
            (0, 3) incomplete=false
            Variable ccflags-y -> "ccflags-y"
        "#]],
        );
        check(
            &f,
            "fs/ext4/super.c",
            "#ifdef CONFIG_EXT4_D$0",
            expect![[r#"
            (7, 20) incomplete=false
            Symbol CONFIG_EXT4_DEBUG -> "CONFIG_EXT4_DEBUG" [bool "Debug"]
        "#]],
        );
        check(
            &f,
            "fs/ext4/super.c",
            "#ifdef EXT4_D$0",
            expect![[r#"
            (0, 0) incomplete=false
        "#]],
        );
        check(
            &f,
            ".config",
            "CONFIG_MOD$0",
            expect![[r#"
            (0, 10) incomplete=false
            Symbol CONFIG_MODULES -> "CONFIG_MODULES=" [bool "Modules"]
        "#]],
        );
        check(
            &f,
            ".config",
            "# CONFIG_MOD$0",
            expect![[r#"
            (2, 12) incomplete=false
            Symbol CONFIG_MODULES -> "CONFIG_MODULES" [bool "Modules"]
        "#]],
        );
    }

    #[test]
    fn no_tree_and_odd_positions() {
        let p = Path::new("/x/Kconfig");
        assert_eq!(complete(None, p, "co", 0, 2).items.len(), 2);
        assert!(complete(None, p, "", 5, 0).items.is_empty());
        assert!(complete(None, p, "é", 0, 1).items.len() <= KEYWORDS.len());
        assert!(
            complete(None, Path::new("/x/Makefile"), "obj-$(CONFIG_", 0, 99)
                .items
                .is_empty()
        );
    }

    #[test]
    fn every_position_of_odd_text_answers() {
        let f = test_fixture::load(TREE);
        let text = "config A\n\tbool \"é\\\" if B\n\tdepends on (A || \\\n\t!B) # ü\n\thelp\n\t  x\nsource \"\nobj-$(CONFIG_ += \t\n# CONFIG_A is\n";
        for name in ["Kconfig", "Makefile", "x.c", ".config"] {
            let path = f.path(name);
            for (n, l) in text.split('\n').enumerate() {
                for col in 0..=l.len() + 2 {
                    let c = complete(Some(&f.index), &path, text, n as u32, col);
                    assert!(c.replace.0 <= c.replace.1);
                }
            }
        }
    }

    #[test]
    fn many_matches_are_capped() {
        let mut tree = String::from("# file: Kconfig\n");
        for i in 0..(MAX_ITEMS + 5) {
            tree.push_str(&format!("config S{i}\n\tbool\n"));
        }
        let f = test_fixture::load(&tree);
        let c = complete(Some(&f.index), &f.path("Kconfig"), "\tselect S", 0, 9);
        assert_eq!(c.items.len(), MAX_ITEMS);
        assert!(c.incomplete);
    }
}
