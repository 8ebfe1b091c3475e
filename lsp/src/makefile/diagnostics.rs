//! Certain problems in a kbuild Makefile's goal lists: an object nothing can
//! make, a directory without a Makefile, a `CONFIG_` symbol no Kconfig file
//! defines or of a type that cannot select a list, and an object listed twice.
//! What cannot be proved without evaluating make (computed names, rules with
//! computed targets, `$(eval ...)`) is never reported.

use std::path::Path;

use kmake::kconfig::SymbolType;

use super::generated::{generated, Generated};
use super::objects::{read, Entry, ListAssignment, ListKind, Objects, Suffix};
use super::sources::{intermediates, source_candidates, subdir_makefile};
use super::symbols_scan::SymbolTypes;
use super::LineSpan;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build fails when the line is used.
    Error,
    /// Legal but almost certainly not what was meant.
    Warning,
}

/// One problem, on one line of the Makefile.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MakefileDiagnostic {
    pub range: LineSpan,
    pub severity: Severity,
    /// A stable name: `missing-source`, `missing-subdir-makefile`,
    /// `undefined-config`, `non-tristate-config`, `duplicate-object`.
    pub code: &'static str,
    pub message: String,
}

/// The diagnostics of the Makefile or Kbuild file at `path` whose text is
/// `text` (files next to it are looked up on disk), sorted by place.
pub fn makefile_diagnostics(
    path: &Path,
    text: &str,
    symbols: &dyn SymbolTypes,
) -> Vec<MakefileDiagnostic> {
    if under_tools(path) {
        return Vec::new();
    }
    let objects = read(text);
    let dir = path.parent().unwrap_or(Path::new("."));
    let made = generated(&objects);
    let mut out = Vec::new();
    missing_files(dir, &objects, &made, &mut out);
    config_symbols(&objects, symbols, &mut out);
    duplicates(&objects, &mut out);
    out.sort();
    out.dedup();
    out
}

/// Whether `path` is under the kernel's `tools/`: its own build system, whose
/// makefiles use `CONFIG_` variables of their own (`tools/perf`'s
/// `CONFIG_PERF_BPF_SKEL`), not kbuild's.
fn under_tools(path: &Path) -> bool {
    path.ancestors().any(|a| {
        a.file_name().is_some_and(|n| n == "tools")
            && a.parent().is_some_and(|root| {
                root.join("Kconfig").is_file() && root.join("Makefile").is_file()
            })
    })
}

/// `CONFIG_` names that are make variables of the top Makefile, not symbols.
const MAKE_VARIABLES: &[&str] = &["SHELL"];

/// Whether the composite `stem` has part lists in the file.
fn is_composite(objects: &Objects, stem: &str) -> bool {
    objects.parts_of(stem).next().is_some()
}

/// Whether a missing object can be proved in the file read as `objects`:
/// not when a computed part list name or an opaque line may make any object
/// composite or generated, nor when an include may add either.
pub fn objects_checkable(objects: &Objects, made: &Generated) -> bool {
    !made.open && !objects.has_computed_part_lists() && objects.includes.is_empty()
}

fn missing_files(
    dir: &Path,
    objects: &Objects,
    made: &Generated,
    out: &mut Vec<MakefileDiagnostic>,
) {
    let objects_provable = objects_checkable(objects, made);
    for list in &objects.lists {
        let goal_list = matches!(list.kind, ListKind::Obj | ListKind::Lib);
        let part_list = match &list.kind {
            ListKind::Parts(stem) => {
                objects.lists_object(&format!("{stem}.o")) || objects.lists_program(stem)
            }
            _ => false,
        };
        for e in list.entries.iter().filter(|e| !e.is_computed()) {
            let subdir = match list.kind {
                ListKind::Obj => e.text.ends_with('/'),
                ListKind::Subdir => true,
                _ => false,
            };
            if subdir {
                missing_subdir(dir, list, e, out);
            } else if (goal_list || part_list) && objects_provable {
                missing_object(dir, objects, made, list, e, out);
            }
        }
    }
}

fn missing_subdir(dir: &Path, list: &ListAssignment, e: &Entry, out: &mut Vec<MakefileDiagnostic>) {
    let sub = dir.join(e.text.trim_end_matches('/'));
    if subdir_makefile(&sub).is_some() {
        return;
    }
    let why = if sub.is_dir() {
        "has no Kbuild or Makefile"
    } else {
        "does not exist"
    };
    out.push(MakefileDiagnostic {
        range: e.span,
        severity: Severity::Error,
        code: "missing-subdir-makefile",
        message: format!(
            "`{}` in `{}`: directory {why}; kbuild cannot descend into it",
            e.text, list.name
        ),
    });
}

