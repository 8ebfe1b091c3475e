//! Makefile syntax with exact byte spans, for the editor: a tolerant parser
//! that evaluates nothing and never stops at an error.
//!
//! It reads a makefile the way GNU make 4.4.1 does (`read.rs`), line by line
//! and lexically: logical lines (backslash-newline, CRLF, NUL), comments, the
//! recipe prefix (`.RECIPEPREFIX`), assignments and their modifiers, `define`
//! bodies, directives, conditionals and rule lines. What make only decides by
//! expanding is kept as written: a computed name like `obj-$(CONFIG_EXT4_FS)`
//! stays text, a line of references such as `$(eval ...)` is an
//! [`ItemKind::Expansion`], and both branches of every conditional are parsed.
//! Errors become [`Diagnostic`]s with make's message texts; parsing goes on
//! with the next line.
//!
//! Spans are byte offsets into the text given to [`parse`]; [`LineIndex`]
//! turns them into lines and columns.
//!
//! Not modelled: archive members (`lib(a.o b.o)` is two words here), and
//! what a line means when it depends on values (a target list or a
//! variable name that expands to nothing, a reference that expands to a
//! `:`). A recipe line after `endif` belongs to a rule if some branch leaves
//! one open, since any branch may be the one make reads.

use super::func::lookup_function;
use super::text::{is_blank, is_space};

/// A byte range `start..end` of the parsed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` is inside the span or at its end (a cursor position).
    pub fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    /// The spanned bytes of `text`.
    pub fn text(self, text: &[u8]) -> &[u8] {
        &text[self.start..self.end]
    }
}

/// Line starts of a text: byte offsets to (line, column) and back. Lines end
/// at `\n`; a `\r` before it is the line's last column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.iter()
                .enumerate()
                .filter(|&(_, &c)| c == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line and the column in bytes of `offset` (clamped to the
    /// text's length).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, offset - self.starts[line])
    }

    /// Where `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The offset of (line, column), clamped to the line's end.
    pub fn offset(&self, line: usize, col: usize) -> Option<usize> {
        let start = self.line_start(line)?;
        let end = self.starts.get(line + 1).map_or(self.len, |&next| next - 1);
        Some((start + col).min(end))
    }
}

/// The syntax of one makefile.
#[derive(Clone, Debug, Default)]
pub struct Syntax {
    /// Directives, assignments and rules in source order (blank and comment
    /// lines have none).
    pub items: Vec<Item>,
    /// Every `$` reference, outer before inner, in source order.
    pub references: Vec<Reference>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One construct: a logical line, or a whole `define` ... `endef`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The lines it occupies, from the first line's start to the last line's
    /// end (comments included, newline excluded). A rule's recipe lines have
    /// their own spans.
    pub span: Span,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Assignment(Assignment),
    Define(Define),
    Undefine(Undefine),
    Rule(Rule),
    /// `include`, `-include`, `sinclude`, `export`/`unexport` without an
    /// assignment, `vpath`, `load`.
    Directive(Directive),
    /// `ifdef`/`ifndef`/`ifeq`/`ifneq`, also as `else ifeq ...`.
    If(If),
    /// A plain `else` (or `else` followed by text that is not a conditional).
    Else(Else),
    Endif(Endif),
    /// A line without `:` whose words are references (`$(eval ...)`,
    /// `$(call ...)`): what it is is only known once make expands it.
    Expansion,
}

/// A word in front of an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Export,
    Unexport,
    Override,
    Private,
}

/// An assignment operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Recursive,
    /// `:=`
    Simple,
    /// `::=` (POSIX spelling of `:=`)
    PosixSimple,
    /// `:::=`
    Immediate,
    /// `+=`
    Append,
    /// `?=`
    Conditional,
    /// `!=`
    Shell,
}

impl AssignOp {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignOp::Recursive => "=",
            AssignOp::Simple => ":=",
            AssignOp::PosixSimple => "::=",
            AssignOp::Immediate => ":::=",
            AssignOp::Append => "+=",
            AssignOp::Conditional => "?=",
            AssignOp::Shell => "!=",
        }
    }
}

/// `[modifiers] name op value`, also after a rule's colon (target- and
/// pattern-specific).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub modifiers: Vec<(Modifier, Span)>,
    /// As written: may contain references.
    pub name: Span,
    pub op: AssignOp,
    pub op_span: Span,
    /// From the first non-blank after the operator to the comment or the end
    /// of the line; trailing blanks belong to the value, as in make.
    pub value: Span,
    /// The value split at blanks; a reference is part of the word it is in.
    pub words: Vec<Span>,
}

/// `[modifiers] define name [op]` ... `endef`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Define {
    pub modifiers: Vec<(Modifier, Span)>,
    pub keyword: Span,
    pub name: Span,
    pub op: Option<(AssignOp, Span)>,
    /// The lines between the `define` and `endef` lines, without the last
    /// newline (empty at the `endef` line's start when there are none).
    pub body: Span,
    /// `None` when the file ends first.
    pub endef: Option<Span>,
}

/// `[override] undefine name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undefine {
    pub modifiers: Vec<(Modifier, Span)>,
    pub keyword: Span,
    pub name: Span,
}

/// What separates targets from prerequisites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// `:`
    Single,
    /// `::`
    Double,
    /// `&:`
    Grouped,
    /// `&::`
    GroupedDouble,
}

/// A rule line and its recipe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Empty for a line starting with the separator (make ignores the rule).
    pub targets: Vec<Span>,
    pub separator: Separator,
    pub separator_span: Span,
    /// `targets: target-pattern: prereq-patterns`.
    pub static_pattern: Option<StaticPattern>,
    /// The prerequisites, or the prerequisite patterns of a static pattern
    /// rule.
    pub prerequisites: Vec<Span>,
    /// The `|` before order-only prerequisites.
    pub pipe: Option<Span>,
    pub order_only: Vec<Span>,
    /// `targets: [modifiers] VAR op value` instead of prerequisites (a target-
    /// or pattern-specific variable; such a line has no recipe).
    pub variable: Option<Assignment>,
    /// The recipe after `;` on the rule line first, then the recipe lines.
    pub recipe: Vec<RecipeLine>,
}

/// The middle part of a static pattern rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticPattern {
    /// Normally one word (more, or none, is an error).
    pub patterns: Vec<Span>,
    /// The second colon.
    pub colon: Span,
}

/// One logical recipe line (continuation lines included, as make passes them
/// to the shell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecipeLine {
    /// The recipe prefix (a TAB or `.RECIPEPREFIX`), or the `;` of a recipe
    /// on the rule line.
    pub prefix: usize,
    /// The text after the prefix, to the line's end.
    pub text: Span,
    /// Written after `;` on the rule line.
    pub inline: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Include,
    /// `-include`
    DashInclude,
    Sinclude,
    Export,
    Unexport,
    Vpath,
    Load,
    /// `-load`
    DashLoad,
}

/// A directive line: its keyword and the words after it (files, names,
/// vpath's pattern and directories).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub keyword: Span,
    pub words: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    Ifdef,
    Ifndef,
    Ifeq,
    Ifneq,
}

/// The start of a conditional, or of its next branch (`else ifeq ...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct If {
    /// The `else` of `else ifeq ...`.
    pub else_keyword: Option<Span>,
    pub test: Test,
    pub keyword: Span,
    /// `ifdef`/`ifndef`: the variable name text (none if empty);
    /// `ifeq`/`ifneq`: the two operands without parentheses or quotes. Empty
    /// when the syntax is invalid.
    pub args: Vec<Span>,
    /// Nesting depth of the conditional, 0 outermost (`else`/`endif` of the
    /// same conditional have the same depth).
    pub depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Else {
    pub keyword: Span,
    pub depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endif {
    pub keyword: Span,
    pub depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// `$(name)`, `${name}`, `$x`; the name may itself contain references.
    Variable,
    /// `$(name:pattern=replacement)`.
    Substitution,
    /// `$(function args)` of a built-in function.
    Function,
}

/// A `$` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// From the `$` through the closing parenthesis or brace.
    pub span: Span,
    /// The variable or function name (for `$@`, the `@`).
    pub name: Span,
    pub kind: RefKind,
    /// A function's arguments as make splits them, or a substitution's
    /// pattern and replacement.
    pub args: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Make stops here.
    Error,
    /// Make prints a message and goes on.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// GNU make's text.
    pub message: String,
}

/// Parses a makefile.
pub fn parse(text: &[u8]) -> Syntax {
    let mut reader = Reader::new(text);
    let mut parser = Parser {
        text,
        prefix: b'\t',
        prefix_set: false,
        rule: None,
        conds: Vec::new(),
        out: Syntax::default(),
    };
    while let Some(loc) = reader.next(&mut parser.out.diagnostics) {
        parser.line(&mut reader, loc);
    }
    for frame in std::mem::take(&mut parser.conds) {
        parser.error(frame.keyword, "missing 'endif'");
    }
    let mut out = parser.out;
    // Outer references before inner ones at the same start.
    out.references
        .sort_by(|a, b| (a.span.start, b.span.end).cmp(&(b.span.start, a.span.end)));
    out.diagnostics.sort_by_key(|d| d.span.start);
    out
}

/// Deeper references inside references are not reported (the scan is
/// recursive, and each level rescans its text).
const MAX_NESTING: u32 = 64;

const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// One physical line's content inside a logical line.
#[derive(Clone, Copy, Debug)]
struct Seg {
    start: usize,
    /// Before the newline (and a CR before it), or at a NUL.
    end: usize,
}

/// Where a logical line is: from its first byte to the end of its last
/// physical line's content.
#[derive(Clone, Copy, Debug)]
struct Loc {
    start: usize,
    end: usize,
}

impl Loc {
    fn span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A logical line with continuations collapsed as make does (backslash,
/// blanks around it and the newline become one space), and where each byte
/// came from.
#[derive(Default)]
struct LineBuf {
    buf: Vec<u8>,
    map: Vec<usize>,
    /// The source offset of the line's end.
    end: usize,
}

/// Turns positions in a scanned buffer into spans of the source.
trait Mapper {
    fn span(&self, a: usize, b: usize) -> Span;
}

/// The buffer is the source text itself.
struct Source;

impl Mapper for Source {
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(a, b)
    }
}

impl Mapper for LineBuf {
    fn span(&self, a: usize, b: usize) -> Span {
        if a >= b {
            let p = self.map.get(a).copied().unwrap_or(self.end);
            Span::new(p, p)
        } else {
            Span::new(self.map[a], self.map[b - 1] + 1)
        }
    }
}

/// Splits the text into logical lines (C `readline`).
struct Reader<'t> {
    text: &'t [u8],
    pos: usize,
    segs: Vec<Seg>,
    lb: LineBuf,
}

