//! What a kbuild Makefile or Kbuild file lists: `obj-*`/`lib-*` goals,
//! `subdir-*` directories, composite objects (`foo-y`, `foo-objs`,
//! `foo-$(CONFIG_X)`), host and user programs and the other target lists, each
//! word with its place, read with the builder's span-keeping parser.

use kmake::make::syntax::{self, ItemKind, LineIndex, Span};

use super::LineSpan;

/// What a list assignment's name says it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// `obj-y`, `obj-m`, `obj-$(CONFIG_X)`, `obj-`.
    Obj,
    /// `lib-y`, `lib-m`, `lib-$(CONFIG_X)`.
    Lib,
    /// `subdir-y`, `subdir-m`, `subdir-$(CONFIG_X)`, `subdir-`.
    Subdir,
    /// `hostprogs`, `hostprogs-always-y`, ...
    Hostprogs,
    /// `userprogs`, `userprogs-always-y`, ...
    Userprogs,
    /// `always-y`, `always-m`, `extra-y`, `targets`, `clean-files`, ...: files
    /// the Makefile builds or cleans (generated files are among them).
    Targets,
    /// `<stem>-y`, `<stem>-m`, `<stem>-objs`, `<stem>-$(CONFIG_X)`: the parts
    /// of `<stem>.o` when that is listed as an object, otherwise some other
    /// kbuild or local list (`ccflags-y`, `cflags-y`, ...).
    Parts(String),
    /// Anything else.
    Other,
}

/// The last `-` part of a list name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Suffix {
    /// No `-` part (`targets`, `hostprogs`).
    None,
    /// `-y`, `-m`, `-objs`, `-`, `-n` and other literal text.
    Literal(String),
    /// `-$(CONFIG_X)` (or `${...}`): the symbol name without `CONFIG_`, and
    /// the byte columns of `CONFIG_X` on the name's line.
    Config(String, LineSpan),
    /// `-$(...)` of anything else.
    Computed,
}

/// One word of a list's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub span: LineSpan,
}

impl Entry {
    /// Whether the word holds a `$` reference (its value is unknown here).
    pub fn is_computed(&self) -> bool {
        self.text.contains('$')
    }
}

/// Which branch of which conditionals an item is in: `(conditional, branch)`
/// pairs, outermost first. Items in different branches of one conditional
/// are never both read.
pub type BranchPath = Vec<(usize, u32)>;

/// One assignment of a kbuild list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAssignment {
    /// The name as written (`obj-$(CONFIG_EXT4_FS)`).
    pub name: String,
    pub name_span: LineSpan,
    pub kind: ListKind,
    pub suffix: Suffix,
    /// `+=` (otherwise it sets the list).
    pub append: bool,
    pub entries: Vec<Entry>,
    pub branch: BranchPath,
}

/// A `$(CONFIG_X)` (or `${CONFIG_X}`) reference somewhere in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigRef {
    /// Without `CONFIG_`.
    pub symbol: String,
    /// The columns of `CONFIG_X`.
    pub span: LineSpan,
    /// Inside an assignment's name (`obj-$(CONFIG_X)`, `ccflags-$(CONFIG_X)`).
    pub in_list_name: bool,
}

/// A rule of the file: its target words as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTargets {
    pub targets: Vec<Entry>,
    /// The target pattern of a static pattern rule (`$(obj)/%.o`).
    pub static_pattern: Option<Entry>,
}

/// What a kbuild Makefile lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Objects {
    /// Every assignment, in source order (not only kbuild lists).
    pub lists: Vec<ListAssignment>,
    pub rules: Vec<RuleTargets>,
    pub config_refs: Vec<ConfigRef>,
    /// The words of `include`/`-include`/`sinclude` directives.
    pub includes: Vec<Entry>,
    /// Lines that only make knows the meaning of (`$(eval ...)`, `$(call
    /// ...)`): they may create lists and rules this reading cannot see.
    pub has_opaque_items: bool,
    /// Names assigned by the file itself (`CONFIG_FOO := y` included).
    pub assigned: Vec<String>,
}