fn missing_object(
    dir: &Path,
    objects: &Objects,
    made: &Generated,
    list: &ListAssignment,
    e: &Entry,
    out: &mut Vec<MakefileDiagnostic>,
) {
    let Some(stem) = e.text.strip_suffix(".o") else {
        return;
    };
    let candidates = source_candidates(&e.text);
    if candidates.is_empty() || is_composite(objects, stem) {
        return;
    }
    if intermediates(&e.text).iter().any(|n| made.makes(n)) {
        return;
    }
    if candidates.iter().any(|c| dir.join(c).exists()) {
        return;
    }
    out.push(MakefileDiagnostic {
        range: e.span,
        severity: Severity::Error,
        code: "missing-source",
        message: format!(
            "`{}` in `{}`: no {} (or other source) next to this Makefile, it is not a \
             composite object and no rule here makes it",
            e.text,
            list.name,
            candidates[..3].join(", ")
        ),
    });
}

fn config_symbols(objects: &Objects, symbols: &dyn SymbolTypes, out: &mut Vec<MakefileDiagnostic>) {
    let assigned = |sym: &str| {
        objects
            .assigned
            .iter()
            .any(|a| a.strip_prefix("CONFIG_") == Some(sym))
    };
    for r in &objects.config_refs {
        if symbols.symbol_type(&r.symbol).is_none()
            && !assigned(&r.symbol)
            && !MAKE_VARIABLES.contains(&r.symbol.as_str())
        {
            out.push(MakefileDiagnostic {
                range: r.span,
                severity: Severity::Warning,
                code: "undefined-config",
                message: format!(
                    "CONFIG_{} is not defined by any Kconfig file: it is never set",
                    r.symbol
                ),
            });
        }
    }
    for list in &objects.lists {
        let Suffix::Config(sym, span) = &list.suffix else {
            continue;
        };
        // Other lists may select on any value (`cpuflags-$(CONFIG_NUM)`).
        if !is_goal_list(objects, list) {
            continue;
        }
        let ty = symbols.symbol_type(sym);
        if let Some(t @ (SymbolType::Int | SymbolType::Hex | SymbolType::String)) = ty {
            out.push(MakefileDiagnostic {
                range: *span,
                severity: Severity::Warning,
                code: "non-tristate-config",
                message: format!(
                    "CONFIG_{sym} is of type {}: `{}` never becomes a `-y` or `-m` list",
                    t.name(),
                    list.name
                ),
            });
        }
    }
}

/// Whether `list` is one that kbuild reads only as `-y` or `-m`: goals,
/// subdirectories and the parts of a listed composite object.
fn is_goal_list(objects: &Objects, list: &ListAssignment) -> bool {
    match &list.kind {
        ListKind::Obj | ListKind::Lib | ListKind::Subdir => true,
        ListKind::Parts(stem) => objects.lists_object(&format!("{stem}.o")),
        _ => false,
    }
}