impl<'t> Reader<'t> {
    fn new(text: &'t [u8]) -> Reader<'t> {
        Reader {
            text,
            pos: if text.starts_with(BOM) { BOM.len() } else { 0 },
            segs: Vec::new(),
            lb: LineBuf::default(),
        }
    }

    /// Reads the next logical line into `segs`.
    fn next(&mut self, diags: &mut Vec<Diagnostic>) -> Option<Loc> {
        let text = self.text;
        if self.pos >= text.len() {
            return None;
        }
        self.segs.clear();
        let mut i = self.pos;
        loop {
            let nl = text[i..].iter().position(|&c| c == b'\n').map(|p| p + i);
            let (mut end, next, had_nl) = match nl {
                Some(e) => (e, e + 1, true),
                None => (text.len(), text.len(), false),
            };
            if let Some(z) = text[i..end].iter().position(|&c| c == 0) {
                end = i + z;
                diags.push(Diagnostic {
                    span: Span::new(end, end + 1),
                    severity: Severity::Warning,
                    message: "NUL character seen; rest of line ignored".into(),
                });
            }
            if had_nl && end > i && text[end - 1] == b'\r' {
                end -= 1;
            }
            self.segs.push(Seg { start: i, end });
            i = next;
            if !had_nl {
                break;
            }
            let bs = trailing_backslashes(&text[self.segs[self.segs.len() - 1].start..end]);
            if bs % 2 == 0 {
                break;
            }
            if i >= text.len() {
                // A continued last line: make joins an empty line to it.
                self.segs.push(Seg { start: i, end: i });
                break;
            }
        }
        self.pos = i;
        let first = self.segs[0];
        let last = self.segs[self.segs.len() - 1];
        Some(Loc {
            start: first.start,
            end: last.end,
        })
    }

    /// Fills `lb` with the current line, continuations collapsed (C
    /// `collapse_continuations`).
    fn collapse(&mut self) {
        let text = self.text;
        let lb = &mut self.lb;
        lb.buf.clear();
        lb.map.clear();
        let n = self.segs.len();
        let mut skip_blanks = false;
        for (k, seg) in self.segs.iter().enumerate() {
            let mut s = seg.start;
            if skip_blanks {
                while s < seg.end && is_blank(text[s]) {
                    s += 1;
                }
            }
            let bs = if k + 1 < n {
                trailing_backslashes(&text[s..seg.end])
            } else {
                0
            };
            lb.buf.extend_from_slice(&text[s..seg.end - bs]);
            lb.map.extend(s..seg.end - bs);
            // Half of the backslashes stay.
            lb.buf.extend(std::iter::repeat_n(b'\\', bs / 2));
            lb.map.extend(seg.end - bs..seg.end - bs + bs / 2);
            if k + 1 == n {
                break;
            }
            if bs % 2 == 1 {
                while lb.buf.last().is_some_and(|&c| is_blank(c)) {
                    lb.buf.pop();
                    lb.map.pop();
                }
                lb.buf.push(b' ');
                lb.map.push(seg.end - 1);
                skip_blanks = true;
            } else {
                lb.buf.push(b'\n');
                lb.map.push(seg.end);
                skip_blanks = false;
            }
        }
        lb.end = self.segs[n - 1].end;
    }
}

fn trailing_backslashes(s: &[u8]) -> usize {
    s.iter().rev().take_while(|&&c| c == b'\\').count()
}

/// An open conditional.
struct Frame {
    keyword: Span,
    seen_else: bool,
    /// The rule taking recipe lines when the conditional started, and at the
    /// end of any finished branch: a recipe line after `endif` belongs to a
    /// rule if some branch leaves one open.
    at_if: Option<usize>,
    merged: Option<usize>,
}

struct Parser<'t> {
    text: &'t [u8],
    /// The recipe prefix (`.RECIPEPREFIX`).
    prefix: u8,
    prefix_set: bool,
    /// The rule item taking recipe lines.
    rule: Option<usize>,
    conds: Vec<Frame>,
    out: Syntax,
}

/// What `var_assignment` found.
enum AssignLine {
    Var(VarDef),
    /// `define`: its keyword and where the rest of the line starts.
    Define(usize, usize),
    Undefine(usize, usize),
}

/// `name op value` positions in a buffer.
struct VarDef {
    name: (usize, usize),
    op: AssignOp,
    op_pos: (usize, usize),
    value: usize,
}

type Mods = Vec<(Modifier, (usize, usize))>;