fn span_of(index: &LineIndex, span: Span) -> LineSpan {
    let (line, start) = index.line_col(span.start);
    let (end_line, end) = index.line_col(span.end);
    let end = if end_line == line { end } else { start };
    LineSpan {
        line: line as u32,
        start: start as u32,
        end: end as u32,
    }
}

fn text_of(text: &str, span: Span) -> String {
    String::from_utf8_lossy(span.text(text.as_bytes())).into_owned()
}

/// `$(NAME)` or `${NAME}` spanning all of `s`: `NAME`.
fn whole_reference(s: &str) -> Option<&str> {
    let inner = s
        .strip_prefix("$(")
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| s.strip_prefix("${").and_then(|r| r.strip_suffix('}')))?;
    (!inner.is_empty()
        && inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    .then_some(inner)
}

/// Whether `s` can be a Kconfig symbol name.
fn is_symbol(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Splits a list name into stem and suffix at its last `-` outside a
/// reference.
fn split_name(name: &str, at: LineSpan) -> (String, Suffix) {
    let b = name.as_bytes();
    let mut depth = 0usize;
    let mut last_dash = None;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth = depth.saturating_sub(1),
            b'-' if depth == 0 => last_dash = Some(i),
            _ => {}
        }
    }
    let Some(d) = last_dash else {
        return (name.to_string(), Suffix::None);
    };
    let (stem, suffix) = (&name[..d], &name[d + 1..]);
    let suffix = if !suffix.contains('$') {
        Suffix::Literal(suffix.to_string())
    } else if let Some(sym) = whole_reference(suffix).and_then(|r| r.strip_prefix("CONFIG_")) {
        // `-$(` is 3 bytes before `CONFIG_`.
        let start = at.start + d as u32 + 3;
        Suffix::Config(
            sym.to_string(),
            LineSpan {
                line: at.line,
                start,
                end: start + 7 + sym.len() as u32,
            },
        )
    } else {
        Suffix::Computed
    };
    (stem.to_string(), suffix)
}

/// What the name `stem`-`suffix` is.
fn classify(name: &str, stem: &str, suffix: &Suffix) -> ListKind {
    let listy = match suffix {
        Suffix::Literal(s) => matches!(s.as_str(), "y" | "m" | "n" | "" | "objs"),
        Suffix::Config(..) | Suffix::Computed => true,
        Suffix::None => false,
    };
    match name {
        "hostprogs" | "hostprogs-y" | "hostprogs-m" | "hostprogs-always-y"
        | "hostprogs-always-m" => return ListKind::Hostprogs,
        "userprogs" | "userprogs-always-y" | "userprogs-always-m" => return ListKind::Userprogs,
        "targets" | "clean-files" | "generated-y" => return ListKind::Targets,
        _ => {}
    }
    if !listy {
        return ListKind::Other;
    }
    let goal_suffix = !matches!(suffix, Suffix::Literal(s) if s == "objs");
    match stem {
        "obj" if goal_suffix => ListKind::Obj,
        "lib" if goal_suffix => ListKind::Lib,
        "subdir" if goal_suffix => ListKind::Subdir,
        "always" | "extra" | "hostprogs-always" | "userprogs-always" => ListKind::Targets,
        _ if stem.is_empty() => ListKind::Other,
        _ => ListKind::Parts(stem.to_string()),
    }
}