/// Objects repeated within one assignment. (Across assignments kbuild allows
/// repeats and Makefiles use them on purpose, one line per module with the
/// helper objects it needs, as `drivers/mtd/tests/Makefile` does.)
fn duplicates(objects: &Objects, out: &mut Vec<MakefileDiagnostic>) {
    for l in objects.lists.iter().filter(|l| is_goal_list(objects, l)) {
        let words: Vec<&Entry> = l.entries.iter().filter(|e| !e.is_computed()).collect();
        for (i, e) in words.iter().enumerate() {
            if let Some(first) = words[..i].iter().find(|f| f.text == e.text) {
                out.push(MakefileDiagnostic {
                    range: e.span,
                    severity: Severity::Warning,
                    code: "duplicate-object",
                    message: format!(
                        "`{}` is already in this `{}` list (line {}); kbuild ignores the repeat",
                        e.text,
                        l.name,
                        first.span.line + 1
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn symbols() -> std::collections::HashMap<String, SymbolType> {
        [
            ("FOO", SymbolType::Tristate),
            ("BAR", SymbolType::Bool),
            ("NUM", SymbolType::Int),
            ("NAME", SymbolType::String),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t))
        .collect()
    }

    /// Writes `files` (`name`, text) into a temp dir and checks `Makefile`;
    /// one `code line:start-end` per diagnostic.
    fn check(files: &[(&str, &str)]) -> Vec<String> {
        let t = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = t.path().join(name);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let path = t.path().join("Makefile");
        let text = fs::read_to_string(&path).unwrap();
        makefile_diagnostics(&path, &text, &symbols())
            .into_iter()
            .map(|d| {
                let r = d.range;
                format!("{} {}:{}-{}", d.code, r.line + 1, r.start, r.end)
            })
            .collect()
    }

    #[test]
    fn objects_with_and_without_sources() {
        let d = check(&[
            (
                "Makefile",
                "\
obj-$(CONFIG_FOO) += a.o b.o nosuch.o comp.o gen.o x509.asn1.o sub/s.o
comp-y := a.o
comp-$(CONFIG_BAR) += gone.o
lib-y += lost.o
$(obj)/gen.c: $(src)/gen.pl
\tperl $< > $@
",
            ),
            ("a.c", ""),
            ("b.S", ""),
            ("x509.asn1", ""),
            ("sub/s.rs", ""),
        ]);
        assert_eq!(
            d,
            [
                "missing-source 1:29-37",
                "missing-source 3:22-28",
                "missing-source 4:9-15"
            ]
        );
    }

    #[test]
    fn directories() {
        let d = check(&[
            (
                "Makefile",
                "obj-y += ok/ kb/ empty/ none/\nsubdir-y += ok nodir\n",
            ),
            ("ok/Makefile", ""),
            ("kb/Kbuild", ""),
            ("empty/README", ""),
        ]);
        assert_eq!(
            d,
            [
                "missing-subdir-makefile 1:17-23",
                "missing-subdir-makefile 1:24-29",
                "missing-subdir-makefile 2:15-20"
            ]
        );
    }

    #[test]
    fn config_symbols() {
        let d = check(&[
            (
                "Makefile",
                "\
obj-$(CONFIG_NOPE) += a.o
obj-$(CONFIG_NUM) += a.o
lib-$(CONFIG_NAME) += a.o
ccflags-$(CONFIG_GONE) += -DX
CONFIG_LOCAL := y
obj-$(CONFIG_LOCAL) += a.o
ifeq ($(CONFIG_IN_IFEQ),y)
endif
ifdef CONFIG_IN_IFDEF
endif
cpuflags-$(CONFIG_NUM) += -mnum
x := $(CONFIG_SHELL)
",
            ),
            ("a.c", ""),
        ]);
        assert_eq!(
            d,
            [
                "undefined-config 1:6-17",
                "non-tristate-config 2:6-16",
                "non-tristate-config 3:6-17",
                "undefined-config 4:10-21",
                "undefined-config 7:8-22",
                "undefined-config 9:6-21"
            ]
        );
    }

    #[test]
    fn duplicates_in_one_assignment() {
        let d = check(&[
            (
                "Makefile",
                "\
obj-y := a.o b.o \\
\ta.o
obj-y += a.o
obj-$(CONFIG_FOO) += b.o $(x) b.o
ccflags-y += -DX -DX
",
            ),
            ("a.c", ""),
            ("b.c", ""),
        ]);
        assert_eq!(d, ["duplicate-object 2:1-4", "duplicate-object 4:30-33"]);
    }

    #[test]
    fn unprovable_things_are_not_reported() {
        let cases: &[&str] = &[
            // Computed words.
            "obj-y += $(foo).o $(bar)/ x-$(y).o\n",
            // A rule with computed targets may make anything.
            "obj-y += gen.o\n$(addprefix $(obj)/,$(gen)): x\n\tcp x $@\n",
            // A pattern rule of the file.
            "obj-y += tbl_gen.o\n$(obj)/%_gen.c: $(src)/%.tbl\n\tcp $< $@\n",
            // `$(eval ...)` may define parts.
            "obj-y += m.o\n$(eval $(call parts,m))\n",
            // A computed part list may be `m-y`.
            "obj-y += m.o\n$(NAME)-y := a.o\n",
            // An include may add parts or rules.
            "obj-y += m.o\ninclude $(src)/Makefile.parts\n",
            // Registered as generated.
            "obj-y += t.o\ntargets += t.c\n",
            // Part of a composite that is itself composite.
            "obj-y += outer.o\nouter-y := inner.o\ninner-y := a.o\n",
            // `-y` lists of things that are not objects.
            "cflags-y += nothing.o\n",
        ];
        for text in cases {
            let d = check(&[("Makefile", text), ("a.c", "")]);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }
}
