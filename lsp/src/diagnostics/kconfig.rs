//! Diagnostics of the Kconfig sources of the loaded tree: what the engine
//! reported while parsing (syntax errors and the C tool's warnings), names
//! used but defined by no Kconfig file, `select`s of symbols whose direct
//! dependencies are unmet under the current configuration, constant defaults
//! of the wrong type and defaults outside every range. Computed for the whole
//! tree once per load, then answered per file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use kmake::kconfig::{
    with_big_stack, Expr, FileId, Kconfig, Message, PropKind, RefKind, Span, SymbolId, SymbolType,
};

use super::{line_range, sort, Code, Diag, Severity};
use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;

/// The diagnostics of Kconfig file `path` (canonical or not). The first call
/// after a load computes those of every file (tens of milliseconds on a real
/// tree); later calls look them up.
pub fn kconfig_diagnostics(index: &KconfigIndex, path: &Path) -> Vec<Diag> {
    let all = index.kconfig_diagnostics_with(compute_all);
    if let Some(d) = all.get(path) {
        return d.clone();
    }
    path.canonicalize()
        .ok()
        .and_then(|p| all.get(&p).cloned())
        .unwrap_or_default()
}

/// Line texts of the tree's files, read once each.
struct Texts<'i> {
    index: &'i KconfigIndex,
    files: HashMap<FileId, String>,
}

impl Texts<'_> {
    fn line(&mut self, file: FileId, line: u32) -> FileRange {
        let path = self.index.path_of(file);
        let text = self
            .files
            .entry(file)
            .or_insert_with(|| std::fs::read_to_string(path).unwrap_or_default());
        line_range(path, text, line)
    }

    /// A span, cut to its first line.
    fn span(&mut self, span: Span) -> FileRange {
        let mut r = self.line(span.file, span.start.line.saturating_sub(1));
        r.start = span.start.col;
        if span.end.line == span.start.line {
            r.end = span.end.col;
        }
        r.end = r.end.max(r.start);
        r
    }
}

/// Every file's diagnostics.
pub fn compute_all(index: &KconfigIndex) -> HashMap<PathBuf, Vec<Diag>> {
    let other_arch = other_arch_symbols(index);
    let mut texts = Texts {
        index,
        files: HashMap::new(),
    };
    let found = index.with_engine(|k| {
        with_big_stack(|| {
            let mut found = Vec::new();
            for m in index.load_messages() {
                engine_message(k, index, m, &mut found);
            }
            found.iter_mut().for_each(|f| f.engine = true);
            undefined_symbols(k, &other_arch, &mut found);
            unmet_selects(k, &mut found);
            default_checks(k, &mut found);
            found
        })
    });
    let found = if index.stats.shell_refused > 0 {
        without_untrusted_cascades(&mut texts, found)
    } else {
        found
    };
    let mut out: HashMap<PathBuf, Vec<Diag>> = HashMap::new();
    for f in found {
        let range = match f.at {
            At::Line(file, line) => texts.line(file, line),
            At::Span(span) => texts.span(span),
        };
        out.entry(range.path.clone()).or_default().push(Diag {
            range,
            severity: f.severity,
            code: f.code,
            message: f.message,
            fix: None,
        });
    }
    for d in out.values_mut() {
        sort(d);
        d.dedup();
    }
    out
}

/// In an untrusted workspace `$(shell,...)` expands to nothing, so lines
/// like `depends on $(cc-option,-fstack-protector)` fail to parse and the
/// parser then misreads what follows. In a file where that happens the
/// engine's messages say nothing about the file: they are replaced by a note
/// on each such line.
fn without_untrusted_cascades(texts: &mut Texts, found: Vec<Found>) -> Vec<Found> {
    let mut shell_lines: HashMap<FileId, Vec<u32>> = HashMap::new();
    for f in &found {
        if let (true, At::Line(file, line)) = (f.engine, &f.at) {
            let r = texts.line(*file, *line);
            let text = &texts.files[file];
            let l = text.split('\n').nth(*line as usize).unwrap_or("");
            if l.contains("$(") && r.end > r.start {
                shell_lines.entry(*file).or_default().push(*line);
            }
        }
    }
    let mut out: Vec<Found> = found
        .into_iter()
        .filter(|f| match (&f.at, f.engine) {
            (At::Line(file, _), true) => !shell_lines.contains_key(file),
            _ => true,
        })
        .collect();
    for (file, lines) in shell_lines {
        if let Some(&line) = lines.iter().min() {
            out.push(Found {
                at: At::Line(file, line),
                engine: false,
                severity: Severity::Information,
                code: Code::KconfigWarning,
                message: "this file is not checked: the workspace is untrusted, so $(shell,...) \
                          did not run and lines like this one expand to nothing"
                    .to_string(),
            });
        }
    }
    out
}