impl Parser<'_> {
    fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.diag(span, Severity::Error, msg);
    }

    fn diag(&mut self, span: Span, severity: Severity, msg: impl Into<String>) {
        self.out.diagnostics.push(Diagnostic {
            span,
            severity,
            message: msg.into(),
        });
    }

    fn push(&mut self, span: Span, kind: ItemKind) -> usize {
        self.out.items.push(Item { span, kind });
        self.out.items.len() - 1
    }

    fn refs<M: Mapper>(&mut self, s: &[u8], from: usize, to: usize, m: &M) {
        scan_refs(s, from, to, m, &mut self.out, 0);
    }

    /// One logical line (C `eval`'s loop body).
    fn line(&mut self, rd: &mut Reader, loc: Loc) {
        if loc.start == loc.end && rd.segs.len() == 1 {
            return;
        }
        let c0 = self.text.get(loc.start).copied();
        if c0 == Some(self.prefix) {
            if let Some(rule) = self.rule {
                self.recipe_line(rule, loc);
                return;
            }
        }
        rd.collapse();
        let lb = &rd.lb;
        let s = &lb.buf[..];
        let code_end = find_unquoted(s, 0, s.len(), |c| c == b'#').unwrap_or(s.len());
        if let Some((mods, what)) = var_assignment(s, 0, code_end, false) {
            self.rule = None;
            self.refs(s, 0, code_end, lb);
            match what {
                AssignLine::Var(d) => {
                    let a = assignment(lb, mods, d, code_end);
                    self.assignment_checks(&a);
                    self.push(loc.span(), ItemKind::Assignment(a));
                }
                AssignLine::Undefine(k, rest) => {
                    let name = trim_end(s, rest, code_end);
                    if name == rest {
                        self.error(lb.span(k, code_end), "empty variable name");
                    }
                    let u = Undefine {
                        modifiers: mods_spans(lb, &mods),
                        keyword: lb.span(k, k + b"undefine".len()),
                        name: lb.span(rest, name),
                    };
                    self.push(loc.span(), ItemKind::Undefine(u));
                }
                AssignLine::Define(k, rest) => self.define(rd, loc, mods, k, rest, code_end),
            }
            return;
        }
        let p = skip_space_to(s, 0, code_end);
        if p >= code_end {
            return;
        }
        let wend = end_of_token_to(s, p, code_end);
        if self.conditional(lb, p, wend, code_end, None) {
            self.refs(s, 0, code_end, lb);
            return;
        }
        let kind = match &s[p..wend] {
            b"export" => Some(DirectiveKind::Export),
            b"unexport" => Some(DirectiveKind::Unexport),
            b"vpath" => Some(DirectiveKind::Vpath),
            b"include" => Some(DirectiveKind::Include),
            b"-include" => Some(DirectiveKind::DashInclude),
            b"sinclude" => Some(DirectiveKind::Sinclude),
            b"load" => Some(DirectiveKind::Load),
            b"-load" => Some(DirectiveKind::DashLoad),
            _ => None,
        };
        if let Some(kind) = kind {
            self.rule = None;
            self.refs(s, 0, code_end, lb);
            let mut words = Vec::new();
            match kind {
                DirectiveKind::Include
                | DirectiveKind::DashInclude
                | DirectiveKind::Sinclude
                | DirectiveKind::Load
                | DirectiveKind::DashLoad => split_files(s, wend, code_end, lb, &mut words),
                _ => split_words(s, wend, code_end, lb, &mut words),
            }
            let d = Directive {
                kind,
                keyword: lb.span(p, wend),
                words,
            };
            self.push(loc.span(), ItemKind::Directive(d));
            return;
        }
        if c0 == Some(self.prefix) {
            self.rule = None;
            self.refs(s, 0, code_end, lb);
            let e = trim_end(s, p, code_end);
            self.error(lb.span(p, e), "recipe commences before first target");
            return;
        }
        self.rule_line(lb, loc);
    }

    fn recipe_line(&mut self, rule: usize, loc: Loc) {
        let text = Span::new((loc.start + 1).min(loc.end), loc.end);
        let line = RecipeLine {
            prefix: loc.start,
            text,
            inline: false,
        };
        self.refs(self.text, text.start, text.end, &Source);
        if let ItemKind::Rule(r) = &mut self.out.items[rule].kind {
            r.recipe.push(line);
        }
    }

    /// Checks of a global assignment: an empty name, `.RECIPEPREFIX`.
    fn assignment_checks(&mut self, a: &Assignment) {
        let name = a.name.text(self.text);
        if a.name.is_empty() {
            self.error(a.op_span, "empty variable name");
        } else if name == b".RECIPEPREFIX" {
            // Only a literal value can be known here.
            let v = a.value.text(self.text);
            let set = match a.op {
                AssignOp::Recursive
                | AssignOp::Simple
                | AssignOp::PosixSimple
                | AssignOp::Immediate => true,
                // Appending to the empty default sets it; `?=` never does,
                // the variable being defined (empty) from the start.
                AssignOp::Append => !self.prefix_set,
                AssignOp::Conditional | AssignOp::Shell => false,
            };
            if set && v.first() != Some(&b'$') {
                self.prefix = v.first().copied().unwrap_or(b'\t');
                self.prefix_set = true;
            }
        }
    }

    /// `define` ... `endef` (C `do_define`): reads the body lines.
    fn define(
        &mut self,
        rd: &mut Reader,
        loc: Loc,
        mods: Mods,
        k: usize,
        rest: usize,
        code_end: usize,
    ) {
        let lb = &rd.lb;
        let s = &lb.buf[..];
        let keyword = lb.span(k, k + 6);
        let (name, op) = match var_def(s, rest, code_end) {
            None => ((rest, trim_end(s, rest, code_end)), None),
            Some(d) => {
                if d.value < code_end {
                    self.diag(
                        lb.span(d.value, trim_end(s, d.value, code_end)),
                        Severity::Warning,
                        "extraneous text after 'define' directive",
                    );
                }
                (d.name, Some((d.op, lb.span(d.op_pos.0, d.op_pos.1))))
            }
        };
        if name.0 == name.1 {
            self.error(keyword, "empty variable name");
        }
        let name = lb.span(name.0, name.1);
        let modifiers = mods_spans(lb, &mods);
        let body_start = rd.pos.min(self.text.len());
        let mut body_end = body_start;
        let mut endef = None;
        let mut end = loc.end;
        let mut nlevels = 1;
        while let Some(l) = rd.next(&mut self.out.diagnostics) {
            end = l.end;
            rd.collapse();
            let s = &rd.lb.buf[..];
            if s.first() != Some(&self.prefix) {
                let p = skip_space_to(s, 0, s.len());
                let t = &s[p..];
                let word =
                    |w: &[u8]| t.starts_with(w) && t.get(w.len()).is_none_or(|&c| is_blank(c));
                if word(b"define") {
                    nlevels += 1;
                } else if word(b"endef") {
                    let after = p + 5;
                    let c = find_unquoted(s, after, s.len(), |c| c == b'#').unwrap_or(s.len());
                    let q = skip_space_to(s, after, c);
                    if q < c {
                        let e = trim_end(s, q, c);
                        self.diag(
                            rd.lb.span(q, e),
                            Severity::Warning,
                            "extraneous text after 'endef' directive",
                        );
                    }
                    nlevels -= 1;
                    if nlevels == 0 {
                        endef = Some(rd.lb.span(p, p + 5));
                        break;
                    }
                }
            }
            body_end = l.end;
        }
        if endef.is_none() {
            self.error(keyword, "missing 'endef', unterminated 'define'");
        }
        let body = Span::new(body_start, body_end.max(body_start));
        self.refs(self.text, body.start, body.end, &Source);
        let d = Define {
            modifiers,
            keyword,
            name,
            op,
            body,
            endef,
        };
        self.push(Span::new(loc.start, end), ItemKind::Define(d));
    }

    /// `ifdef`/`ifeq`/`else`/`endif` (C `conditional_line`): whether the line
    /// is one. `else_kw` is set for the conditional after an `else`.
    fn conditional(
        &mut self,
        lb: &LineBuf,
        p: usize,
        wend: usize,
        end: usize,
        else_kw: Option<(usize, usize)>,
    ) -> bool {
        let s = &lb.buf[..];
        let word = &s[p..wend];
        let test = match word {
            b"ifdef" => Test::Ifdef,
            b"ifndef" => Test::Ifndef,
            b"ifeq" => Test::Ifeq,
            b"ifneq" => Test::Ifneq,
            b"else" | b"endif" => {
                self.else_endif(lb, p, wend, end);
                return true;
            }
            _ => return false,
        };
        let name = String::from_utf8_lossy(word).into_owned();
        let keyword = lb.span(p, wend);
        let rest = skip_space_to(s, wend, end);
        let args = match test {
            Test::Ifdef | Test::Ifndef => {
                let mut words = Vec::new();
                split_words(s, rest, end, &Source, &mut words);
                let literal = words
                    .iter()
                    .filter(|w| !has_reference(s, w.start, w.end))
                    .count();
                if literal > 1 {
                    None
                } else if rest < end {
                    Some(vec![lb.span(rest, trim_end(s, rest, end))])
                } else {
                    Some(Vec::new())
                }
            }
            Test::Ifeq | Test::Ifneq => match ifeq_args(s, rest, end) {
                None => None,
                Some((args, extra)) => {
                    if let Some(x) = extra {
                        let e = trim_end(s, x, end);
                        self.diag(
                            lb.span(x, e),
                            Severity::Warning,
                            format!("extraneous text after '{name}' directive"),
                        );
                    }
                    Some(args.iter().map(|&(a, b)| lb.span(a, b)).collect())
                }
            },
        };
        if let Some((ep, ee)) = else_kw {
            // `else ifeq ...`: an invalid test makes the line a plain `else`
            // with extra text, as in make.
            let depth = self.conds.len() - 1;
            let else_keyword = lb.span(ep, ee);
            match args {
                Some(args) => {
                    let i = If {
                        else_keyword: Some(else_keyword),
                        test,
                        keyword,
                        args,
                        depth,
                    };
                    self.push(line_span(lb), ItemKind::If(i));
                }
                None => {
                    self.diag(
                        lb.span(p, trim_end(s, p, end)),
                        Severity::Warning,
                        "extraneous text after 'else' directive",
                    );
                    let e = Else {
                        keyword: else_keyword,
                        depth,
                    };
                    self.push(line_span(lb), ItemKind::Else(e));
                }
            }
            return true;
        }
        let depth = self.conds.len();
        self.conds.push(Frame {
            keyword,
            seen_else: false,
            at_if: self.rule,
            merged: None,
        });
        let args = args.unwrap_or_else(|| {
            self.error(
                lb.span(p, trim_end(s, p, end)),
                "invalid syntax in conditional",
            );
            Vec::new()
        });
        let i = If {
            else_keyword: None,
            test,
            keyword,
            args,
            depth,
        };
        self.push(line_span(lb), ItemKind::If(i));
        true
    }

    fn else_endif(&mut self, lb: &LineBuf, p: usize, wend: usize, end: usize) {
        let s = &lb.buf[..];
        let keyword = lb.span(p, wend);
        let rest = skip_space_to(s, wend, end);
        if &s[p..wend] == b"endif" {
            if rest < end {
                self.diag(
                    lb.span(rest, trim_end(s, rest, end)),
                    Severity::Warning,
                    "extraneous text after 'endif' directive",
                );
            }
            let Some(f) = self.conds.pop() else {
                self.error(keyword, "extraneous 'endif'");
                return;
            };
            // The rule open after `endif`: the last branch's, else another
            // branch's, else the one before (no `else`: all branches may be
            // skipped).
            let skipped = if f.seen_else { None } else { f.at_if };
            self.rule = self.rule.or(f.merged).or(skipped);
            let e = Endif {
                keyword,
                depth: self.conds.len(),
            };
            self.push(line_span(lb), ItemKind::Endif(e));
            return;
        }
        let Some(f) = self.conds.last_mut() else {
            self.error(keyword, "extraneous 'else'");
            return;
        };
        if f.seen_else {
            self.error(keyword, "only one 'else' per conditional");
            return;
        }
        f.merged = f.merged.or(self.rule);
        self.rule = f.at_if;
        if rest >= end {
            f.seen_else = true;
            let e = Else {
                keyword,
                depth: self.conds.len() - 1,
            };
            self.push(line_span(lb), ItemKind::Else(e));
            return;
        }
        let e = end_of_token_to(s, rest, end);
        let sub = &s[rest..e];
        let is_test = matches!(sub, b"ifdef" | b"ifndef" | b"ifeq" | b"ifneq");
        if !is_test || !self.conditional(lb, rest, e, end, Some((p, wend))) {
            self.diag(
                lb.span(rest, trim_end(s, rest, end)),
                Severity::Warning,
                "extraneous text after 'else' directive",
            );
            let e = Else {
                keyword,
                depth: self.conds.len() - 1,
            };
            self.push(line_span(lb), ItemKind::Else(e));
        }
    }

    /// A line that is not an assignment or directive (C `eval`'s rule part).
    fn rule_line(&mut self, lb: &LineBuf, loc: Loc) {
        self.rule = None;
        let s = &lb.buf[..];
        // An unquoted `;` not after a `#` starts the recipe, which runs to
        // the line's end (comments included).
        let (mut end, semi) = match find_unquoted(s, 0, s.len(), |c| c == b';' || c == b'#') {
            Some(i) if s[i] == b';' => (i, Some(i)),
            Some(i) => (i, None),
            None => (s.len(), None),
        };
        self.refs(s, 0, end, lb);
        let mut inline = semi.map(|i| {
            let prefix = lb.map[i];
            self.refs(self.text, prefix + 1, loc.end, &Source);
            RecipeLine {
                prefix,
                text: Span::new(prefix + 1, loc.end),
                inline: true,
            }
        });
        let p0 = skip_space_to(s, 0, end);
        if p0 >= end {
            if let Some(r) = inline {
                self.error(
                    Span::new(r.prefix, r.prefix + 1),
                    "missing rule before recipe",
                );
            }
            return;
        }
        // Make unquotes `\;` while looking for that `;`, then looks for `;`
        // again in the words: a `;` after 1, 5, 9... backslashes (still
        // before any comment) starts the recipe after all, which ends at the
        // comment.
        let weak = match semi {
            None => find_stop(s, 0, end, |c| c == b';', |n| n % 4 == 1),
            Some(_) => None,
        };
        // The text before such a `;` keeps a quarter of its backslashes.
        let before = |w: usize| {
            let n = trailing_backslashes(&s[..w]);
            w - n + n / 4
        };
        let line_end = end;
        let recipe_at = |w: usize| RecipeLine {
            prefix: lb.map[w],
            text: lb.span(w + 1, line_end),
            inline: true,
        };
        let colon = find_unquoted(s, 0, end, |c| c == b':').filter(|&c| weak.is_none_or(|w| c < w));
        let Some(colon) = colon else {
            let end = weak.map_or(end, before);
            // A blank line before such a `;` is no error.
            if skip_space_to(s, 0, end) < end {
                self.no_colon(lb, loc, p0, end);
            }
            return;
        };
        let sep_start = if colon > 0 && s[colon - 1] == b'&' {
            colon - 1
        } else {
            colon
        };
        let double = colon + 1 < end && s[colon + 1] == b':';
        let sep_end = colon + 1 + usize::from(double);
        let separator = match (sep_start < colon, double) {
            (false, false) => Separator::Single,
            (false, true) => Separator::Double,
            (true, false) => Separator::Grouped,
            (true, true) => Separator::GroupedDouble,
        };
        let mut rule = Rule {
            targets: Vec::new(),
            separator,
            separator_span: lb.span(sep_start, sep_end),
            static_pattern: None,
            prerequisites: Vec::new(),
            pipe: None,
            order_only: Vec::new(),
            variable: None,
            recipe: Vec::new(),
        };
        split_files(s, p0, sep_start, lb, &mut rule.targets);
        // A line starting with the separator is ignored by make (its recipe
        // too): no target-specific variable, no errors.
        let ignored = rule.targets.is_empty();
        // A target-specific variable? Its value runs on past a `;`.
        if !ignored {
            if let Some((mods, AssignLine::Var(d))) = var_assignment(s, sep_end, end, true) {
                let vend = if semi.is_some() { s.len() } else { end };
                let a = assignment(lb, mods, d, vend);
                if a.name.is_empty() {
                    self.error(a.op_span, "empty variable name");
                }
                rule.variable = Some(a);
                self.push(loc.span(), ItemKind::Rule(rule));
                return;
            }
        }
        if let Some(w) = weak {
            inline = Some(recipe_at(w));
            end = before(w);
        }
        let mut deps = sep_end;
        if let Some(c2) = find_unquoted(s, sep_end, end, |c| c == b':') {
            let mut patterns = Vec::new();
            split_files(s, sep_end, c2, &Source, &mut patterns);
            let literal: Vec<&[u8]> = patterns
                .iter()
                .filter(|w| !has_reference(s, w.start, w.end))
                .map(|w| &s[w.start..w.end])
                .collect();
            let whole = match (patterns.first(), patterns.last()) {
                (Some(a), Some(b)) => lb.span(a.start, b.end),
                _ => lb.span(c2, c2 + 1),
            };
            if ignored {
            } else if patterns.is_empty() {
                self.error(whole, "missing target pattern");
            } else if literal.len() > 1 {
                self.error(whole, "multiple target patterns");
            } else if patterns.len() == 1
                && literal.len() == 1
                && find_unquoted(literal[0], 0, literal[0].len(), |c| c == b'%').is_none()
            {
                self.error(whole, "target pattern contains no '%'");
            }
            rule.static_pattern = Some(StaticPattern {
                patterns: patterns.iter().map(|w| lb.span(w.start, w.end)).collect(),
                colon: lb.span(c2, c2 + 1),
            });
            deps = c2 + 1;
        }
        match find_unquoted(s, deps, end, |c| c == b'|') {
            Some(bar) => {
                split_files(s, deps, bar, lb, &mut rule.prerequisites);
                rule.pipe = Some(lb.span(bar, bar + 1));
                split_files(s, bar + 1, end, lb, &mut rule.order_only);
            }
            None => split_files(s, deps, end, lb, &mut rule.prerequisites),
        }
        rule.recipe.extend(inline);
        self.rule = Some(self.push(loc.span(), ItemKind::Rule(rule)));
    }

    /// A line without a separator: fine if its references may expand to
    /// nothing (or to a rule), else "missing separator".
    fn no_colon(&mut self, lb: &LineBuf, loc: Loc, p0: usize, end: usize) {
        let s = &lb.buf[..];
        let l = &s[p0..end];
        let ifeq = l.starts_with(b"if")
            && ((l[2..].starts_with(b"neq") && !l.get(5).is_some_and(|&c| is_blank(c)))
                || (l[2..].starts_with(b"eq") && !l.get(4).is_some_and(|&c| is_blank(c))));
        let span = lb.span(p0, trim_end(s, p0, end));
        if !ifeq && has_reference(s, p0, end) {
            self.push(loc.span(), ItemKind::Expansion);
        } else if self.prefix == b'\t' && s.starts_with(b"        ") {
            self.error(
                span,
                "missing separator (did you mean TAB instead of 8 spaces?)",
            );
        } else if ifeq {
            self.error(
                span,
                "missing separator (ifeq/ifneq must be followed by whitespace)",
            );
        } else {
            self.error(span, "missing separator");
        }
    }
}

/// The span of a line's content in `lb`.
fn line_span(lb: &LineBuf) -> Span {
    Span::new(lb.map.first().copied().unwrap_or(lb.end), lb.end)
}

fn mods_spans(lb: &LineBuf, mods: &Mods) -> Vec<(Modifier, Span)> {
    mods.iter().map(|&(m, (a, b))| (m, lb.span(a, b))).collect()
}

fn assignment(lb: &LineBuf, mods: Mods, d: VarDef, vend: usize) -> Assignment {
    let mut words = Vec::new();
    split_words(&lb.buf, d.value, vend, lb, &mut words);
    Assignment {
        modifiers: mods_spans(lb, &mods),
        name: lb.span(d.name.0, d.name.1),
        op: d.op,
        op_span: lb.span(d.op_pos.0, d.op_pos.1),
        value: lb.span(d.value.min(vend), vend),
        words,
    }
}

fn skip_space_to(s: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_space(s[i]) {
        i += 1;
    }
    i
}

