//! The outline of an open document: for Kconfig its menu structure as written
//! in that file (menus, choices, `if` blocks, entries, comments, `source`s),
//! from the editor's text; for makefiles its assignments, rules, `define`s,
//! includes and conditionals, from `kmake::make::syntax`.

use kmake::make::syntax::{self, ItemKind, LineIndex, Test};

use crate::kconfig_scan::{self, Kw, Line, TokKind};
use crate::text_range::TextRange;

/// What an outline entry is (the server maps it to an LSP `SymbolKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutlineKind {
    /// `mainmenu "..."`.
    MainMenu,
    /// `menu "..."` ... `endmenu`.
    Menu,
    /// `choice` ... `endchoice`.
    Choice,
    /// `config NAME`.
    Config,
    /// `menuconfig NAME`.
    MenuConfig,
    /// `comment "..."`.
    Comment,
    /// `if EXPR` ... `endif` (Kconfig), or one branch of a makefile
    /// conditional.
    Conditional,
    /// `source "..."` (Kconfig), `include ...` (makefiles).
    Include,
    /// A makefile variable assignment.
    Variable,
    /// A makefile `define NAME` ... `endef`.
    Define,
    /// A makefile rule (named by its targets).
    Rule,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineItem {
    pub name: String,
    /// Type and prompt of a config, the operator and value of an assignment.
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// The whole construct.
    pub range: TextRange,
    /// The part to highlight (the name); within `range`.
    pub selection: TextRange,
    pub children: Vec<OutlineItem>,
}

/// Longest detail kept (in bytes, cut at a character boundary).
const DETAIL_MAX: usize = 80;