/// Where a finding is, before file texts give it columns.
enum At {
    /// File and 0-based line.
    Line(FileId, u32),
    Span(Span),
}

struct Found {
    at: At,
    /// A message of the engine's parse (not one of our checks).
    engine: bool,
    severity: Severity,
    code: Code,
    message: String,
}

/// The code of a message of the C tool.
fn classify(m: &Message) -> Code {
    let t = m.message.as_str();
    if t.starts_with("ignoring type redefinition") || t == "prompt redefined" {
        Code::Redefinition
    } else if t.contains("has wrong type")
        || t.contains("but is not bool or tristate")
        || t.starts_with("range is only allowed")
        || t.contains("must be a single symbol")
        || t.contains("number is invalid")
        || t == "range is invalid"
    {
        Code::TypeMismatch
    } else if m.severity == kmake::kconfig::Severity::Error {
        Code::ParseError
    } else {
        Code::KconfigWarning
    }
}

fn engine_message(k: &Kconfig, index: &KconfigIndex, m: &Message, out: &mut Vec<Found>) {
    let severity = match m.severity {
        kmake::kconfig::Severity::Error => Severity::Error,
        kmake::kconfig::Severity::Warning => Severity::Warning,
        kmake::kconfig::Severity::Info => return,
    };
    match m.loc.file {
        Some(f) if index.is_kconfig_file(index.path_of(f)) => out.push(Found {
            at: At::Line(f, m.loc.line.saturating_sub(1)),
            engine: true,
            severity,
            code: classify(m),
            message: m.message.clone(),
        }),
        Some(_) => {}
        // A dependency loop names its symbols, one per line: put it on the
        // definitions of each.
        None if m.message.contains("recursive dependency detected") => {
            let mut named = Vec::new();
            for line in m.message.lines() {
                let Some(rest) = line.trim_start().strip_prefix("symbol ") else {
                    continue;
                };
                let name = rest.split_whitespace().next().unwrap_or("");
                if !named.contains(&name) {
                    named.push(name);
                }
            }
            for s in named.into_iter().filter_map(|n| k.sym_find(n)) {
                for d in k.definitions(s) {
                    let at = match (d.name_span, d.loc.file) {
                        (Some(span), _) => At::Span(span),
                        (None, Some(f)) => At::Line(f, d.loc.line.saturating_sub(1)),
                        (None, None) => continue,
                    };
                    out.push(Found {
                        at,
                        engine: false,
                        severity,
                        code: Code::ParseError,
                        message: m.message.trim_end().to_string(),
                    });
                }
            }
        }
        None => {}
    }
}

