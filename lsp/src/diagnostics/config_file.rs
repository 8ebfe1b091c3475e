//! Diagnostics of config files (`.config`, `*_defconfig`, `*.config`
//! fragments): the file is evaluated as `conf` would (a defconfig or `.config`
//! from the defaults, as `make foo_defconfig` does; a fragment on top of the
//! workspace's `.config`, as `make foo.config` does) in a copy of the engine,
//! so the values hover shows do not change. Reported: the C tool's read
//! warnings, unknown symbols, unquoted strings, and every requested value the
//! evaluation does not keep, with the reason (missing dependencies, a select,
//! no prompt, a range, a choice) and, when setting plain bool/tristate
//! dependencies certainly helps, a quick fix that sets them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path};

use kmake::kconfig::explain::Reason;
use kmake::kconfig::host::MemHost;
use kmake::kconfig::{
    with_big_stack, Expr, ExprId, FileKind, Kconfig, SymbolId, SymbolType, Tristate,
};

use super::fixes::set_symbols;
use super::{line_range, sort, Code, Diag, Fix, Severity};
use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;

/// How a config file is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigKind {
    /// A full configuration (`.config`, `.config.old`): read from the defaults.
    Full,
    /// `*defconfig` (and anything in a `configs/` directory): read from the
    /// defaults, as `make foo_defconfig`.
    Defconfig,
    /// `*.config`: merged on top of the workspace's `.config`, as
    /// `make foo.config` (`merge_config.sh`) does.
    Fragment,
}

impl ConfigKind {
    /// The kind of a config file by its name; `None` for other files.
    pub fn of(path: &Path) -> Option<ConfigKind> {
        let name = path.file_name()?.to_str()?;
        if name.starts_with(".config") {
            Some(ConfigKind::Full)
        } else if name.ends_with("defconfig") {
            Some(ConfigKind::Defconfig)
        } else if name.ends_with(".config") {
            Some(ConfigKind::Fragment)
        } else if path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|d| d == "configs")
        {
            Some(ConfigKind::Defconfig)
        } else {
            None
        }
    }
}

/// One `CONFIG_FOO=value` or `# CONFIG_FOO is not set` line.
#[derive(Clone, Debug)]
struct Assignment {
    /// 0-based line.
    line: u32,
    name: String,
    /// Byte columns of `CONFIG_FOO`.
    name_cols: (u32, u32),
    /// The value as written (`n` for `is not set`) and its columns.
    value: String,
    value_cols: (u32, u32),
}

fn parse(text: &str) -> Vec<Assignment> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix("# CONFIG_") {
            let Some((name, "is not set")) = rest.split_once(' ') else {
                continue;
            };
            let end = 2 + 7 + name.len() as u32;
            out.push(Assignment {
                line: i as u32,
                name: name.to_string(),
                name_cols: (2, end),
                value: "n".to_string(),
                value_cols: (end + 1, line.len() as u32),
            });
        } else if let Some(rest) = line.strip_prefix("CONFIG_") {
            let Some((name, value)) = rest.split_once('=') else {
                continue;
            };
            let end = 7 + name.len() as u32;
            out.push(Assignment {
                line: i as u32,
                name: name.to_string(),
                name_cols: (0, end),
                value: value.to_string(),
                value_cols: (end + 1, line.len() as u32),
            });
        }
    }
    out
}

/// Whether `path` is under `arch/<other>/` of the tree: such files are for
/// another architecture than the loaded one and are not checked.
fn for_other_arch(index: &KconfigIndex, path: &Path) -> bool {
    let canon = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let Ok(rel) = canon.strip_prefix(&index.layout.srctree) else {
        return false;
    };
    let mut c = rel.components();
    match (c.next(), c.next()) {
        (Some(Component::Normal(a)), Some(Component::Normal(arch))) if a == "arch" => {
            arch.to_str() != Some(index.env.srcarch.as_str()) && c.next().is_some()
        }
        _ => false,
    }
}