/// Reads what `text` (a kbuild Makefile or Kbuild file) lists. Never fails:
/// broken lines are skipped.
pub fn read(text: &str) -> Objects {
    let parsed = syntax::parse(text.as_bytes());
    let index = LineIndex::new(text.as_bytes());
    let mut out = Objects::default();
    // Open conditionals: (item number of the `if`, current branch).
    let mut conds: Vec<(usize, u32)> = Vec::new();
    let entries = |words: &[Span]| -> Vec<Entry> {
        words
            .iter()
            .map(|&w| Entry {
                text: text_of(text, w),
                span: span_of(&index, w),
            })
            .collect()
    };
    let mut list_name_spans: Vec<Span> = Vec::new();
    for (n, item) in parsed.items.iter().enumerate() {
        match &item.kind {
            ItemKind::If(i) => {
                if let (syntax::Test::Ifdef | syntax::Test::Ifndef, Some(&arg)) =
                    (i.test, i.args.first())
                {
                    let name = text_of(text, arg);
                    if let Some(symbol) = name.strip_prefix("CONFIG_").filter(|s| is_symbol(s)) {
                        out.config_refs.push(ConfigRef {
                            symbol: symbol.to_string(),
                            span: span_of(&index, arg),
                            in_list_name: false,
                        });
                    }
                }
                if i.else_keyword.is_some() {
                    if let Some(top) = conds.last_mut() {
                        top.1 += 1;
                    }
                } else {
                    conds.push((n, 0));
                }
            }
            ItemKind::Else(_) => {
                if let Some(top) = conds.last_mut() {
                    top.1 += 1;
                }
            }
            ItemKind::Endif(_) => {
                conds.pop();
            }
            ItemKind::Assignment(a) => {
                let name = text_of(text, a.name);
                let name_span = span_of(&index, a.name);
                let (stem, suffix) = split_name(&name, name_span);
                let kind = classify(&name, &stem, &suffix);
                list_name_spans.push(a.name);
                out.assigned.push(name.clone());
                out.lists.push(ListAssignment {
                    name,
                    name_span,
                    kind,
                    suffix,
                    append: a.op == syntax::AssignOp::Append,
                    entries: entries(&a.words),
                    branch: conds.clone(),
                });
            }
            ItemKind::Rule(r) => {
                out.rules.push(RuleTargets {
                    targets: entries(&r.targets),
                    static_pattern: r
                        .static_pattern
                        .as_ref()
                        .and_then(|s| s.patterns.first())
                        .map(|&p| entries(&[p]).remove(0)),
                });
            }
            ItemKind::Directive(d) => {
                use syntax::DirectiveKind::*;
                if matches!(d.kind, Include | DashInclude | Sinclude) {
                    out.includes.extend(entries(&d.words));
                }
            }
            ItemKind::Define(d) => out.assigned.push(text_of(text, d.name)),
            ItemKind::Expansion => {
                let line = text_of(text, item.span);
                let line = line.trim_start();
                let harmless = ["$(warning ", "$(info ", "$(error "];
                if !harmless.iter().any(|h| line.starts_with(h)) {
                    out.has_opaque_items = true;
                }
            }
            ItemKind::Undefine(_) => {}
        }
    }
    for r in &parsed.references {
        let name = text_of(text, r.name);
        let Some(symbol) = name.strip_prefix("CONFIG_") else {
            continue;
        };
        if r.kind != syntax::RefKind::Variable || !is_symbol(symbol) {
            continue;
        }
        let in_list_name = list_name_spans
            .iter()
            .any(|s| s.start <= r.span.start && r.span.end <= s.end);
        out.config_refs.push(ConfigRef {
            symbol: symbol.to_string(),
            span: span_of(&index, r.name),
            in_list_name,
        });
    }
    out.config_refs.sort_by_key(|r| r.span);
    out
}

impl Objects {
    /// The list assignments of `kind`.
    pub fn of_kind<'a>(&'a self, kind: &'a ListKind) -> impl Iterator<Item = &'a ListAssignment> {
        self.lists.iter().filter(move |l| &l.kind == kind)
    }

    /// Whether `word` (`foo.o`) is listed in an `obj-*` or `lib-*` list.
    pub fn lists_object(&self, word: &str) -> bool {
        self.lists
            .iter()
            .filter(|l| matches!(l.kind, ListKind::Obj | ListKind::Lib))
            .any(|l| l.entries.iter().any(|e| e.text == word))
    }

    /// Whether `name` is a host or user program of the file.
    pub fn lists_program(&self, name: &str) -> bool {
        self.lists
            .iter()
            .filter(|l| matches!(l.kind, ListKind::Hostprogs | ListKind::Userprogs))
            .any(|l| l.entries.iter().any(|e| e.text == name))
    }