/// `s` on one line (continuations and runs of blanks become one space),
/// cut to `DETAIL_MAX`.
fn clip(s: &str) -> String {
    let s: Vec<&str> = s.split_whitespace().filter(|w| *w != "\\").collect();
    let s = s.join(" ");
    if s.len() <= DETAIL_MAX {
        return s;
    }
    let mut end = DETAIL_MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// A node being built: its line span grows as attribute lines come.
struct Open {
    item: OutlineItem,
    /// For blocks: the keyword that closes them.
    closer: Option<Kw>,
    /// Attributes (prompt, type) still apply to this node.
    header: bool,
    /// Type keyword and prompt seen, for a config's detail.
    ty: Option<String>,
    prompt: Option<String>,
}

fn finish(mut o: Open) -> OutlineItem {
    if matches!(o.item.kind, OutlineKind::Config | OutlineKind::MenuConfig) {
        o.item.detail = match (o.ty, o.prompt) {
            (Some(t), Some(p)) => Some(clip(&format!("{t} \"{p}\""))),
            (Some(t), None) => Some(t),
            (None, Some(p)) => Some(clip(&format!("\"{p}\""))),
            (None, None) => None,
        };
    } else if o.item.kind == OutlineKind::Choice {
        if let Some(p) = o.prompt {
            o.item.name = p;
        }
    }
    if o.item.name.trim().is_empty() {
        o.item.name = format!("{:?}", o.item.kind).to_lowercase();
    }
    o.item
}

/// Builds the Kconfig outline of a text.
pub fn kconfig(text: &str) -> Vec<OutlineItem> {
    kconfig_lines(&kconfig_scan::scan(text))
}

/// The Kconfig outline of scanned lines.
pub fn kconfig_lines(lines: &[Line<'_>]) -> Vec<OutlineItem> {
    let mut root: Vec<OutlineItem> = Vec::new();
    // Open blocks (menu, choice, if), innermost last, and the open entry.
    let mut blocks: Vec<Open> = Vec::new();
    let mut entry: Option<Open> = None;

    fn attach(blocks: &mut [Open], root: &mut Vec<OutlineItem>, item: OutlineItem) {
        match blocks.last_mut() {
            Some(b) => {
                // A block covers its entries, even when never closed.
                b.item.range.end = b.item.range.end.max(item.range.end);
                b.item.children.push(item)
            }
            None => root.push(item),
        }
    }
    fn extend(o: &mut Open, line: u32, len: u32) {
        o.item.range.end = crate::text_range::Pos { line, col: len };
    }

    for (n, l) in lines.iter().enumerate() {
        let n = n as u32;
        if l.help_text {
            if !l.is_blank() {
                if let Some(e) = entry.as_mut() {
                    extend(e, n, l.len());
                } else if let Some(b) = blocks.last_mut().filter(|b| b.header) {
                    extend(b, n, l.len());
                }
            }
            continue;
        }
        if l.is_comment_or_blank() {
            continue;
        }
        let starts = l.assignment || l.head.is_some_and(Kw::starts_entry);
        if !starts {
            // An attribute (or a continuation) of the open entry or block.
            let target = match entry.as_mut() {
                Some(e) => Some(e),
                None => blocks.last_mut().filter(|b| b.header),
            };
            if let Some(t) = target {
                extend(t, n, l.len());
                match l.head {
                    Some(Kw::Type) | Some(Kw::DefType) => {
                        t.ty = l.toks.first().map(|k| l.tok_text(k).to_string());
                        if let Some((p, _)) = l.first_string() {
                            t.prompt = Some(p.to_string());
                        }
                    }
                    Some(Kw::Prompt) => {
                        if let Some((p, _)) = l.first_string() {
                            t.prompt = Some(p.to_string());
                        }
                    }
                    _ => {}
                }
            }
            continue;
        }
        if let Some(e) = entry.take() {
            attach(&mut blocks, &mut root, finish(e));
        }
        if let Some(b) = blocks.last_mut() {
            b.header = false;
        }
        let Some(head) = l.head else {
            // A macro assignment: ends the entry, is no entry itself.
            continue;
        };
        let kw_tok = l.toks.first().copied();
        let kw_range = |t: Option<kconfig_scan::Tok>| match t {
            Some(t) => TextRange::on_line(n, t.start, t.end),
            None => TextRange::on_line(n, 0, l.len()),
        };
        let whole = TextRange::on_line(n, kw_tok.map_or(0, |t| t.start), l.len());
        let string_item = |kind: OutlineKind| {
            let (name, sel) = match l.first_string() {
                Some((s, t)) => (s.to_string(), TextRange::on_line(n, t.start, t.end)),
                None => (String::new(), kw_range(kw_tok)),
            };
            OutlineItem {
                name,
                detail: None,
                kind,
                range: whole,
                selection: sel,
                children: Vec::new(),
            }
        };
        let open = |item: OutlineItem, closer: Option<Kw>| Open {
            item,
            closer,
            header: true,
            ty: None,
            prompt: None,
        };
        match head {
            Kw::Config | Kw::Menuconfig | Kw::Choice => {
                let kind = match head {
                    Kw::Config => OutlineKind::Config,
                    Kw::Menuconfig => OutlineKind::MenuConfig,
                    _ => OutlineKind::Choice,
                };
                let name_tok = l.toks.iter().find(|t| t.decl).copied();
                let item = OutlineItem {
                    name: name_tok
                        .map(|t| l.tok_text(&t).to_string())
                        .unwrap_or_default(),
                    detail: None,
                    kind,
                    range: whole,
                    selection: kw_range(name_tok.or(kw_tok)),
                    children: Vec::new(),
                };
                if head == Kw::Choice {
                    blocks.push(open(item, Some(Kw::Endchoice)));
                } else {
                    entry = Some(open(item, None));
                }
            }
            Kw::Comment | Kw::Mainmenu => {
                let kind = if head == Kw::Comment {
                    OutlineKind::Comment
                } else {
                    OutlineKind::MainMenu
                };
                entry = Some(open(string_item(kind), None));
            }
            Kw::Source => {
                let item = string_item(OutlineKind::Include);
                attach(&mut blocks, &mut root, item);
            }
            Kw::Menu => blocks.push(open(string_item(OutlineKind::Menu), Some(Kw::Endmenu))),
            Kw::If => {
                let start = kw_tok.map_or(0, |t| t.end);
                let end = l
                    .toks
                    .iter()
                    .rfind(|t| t.kind != TokKind::Comment)
                    .map_or(start, |t| t.end.max(start));
                let cond = l.text.get(start as usize..end as usize).unwrap_or("");
                let item = OutlineItem {
                    name: format!("if {}", cond.trim()),
                    detail: None,
                    kind: OutlineKind::Conditional,
                    range: whole,
                    selection: kw_range(kw_tok),
                    children: Vec::new(),
                };
                blocks.push(open(item, Some(Kw::Endif)));
            }
            Kw::Endmenu | Kw::Endchoice | Kw::Endif => {
                // Close up to the matching block; blocks left open inside
                // it (broken text) end on the line before.
                if let Some(at) = blocks.iter().rposition(|b| b.closer == Some(head)) {
                    while blocks.len() > at + 1 {
                        if let Some(inner) = blocks.pop() {
                            attach(&mut blocks, &mut root, finish(inner));
                        }
                    }
                    if let Some(mut b) = blocks.pop() {
                        extend(&mut b, n, l.len());
                        attach(&mut blocks, &mut root, finish(b));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(e) = entry.take() {
        attach(&mut blocks, &mut root, finish(e));
    }
    // Blocks never closed end at the last line with content.
    let last = lines
        .iter()
        .rposition(|l| !l.is_blank())
        .map_or(0, |i| i as u32);
    let last_len = lines.get(last as usize).map_or(0, |l| l.len());
    while let Some(mut b) = blocks.pop() {
        if b.item.range.end.line < last {
            extend(&mut b, last, last_len);
        }
        attach(&mut blocks, &mut root, finish(b));
    }
    root
}

/// Builds the outline of a makefile.
pub fn makefile(text: &str) -> Vec<OutlineItem> {
    let bytes = text.as_bytes();
    let syn = syntax::parse(bytes);
    let index = LineIndex::new(bytes);
    let pos = |off: usize| {
        let (l, c) = index.line_col(off);
        crate::text_range::Pos {
            line: l as u32,
            col: c as u32,
        }
    };
    let range = |s: syntax::Span| TextRange {
        start: pos(s.start),
        end: pos(s.end),
    };
    let slice = |s: syntax::Span| String::from_utf8_lossy(bytes.get(s.start..s.end).unwrap_or(b""));

    let mut root: Vec<OutlineItem> = Vec::new();
    // Open conditional branches, innermost last.
    let mut branches: Vec<OutlineItem> = Vec::new();
    fn attach(branches: &mut [OutlineItem], root: &mut Vec<OutlineItem>, item: OutlineItem) {
        match branches.last_mut() {
            Some(b) => {
                b.range.end = b.range.end.max(item.range.end);
                b.children.push(item)
            }
            None => root.push(item),
        }
    }
    // The last line before `off`'s line (where a branch ends).
    let close_before = |b: &mut OutlineItem, off: usize| {
        let (l, _) = index.line_col(off);
        let end_line = (l as u32).saturating_sub(1).max(b.range.start.line);
        let end_col = index
            .line_start(end_line as usize + 1)
            .zip(index.line_start(end_line as usize))
            .map_or(b.range.end.col, |(next, this)| {
                (next.saturating_sub(1) - this) as u32
            });
        b.range.end = crate::text_range::Pos {
            line: end_line,
            col: end_col,
        };
    };

    for item in &syn.items {
        let whole = range(item.span);
        let leaf = |name: String, detail: Option<String>, kind, sel: TextRange| OutlineItem {
            name,
            detail,
            kind,
            range: whole,
            selection: sel,
            children: Vec::new(),
        };
        match &item.kind {
            ItemKind::Assignment(a) => {
                let detail = format!("{} {}", a.op.as_str(), slice(a.value));
                attach(
                    &mut branches,
                    &mut root,
                    leaf(
                        slice(a.name).into_owned(),
                        Some(clip(&detail)),
                        OutlineKind::Variable,
                        range(a.name),
                    ),
                );
            }
            ItemKind::Define(d) => {
                let it = leaf(
                    slice(d.name).into_owned(),
                    None,
                    OutlineKind::Define,
                    range(d.name),
                );
                attach(&mut branches, &mut root, it);
            }
            ItemKind::Rule(r) => {
                let Some(first) = r.targets.first() else {
                    continue;
                };
                let last = r.targets.last().unwrap_or(first);
                let sel = syntax::Span::new(first.start, last.end);
                let mut it = leaf(
                    slice(sel).into_owned(),
                    r.variable.as_ref().map(|v| {
                        clip(&format!(
                            "{} {} {}",
                            slice(v.name),
                            v.op.as_str(),
                            slice(v.value)
                        ))
                    }),
                    OutlineKind::Rule,
                    range(sel),
                );
                if let Some(last) = r.recipe.last() {
                    it.range.end = pos(last.text.end.max(item.span.end));
                }
                attach(&mut branches, &mut root, it);
            }
            ItemKind::Directive(d)
                if matches!(
                    d.kind,
                    syntax::DirectiveKind::Include
                        | syntax::DirectiveKind::DashInclude
                        | syntax::DirectiveKind::Sinclude
                ) =>
            {
                let words: Vec<String> = d.words.iter().map(|w| slice(*w).into_owned()).collect();
                let it = leaf(
                    clip(&words.join(" ")),
                    Some(slice(d.keyword).into_owned()),
                    OutlineKind::Include,
                    range(d.keyword),
                );
                attach(&mut branches, &mut root, it);
            }
            ItemKind::If(i) => {
                if i.else_keyword.is_some() {
                    if let Some(mut b) = branches.pop() {
                        close_before(&mut b, item.span.start);
                        attach(&mut branches, &mut root, b);
                    }
                }
                let keyword = match i.test {
                    Test::Ifdef => "ifdef",
                    Test::Ifndef => "ifndef",
                    Test::Ifeq => "ifeq",
                    Test::Ifneq => "ifneq",
                };
                let args: Vec<String> = i.args.iter().map(|a| slice(*a).into_owned()).collect();
                let name = match i.test {
                    Test::Ifdef | Test::Ifndef => format!("{keyword} {}", args.join(" ")),
                    _ => format!("{keyword} ({})", args.join(",")),
                };
                let name = if i.else_keyword.is_some() {
                    format!("else {name}")
                } else {
                    name
                };
                let sel_start = i.else_keyword.map_or(i.keyword.start, |e| e.start);
                branches.push(leaf(
                    clip(&name),
                    None,
                    OutlineKind::Conditional,
                    range(syntax::Span::new(sel_start, i.keyword.end)),
                ));
            }
            ItemKind::Else(e) => {
                if let Some(mut b) = branches.pop() {
                    close_before(&mut b, item.span.start);
                    attach(&mut branches, &mut root, b);
                }
                branches.push(leaf(
                    "else".to_string(),
                    None,
                    OutlineKind::Conditional,
                    range(e.keyword),
                ));
            }
            ItemKind::Endif(_) => {
                if let Some(mut b) = branches.pop() {
                    b.range.end = whole.end;
                    attach(&mut branches, &mut root, b);
                }
            }
            _ => {}
        }
    }
    let end = pos(bytes.len());
    while let Some(mut b) = branches.pop() {
        b.range.end = end;
        attach(&mut branches, &mut root, b);
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn render(items: &[OutlineItem], depth: usize, out: &mut String) {
        for i in items {
            let r = |t: &TextRange| {
                format!(
                    "{}:{}-{}:{}",
                    t.start.line, t.start.col, t.end.line, t.end.col
                )
            };
            out.push_str(&format!(
                "{}{:?} {:?}{} {} sel {}\n",
                "  ".repeat(depth),
                i.kind,
                i.name,
                i.detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                r(&i.range),
                r(&i.selection),
            ));
            assert!(i.range.contains(&i.selection), "{i:?}");
            render(&i.children, depth + 1, out);
        }
    }

    fn check_kconfig(text: &str, expect: Expect) {
        let mut out = String::new();
        render(&kconfig(text), 0, &mut out);
        expect.assert_eq(&out);
    }

    fn check_make(text: &str, expect: Expect) {
        let mut out = String::new();
        render(&makefile(text), 0, &mut out);
        expect.assert_eq(&out);
    }

    #[test]
    fn kconfig_menus_choices_ifs_entries() {
        check_kconfig(
            r#"mainmenu "Top"
source "init/Kconfig"
menu "General setup"
	depends on X

config A
	bool "Alpha"
	help
	  Text.

# between
choice
	prompt "Pick"
config B
	bool "Beta"
endchoice

if A
comment "Note"
	depends on B
menuconfig C
	tristate
endif # A
endmenu
cc-option = x
config D
	def_bool y
"#,
            expect![[r#"
                MainMenu "Top" 0:0-0:14 sel 0:9-0:14
                Include "init/Kconfig" 1:0-1:21 sel 1:7-1:21
                Menu "General setup" 2:0-23:7 sel 2:5-2:20
                  Config "A" (bool "Alpha") 5:0-8:8 sel 5:7-5:8
                  Choice "Pick" 11:0-15:9 sel 11:0-11:6
                    Config "B" (bool "Beta") 13:0-14:12 sel 13:7-13:8
                  Conditional "if A" 17:0-22:9 sel 17:0-17:2
                    Comment "Note" 18:0-19:13 sel 18:8-18:14
                    MenuConfig "C" (tristate) 20:0-21:9 sel 20:11-20:12
                Config "D" (def_bool) 25:0-26:11 sel 25:7-25:8
            "#]],
        );
    }

    #[test]
    fn kconfig_broken_text_is_tolerated() {
        check_kconfig(
            "menu \"M\"\nif X\nconfig\n\tbool\nendmenu\nendif\nchoice\n",
            expect![[r#"
                Menu "M" 0:0-4:7 sel 0:5-0:8
                  Conditional "if X" 1:0-3:5 sel 1:0-1:2
                    Config "config" (bool) 2:0-3:5 sel 2:0-2:6
                Choice "choice" 6:0-6:6 sel 6:0-6:6
            "#]],
        );
    }

    #[test]
    fn makefile_assignments_rules_conditionals() {
        check_make(
            "obj-$(CONFIG_A) += a.o \\\n\tb.o\nifdef CONFIG_B\nccflags-y := -DB\nelse ifeq ($(X),y)\ninclude x.mk\nelse\ndefine CMD\necho\nendef\nendif\n\nall: a b\n\techo $@\n\ttrue\n",
            expect![[r#"
                Variable "obj-$(CONFIG_A)" (+= a.o b.o) 0:0-1:4 sel 0:0-0:15
                Conditional "ifdef CONFIG_B" 2:0-3:16 sel 2:0-2:5
                  Variable "ccflags-y" (:= -DB) 3:0-3:16 sel 3:0-3:9
                Conditional "else ifeq ($(X),y)" 4:0-5:12 sel 4:0-4:9
                  Include "x.mk" (include) 5:0-5:12 sel 5:0-5:7
                Conditional "else" 6:0-10:5 sel 6:0-6:4
                  Define "CMD" 7:0-9:5 sel 7:7-7:10
                Rule "all" 12:0-14:5 sel 12:0-12:3
            "#]],
        );
    }

    #[test]
    fn makefile_broken_text_is_tolerated() {
        for text in [
            "ifeq (a\nendif\nendif\nelse\n",
            "define X\n",
            ":\n\tx\n",
            "é: ü\n",
        ] {
            let _ = makefile(text);
        }
    }
}