fn end_of_token_to(s: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && !is_space(s[i]) {
        i += 1;
    }
    i
}

/// The end of `s[from..end]` without trailing space.
fn trim_end(s: &[u8], from: usize, mut end: usize) -> usize {
    while end > from && is_space(s[end - 1]) {
        end -= 1;
    }
    end
}

/// The end of the `$` reference at `i` (`s[i] == b'$'`): `$x` is two bytes,
/// `$(...)`/`${...}` runs to the matching close (nested parens of its kind
/// counted), or to `end` when unterminated.
fn skip_ref(s: &[u8], i: usize, end: usize) -> usize {
    let j = i + 1;
    if j >= end {
        return end;
    }
    match s[j] {
        b'(' | b'{' => matching_close(s, j, end).map_or(end, |k| k + 1),
        _ => j + 1,
    }
}

/// The close matching the `(` or `{` at `open`, counting nested ones of the
/// same kind.
fn matching_close(s: &[u8], open: usize, end: usize) -> Option<usize> {
    let o = s[open];
    let close = if o == b'(' { b')' } else { b'}' };
    let mut count = 1;
    for (k, &c) in s.iter().enumerate().take(end).skip(open + 1) {
        if c == o {
            count += 1;
        } else if c == close {
            count -= 1;
            if count == 0 {
                return Some(k);
            }
        }
    }
    None
}

/// The first byte of `s[from..end]` matching `stop` that is outside
/// references and not quoted by an odd number of backslashes (C
/// `find_map_unquote` with `MAP_VARIABLE`, without removing backslashes).
fn find_unquoted(s: &[u8], from: usize, end: usize, stop: impl Fn(u8) -> bool) -> Option<usize> {
    find_stop(s, from, end, stop, |n| n % 2 == 0)
}