/// The diagnostics of the config file `path` whose current text is `text`,
/// or none when `path` is no config file (see `ConfigKind::of`) or belongs
/// to another architecture.
pub fn config_file_diagnostics(index: &KconfigIndex, path: &Path, text: &str) -> Vec<Diag> {
    match ConfigKind::of(path) {
        Some(kind) => config_file_diagnostics_as(index, path, text, kind),
        None => Vec::new(),
    }
}

/// `config_file_diagnostics` with the kind given.
pub fn config_file_diagnostics_as(
    index: &KconfigIndex,
    path: &Path,
    text: &str,
    kind: ConfigKind,
) -> Vec<Diag> {
    if for_other_arch(index, path) {
        return Vec::new();
    }
    let mut base = String::new();
    if kind == ConfigKind::Fragment {
        if let Some(c) = index.stats.config.as_deref().filter(|c| *c != path) {
            base = std::fs::read_to_string(c).unwrap_or_default();
            if !base.is_empty() && !base.ends_with('\n') {
                base.push('\n');
            }
        }
    }
    let offset = base.matches('\n').count() as u32;
    let engine = index.with_engine(|k| k.clone());
    let cx = Context {
        path,
        text,
        base: &base,
        offset,
        arch: &index.env.arch,
        name: format!("{}", path.display()),
    };
    let mut diags = with_big_stack(move || cx.run(engine));
    sort(&mut diags);
    diags
}

/// One evaluation's inputs.
struct Context<'a> {
    path: &'a Path,
    text: &'a str,
    /// Text evaluated before `text` (the `.config` under a fragment).
    base: &'a str,
    /// Lines of `base`.
    offset: u32,
    arch: &'a str,
    /// The name the engine reads the file under.
    name: String,
}

/// A diagnostic whose quick fix still has to be checked.
struct Pending {
    diag: Diag,
    target: SymbolId,
    want: String,
    plan: Vec<(String, String)>,
}