    /// The assignments naming the parts of composite `stem` (`stem-y`,
    /// `stem-objs`, `stem-$(CONFIG_X)`, ...), whether or not `stem.o` is
    /// listed.
    pub fn parts_of<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = &'a ListAssignment> {
        self.lists
            .iter()
            .filter(move |l| matches!(&l.kind, ListKind::Parts(s) if s == stem))
    }

    /// Whether some assignment's name is computed in a way that could make it
    /// a composite's part list (`$(MODULE)-y`).
    pub fn has_computed_part_lists(&self) -> bool {
        self.lists.iter().any(|l| {
            let stem_computed = match &l.kind {
                ListKind::Parts(s) => s.contains('$'),
                _ => false,
            };
            stem_computed || (l.name.contains('$') && matches!(l.suffix, Suffix::None))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_composites() {
        let text = "\
# comment
obj-$(CONFIG_EXT2_FS) += ext2.o sub/
ext2-y := balloc.o dir.o \\
\tfile.o
ext2-$(CONFIG_EXT2_FS_XATTR) += xattr.o
ccflags-y += -DFOO
hostprogs := gen
targets += gen.c
lib-y := delay.o
subdir-y += tools
$(obj)/gen.c: $(obj)/gen
\t$(obj)/gen > $@
";
        let o = read(text);
        let obj: Vec<_> = o.of_kind(&ListKind::Obj).collect();
        assert_eq!(obj.len(), 1);
        assert_eq!(obj[0].name, "obj-$(CONFIG_EXT2_FS)");
        let sym = LineSpan {
            line: 1,
            start: 6,
            end: 20,
        };
        assert_eq!(obj[0].suffix, Suffix::Config("EXT2_FS".into(), sym));
        let words: Vec<_> = obj[0].entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(words, ["ext2.o", "sub/"]);
        assert_eq!(
            obj[0].entries[0].span,
            LineSpan {
                line: 1,
                start: 25,
                end: 31
            }
        );
        let parts: Vec<_> = o.parts_of("ext2").collect();
        assert_eq!(parts.len(), 2);
        // A continuation line keeps its own line number.
        assert_eq!(parts[0].entries[2].text, "file.o");
        assert_eq!(parts[0].entries[2].span.line, 3);
        assert!(o.lists_object("ext2.o"));
        assert!(o.lists_object("delay.o"));
        assert!(!o.lists_object("balloc.o"));
        assert!(o.lists_program("gen"));
        assert_eq!(o.of_kind(&ListKind::Subdir).count(), 1);
        assert_eq!(o.parts_of("ccflags").count(), 1);
        assert_eq!(o.rules.len(), 1);
        assert_eq!(o.rules[0].targets[0].text, "$(obj)/gen.c");
        let refs: Vec<_> = o.config_refs.iter().map(|r| r.symbol.as_str()).collect();
        assert_eq!(refs, ["EXT2_FS", "EXT2_FS_XATTR"]);
        assert!(o.config_refs.iter().all(|r| r.in_list_name));
        assert!(!o.has_opaque_items);
        assert!(!o.has_computed_part_lists());
    }

    #[test]
    fn branches_and_opaque_lines() {
        let text = "\
ifdef CONFIG_A
obj-y += a.o
else ifdef CONFIG_B
obj-y += a.o
else
ifeq ($(CONFIG_C),y)
obj-y += c.o
endif
endif
$(eval $(call foo))
$(MOD)-y := x.o
";
        let o = read(text);
        let b: Vec<_> = o.lists.iter().map(|l| l.branch.clone()).collect();
        assert_eq!(b[0], vec![(0, 0)]);
        assert_eq!(b[1], vec![(0, 1)]);
        assert_eq!(b[2], vec![(0, 2), (5, 0)]);
        assert!(b[3].is_empty());
        assert!(o.has_opaque_items);
        assert!(o.has_computed_part_lists());
        let refs: Vec<_> = o
            .config_refs
            .iter()
            .map(|r| (r.symbol.as_str(), r.in_list_name))
            .collect();
        assert_eq!(refs, [("A", false), ("B", false), ("C", false)]);
        assert_eq!(
            read("lib-objs := a.o").lists[0].kind,
            ListKind::Parts("lib".into())
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "-",
            "obj-$(",
            "obj-${CONFIG_}",
            "é-$(CONFIG_é) += ü.o",
            "\\\n",
            "a-:=b",
        ] {
            let _ = read(t);
        }
        let o = read("obj-${CONFIG_X} += x.o");
        assert!(matches!(o.lists[0].suffix, Suffix::Config(ref s, _) if s == "X"));
    }
}