/// Like `find_unquoted`, with `accept` deciding from the number of
/// backslashes before a stop byte whether it counts.
fn find_stop(
    s: &[u8],
    from: usize,
    end: usize,
    stop: impl Fn(u8) -> bool,
    accept: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut i = from;
    // Backslashes are counted back to here (not into a reference).
    let mut floor = from;
    while i < end {
        let c = s[i];
        if c == b'$' {
            i = skip_ref(s, i, end);
            floor = i;
            continue;
        }
        if stop(c) && accept(trailing_backslashes(&s[floor..i])) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether `s[from..end]` has a `$` reference (`$$` is none).
fn has_reference(s: &[u8], from: usize, end: usize) -> bool {
    let mut i = from;
    while i + 1 < end {
        if s[i] == b'$' {
            if s[i + 1] != b'$' {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Splits `s[from..end]` at spaces; a reference is part of the word it is
/// in.
fn split_words<M: Mapper>(s: &[u8], from: usize, end: usize, m: &M, out: &mut Vec<Span>) {
    let mut i = from;
    loop {
        i = skip_space_to(s, i, end);
        if i >= end {
            return;
        }
        let start = i;
        while i < end && !is_space(s[i]) {
            i = if s[i] == b'$' {
                skip_ref(s, i, end)
            } else {
                i + 1
            };
        }
        out.push(m.span(start, i));
    }
}

/// Splits file names like make's `parse_file_seq`: as `split_words`, but a
/// blank quoted by a backslash is part of the name.
fn split_files<M: Mapper>(s: &[u8], from: usize, end: usize, m: &M, out: &mut Vec<Span>) {
    let mut i = from;
    loop {
        i = skip_space_to(s, i, end);
        if i >= end {
            return;
        }
        let start = i;
        let mut floor = i;
        while i < end {
            if s[i] == b'$' {
                i = skip_ref(s, i, end);
                floor = i;
            } else if is_space(s[i]) && trailing_backslashes(&s[floor..i]) % 2 == 0 {
                break;
            } else {
                i += 1;
            }
        }
        out.push(m.span(start, i));
    }
}

/// Recognises `name op value` at `from` (C `parse_variable_definition`).
fn var_def(s: &[u8], from: usize, end: usize) -> Option<VarDef> {
    let mut p = skip_space_to(s, from, end);
    let name_start = p;
    let mut name_end: Option<usize> = None;
    let at = |i: usize| if i < end { Some(s[i]) } else { None };
    let (op, op_start) = loop {
        let c = at(p)?;
        p += 1;
        if c == b'#' {
            return None;
        }
        if is_blank(c) {
            if name_end.is_some() {
                return None;
            }
            name_end = Some(p - 1);
            p = skip_space_to(s, p, end);
            continue;
        }
        if c == b'=' {
            name_end.get_or_insert(p - 1);
            break (AssignOp::Recursive, p - 1);
        }
        if c == b':' {
            name_end.get_or_insert(p - 1);
            let op_start = p - 1;
            match at(p) {
                Some(b'=') => {
                    p += 1;
                    break (AssignOp::Simple, op_start);
                }
                Some(b':') => {
                    p += 1;
                    match at(p) {
                        Some(b'=') => {
                            p += 1;
                            break (AssignOp::PosixSimple, op_start);
                        }
                        Some(b':') if at(p + 1) == Some(b'=') => {
                            p += 2;
                            break (AssignOp::Immediate, op_start);
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        if at(p) == Some(b'=') {
            let op = match c {
                b'+' => Some(AssignOp::Append),
                b'?' => Some(AssignOp::Conditional),
                b'!' => Some(AssignOp::Shell),
                _ => None,
            };
            if let Some(op) = op {
                name_end.get_or_insert(p - 1);
                p += 1;
                break (op, p - 2);
            }
        }
        if name_end.is_some() {
            return None;
        }
        if c == b'$' {
            let c2 = at(p)?;
            p += 1;
            let close = match c2 {
                b'(' => b')',
                b'{' => b'}',
                _ => continue,
            };
            let mut count = 1;
            while p < end {
                if s[p] == close {
                    count -= 1;
                    if count == 0 {
                        p += 1;
                        break;
                    }
                }
                if s[p] == c2 {
                    count += 1;
                }
                p += 1;
            }
        }
    };
    Some(VarDef {
        name: (name_start, name_end.unwrap_or(op_start)),
        op,
        op_pos: (op_start, p),
        value: skip_space_to(s, p, end),
    })
}

/// Modifiers, then an assignment, `define` or `undefine` (C
/// `parse_var_assignment`); `targvar`: after a rule's colon, where `define`
/// and `undefine` are not recognised.
fn var_assignment(s: &[u8], from: usize, end: usize, targvar: bool) -> Option<(Mods, AssignLine)> {
    let mut mods = Vec::new();
    let mut p = skip_space_to(s, from, end);
    if p >= end {
        return None;
    }
    loop {
        if let Some(d) = var_def(s, p, end) {
            return Some((mods, AssignLine::Var(d)));
        }
        let e = end_of_token_to(s, p, end);
        let m = match &s[p..e] {
            b"export" => Modifier::Export,
            b"unexport" => Modifier::Unexport,
            b"override" => Modifier::Override,
            b"private" => Modifier::Private,
            b"define" if !targvar => {
                return Some((mods, AssignLine::Define(p, skip_space_to(s, e, end))));
            }
            b"undefine" if !targvar => {
                return Some((mods, AssignLine::Undefine(p, skip_space_to(s, e, end))));
            }
            _ => return None,
        };
        mods.push((m, (p, e)));
        p = skip_space_to(s, e, end);
        if p >= end {
            return None;
        }
    }
}

/// The operands of `ifeq`/`ifneq` at `rest`, in `(a,b)` or quoted form, and
/// where extraneous text after them starts. `None`: invalid syntax.
#[allow(clippy::type_complexity)]
fn ifeq_args(s: &[u8], rest: usize, end: usize) -> Option<(Vec<(usize, usize)>, Option<usize>)> {
    let first = *s[..end].get(rest)?;
    let termin = if first == b'(' { b',' } else { first };
    if !matches!(termin, b',' | b'"' | b'\'') {
        return None;
    }
    let s1_start = rest + 1;
    let mut i = s1_start;
    if termin == b',' {
        let mut count = 0i32;
        while i < end {
            match s[i] {
                b'(' => count += 1,
                b')' => count -= 1,
                b',' if count <= 0 => break,
                _ => {}
            }
            i += 1;
        }
    } else {
        while i < end && s[i] != termin {
            i += 1;
        }
    }
    if i >= end {
        return None;
    }
    let mut s1_end = i;
    if termin == b',' {
        while s1_end > s1_start && is_blank(s[s1_end - 1]) {
            s1_end -= 1;
        }
    }
    i += 1;
    if termin != b',' {
        i = skip_space_to(s, i, end);
    }
    let termin2 = if termin == b',' {
        b')'
    } else if i < end {
        s[i]
    } else {
        0
    };
    if !matches!(termin2, b')' | b'"' | b'\'') {
        return None;
    }
    let s2_start;
    if termin2 == b')' {
        let mut count = 0i32;
        s2_start = skip_space_to(s, i, end);
        i = s2_start;
        while i < end {
            if s[i] == b'(' {
                count += 1;
            } else if s[i] == b')' {
                if count <= 0 {
                    break;
                }
                count -= 1;
            }
            i += 1;
        }
    } else {
        i += 1;
        s2_start = i;
        while i < end && s[i] != termin2 {
            i += 1;
        }
    }
    if i >= end {
        return None;
    }
    let s2_end = i;
    let after = skip_space_to(s, i + 1, end);
    let extra = (after < end).then_some(after);
    Some((vec![(s1_start, s1_end), (s2_start, s2_end)], extra))
}

/// Splits a function's arguments at top-level commas (C
/// `find_next_argument`); the last of `max` arguments takes the rest.
fn split_args(s: &[u8], from: usize, end: usize, open: u8, close: u8, max: u32) -> Vec<Span> {
    let mut args = Vec::new();
    let mut start = from;
    let mut count = 0i32;
    for (i, &c) in s.iter().enumerate().take(end).skip(from) {
        if max > 0 && args.len() as u32 + 1 == max {
            break;
        }
        if c == open {
            count += 1;
        } else if c == close {
            count -= 1;
        } else if c == b',' && count == 0 {
            args.push(Span::new(start, i));
            start = i + 1;
        }
    }
    args.push(Span::new(start, end));
    args
}

/// Name and kind of `$(` `s[beg..end]` `)`: a substitution reference when a
/// `:` outside references is followed by a `=`.
fn ref_parts(s: &[u8], beg: usize, end: usize) -> (RefKind, (usize, usize), Vec<(usize, usize)>) {
    if let Some(colon) = find_unquoted(s, beg, end, |c| c == b':') {
        let eq = find_unquoted(s, colon + 1, end, |c| c == b'=');
        if let Some(eq) = eq {
            return (
                RefKind::Substitution,
                (beg, colon),
                vec![(colon + 1, eq), (eq + 1, end)],
            );
        }
    }
    (RefKind::Variable, (beg, end), Vec::new())
}

/// Collects the references in `s[from..to]` as make's expander finds them
/// (C `variable_expand_string`).
fn scan_refs<M: Mapper>(s: &[u8], from: usize, to: usize, m: &M, out: &mut Syntax, depth: u32) {
    if depth > MAX_NESTING {
        return;
    }
    let mut p = from;
    while p < to {
        let Some(d) = s[p..to].iter().position(|&c| c == b'$').map(|x| x + p) else {
            return;
        };
        let q = d + 1;
        if q >= to {
            return;
        }
        let (open, close) = match s[q] {
            b'$' => {
                p = q + 1;
                continue;
            }
            b'(' => (b'(', b')'),
            b'{' => (b'{', b'}'),
            _ => {
                out.references.push(Reference {
                    span: m.span(d, q + 1),
                    name: m.span(q, q + 1),
                    kind: RefKind::Variable,
                    args: Vec::new(),
                });
                p = q + 1;
                continue;
            }
        };
        let beg = q + 1;
        if let Some(f) = lookup_function(&s[beg..to]) {
            let name = m.span(beg, beg + f.name.len());
            let a = skip_space_to(s, beg + f.name.len(), to);
            let mut count = 0i32;
            let mut e = a;
            while e < to {
                if s[e] == open {
                    count += 1;
                } else if s[e] == close {
                    count -= 1;
                    if count < 0 {
                        break;
                    }
                }
                e += 1;
            }
            if e >= to {
                out.diagnostics.push(Diagnostic {
                    span: m.span(d, to),
                    severity: Severity::Error,
                    message: format!(
                        "unterminated call to function '{}': missing '{}'",
                        f.name, close as char
                    ),
                });
                out.references.push(Reference {
                    span: m.span(d, to),
                    name,
                    kind: RefKind::Function,
                    args: Vec::new(),
                });
                scan_refs(s, a, to, m, out, depth + 1);
                return;
            }
            let args = split_args(s, a, e, open, close, f.max_args);
            out.references.push(Reference {
                span: m.span(d, e + 1),
                name,
                kind: RefKind::Function,
                args: args.iter().map(|x| m.span(x.start, x.end)).collect(),
            });
            for x in args {
                scan_refs(s, x.start, x.end, m, out, depth + 1);
            }
            p = e + 1;
            continue;
        }
        let Some(end) = s[beg..to].iter().position(|&c| c == close).map(|x| x + beg) else {
            out.diagnostics.push(Diagnostic {
                span: m.span(d, to),
                severity: Severity::Error,
                message: "unterminated variable reference".into(),
            });
            return;
        };
        let mut stop = end;
        let mut nested = false;
        if s[beg..end].contains(&b'$') {
            if let Some(c) = matching_close(s, q, to) {
                stop = c;
                nested = true;
            } else {
                // `$($(a)`: make takes the text to the first close as the
                // name and drops the rest of the string.
                out.references.push(Reference {
                    span: m.span(d, end + 1),
                    name: m.span(beg, end),
                    kind: RefKind::Variable,
                    args: Vec::new(),
                });
                return;
            }
        }
        let (kind, name, args) = ref_parts(s, beg, stop);
        out.references.push(Reference {
            span: m.span(d, stop + 1),
            name: m.span(name.0, name.1),
            kind,
            args: args.iter().map(|&(a, b)| m.span(a, b)).collect(),
        });
        if nested {
            scan_refs(s, beg, stop, m, out, depth + 1);
        }
        p = stop + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};
    use std::fmt::Write;

    fn sp(t: &[u8], s: Span) -> String {
        format!(
            "{}..{}{:?}",
            s.start,
            s.end,
            String::from_utf8_lossy(s.text(t))
        )
    }

    fn sps(t: &[u8], v: &[Span]) -> String {
        let v: Vec<String> = v.iter().map(|&s| sp(t, s)).collect();
        format!("[{}]", v.join(" "))
    }

    fn mods(t: &[u8], m: &[(Modifier, Span)]) -> String {
        m.iter()
            .map(|&(m, s)| format!("{m:?}@{} ", sp(t, s)))
            .collect()
    }

    fn assign(t: &[u8], a: &Assignment) -> String {
        format!(
            "{}name={} op={} value={} words={}",
            mods(t, &a.modifiers),
            sp(t, a.name),
            sp(t, a.op_span),
            sp(t, a.value),
            sps(t, &a.words)
        )
    }

    /// A compact listing of everything `parse` found.
    fn dump(src: &str) -> String {
        let t = src.as_bytes();
        let syn = parse(t);
        let mut o = String::new();
        for it in &syn.items {
            let _ = write!(o, "{}..{} ", it.span.start, it.span.end);
            match &it.kind {
                ItemKind::Assignment(a) => {
                    let _ = writeln!(o, "Assignment {}", assign(t, a));
                }
                ItemKind::Define(d) => {
                    let op =
                        d.op.map_or(String::new(), |(_, s)| format!(" op={}", sp(t, s)));
                    let endef = d.endef.map_or("None".into(), |s| sp(t, s));
                    let _ = writeln!(
                        o,
                        "Define {}{} name={}{op} body={} endef={endef}",
                        mods(t, &d.modifiers),
                        sp(t, d.keyword),
                        sp(t, d.name),
                        sp(t, d.body)
                    );
                }
                ItemKind::Undefine(u) => {
                    let _ = writeln!(
                        o,
                        "Undefine {}{} name={}",
                        mods(t, &u.modifiers),
                        sp(t, u.keyword),
                        sp(t, u.name)
                    );
                }
                ItemKind::Rule(r) => {
                    let _ = write!(
                        o,
                        "Rule targets={} {:?}@{}",
                        sps(t, &r.targets),
                        r.separator,
                        sp(t, r.separator_span)
                    );
                    if let Some(p) = &r.static_pattern {
                        let _ = write!(
                            o,
                            " patterns={} colon={}",
                            sps(t, &p.patterns),
                            sp(t, p.colon)
                        );
                    }
                    if !r.prerequisites.is_empty() {
                        let _ = write!(o, " prereqs={}", sps(t, &r.prerequisites));
                    }
                    if let Some(p) = r.pipe {
                        let _ =
                            write!(o, " pipe={} order_only={}", sp(t, p), sps(t, &r.order_only));
                    }
                    if let Some(a) = &r.variable {
                        let _ = write!(o, " variable: {}", assign(t, a));
                    }
                    let _ = writeln!(o);
                    for l in &r.recipe {
                        let _ = writeln!(
                            o,
                            "    recipe prefix={}{:?} text={}{}",
                            l.prefix,
                            t[l.prefix] as char,
                            sp(t, l.text),
                            if l.inline { " inline" } else { "" }
                        );
                    }
                }
                ItemKind::Directive(d) => {
                    let _ = writeln!(o, "{:?}@{} {}", d.kind, sp(t, d.keyword), sps(t, &d.words));
                }
                ItemKind::If(i) => {
                    let e = i
                        .else_keyword
                        .map_or(String::new(), |s| format!("else@{} ", sp(t, s)));
                    let _ = writeln!(
                        o,
                        "{e}{:?}@{} args={} depth={}",
                        i.test,
                        sp(t, i.keyword),
                        sps(t, &i.args),
                        i.depth
                    );
                }
                ItemKind::Else(e) => {
                    let _ = writeln!(o, "Else@{} depth={}", sp(t, e.keyword), e.depth);
                }
                ItemKind::Endif(e) => {
                    let _ = writeln!(o, "Endif@{} depth={}", sp(t, e.keyword), e.depth);
                }
                ItemKind::Expansion => {
                    let _ = writeln!(o, "Expansion {}", sp(t, it.span));
                }
            }
        }
        for r in &syn.references {
            let _ = write!(
                o,
                "ref {:?} {} name={}",
                r.kind,
                sp(t, r.span),
                sp(t, r.name)
            );
            if !r.args.is_empty() {
                let _ = write!(o, " args={}", sps(t, &r.args));
            }
            let _ = writeln!(o);
        }
        for d in &syn.diagnostics {
            let _ = writeln!(o, "{:?} {}: {}", d.severity, sp(t, d.span), d.message);
        }
        o
    }

    fn check(src: &str, expect: Expect) {
        expect.assert_eq(&dump(src));
    }

    #[test]
    fn assignments() {
        check(
            "A = 1\nB := x  y\nC ::= c\nD :::= d\nE += $(A) $(foo a b)z\nF ?= f # note\nG != echo hi\n",
            expect![[r#"
                0..5 Assignment name=0..1"A" op=2..3"=" value=4..5"1" words=[4..5"1"]
                6..15 Assignment name=6..7"B" op=8..10":=" value=11..15"x  y" words=[11..12"x" 14..15"y"]
                16..23 Assignment name=16..17"C" op=18..21"::=" value=22..23"c" words=[22..23"c"]
                24..32 Assignment name=24..25"D" op=26..30":::=" value=31..32"d" words=[31..32"d"]
                33..54 Assignment name=33..34"E" op=35..37"+=" value=38..54"$(A) $(foo a b)z" words=[38..42"$(A)" 43..54"$(foo a b)z"]
                55..68 Assignment name=55..56"F" op=57..59"?=" value=60..62"f " words=[60..61"f"]
                69..81 Assignment name=69..70"G" op=71..73"!=" value=74..81"echo hi" words=[74..78"echo" 79..81"hi"]
                ref Variable 38..42"$(A)" name=40..41"A"
                ref Variable 43..53"$(foo a b)" name=45..52"foo a b"
            "#]],
        );
    }

    #[test]
    fn assignment_modifiers_and_computed_names() {
        check(
            "export A = 1\noverride private B += 2\nobj-$(CONFIG_EXT4_FS) += ext4/\nexport = e\n  unexport override C:=$(call f,$(x), y)\n",
            expect![[r#"
                0..12 Assignment Export@0..6"export" name=7..8"A" op=9..10"=" value=11..12"1" words=[11..12"1"]
                13..36 Assignment Override@13..21"override" Private@22..29"private" name=30..31"B" op=32..34"+=" value=35..36"2" words=[35..36"2"]
                37..67 Assignment name=37..58"obj-$(CONFIG_EXT4_FS)" op=59..61"+=" value=62..67"ext4/" words=[62..67"ext4/"]
                68..78 Assignment name=68..74"export" op=75..76"=" value=77..78"e" words=[77..78"e"]
                79..119 Assignment Unexport@81..89"unexport" Override@90..98"override" name=99..100"C" op=100..102":=" value=102..119"$(call f,$(x), y)" words=[102..119"$(call f,$(x), y)"]
                ref Variable 41..58"$(CONFIG_EXT4_FS)" name=43..57"CONFIG_EXT4_FS"
                ref Function 102..119"$(call f,$(x), y)" name=104..108"call" args=[109..110"f" 111..115"$(x)" 116..118" y"]
                ref Variable 111..115"$(x)" name=113..114"x"
            "#]],
        );
    }

    #[test]
    fn assignment_values_keep_trailing_blanks_and_join_continuations() {
        check(
            "X = a \\\n    b  \\\n\tc \nY =\nZ := ${A}${B}\n",
            expect![[r#"
            0..20 Assignment name=0..1"X" op=2..3"=" value=4..20"a \\\n    b  \\\n\tc " words=[4..5"a" 12..13"b" 18..19"c"]
            21..24 Assignment name=21..22"Y" op=23..24"=" value=24..24"" words=[]
            25..38 Assignment name=25..26"Z" op=27..29":=" value=30..38"${A}${B}" words=[30..38"${A}${B}"]
            ref Variable 30..34"${A}" name=32..33"A"
            ref Variable 34..38"${B}" name=36..37"B"
        "#]],
        );
    }

    #[test]
    fn defines() {
        check(
            "define A\nline $(x)\n  define B\n  endef\nendef\noverride define C :=\nendef # c\nexport define D =\n\nendef\ndefine E\nendef x\nendef\n",
            expect![[r#"
                0..43 Define 0..6"define" name=7..8"A" body=9..37"line $(x)\n  define B\n  endef" endef=38..43"endef"
                44..74 Define Override@44..52"override" 53..59"define" name=60..61"C" op=62..64":=" body=65..65"" endef=65..70"endef"
                75..99 Define Export@75..81"export" 82..88"define" name=89..90"D" op=91..92"=" body=93..93"" endef=94..99"endef"
                100..116 Define 100..106"define" name=107..108"E" body=109..109"" endef=109..114"endef"
                ref Variable 14..18"$(x)" name=16..17"x"
                Warning 115..116"x": extraneous text after 'endef' directive
                Error 117..122"endef": missing separator
            "#]],
        );
    }

    #[test]
    fn define_errors() {
        check(
            "define\nendef\ndefine X = y\nendef\ndefine Y\n\tendef\nendef\ndefine Z\nno end\n",
            expect![[r#"
            0..12 Define 0..6"define" name=6..6"" body=7..7"" endef=7..12"endef"
            13..31 Define 13..19"define" name=20..21"X" op=22..23"=" body=26..26"" endef=26..31"endef"
            32..53 Define 32..38"define" name=39..40"Y" body=41..47"\tendef" endef=48..53"endef"
            54..69 Define 54..60"define" name=61..62"Z" body=63..69"no end" endef=None
            Error 0..6"define": empty variable name
            Warning 24..25"y": extraneous text after 'define' directive
            Error 54..60"define": missing 'endef', unterminated 'define'
        "#]],
        );
    }

    #[test]
    fn undefine() {
        check(
            "undefine A\noverride undefine $(B)\nundefine\n",
            expect![[r#"
            0..10 Undefine 0..8"undefine" name=9..10"A"
            11..33 Undefine Override@11..19"override" 20..28"undefine" name=29..33"$(B)"
            34..42 Undefine 34..42"undefine" name=42..42""
            ref Variable 29..33"$(B)" name=31..32"B"
            Error 34..42"undefine": empty variable name
        "#]],
        );
    }

    #[test]
    fn rules() {
        check(
            "all: a b | c d\na b:: x\nx y &: z\np &:: q\n%.o: %.c $$(dep)\n\t$(CC) -c $< -o $@\n",
            expect![[r#"
                0..14 Rule targets=[0..3"all"] Single@3..4":" prereqs=[5..6"a" 7..8"b"] pipe=9..10"|" order_only=[11..12"c" 13..14"d"]
                15..22 Rule targets=[15..16"a" 17..18"b"] Double@18..20"::" prereqs=[21..22"x"]
                23..31 Rule targets=[23..24"x" 25..26"y"] Grouped@27..29"&:" prereqs=[30..31"z"]
                32..39 Rule targets=[32..33"p"] GroupedDouble@34..37"&::" prereqs=[38..39"q"]
                40..56 Rule targets=[40..43"%.o"] Single@43..44":" prereqs=[45..48"%.c" 49..56"$$(dep)"]
                    recipe prefix=57'\t' text=58..75"$(CC) -c $< -o $@"
                ref Variable 58..63"$(CC)" name=60..62"CC"
                ref Variable 67..69"$<" name=68..69"<"
                ref Variable 73..75"$@" name=74..75"@"
            "#]],
        );
    }

    #[test]
    fn static_pattern_rules() {
        check(
            "$(objs): %.o: %.c | dir\nx.o: foo: bar\na: b c: d\nc: : d\n",
            expect![[r#"
                0..23 Rule targets=[0..7"$(objs)"] Single@7..8":" patterns=[9..12"%.o"] colon=12..13":" prereqs=[14..17"%.c"] pipe=18..19"|" order_only=[20..23"dir"]
                24..37 Rule targets=[24..27"x.o"] Single@27..28":" patterns=[29..32"foo"] colon=32..33":" prereqs=[34..37"bar"]
                38..47 Rule targets=[38..39"a"] Single@39..40":" patterns=[41..42"b" 43..44"c"] colon=44..45":" prereqs=[46..47"d"]
                48..54 Rule targets=[48..49"c"] Single@49..50":" patterns=[] colon=51..52":" prereqs=[53..54"d"]
                ref Variable 0..7"$(objs)" name=2..6"objs"
                Error 29..32"foo": target pattern contains no '%'
                Error 41..44"b c": multiple target patterns
                Error 51..52":": missing target pattern
            "#]],
        );
    }

    #[test]
    fn target_and_pattern_specific_variables() {
        check(
            "t: CFLAGS += -O2\n%.o: private export X := a;b # c\nt: X = 1 # c\nt u: override Y=\n",
            expect![[r##"
                0..16 Rule targets=[0..1"t"] Single@1..2":" variable: name=3..9"CFLAGS" op=10..12"+=" value=13..16"-O2" words=[13..16"-O2"]
                17..49 Rule targets=[17..20"%.o"] Single@20..21":" variable: Private@22..29"private" Export@30..36"export" name=37..38"X" op=39..41":=" value=42..49"a;b # c" words=[42..45"a;b" 46..47"#" 48..49"c"]
                50..62 Rule targets=[50..51"t"] Single@51..52":" variable: name=53..54"X" op=55..56"=" value=57..59"1 " words=[57..58"1"]
                63..79 Rule targets=[63..64"t" 65..66"u"] Single@66..67":" variable: Override@68..76"override" name=77..78"Y" op=78..79"=" value=79..79"" words=[]
            "##]],
        );
    }

    #[test]
    fn recipes() {
        check(
            "a: b ; echo $@ # not a comment\n\tcmd1 \\\n\t  more\n\n# comment\n\t# shell comment\nifdef X\n\tcmd2\nendif\n\n\t\nB = 1\n",
            expect![[r##"
                0..30 Rule targets=[0..1"a"] Single@1..2":" prereqs=[3..4"b"]
                    recipe prefix=5';' text=6..30" echo $@ # not a comment" inline
                    recipe prefix=31'\t' text=32..46"cmd1 \\\n\t  more"
                    recipe prefix=58'\t' text=59..74"# shell comment"
                    recipe prefix=83'\t' text=84..88"cmd2"
                    recipe prefix=96'\t' text=97..97""
                75..82 Ifdef@75..80"ifdef" args=[81..82"X"] depth=0
                89..94 Endif@89..94"endif" depth=0
                98..103 Assignment name=98..99"B" op=100..101"=" value=102..103"1" words=[102..103"1"]
                ref Variable 12..14"$@" name=13..14"@"
            "##]],
        );
    }

    #[test]
    fn recipe_after_conditional_branches() {
        // The rule opened in one branch takes the recipe after `endif`.
        check(
            "ifdef X\na:\nelse\nV = 1\nendif\n\techo a\nifdef Y\nW = 2\nendif\n\techo still a\n",
            expect![[r#"
                0..7 Ifdef@0..5"ifdef" args=[6..7"X"] depth=0
                8..10 Rule targets=[8..9"a"] Single@9..10":"
                    recipe prefix=28'\t' text=29..35"echo a"
                    recipe prefix=56'\t' text=57..69"echo still a"
                11..15 Else@11..15"else" depth=0
                16..21 Assignment name=16..17"V" op=18..19"=" value=20..21"1" words=[20..21"1"]
                22..27 Endif@22..27"endif" depth=0
                36..43 Ifdef@36..41"ifdef" args=[42..43"Y"] depth=0
                44..49 Assignment name=44..45"W" op=46..47"=" value=48..49"2" words=[48..49"2"]
                50..55 Endif@50..55"endif" depth=0
            "#]],
        );
    }

    #[test]
    fn recipe_before_first_target() {
        check(
            "\techo\n\t# only a comment\n\t\n\tV = assignment\nt: X = 1\n\techo no rule\n: x\n\tignored recipe\n",
            expect![[r#"
                26..41 Assignment name=27..28"V" op=29..30"=" value=31..41"assignment" words=[31..41"assignment"]
                42..50 Rule targets=[42..43"t"] Single@43..44":" variable: name=45..46"X" op=47..48"=" value=49..50"1" words=[49..50"1"]
                65..68 Rule targets=[] Single@65..66":" prereqs=[67..68"x"]
                    recipe prefix=69'\t' text=70..84"ignored recipe"
                Error 1..5"echo": recipe commences before first target
                Error 52..64"echo no rule": recipe commences before first target
            "#]],
        );
    }

    #[test]
    fn recipe_prefix() {
        check(
            ".RECIPEPREFIX = >\na:\n>echo\n\tnot = recipe\n.RECIPEPREFIX :=\nb:\n\techo\n.RECIPEPREFIX ?= >\n.RECIPEPREFIX = $(X)\n",
            expect![[r#"
                0..17 Assignment name=0..13".RECIPEPREFIX" op=14..15"=" value=16..17">" words=[16..17">"]
                18..20 Rule targets=[18..19"a"] Single@19..20":"
                    recipe prefix=21'>' text=22..26"echo"
                27..40 Assignment name=28..31"not" op=32..33"=" value=34..40"recipe" words=[34..40"recipe"]
                41..57 Assignment name=41..54".RECIPEPREFIX" op=55..57":=" value=57..57"" words=[]
                58..60 Rule targets=[58..59"b"] Single@59..60":"
                    recipe prefix=61'\t' text=62..66"echo"
                67..85 Assignment name=67..80".RECIPEPREFIX" op=81..83"?=" value=84..85">" words=[84..85">"]
                86..106 Assignment name=86..99".RECIPEPREFIX" op=100..101"=" value=102..106"$(X)" words=[102..106"$(X)"]
                ref Variable 102..106"$(X)" name=104..105"X"
            "#]],
        );
    }

    #[test]
    fn directives() {
        check(
            "include a.mk $(B)\n-include c.mk\nsinclude d\ninclude\nexport\nexport A B\nunexport C\nvpath %.c src:lib\nvpath\nload x.so\n-load y.so\nexport A B := c\n",
            expect![[r#"
                0..17 Include@0..7"include" [8..12"a.mk" 13..17"$(B)"]
                18..31 DashInclude@18..26"-include" [27..31"c.mk"]
                32..42 Sinclude@32..40"sinclude" [41..42"d"]
                43..50 Include@43..50"include" []
                51..57 Export@51..57"export" []
                58..68 Export@58..64"export" [65..66"A" 67..68"B"]
                69..79 Unexport@69..77"unexport" [78..79"C"]
                80..97 Vpath@80..85"vpath" [86..89"%.c" 90..97"src:lib"]
                98..103 Vpath@98..103"vpath" []
                104..113 Load@104..108"load" [109..113"x.so"]
                114..124 DashLoad@114..119"-load" [120..124"y.so"]
                125..140 Export@125..131"export" [132..133"A" 134..135"B" 136..138":=" 139..140"c"]
                ref Variable 13..17"$(B)" name=15..16"B"
            "#]],
        );
    }

    #[test]
    fn conditionals() {
        check(
            "ifeq ($(A),b)\nifneq '$(B)' \"c\"\nifdef C\nelse ifndef $(D)\nelse ifeq (a, b )\nelse\nendif # c\nendif\nelse\nendif\n",
            expect![[r#"
                0..13 Ifeq@0..4"ifeq" args=[6..10"$(A)" 11..12"b"] depth=0
                14..30 Ifneq@14..19"ifneq" args=[21..25"$(B)" 28..29"c"] depth=1
                31..38 Ifdef@31..36"ifdef" args=[37..38"C"] depth=2
                39..55 else@39..43"else" Ifndef@44..50"ifndef" args=[51..55"$(D)"] depth=2
                56..73 else@56..60"else" Ifeq@61..65"ifeq" args=[67..68"a" 70..72"b "] depth=2
                74..78 Else@74..78"else" depth=2
                79..88 Endif@79..84"endif" depth=2
                89..94 Endif@89..94"endif" depth=1
                95..99 Else@95..99"else" depth=0
                100..105 Endif@100..105"endif" depth=0
                ref Variable 6..10"$(A)" name=8..9"A"
                ref Variable 21..25"$(B)" name=23..24"B"
                ref Variable 51..55"$(D)" name=53..54"D"
            "#]],
        );
    }

    #[test]
    fn conditional_errors() {
        check(
            "ifeq(a,b)\nendif\nifeq a\nendif\nifdef a b\nendif\nendif\nelse\nifeq (a,b) x\nelse\nelse\nelse foo\nendif x\nifdef Z\n",
            expect![[r#"
                16..22 Ifeq@16..20"ifeq" args=[] depth=0
                23..28 Endif@23..28"endif" depth=0
                29..38 Ifdef@29..34"ifdef" args=[] depth=0
                39..44 Endif@39..44"endif" depth=0
                56..68 Ifeq@56..60"ifeq" args=[62..63"a" 64..65"b"] depth=0
                69..73 Else@69..73"else" depth=0
                88..95 Endif@88..93"endif" depth=0
                96..103 Ifdef@96..101"ifdef" args=[102..103"Z"] depth=0
                Error 0..9"ifeq(a,b)": missing separator (ifeq/ifneq must be followed by whitespace)
                Error 10..15"endif": extraneous 'endif'
                Error 16..22"ifeq a": invalid syntax in conditional
                Error 29..38"ifdef a b": invalid syntax in conditional
                Error 45..50"endif": extraneous 'endif'
                Error 51..55"else": extraneous 'else'
                Warning 67..68"x": extraneous text after 'ifeq' directive
                Error 74..78"else": only one 'else' per conditional
                Error 79..83"else": only one 'else' per conditional
                Warning 94..95"x": extraneous text after 'endif' directive
                Error 96..101"ifdef": missing 'endif'
            "#]],
        );
    }

    #[test]
    fn missing_separators() {
        check(
            "foo\n        bar\nifeq(a,b): c\n$(eval $(x))\n$(foreach d,$(dirs),$(eval $(call gen,$(d))))\n; echo\nfoo $(x)\n",
            expect![[r#"
                16..28 Rule targets=[16..25"ifeq(a,b)"] Single@25..26":" prereqs=[27..28"c"]
                29..41 Expansion 29..41"$(eval $(x))"
                42..87 Expansion 42..87"$(foreach d,$(dirs),$(eval $(call gen,$(d))))"
                95..103 Expansion 95..103"foo $(x)"
                ref Function 29..41"$(eval $(x))" name=31..35"eval" args=[36..40"$(x)"]
                ref Variable 36..40"$(x)" name=38..39"x"
                ref Function 42..87"$(foreach d,$(dirs),$(eval $(call gen,$(d))))" name=44..51"foreach" args=[52..53"d" 54..61"$(dirs)" 62..86"$(eval $(call gen,$(d)))"]
                ref Variable 54..61"$(dirs)" name=56..60"dirs"
                ref Function 62..86"$(eval $(call gen,$(d)))" name=64..68"eval" args=[69..85"$(call gen,$(d))"]
                ref Function 69..85"$(call gen,$(d))" name=71..75"call" args=[76..79"gen" 80..84"$(d)"]
                ref Variable 80..84"$(d)" name=82..83"d"
                ref Variable 99..103"$(x)" name=101..102"x"
                Error 0..3"foo": missing separator
                Error 12..15"bar": missing separator (did you mean TAB instead of 8 spaces?)
                Error 88..89";": missing rule before recipe
            "#]],
        );
    }

    #[test]
    fn references() {
        check(
            "X = $(A) ${B} $C $$D $(E:.c=.o) $($(F)) $(a$(G)b:x=y) $(subst a,b,$(H)) ${if x,${I},(}) $@ $(\nY = $(info a,b) $(if $(J),$(K),l,m) $(call f,$(L),$$ ) $(M\n",
            expect![[r#"
                0..93 Assignment name=0..1"X" op=2..3"=" value=4..93"$(A) ${B} $C $$D $(E:.c=.o) $($(F)) $(a$(G)b:x=y) $(subst a,b,$(H)) ${if x,${I},(}) $@ $(" words=[4..8"$(A)" 9..13"${B}" 14..16"$C" 17..20"$$D" 21..31"$(E:.c=.o)" 32..39"$($(F))" 40..53"$(a$(G)b:x=y)" 54..71"$(subst a,b,$(H))" 72..87"${if x,${I},(})" 88..90"$@" 91..93"$("]
                94..152 Assignment name=94..95"Y" op=96..97"=" value=98..152"$(info a,b) $(if $(J),$(K),l,m) $(call f,$(L),$$ ) $(M" words=[98..109"$(info a,b)" 110..129"$(if $(J),$(K),l,m)" 130..148"$(call f,$(L),$$ )" 149..152"$(M"]
                ref Variable 4..8"$(A)" name=6..7"A"
                ref Variable 9..13"${B}" name=11..12"B"
                ref Variable 14..16"$C" name=15..16"C"
                ref Substitution 21..31"$(E:.c=.o)" name=23..24"E" args=[25..27".c" 28..30".o"]
                ref Variable 32..39"$($(F))" name=34..38"$(F)"
                ref Variable 34..38"$(F)" name=36..37"F"
                ref Substitution 40..53"$(a$(G)b:x=y)" name=42..48"a$(G)b" args=[49..50"x" 51..52"y"]
                ref Variable 43..47"$(G)" name=45..46"G"
                ref Function 54..71"$(subst a,b,$(H))" name=56..61"subst" args=[62..63"a" 64..65"b" 66..70"$(H)"]
                ref Variable 66..70"$(H)" name=68..69"H"
                ref Function 72..86"${if x,${I},(}" name=74..76"if" args=[77..78"x" 79..83"${I}" 84..85"("]
                ref Variable 79..83"${I}" name=81..82"I"
                ref Variable 88..90"$@" name=89..90"@"
                ref Function 98..109"$(info a,b)" name=100..104"info" args=[105..108"a,b"]
                ref Function 110..129"$(if $(J),$(K),l,m)" name=112..114"if" args=[115..119"$(J)" 120..124"$(K)" 125..128"l,m"]
                ref Variable 115..119"$(J)" name=117..118"J"
                ref Variable 120..124"$(K)" name=122..123"K"
                ref Function 130..148"$(call f,$(L),$$ )" name=132..136"call" args=[137..138"f" 139..143"$(L)" 144..147"$$ "]
                ref Variable 139..143"$(L)" name=141..142"L"
                Error 91..93"$(": unterminated variable reference
                Error 149..152"$(M": unterminated variable reference
            "#]],
        );
    }

    #[test]
    fn unbalanced_computed_reference_drops_the_rest() {
        check(
            "X = $($(A) $(B)\nY = $(foo (x)) $(if a\n",
            expect![[r#"
            0..15 Assignment name=0..1"X" op=2..3"=" value=4..15"$($(A) $(B)" words=[4..15"$($(A) $(B)"]
            16..37 Assignment name=16..17"Y" op=18..19"=" value=20..37"$(foo (x)) $(if a" words=[20..30"$(foo (x))" 31..37"$(if a"]
            ref Variable 4..10"$($(A)" name=6..9"$(A"
            ref Variable 20..29"$(foo (x)" name=22..28"foo (x"
            ref Function 31..37"$(if a" name=33..35"if"
            Error 31..37"$(if a": unterminated call to function 'if': missing ')'
        "#]],
        );
    }

    #[test]
    fn lexical_continuations_comments_crlf() {
        check(
            "A = a\\\\\nB = b\\\\\\\r\n  c # x\r\nC = c\\#d # e\nD = \\\\#e\n\tE = not a recipe\nF = f \\\n",
            expect![[r#"
                0..7 Assignment name=0..1"A" op=2..3"=" value=4..7"a\\\\" words=[4..7"a\\\\"]
                8..25 Assignment name=8..9"B" op=10..11"=" value=12..22"b\\\\\\\r\n  c " words=[12..14"b\\" 20..21"c"]
                27..39 Assignment name=27..28"C" op=29..30"=" value=31..36"c\\#d " words=[31..35"c\\#d"]
                40..48 Assignment name=40..41"D" op=42..43"=" value=44..46"\\\\" words=[44..46"\\\\"]
                49..66 Assignment name=50..51"E" op=52..53"=" value=54..66"not a recipe" words=[54..57"not" 58..59"a" 60..66"recipe"]
                67..75 Assignment name=67..68"F" op=69..70"=" value=71..74"f \\" words=[71..72"f"]
            "#]],
        );
    }

    #[test]
    fn semicolons_in_rule_lines() {
        // `\;` is unquoted once by make and then starts the recipe all the
        // same; `\\\;` stays a `;`.
        check(
            "a: b\\;c\nd\\;e: f\ng: h\\\\\\;i\n  \\;x\n",
            expect![[r#"
            0..7 Rule targets=[0..1"a"] Single@1..2":" prereqs=[3..4"b"]
                recipe prefix=5';' text=6..7"c" inline
            16..25 Rule targets=[16..17"g"] Single@17..18":" prereqs=[19..25"h\\\\\\;i"]
            Error 8..9"d": missing separator
        "#]],
        );
    }

    #[test]
    fn bom_nul_and_odd_bytes() {
        let mut t = b"\xEF\xBB\xBF\tA = 1\nB = x\0junk\nC\xFF = \xFE\n".to_vec();
        t.extend_from_slice(b"\r\n\r\n");
        let syn = parse(&t);
        let names: Vec<String> = syn
            .items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Assignment(a) => Some(sp(&t, a.name) + " " + &sp(&t, a.value)),
                _ => None,
            })
            .collect();
        expect![[r#"
            [
                "4..5\"A\" 8..9\"1\"",
                "10..11\"B\" 14..15\"x\"",
                "21..23\"C�\" 26..27\"�\"",
            ]
        "#]]
        .assert_debug_eq(&names);
        expect![[r#"
            [
                Diagnostic {
                    span: Span {
                        start: 15,
                        end: 16,
                    },
                    severity: Warning,
                    message: "NUL character seen; rest of line ignored",
                },
            ]
        "#]]
        .assert_debug_eq(&syn.diagnostics);
    }

    #[test]
    fn line_index() {
        let t = b"ab\r\ncd\n\nx";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(0), (0, 0));
        assert_eq!(idx.line_col(3), (0, 3));
        assert_eq!(idx.line_col(4), (1, 0));
        assert_eq!(idx.line_col(7), (2, 0));
        assert_eq!(idx.line_col(8), (3, 0));
        assert_eq!(idx.line_col(100), (3, 1));
        assert_eq!(idx.line_start(1), Some(4));
        assert_eq!(idx.line_start(4), None);
        assert_eq!(idx.offset(1, 1), Some(5));
        assert_eq!(idx.offset(1, 10), Some(6));
        assert_eq!(idx.offset(3, 5), Some(9));
    }

    /// Every span of a parse lies in the text, in order.
    fn check_spans(t: &[u8], syn: &Syntax) {
        let ok = |s: Span| assert!(s.start <= s.end && s.end <= t.len(), "{s:?} in {t:?}");
        let all = |v: &[Span]| v.iter().for_each(|&s| ok(s));
        for it in &syn.items {
            ok(it.span);
            match &it.kind {
                ItemKind::Assignment(a) => {
                    ok(a.name);
                    ok(a.value);
                    all(&a.words);
                }
                ItemKind::Define(d) => {
                    ok(d.name);
                    ok(d.body);
                }
                ItemKind::Rule(r) => {
                    all(&r.targets);
                    all(&r.prerequisites);
                    all(&r.order_only);
                    r.recipe.iter().for_each(|l| ok(l.text));
                }
                ItemKind::Directive(d) => all(&d.words),
                ItemKind::If(i) => all(&i.args),
                _ => {}
            }
        }
        for r in &syn.references {
            ok(r.span);
            ok(r.name);
            all(&r.args);
            assert!(r.span.start <= r.name.start && r.name.end <= r.span.end);
        }
        syn.diagnostics.iter().for_each(|d| ok(d.span));
    }

    #[test]
    fn random_input_never_panics() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        const PIECES: &[&[u8]] = &[
            b"$(",
            b"${",
            b")",
            b"}",
            b"$",
            b"\\",
            b"\n",
            b"\r\n",
            b"\t",
            b" ",
            b":",
            b"::",
            b"&:",
            b"=",
            b":=",
            b"+=",
            b";",
            b"#",
            b"|",
            b"%",
            b",",
            b"define ",
            b"endef",
            b"ifeq ",
            b"ifdef ",
            b"else ",
            b"endif",
            b"export ",
            b"override ",
            b"include ",
            b"$(if ",
            b"$(call ",
            b"a",
            b"\0",
            b"\xFF",
            b"'",
            b"\"",
            b"(",
            b".RECIPEPREFIX=",
        ];
        for _ in 0..3000 {
            let len = rng.below(200);
            let mut t = Vec::with_capacity(len);
            for _ in 0..len {
                if rng.below(3) == 0 {
                    t.push(rng.next() as u8);
                } else {
                    t.extend_from_slice(rng.pick(PIECES));
                }
            }
            let syn = parse(&t);
            check_spans(&t, &syn);
        }
        // Deep nesting stays bounded.
        let deep = b"X = "
            .iter()
            .chain(b"$(a".repeat(20000).iter())
            .copied()
            .collect::<Vec<u8>>();
        check_spans(&deep, &parse(&deep));
        let deep = b"X = $(info ".repeat(20000);
        check_spans(&deep, &parse(&deep));
    }

    /// GNU make 4.4.1 as `scripts/setup-gnumake.sh` installs it, if present.
    fn gnu_make() -> Option<std::path::PathBuf> {
        let p = match std::env::var_os("KMAKE_GNU_MAKE") {
            Some(p) => std::path::PathBuf::from(p),
            None => std::path::PathBuf::from(std::env::var_os("KMAKE_CACHE")?)
                .join("gnumake-4.4.1/bin/make"),
        };
        p.is_file().then_some(p)
    }

    /// xorshift64: reproducible pseudo-random numbers.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, v: &[T]) -> T {
            v[self.below(v.len())]
        }
    }

    /// A makefile of random lines made of tricky pieces.
    fn generated(rng: &mut Rng) -> String {
        const PIECES: &[&str] = &[
            "a",
            "b.o",
            "%.o",
            "%",
            "x\\:y",
            "w\\#v",
            "$$x",
            ":",
            "::",
            "&:",
            "&::",
            " : ",
            "|",
            ";",
            "=",
            ":=",
            "::=",
            ":::=",
            "+=",
            "?=",
            "export",
            "unexport",
            "override",
            "private",
            "define",
            "endef",
            "undefine",
            "-include",
            "sinclude",
            "vpath",
            "ifeq",
            "ifneq",
            "ifdef",
            "ifndef",
            "endif",
            "else",
            "(a,a)",
            "'a'",
            "\"a\"",
            "(",
            ")",
            ",",
            " ",
            "\t",
            "\\",
            "\\\\",
            "#c",
            "\\;",
            "\\\\;",
            "\\\\\\;",
            "\\\\\\\\\\;",
            "V",
            "t1",
            "echo",
            ".RECIPEPREFIX",
            ">",
            "$(X)",
            "$(",
        ];
        const LEADS: &[&str] = &["", "", "", "", "\t", "\t", "        ", "  ", ">"];
        const LINES: &[&str] = &[
            "ifeq (a,a)",
            "ifneq (a,b)",
            "ifndef UNDEF",
            "ifeq \"a\" 'a'",
            "endif",
            "ifeq(a,a)",
            "ifeq a",
            "endif x",
            "ifdef a b",
            "define V",
            "endef",
            "endef #c",
            "endef x",
            "define V =",
            "override define V",
            " endef",
            "\tendef",
            ">endef",
            "define V := x",
            "endef#c",
            "undefine V",
        ];
        let mut s = String::new();
        for _ in 0..1 + rng.below(8) {
            if rng.below(5) == 0 {
                s.push_str(rng.pick(LINES));
            } else {
                s.push_str(rng.pick(LEADS));
                for _ in 0..1 + rng.below(6) {
                    s.push_str(rng.pick(PIECES));
                    if rng.below(2) == 0 {
                        s.push(' ');
                    }
                }
            }
            if rng.below(8) == 0 {
                s.push_str(" \\");
            }
            if rng.below(10) == 0 {
                s.push('\r');
            }
            s.push('\n');
        }
        s
    }

    /// GNU make's messages about `file`: (line, fatal, text).
    fn make_messages(stderr: &str, file: &str) -> Vec<(usize, bool, String)> {
        let prefix = format!("{file}:");
        stderr
            .lines()
            .filter_map(|l| {
                let (num, msg) = l.strip_prefix(&prefix)?.split_once(": ")?;
                let num = num.parse().ok()?;
                Some(match msg.strip_prefix("*** ") {
                    Some(m) => (num, true, m.trim_end_matches(".  Stop.").to_string()),
                    None => (num, false, msg.to_string()),
                })
            })
            .collect()
    }

    /// Runs GNU make on generated makefiles: its first error must be our
    /// first error (same logical line, same text), and its warnings up to
    /// there ours. Only the part of a file that make surely reads as we do is
    /// compared: it ends at the first line that may start a skipped branch
    /// (`else`, a conditional that may be false) or has a `$` reference (whose
    /// expansion we do not know).
    #[test]
    fn first_error_agrees_with_gnu_make() {
        let Some(make) = gnu_make() else {
            eprintln!(
                "note: no GNU make 4.4.1 (KMAKE_GNU_MAKE or $KMAKE_CACHE/gnumake-4.4.1); skipped"
            );
            return;
        };
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let sure_conditionals = [
            "ifeq (a,a)",
            "ifneq (a,b)",
            "ifndef UNDEF",
            "ifeq \"a\" 'a'",
        ];
        let (mut compared, mut failures) = (0, String::new());
        for case in 0..400 {
            let src = generated(&mut rng);
            let name = format!("c{case}.mk");
            std::fs::write(dir.path().join(&name), &src).expect("write");
            let out = std::process::Command::new(&make)
                .current_dir(dir.path())
                .args(["-f", &name, "-n", "-r", "__no_such_target__"])
                .output()
                .expect("run GNU make");
            let made = make_messages(&String::from_utf8_lossy(&out.stderr), &name);
            // Errors found when recording rules (not syntax) end the case.
            let recording = [
                "warning:",
                "mixed",
                "grouped targets",
                "doesn't match",
                "more than once",
            ];
            if made
                .iter()
                .any(|m| recording.iter().any(|r| m.2.contains(r)))
            {
                continue;
            }
            let t = src.as_bytes();
            let uncertain = src
                .lines()
                .position(|l| {
                    let w = l.trim_start_matches([' ', '\t']);
                    let cond = ["else", "ifeq", "ifneq", "ifdef", "ifndef"]
                        .iter()
                        .any(|k| w.starts_with(k));
                    (cond && !sure_conditionals.contains(&w.trim_end()))
                        || has_reference(l.as_bytes(), 0, l.len())
                })
                .map_or(usize::MAX, |i| i + 1);
            // The logical line each physical line belongs to, by its first line.
            let mut first_of = Vec::new();
            let mut n = 1;
            for l in super::super::read::split_file(t).lines {
                first_of.extend(std::iter::repeat_n(n, l.nlines.max(1) as usize));
                n += l.nlines as usize;
            }
            let uncertain = first_of
                .get(uncertain.wrapping_sub(1))
                .copied()
                .unwrap_or(uncertain);
            let idx = LineIndex::new(t);
            let ours: Vec<(usize, bool, String)> = parse(t)
                .diagnostics
                .iter()
                .filter(|d| !d.message.starts_with("unterminated"))
                .map(|d| {
                    let line = idx.line_col(d.span.start).0;
                    let line = first_of.get(line).copied().unwrap_or(line + 1);
                    (line, d.severity == Severity::Error, d.message.clone())
                })
                .collect();
            let eof = |m: &(usize, bool, String)| m.2 == "missing 'endif'";
            let fatal = made.iter().find(|m| m.1);
            let first = ours.iter().filter(|m| m.1 && !eof(m)).min_by_key(|m| m.0);
            let limit = fatal.map_or(uncertain, |f| uncertain.min(f.0 + 1));
            let agree = match (fatal, first) {
                // Reported at the end of the file by make, at the `if` by us.
                (Some(f), _) if eof(f) => ours.iter().any(eof),
                (Some(f), Some(o)) => (f.0 == o.0 && f.2 == o.2) || f.0.min(o.0) >= uncertain,
                (Some(f), None) => f.0 >= uncertain,
                (None, Some(o)) => o.0 >= uncertain,
                (None, None) => true,
            };
            let warnings = |v: &[(usize, bool, String)]| {
                let mut w: Vec<String> = v
                    .iter()
                    .filter(|m| !m.1 && m.0 < limit)
                    .map(|m| m.2.clone())
                    .collect();
                w.sort();
                w
            };
            compared += 1;
            if !agree || warnings(&made) != warnings(&ours) {
                let _ = writeln!(failures, "--- {src:?}\nGNU make: {made:?}\nours: {ours:?}");
            }
        }
        eprintln!("{compared} generated makefiles compared with GNU make");
        assert!(failures.is_empty(), "{failures}");
    }

    /// The reference kernel tree, if present.
    fn kernel_tree() -> Option<std::path::PathBuf> {
        let dir = match std::env::var_os("KMAKE_KERNEL_SRC") {
            Some(d) => std::path::PathBuf::from(d),
            None => {
                let cache = std::env::var_os("KMAKE_CACHE")
                    .map(std::path::PathBuf::from)
                    .or_else(|| {
                        std::env::var_os("HOME")
                            .map(|h| std::path::PathBuf::from(h).join(".cache/kmake"))
                    })?;
                cache.join("linux-source-6.12")
            }
        };
        dir.join("Makefile").is_file().then_some(dir)
    }

    /// Makefiles of a tree: `Makefile`, `Kbuild`, `Makefile.*`, `Kbuild.*`,
    /// `*.mk` (regular files; symbolic links are not followed).
    fn makefiles(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let Ok(ft) = e.file_type() else {
                continue;
            };
            let path = e.path();
            if ft.is_dir() {
                makefiles(&path, out);
            } else if ft.is_file() {
                let name = e.file_name();
                let n = name.to_string_lossy();
                if n == "Makefile"
                    || n == "Kbuild"
                    || n.starts_with("Makefile.")
                    || n.starts_with("Kbuild.")
                    || n.ends_with(".mk")
                {
                    out.push(path);
                }
            }
        }
    }

    #[test]
    fn kernel_tree_parses_cleanly() {
        let Some(root) = kernel_tree() else {
            eprintln!("note: no kernel tree (KMAKE_KERNEL_SRC or $KMAKE_CACHE/linux-source-6.12); skipped");
            return;
        };
        let mut files = Vec::new();
        makefiles(&root, &mut files);
        files.sort();
        // Matched by the name patterns, but not makefiles: make must fail on
        // them, and so must we.
        const NOT_MAKEFILES: &[&str] = &[
            // A Perl ExtUtils::MakeMaker script.
            "tools/perf/scripts/perl/Perf-Trace-Util/Makefile.PL",
        ];
        files.retain(|f| {
            let rel = f.strip_prefix(&root).unwrap_or(f);
            let skip = NOT_MAKEFILES.iter().any(|n| rel == std::path::Path::new(n));
            if skip {
                let text = std::fs::read(f).unwrap_or_default();
                let n = parse(&text).diagnostics.len();
                eprintln!("not a makefile: {} ({n} diagnostics)", rel.display());
                assert!(n > 0, "{} parses cleanly", rel.display());
            }
            !skip
        });
        let texts: Vec<(std::path::PathBuf, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| std::fs::read(&f).ok().map(|t| (f, t)))
            .collect();
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        let start = std::time::Instant::now();
        let (mut items, mut refs) = (0, 0);
        let mut report = String::new();
        for (path, text) in &texts {
            let syn = parse(text);
            items += syn.items.len();
            refs += syn.references.len();
            let index = LineIndex::new(text);
            for d in &syn.diagnostics {
                let (line, col) = index.line_col(d.span.start);
                let _ = writeln!(
                    report,
                    "{}:{}:{}: {:?}: {}",
                    path.strip_prefix(&root).unwrap_or(path).display(),
                    line + 1,
                    col + 1,
                    d.severity,
                    d.message
                );
            }
        }
        let elapsed = start.elapsed();
        eprintln!(
            "{} files ({} KiB), {items} items, {refs} references, parsed in {elapsed:?}",
            texts.len(),
            bytes / 1024
        );
        assert!(
            report.is_empty(),
            "diagnostics on the kernel tree:\n{report}"
        );
    }
}