/// Whether a word in an expression is a number rather than a symbol name
/// (`10`, `-1`, `0x1000`, `ffffffff`): the parser makes both symbols.
pub(crate) fn looks_numeric(name: &str) -> bool {
    let n = name.strip_prefix('-').unwrap_or(name);
    if n.is_empty() {
        return false;
    }
    if let Some(h) = n.strip_prefix("0x").or_else(|| n.strip_prefix("0X")) {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    n.bytes()
        .all(|b| b.is_ascii_digit() || (b.is_ascii_hexdigit() && b.is_ascii_lowercase()))
}

/// Names that `config`/`menuconfig` entries define in Kconfig files the load
/// did not read: those under `arch/` (the other architectures, and files of
/// this one only they source, like `arch/x86/um/Kconfig`) and the files they
/// `source` (like `drivers/parisc/Kconfig`). Generic code may mention these.
fn other_arch_symbols(index: &KconfigIndex) -> HashSet<String> {
    let src = &index.layout.srctree;
    let mut queue = Vec::new();
    kconfig_files_under(&src.join("arch"), 0, &mut queue);
    let mut seen: HashSet<PathBuf> = queue.iter().cloned().collect();
    let mut out = HashSet::new();
    while let Some(f) = queue.pop() {
        if index.is_kconfig_file(&f) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines() {
            let mut w = line.split_whitespace();
            match (w.next(), w.next()) {
                (Some("config" | "menuconfig"), Some(sym)) => {
                    out.insert(sym.to_string());
                }
                (Some(kw @ ("source" | "osource" | "rsource" | "orsource")), Some(name)) => {
                    let name = name.trim_matches('"');
                    if name.contains(['$', '*']) {
                        continue;
                    }
                    let target = if kw.starts_with('r') || kw.starts_with("or") {
                        f.parent().unwrap_or(src).join(name)
                    } else {
                        src.join(name)
                    };
                    let target = target.canonicalize().unwrap_or(target);
                    if target.is_file() && seen.insert(target.clone()) {
                        queue.push(target);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn kconfig_files_under(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    if depth > 8 {
        return;
    }
    for e in entries.flatten() {
        let Ok(ty) = e.file_type() else { continue };
        if ty.is_dir() {
            kconfig_files_under(&e.path(), depth + 1, out);
        } else if ty.is_file() && e.file_name().to_string_lossy().starts_with("Kconfig") {
            let p = e.path();
            out.push(p.canonicalize().unwrap_or(p));
        }
    }
}

fn undefined_symbols(k: &Kconfig, other_arch: &HashSet<String>, out: &mut Vec<Found>) {
    for r in k.symbol_refs() {
        if r.kind != RefKind::Use || r.sym.0 < 3 {
            continue;
        }
        let sym = k.sym(r.sym);
        if sym.is_const() || !sym.menus.is_empty() {
            continue;
        }
        let Some(name) = sym.name.as_deref() else {
            continue;
        };
        if looks_numeric(name) || other_arch.contains(name) {
            continue;
        }
        out.push(Found {
            at: At::Span(r.span),
            engine: false,
            severity: Severity::Warning,
            code: Code::UndefinedSymbol,
            message: match name {
                "Y" | "M" | "N" => format!(
                    "undefined symbol {name}: no Kconfig file defines it \
                     (the constant is {}, in lower case)",
                    name.to_ascii_lowercase()
                ),
                _ => format!("undefined symbol {name}: no Kconfig file defines it"),
            },
        });
    }
}

/// `select`s that force a symbol above its direct dependencies (what the C
/// tool warns as "unmet direct dependencies"), on the `select` lines.
fn unmet_selects(k: &mut Kconfig, out: &mut Vec<Found>) {
    let n = k.symbol_count() as u32;
    for s in (3..n).map(SymbolId) {
        k.calc_value(s);
    }
    for s in (3..n).map(SymbolId) {
        let sym = k.sym(s);
        if sym.is_const()
            || !sym.ty.is_logic()
            || sym.dir_dep.tri >= sym.rev_dep.tri
            || k.sym_get_choice_menu(s).is_some()
        {
            continue;
        }
        let dir = sym.dir_dep.tri;
        let dir_expr = sym.dir_dep.expr;
        let name = sym.name_or_choice().to_string();
        let deps = k.expr_to_string_with_values(dir_expr);
        for p in k.reverse_props(s, PropKind::Select) {
            let prop = k.prop(p).clone();
            let Some(by) = k.menu(prop.menu).sym else {
                continue;
            };
            let cond = prop.visible.expr;
            let v = k.tristate_value(by).and(k.expr_calc_value(cond));
            if v <= dir {
                continue;
            }
            let at = match (prop.span, prop.loc.file) {
                (Some(span), _) => At::Span(span),
                (None, Some(f)) => At::Line(f, prop.loc.line.saturating_sub(1)),
                (None, None) => continue,
            };
            out.push(Found {
                at,
                engine: false,
                severity: Severity::Warning,
                code: Code::UnmetSelect,
                message: format!(
                    "selects {name} = {} although its direct dependencies are unmet \
                     (unmet direct dependencies detected for {name}): depends on [{}]: {deps}",
                    v.as_char(),
                    dir.as_char()
                ),
            });
        }
    }
}

/// Constant defaults of the wrong type for bool/tristate symbols, and number
/// defaults outside every range of an int/hex symbol.
fn default_checks(k: &Kconfig, out: &mut Vec<Found>) {
    let n = k.symbol_count() as u32;
    for s in (3..n).map(SymbolId) {
        let sym = k.sym(s);
        if sym.is_const() || sym.menus.is_empty() {
            continue;
        }
        let name = sym.name_or_choice();
        let ty = sym.ty;
        let ranges: Option<Vec<(i128, i128)>> = sym
            .props
            .iter()
            .filter(|&&p| k.prop(p).kind == PropKind::Range)
            .map(|&p| match k.prop(p).expr.map(|e| k.expr_node(e)) {
                Some(Expr::Range(a, b)) => Some((number(k, ty, a)?, number(k, ty, b)?)),
                _ => None,
            })
            .collect();
        for &p in &sym.props {
            let prop = k.prop(p);
            if prop.kind != PropKind::Default {
                continue;
            }
            let Some(d) = k.prop_symbol(p) else { continue };
            let dname = k.sym(d).name.as_deref().unwrap_or("");
            let at = match (prop.span, prop.loc.file) {
                (Some(span), _) => At::Span(span),
                (None, Some(f)) => At::Line(f, prop.loc.line.saturating_sub(1)),
                (None, None) => continue,
            };
            let bad_logic = ty.is_logic()
                && d.0 >= 3
                && (k.sym(d).is_const() || looks_numeric(dname))
                && !matches!(dname, "y" | "m" | "n");
            if bad_logic {
                out.push(Found {
                    at,
                    engine: false,
                    severity: Severity::Warning,
                    code: Code::TypeMismatch,
                    message: format!(
                        "default '{dname}' of {} symbol {name} is not y, m or n: it counts as n",
                        ty.name()
                    ),
                });
                continue;
            }
            let (Some(ranges), Some(v)) = (&ranges, number(k, ty, d)) else {
                continue;
            };
            if !ranges.is_empty() && ranges.iter().all(|&(lo, hi)| v < lo || v > hi) {
                let list = ranges
                    .iter()
                    .map(|(lo, hi)| show(ty, *lo, *hi))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(Found {
                    at,
                    engine: false,
                    severity: Severity::Warning,
                    code: Code::DefaultOutOfRange,
                    message: format!(
                        "default {dname} of {name} is outside its range {list}: \
                         the value is clamped"
                    ),
                });
            }
        }
    }
}

fn show(ty: SymbolType, lo: i128, hi: i128) -> String {
    if ty == SymbolType::Hex {
        format!("0x{lo:x}..0x{hi:x}")
    } else {
        format!("{lo}..{hi}")
    }
}

/// The value of a constant (or number-named) symbol as a number of an
/// int or hex symbol.
fn number(k: &Kconfig, ty: SymbolType, s: SymbolId) -> Option<i128> {
    let sym = k.sym(s);
    if !sym.is_const() && !sym.menus.is_empty() {
        return None;
    }
    let t = sym.name.as_deref()?;
    match ty {
        SymbolType::Int => t.parse::<i64>().ok().map(i128::from),
        SymbolType::Hex => {
            let h = t
                .strip_prefix("0x")
                .or_else(|| t.strip_prefix("0X"))
                .unwrap_or(t);
            u64::from_str_radix(h, 16).ok().map(i128::from)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::test_fixture::Fixture;
    use expect_test::{expect, Expect};

    /// The diagnostics of every Kconfig file of the fixture's tree.
    fn check(fixture: &str, expect: Expect) {
        let f = Fixture::load(fixture);
        let mut all = Vec::new();
        for p in f.index.kconfig_files() {
            all.extend(kconfig_diagnostics(&f.index, &p));
        }
        expect.assert_eq(&f.render(&all, None));
    }

    const TOP: &str = r#"
# file: Kconfig
    mainmenu "Test"
    source "arch/$(SRCARCH)/Kconfig"
    source "drivers/Kconfig"
# file: arch/x86/Kconfig
    config X86
        def_bool y
"#;

    #[test]
    fn engine_messages() {
        check(
            &format!(
                "{TOP}{}",
                r#"
# file: drivers/Kconfig
    config A
        bool "a"
    config A
        tristate
    config S
        int "s"
    config B
        bool "b"
        select S
    config R
        bool "r"
        range 1 2
"#
            ),
            expect![[r#"
                drivers/Kconfig:3:0-8 Warning redefinition: ignoring type redefinition of 'A' from 'bool' to 'tristate'
                drivers/Kconfig:9:4-12 Warning type-mismatch: 'S' has wrong type. 'select' only accept arguments of bool and tristate type
                drivers/Kconfig:12:4-13 Warning type-mismatch: range is invalid
                drivers/Kconfig:12:4-13 Warning type-mismatch: range is only allowed for int or hex symbols
            "#]],
        );
    }

    #[test]
    fn undefined_symbols_but_not_numbers_constants_or_other_architectures() {
        check(
            &format!(
                "{TOP}{}",
                r#"
# file: arch/arm64/Kconfig
    config ARM64
        def_bool y
    source "drivers/arm/Kconfig"
# file: drivers/arm/Kconfig
    config ARM_ONLY
        bool
# file: drivers/Kconfig
    config A
        bool "a"
        depends on X86 || ARM64 || ARM_ONLY || NOSUCH
        default y if m && NOSUCH2
    config NUM
        int "n"
        default 10 if !N_TYPO
        range -1 16
    config H
        hex "h"
        default ffff0000
    config Q
        string "q"
        default "NOT_A_SYMBOL"
    config C
        bool "c"
        default N
"#
            ),
            expect![[r#"
                drivers/Kconfig:3:43-49 Warning undefined-symbol: undefined symbol NOSUCH: no Kconfig file defines it
                drivers/Kconfig:4:22-29 Warning undefined-symbol: undefined symbol NOSUCH2: no Kconfig file defines it
                drivers/Kconfig:7:19-25 Warning undefined-symbol: undefined symbol N_TYPO: no Kconfig file defines it
                drivers/Kconfig:17:12-13 Warning undefined-symbol: undefined symbol N: no Kconfig file defines it (the constant is n, in lower case)
            "#]],
        );
    }

    #[test]
    fn select_of_a_symbol_with_unmet_dependencies() {
        check(
            &format!(
                "{TOP}{}",
                r#"
# file: drivers/Kconfig
    config DEP
        bool "dep"
    config T
        bool
        depends on DEP
    config S
        bool "s"
        default y
        select T
    config QUIET
        bool "quiet"
        select T if DEP
"#
            ),
            expect![[r#"
                drivers/Kconfig:9:4-12 Warning unmet-select: selects T = y although its direct dependencies are unmet (unmet direct dependencies detected for T): depends on [n]: DEP [=n]
            "#]],
        );
    }

    #[test]
    fn defaults_of_the_wrong_type_or_outside_every_range() {
        check(
            &format!(
                "{TOP}{}",
                r#"
# file: drivers/Kconfig
    config B
        bool "b"
        default "yes"
    config T
        tristate "t"
        default 1
    config I
        int "i"
        range 1 10
        range 20 30
        default 15
        default 5
    config H
        hex "h"
        range 0x10 0x20
        default 0x30
"#
            ),
            expect![[r#"
                drivers/Kconfig:3:4-17 Warning type-mismatch: default 'yes' of bool symbol B is not y, m or n: it counts as n
                drivers/Kconfig:6:4-13 Warning type-mismatch: default '1' of tristate symbol T is not y, m or n: it counts as n
                drivers/Kconfig:11:4-14 Warning default-out-of-range: default 15 of I is outside its range 1..10, 20..30: the value is clamped
                drivers/Kconfig:16:4-16 Warning default-out-of-range: default 0x30 of H is outside its range 0x10..0x20: the value is clamped
            "#]],
        );
    }

    #[test]
    fn a_broken_tree_still_answers() {
        check(
            r#"
# file: arch/x86/Kconfig
# file: Kconfig
    config A
        bool "a
        depends on (B
    if
    endmenu
    config C
        bool "c"
        frobnicate
"#,
            expect![[r#"
                Kconfig:2:4-11 Warning kconfig-warning: multi-line strings not supported
                Kconfig:3:4-17 Error parse-error: invalid statement
                Kconfig:3:4-17 Error parse-error: syntax error
                Kconfig:3:16-17 Warning undefined-symbol: undefined symbol B: no Kconfig file defines it
                Kconfig:4:0-2 Error parse-error: invalid statement
                Kconfig:5:0-7 Error parse-error: invalid statement
                Kconfig:8:4-14 Error parse-error: syntax error
                Kconfig:8:4-14 Error parse-error: unknown statement "frobnicate"
            "#]],
        );
    }

    #[test]
    fn numbers_are_not_symbols() {
        for n in ["10", "-1", "0x1000", "0XFF", "ffffffff", "c0000000"] {
            assert!(looks_numeric(n), "{n}");
        }
        for n in ["64BIT", "X86", "FOO_0", "", "-", "0x"] {
            assert!(!looks_numeric(n), "{n}");
        }
    }
}