impl Context<'_> {
    fn range(&self, line: u32, cols: (u32, u32)) -> FileRange {
        FileRange {
            path: self.path.to_path_buf(),
            line,
            start: cols.0,
            end: cols.1.max(cols.0),
        }
    }

    /// Reads `extra` appended to the base and the file; false when the engine
    /// could not read it.
    fn read(&self, k: &mut Kconfig, extra: &str) -> bool {
        let mut all = String::with_capacity(self.base.len() + self.text.len() + extra.len());
        all.push_str(self.base);
        all.push_str(self.text);
        all.push_str(extra);
        let mut host = MemHost::default();
        host.files.insert(self.name.clone(), all);
        host.env
            .insert("KCONFIG_WARN_UNKNOWN_SYMBOLS".into(), "1".into());
        let _ = k.take_messages();
        k.conf_read(&host, Some(&self.name))
    }

    fn run(&self, mut k: Kconfig) -> Vec<Diag> {
        if !self.read(&mut k, "") {
            return Vec::new();
        }
        let assignments = parse(self.text);
        let mut diags = self.read_warnings(&mut k, &assignments);
        // The last assignment of each symbol is the one that counts.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, a) in assignments.iter().enumerate() {
            last.insert(&a.name, i);
        }
        let mut pending = Vec::new();
        for (i, a) in assignments.iter().enumerate() {
            if last.get(a.name.as_str()) != Some(&i) {
                continue;
            }
            self.check(&mut k, a, &mut diags, &mut pending);
        }
        if !pending.is_empty() {
            self.verify_fixes(&mut k, &mut pending);
        }
        diags.extend(pending.into_iter().map(|p| p.diag));
        diags
    }

    /// The C tool's warnings on reading the file, on its lines.
    fn read_warnings(&self, k: &mut Kconfig, assignments: &[Assignment]) -> Vec<Diag> {
        let Some(fid) = k
            .files()
            .iter()
            .position(|f| f.kind == FileKind::Config && *f.name == *self.name)
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in k.take_messages() {
            if m.loc.file.map(|f| f.0 as usize) != Some(fid) || m.loc.line <= self.offset {
                continue;
            }
            let line = m.loc.line - 1 - self.offset;
            let here = assignments.iter().find(|a| a.line == line);
            let (code, range) = if m.message.starts_with("unknown symbol") {
                // Reported with the symbols only Kconfig files mention.
                continue;
            } else if m.message.starts_with("unexpected data") {
                (Code::UnexpectedData, line_range(self.path, self.text, line))
            } else if m.message.starts_with("override") {
                // Reassigning a value of the base `.config` is the point of
                // a fragment.
                let again = here.is_some_and(|h| {
                    assignments
                        .iter()
                        .any(|a| a.name == h.name && a.line < line)
                });
                if !again {
                    continue;
                }
                let r = match here {
                    Some(h) => self.range(line, h.name_cols),
                    None => line_range(self.path, self.text, line),
                };
                (Code::Override, r)
            } else {
                let r = match here {
                    Some(h) => self.range(line, h.value_cols),
                    None => line_range(self.path, self.text, line),
                };
                (Code::InvalidValue, r)
            };
            out.push(Diag {
                range,
                severity: Severity::Warning,
                code,
                message: m.message,
                fix: None,
            });
        }
        out
    }

    fn diag(&self, a: &Assignment, code: Code, severity: Severity, message: String) -> Diag {
        Diag {
            range: self.range(a.line, a.name_cols),
            severity,
            code,
            message,
            fix: None,
        }
    }

    /// Compares what `a` asks for with what the evaluation gave.
    fn check(
        &self,
        k: &mut Kconfig,
        a: &Assignment,
        diags: &mut Vec<Diag>,
        pending: &mut Vec<Pending>,
    ) {
        let Some(s) = k.sym_find(&a.name).filter(|&s| s.0 >= 3) else {
            diags.push(self.diag(
                a,
                Code::UnknownSymbol,
                Severity::Warning,
                format!("unknown symbol: {} (no Kconfig file defines it)", a.name),
            ));
            return;
        };
        if k.sym(s).menus.is_empty() {
            diags.push(self.diag(
                a,
                Code::UnknownSymbol,
                Severity::Warning,
                format!(
                    "unknown symbol: {} (Kconfig files mention it, but none of ARCH={} defines it)",
                    a.name, self.arch
                ),
            ));
            return;
        }
        let ty = k.sym_get_type(s);
        let declared = k.sym(s).ty;
        let want = match declared {
            SymbolType::Bool | SymbolType::Tristate => {
                let t = match a.value.as_bytes().first() {
                    Some(b'y') => Tristate::Yes,
                    Some(b'm') if declared == SymbolType::Tristate => Tristate::Mod,
                    Some(b'n') => Tristate::No,
                    // The read warned.
                    _ => return,
                };
                Want::Tri(t)
            }
            SymbolType::String => {
                let Some(body) = a.value.strip_prefix('"') else {
                    diags.push(Diag {
                        range: self.range(a.line, a.value_cols),
                        severity: Severity::Warning,
                        code: Code::InvalidValue,
                        message: format!(
                            "string value for {} must be in double quotes: conf ignores it",
                            a.name
                        ),
                        fix: None,
                    });
                    return;
                };
                // The read warned about a missing closing quote.
                let Some(v) = unescape(body) else { return };
                Want::Text(v)
            }
            SymbolType::Int | SymbolType::Hex => {
                if !k.sym_string_valid(s, &a.value) {
                    return;
                }
                Want::Text(a.value.clone())
            }
            SymbolType::Unknown => return,
        };
        let got = k.string_value(s).to_string();
        let written = k.sym(s).flags & kmake::kconfig::symbol::flags::WRITE != 0;
        let kept = match &want {
            Want::Tri(t) => k.tristate_value(s) == *t,
            Want::Text(v) => *v == got && written,
        };
        if kept {
            return;
        }
        let want_text = match &want {
            Want::Tri(t) => t.as_str().to_string(),
            Want::Text(v) => v.clone(),
        };
        let got_text = if written || matches!(want, Want::Tri(_)) {
            got
        } else {
            "unset".to_string()
        };
        let head = format!(
            "CONFIG_{} set to {want_text} but ends up {got_text}",
            a.name
        );
        // A tristate asked for m with modules off is y: that is what m means then.
        if want == Want::Tri(Tristate::Mod)
            && declared == SymbolType::Tristate
            && ty == SymbolType::Bool
        {
            diags.push(self.diag(
                a,
                Code::ValueNotKept,
                Severity::Information,
                format!(
                    "{head}: modules are disabled (CONFIG_MODULES is not set), so m builds it in"
                ),
            ));
            return;
        }
        let need = match want {
            Want::Tri(t) => t,
            Want::Text(_) => Tristate::Yes,
        };
        let ex = k.explain(s);
        let short: Vec<&kmake::kconfig::explain::DepTerm> =
            ex.depends.iter().filter(|d| d.value < need).collect();
        let up = match &want {
            Want::Tri(t) => *t > k.tristate_value(s),
            Want::Text(_) => true,
        };
        let reason = if up && !short.is_empty() {
            let missing = short
                .iter()
                .map(|d| missing_text(k, d.expr, need, &d.text))
                .collect::<Vec<_>>()
                .join(", ");
            let plan = plan_fix(k, s, need);
            let diag = self.diag(
                a,
                Code::ValueNotKept,
                Severity::Warning,
                format!("{head}: missing dependencies {missing}"),
            );
            match plan {
                Some(plan) if !plan.is_empty() => {
                    pending.push(Pending {
                        diag,
                        target: s,
                        want: want_text,
                        plan,
                    });
                }
                _ => diags.push(diag),
            }
            return;
        } else if let Some((_, before, after)) = &ex.range {
            format!("{before} is outside the symbol's range, so it becomes {after}")
        } else {
            match &ex.reason {
                Reason::Selected { by } => {
                    let by = by
                        .iter()
                        .map(|t| t.text.clone())
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("selected by {by}")
                }
                Reason::Choice {
                    selected: Some(x), ..
                } if *x != s => format!("its choice selects {}", k.sym(*x).name_or_choice()),
                _ if !has_prompt(k, s) => {
                    "it has no prompt, so config files cannot set it".to_string()
                }
                _ if ex.visible == Tristate::No => {
                    "its prompt is not visible, so config files cannot set it".to_string()
                }
                _ => k
                    .explain_text(s)
                    .split("\n\n")
                    .next()
                    .unwrap_or("")
                    .replace('`', ""),
            }
        };
        diags.push(self.diag(
            a,
            Code::ValueNotKept,
            Severity::Warning,
            format!("{head}: {reason}"),
        ));
    }

    /// Keeps the fixes that reach their value: each checked alone (one more
    /// evaluation each) when there are few, else all applied together.
    fn verify_fixes(&self, k: &mut Kconfig, pending: &mut [Pending]) {
        const ALONE: usize = 4;
        let extra = |ps: &[&Pending]| {
            let mut t = String::from("\n");
            for p in ps {
                for (n, v) in &p.plan {
                    t.push_str(&format!("CONFIG_{n}={v}\n"));
                }
            }
            t
        };
        let reached = |k: &mut Kconfig, p: &Pending| *k.string_value(p.target) == *p.want;
        let ok: Vec<bool> = if pending.len() <= ALONE {
            pending
                .iter()
                .map(|p| self.read(k, &extra(&[p])) && reached(k, p))
                .collect()
        } else {
            let all: Vec<&Pending> = pending.iter().collect();
            let read = self.read(k, &extra(&all));
            pending.iter().map(|p| read && reached(k, p)).collect()
        };
        let _ = k.take_messages();
        for (p, ok) in pending.iter_mut().zip(ok) {
            if !ok {
                continue;
            }
            let list = p
                .plan
                .iter()
                .map(|(n, v)| format!("CONFIG_{n}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let fix: Fix = set_symbols(
                format!("Set the missing dependencies: {list}"),
                self.path,
                self.text,
                p.diag.range.line,
                &p.plan,
            );
            p.diag.fix = Some(fix);
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Want {
    Tri(Tristate),
    Text(String),
}

/// A quoted config value's text without the quotes and escapes; `None`
/// when the closing quote is missing.
fn unescape(body: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

fn has_prompt(k: &Kconfig, s: SymbolId) -> bool {
    k.sym(s).menus.iter().any(|&m| k.menu(m).prompt.is_some())
}

/// The symbols of `e` when it is a conjunction of plain symbols.
fn conjunction(k: &Kconfig, e: ExprId, out: &mut Vec<SymbolId>) -> bool {
    match k.expr_node(e) {
        Expr::Symbol(s) => {
            out.push(s);
            true
        }
        Expr::And(a, b) => conjunction(k, a, out) && conjunction(k, b, out),
        _ => false,
    }
}

/// An unmet dependency term for a message: the symbols below `need` when it
/// is a conjunction, else the term as written with values.
fn missing_text(k: &Kconfig, e: ExprId, need: Tristate, text: &str) -> String {
    let mut syms = Vec::new();
    if conjunction(k, e, &mut syms) {
        let low: Vec<String> = syms
            .iter()
            .filter(|&&s| k.tristate_value(s) < need)
            .map(|&s| {
                format!(
                    "{} [={}]",
                    k.sym(s).name_or_choice(),
                    k.tristate_value(s).as_char()
                )
            })
            .collect();
        if !low.is_empty() {
            return low.join(", ");
        }
    }
    text.to_string()
}

/// The assignments that would meet the direct dependencies of `s` at `need`,
/// transitively, when every unmet term is a conjunction of bool/tristate
/// symbols with prompts; `None` when that is not certain.
fn plan_fix(k: &mut Kconfig, s: SymbolId, need: Tristate) -> Option<Vec<(String, String)>> {
    let mut plan: BTreeMap<SymbolId, Tristate> = BTreeMap::new();
    let mut order = Vec::new();
    let mut work = vec![(s, need)];
    while let Some((x, need_x)) = work.pop() {
        let ex = k.explain(x);
        for d in ex.depends.iter().filter(|d| d.value < need_x) {
            let mut syms = Vec::new();
            if !conjunction(k, d.expr, &mut syms) {
                return None;
            }
            for y in syms {
                if k.tristate_value(y) >= need_x || plan.get(&y).is_some_and(|&v| v >= need_x) {
                    continue;
                }
                let sym = k.sym(y);
                let ok = y.0 >= 3
                    && !sym.is_const()
                    && sym.ty.is_logic()
                    && has_prompt(k, y)
                    && k.sym_get_choice_menu(y).is_none();
                if !ok {
                    return None;
                }
                let v = if sym.ty == SymbolType::Bool {
                    Tristate::Yes
                } else {
                    need_x
                };
                if plan.insert(y, v).is_none() {
                    order.push(y);
                }
                if plan.len() > 16 {
                    return None;
                }
                work.push((y, v));
            }
        }
    }
    Some(
        order
            .into_iter()
            .map(|y| {
                let v = plan.get(&y).copied().unwrap_or(Tristate::Yes);
                (
                    k.sym(y).name_or_choice().to_string(),
                    v.as_str().to_string(),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::test_fixture::Fixture;
    use expect_test::{expect, Expect};

    const TREE: &str = r#"
# file: Kconfig
    mainmenu "Test"
    source "arch/$(SRCARCH)/Kconfig"
    config MODULES
        bool "modules"
        modules
    config A
        bool "a"
    config B
        tristate "b"
        depends on A
    config D
        bool "d"
    config C
        bool "c"
        depends on B && D
    config E
        bool "e"
        depends on A || D
    config S
        string "s"
    config Q
        string "q"
    config I
        int "i"
        range 1 10
    config H
        hex "h"
    config NP
        bool
    config NP2
        bool
    config SEL
        bool "sel"
        select NP2
    config HIDDEN
        bool "hidden" if D
    config T
        tristate "t"
    config MENTIONED
        bool "m"
        depends on ONLY_MENTIONED
# file: arch/x86/Kconfig
    config X86
        def_bool y
"#;

    /// The diagnostics of `text` as the file `rel` of the tree, with fixes
    /// applied.
    fn check(tree: &str, rel: &str, text: &str, expect: Expect) {
        let f = Fixture::load(tree);
        let d = config_file_diagnostics(&f.index, &f.path(rel), text);
        expect.assert_eq(&f.render(&d, Some(text)));
    }

    #[test]
    fn defconfig_values_not_kept_with_reasons_and_fixes() {
        check(
            TREE,
            "arch/x86/configs/test_defconfig",
            "CONFIG_MODULES=y\nCONFIG_C=y\nCONFIG_E=y\n# CONFIG_NP2 is not set\nCONFIG_SEL=y\n\
             CONFIG_NP=y\nCONFIG_HIDDEN=y\nCONFIG_I=20\nCONFIG_T=m\nCONFIG_B=m\n",
            expect![[r#"
                arch/x86/configs/test_defconfig:2:0-8 Warning value-not-kept: CONFIG_C set to y but ends up n: missing dependencies B [=n], D [=n]
                  fix: Set the missing dependencies: CONFIG_B=y, CONFIG_D=y, CONFIG_A=y
                  | CONFIG_MODULES=y
                  | CONFIG_C=y
                  | CONFIG_D=y
                  | CONFIG_A=y
                  | CONFIG_E=y
                  | # CONFIG_NP2 is not set
                  | CONFIG_SEL=y
                  | CONFIG_NP=y
                  | CONFIG_HIDDEN=y
                  | CONFIG_I=20
                  | CONFIG_T=m
                  | CONFIG_B=y
                arch/x86/configs/test_defconfig:3:0-8 Warning value-not-kept: CONFIG_E set to y but ends up n: missing dependencies A [=n] || D [=n]
                arch/x86/configs/test_defconfig:4:2-12 Warning value-not-kept: CONFIG_NP2 set to n but ends up y: selected by SEL [=y]
                arch/x86/configs/test_defconfig:6:0-9 Warning value-not-kept: CONFIG_NP set to y but ends up n: it has no prompt, so config files cannot set it
                arch/x86/configs/test_defconfig:7:0-13 Warning value-not-kept: CONFIG_HIDDEN set to y but ends up n: its prompt is not visible, so config files cannot set it
                arch/x86/configs/test_defconfig:8:0-8 Warning value-not-kept: CONFIG_I set to 20 but ends up 10: 20 is outside the symbol's range, so it becomes 10
                arch/x86/configs/test_defconfig:10:0-8 Warning value-not-kept: CONFIG_B set to m but ends up n: missing dependencies A [=n]
                  fix: Set the missing dependencies: CONFIG_A=y
                  | CONFIG_MODULES=y
                  | CONFIG_C=y
                  | CONFIG_E=y
                  | # CONFIG_NP2 is not set
                  | CONFIG_SEL=y
                  | CONFIG_NP=y
                  | CONFIG_HIDDEN=y
                  | CONFIG_I=20
                  | CONFIG_T=m
                  | CONFIG_B=m
                  | CONFIG_A=y
            "#]],
        );
    }

    #[test]
    fn read_warnings_unknown_symbols_and_bad_values() {
        check(
            TREE,
            "arch/x86/configs/test_defconfig",
            "CONFIG_NOSUCH=y\nCONFIG_ONLY_MENTIONED=y\nCONFIG_S=unquoted\nCONFIG_I=abc\n\
             CONFIG_A=m\ngarbage\nCONFIG_D=y\nCONFIG_D=n\nCONFIG_Q=\"ok\nCONFIG_H=ff\n",
            expect![[r#"
                arch/x86/configs/test_defconfig:1:0-13 Warning unknown-symbol: unknown symbol: NOSUCH (no Kconfig file defines it)
                arch/x86/configs/test_defconfig:2:0-21 Warning unknown-symbol: unknown symbol: ONLY_MENTIONED (Kconfig files mention it, but none of ARCH=x86_64 defines it)
                arch/x86/configs/test_defconfig:3:9-17 Warning invalid-value: string value for S must be in double quotes: conf ignores it
                arch/x86/configs/test_defconfig:4:9-12 Warning invalid-value: symbol value 'abc' invalid for I
                arch/x86/configs/test_defconfig:5:9-10 Warning invalid-value: symbol value 'm' invalid for A
                arch/x86/configs/test_defconfig:6:0-7 Warning unexpected-data: unexpected data: garbage
                arch/x86/configs/test_defconfig:8:0-8 Warning override: override: reassigning to symbol D
                arch/x86/configs/test_defconfig:9:9-12 Warning invalid-value: invalid string found
            "#]],
        );
    }

    #[test]
    fn m_with_modules_off_is_y() {
        check(
            TREE,
            ".config",
            "# CONFIG_MODULES is not set\nCONFIG_T=m\n",
            expect![[r#"
                .config:2:0-8 Information value-not-kept: CONFIG_T set to m but ends up y: modules are disabled (CONFIG_MODULES is not set), so m builds it in
            "#]],
        );
    }

    #[test]
    fn fragments_apply_on_top_of_the_dot_config() {
        let tree = format!("{TREE}# file: .config\n    CONFIG_A=y\n    CONFIG_D=y\n");
        check(
            &tree,
            "kernel/configs/test.config",
            "CONFIG_C=y\nCONFIG_A=y\n",
            expect![[r#"
                kernel/configs/test.config:1:0-8 Warning value-not-kept: CONFIG_C set to y but ends up n: missing dependencies B [=n]
                  fix: Set the missing dependencies: CONFIG_B=y
                  | CONFIG_C=y
                  | CONFIG_B=y
                  | CONFIG_A=y
            "#]],
        );
    }

    #[test]
    fn other_architectures_are_not_checked() {
        check(
            TREE,
            "arch/arm64/configs/defconfig",
            "CONFIG_NOSUCH=y\n",
            expect![[r#""#]],
        );
    }

    #[test]
    fn evaluating_leaves_the_shared_values_alone() {
        let f = Fixture::load(TREE);
        let before = f.index.hover("A").unwrap_or_default();
        let d = config_file_diagnostics(&f.index, &f.path("x_defconfig"), "CONFIG_A=y\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(f.index.hover("A").unwrap_or_default(), before);
        assert!(before.contains("`A` = `n`"), "{before}");
    }

    #[test]
    fn kinds_by_name() {
        let k = |p: &str| ConfigKind::of(Path::new(p));
        assert_eq!(k("/k/.config"), Some(ConfigKind::Full));
        assert_eq!(k("/k/.config.old"), Some(ConfigKind::Full));
        assert_eq!(
            k("/k/arch/x86/configs/x86_64_defconfig"),
            Some(ConfigKind::Defconfig)
        );
        assert_eq!(
            k("/k/arch/arm64/configs/defconfig"),
            Some(ConfigKind::Defconfig)
        );
        assert_eq!(
            k("/k/kernel/configs/kvm_guest.config"),
            Some(ConfigKind::Fragment)
        );
        assert_eq!(k("/k/arch/sh/configs/se7780"), Some(ConfigKind::Defconfig));
        assert_eq!(k("/k/Makefile"), None);
    }

    #[test]
    fn assignments_and_columns() {
        let a =
            parse("CONFIG_A=y\n# CONFIG_B is not set\n# CONFIG_C is set\nx\nCONFIG_D=\"s\"\r\n");
        let got: Vec<_> = a
            .iter()
            .map(|a| {
                (
                    a.line,
                    a.name.as_str(),
                    a.name_cols,
                    a.value.as_str(),
                    a.value_cols,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (0, "A", (0, 8), "y", (9, 10)),
                (1, "B", (2, 10), "n", (11, 21)),
                (4, "D", (0, 8), "\"s\"", (9, 12)),
            ]
        );
        assert_eq!(unescape(r#"a\"b\\c" tail"#).as_deref(), Some(r#"a"b\c"#));
        assert_eq!(unescape("open"), None);
    }
}
