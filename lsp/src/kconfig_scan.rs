//! A tolerant line scanner for Kconfig text as the editor holds it (unsaved,
//! possibly broken): per line, its tokens with kinds and byte columns, the
//! keyword that starts it, and whether it is help text. Shared by the
//! outline, folding, semantic tokens and completion; it never fails.

/// A Kconfig keyword (the ones that start lines, and the few that follow
/// another keyword: `on`, `if`, `option`'s words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kw {
    Config,
    Menuconfig,
    Choice,
    Endchoice,
    Menu,
    Endmenu,
    If,
    Endif,
    /// `source`, `osource`, `rsource`, `orsource`.
    Source,
    Comment,
    Mainmenu,
    /// `bool`, `boolean`, `tristate`, `string`, `int`, `hex`.
    Type,
    Prompt,
    Default,
    /// `def_bool`, `def_tristate`, `def_int`, `def_hex`, `def_string`.
    DefType,
    Depends,
    On,
    Select,
    Imply,
    Visible,
    Range,
    /// `help`, `---help---`.
    Help,
    Option,
    Modules,
    Optional,
    Transitional,
    /// `env`, `defconfig_list`, `allnoconfig_y` (after `option`).
    OptionWord,
}

impl Kw {
    /// The keyword spelled `word`, if any.
    pub fn of(word: &str) -> Option<Kw> {
        Some(match word {
            "config" => Kw::Config,
            "menuconfig" => Kw::Menuconfig,
            "choice" => Kw::Choice,
            "endchoice" => Kw::Endchoice,
            "menu" => Kw::Menu,
            "endmenu" => Kw::Endmenu,
            "if" => Kw::If,
            "endif" => Kw::Endif,
            "source" | "osource" | "rsource" | "orsource" => Kw::Source,
            "comment" => Kw::Comment,
            "mainmenu" => Kw::Mainmenu,
            "bool" | "boolean" | "tristate" | "string" | "int" | "hex" => Kw::Type,
            "prompt" => Kw::Prompt,
            "default" => Kw::Default,
            "def_bool" | "def_tristate" | "def_int" | "def_hex" | "def_string" => Kw::DefType,
            "depends" => Kw::Depends,
            "on" => Kw::On,
            "select" => Kw::Select,
            "imply" => Kw::Imply,
            "visible" => Kw::Visible,
            "range" => Kw::Range,
            "help" | "---help---" => Kw::Help,
            "option" => Kw::Option,
            "modules" => Kw::Modules,
            "optional" => Kw::Optional,
            "transitional" => Kw::Transitional,
            "env" | "defconfig_list" | "allnoconfig_y" => Kw::OptionWord,
            _ => return None,
        })
    }

    /// Whether a line starting with this keyword ends the entry before it
    /// (starts a new one or closes a block).
    pub fn starts_entry(self) -> bool {
        matches!(
            self,
            Kw::Config
                | Kw::Menuconfig
                | Kw::Choice
                | Kw::Endchoice
                | Kw::Menu
                | Kw::Endmenu
                | Kw::If
                | Kw::Endif
                | Kw::Source
                | Kw::Comment
                | Kw::Mainmenu
        )
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokKind {
    Keyword,
    /// A type keyword (`bool`, `tristate`, `string`, `int`, `hex`).
    Type,
    /// A symbol name (with `decl` after `config`/`menuconfig`/`choice`).
    Symbol,
    /// `y`, `m`, `n`.
    Tristate,
    Number,
    /// A quoted string, quotes included.
    String,
    Operator,
    /// `#` to the end of the line.
    Comment,
    /// `$(...)`, or the name of a macro assignment (with `decl`).
    Macro,
    /// One line of help text (from its first non-blank to its last).
    HelpText,
}

/// A token on one line: byte columns `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    /// A symbol's definition (`config NAME`) or a macro's assignment.
    pub decl: bool,
}

/// One line of a Kconfig text.
#[derive(Clone, Debug)]
pub struct Line<'t> {
    /// The line without its line ending.
    pub text: &'t str,
    /// The keyword the line starts with (not on continuation lines).
    pub head: Option<Kw>,
    /// A macro assignment (`cc-option = ...`).
    pub assignment: bool,
    /// A line of help text (blank lines inside help text too).
    pub help_text: bool,
    /// The previous line ended with a backslash.
    pub continued: bool,
    pub toks: Vec<Tok>,
}

impl<'t> Line<'t> {
    /// Nothing but blanks.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Only a comment (or blank).
    pub fn is_comment_or_blank(&self) -> bool {
        !self.help_text && self.toks.iter().all(|t| t.kind == TokKind::Comment)
    }

    /// The text of token `t`.
    pub fn tok_text(&self, t: &Tok) -> &'t str {
        self.text
            .get(t.start as usize..t.end as usize)
            .unwrap_or("")
    }

    /// The first string on the line, without its quotes, and its token.
    pub fn first_string(&self) -> Option<(&'t str, Tok)> {
        let t = *self.toks.iter().find(|t| t.kind == TokKind::String)?;
        let s = self.tok_text(&t);
        let inner = s.get(1..).unwrap_or("");
        let inner = match inner.char_indices().last() {
            Some((i, c)) if s.len() >= 2 && s.starts_with(c) => &inner[..i],
            _ => inner,
        };
        Some((inner, t))
    }

    /// The first symbol token after column `from`.
    pub fn symbol_after(&self, from: u32) -> Option<Tok> {
        self.toks
            .iter()
            .find(|t| t.start >= from && t.kind == TokKind::Symbol)
            .copied()
    }

    /// Byte length of the line.
    pub fn len(&self) -> u32 {
        self.text.len() as u32
    }

    /// The line has no bytes.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// What a word means at a place in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// The line's first word.
    Start,
    /// After `config`/`menuconfig`/`choice`: the name being defined.
    Decl,
    /// After `depends`: `on` comes.
    DependsOn,
    /// After `visible`: `if` comes.
    VisibleIf,
    /// An expression or a list of values.
    Expr,
    /// After `option`.
    Option,
    /// Words that are plain text (an unquoted `source` path, a macro value).
    Text,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn is_number(w: &str) -> bool {
    let w = w.strip_prefix('-').unwrap_or(w);
    if let Some(h) = w.strip_prefix("0x").or_else(|| w.strip_prefix("0X")) {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Visual indentation of a line (tabs to multiples of 8), as the Kconfig
/// lexer measures help text.
fn visual_indent(s: &str) -> usize {
    let mut ts = 0;
    for b in s.bytes() {
        match b {
            b'\t' => ts = (ts & !7) + 8,
            b' ' => ts += 1,
            _ => break,
        }
    }
    ts
}

/// State carried from line to line.
#[derive(Default)]
struct State {
    /// Inside help text; the first text line's indentation once seen.
    help: Option<Option<usize>>,
    /// The previous line ended with a backslash: its context goes on.
    carry: Option<Ctx>,
}

/// Splits `text` into lines (`\n`, with a `\r` before it dropped); a text
/// ending in a newline has an empty last line, as editors count.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// Scans a whole Kconfig text.
pub fn scan(text: &str) -> Vec<Line<'_>> {
    let mut st = State::default();
    split_lines(text).map(|l| scan_line(l, &mut st)).collect()
}

fn scan_line<'t>(s: &'t str, st: &mut State) -> Line<'t> {
    let mut line = Line {
        text: s,
        head: None,
        assignment: false,
        help_text: false,
        continued: st.carry.is_some(),
        toks: Vec::new(),
    };
    if let Some(first_ts) = st.help {
        let trimmed = s.trim_end();
        let start = trimmed.len() - trimmed.trim_start().len();
        if trimmed.is_empty() {
            line.help_text = true;
            return line;
        }
        let ts = visual_indent(s);
        let ends = ts == 0 || first_ts.is_some_and(|f| ts < f);
        if !ends {
            st.help = Some(Some(first_ts.unwrap_or(ts)));
            line.help_text = true;
            line.toks.push(Tok {
                start: start as u32,
                end: trimmed.len() as u32,
                kind: TokKind::HelpText,
                decl: false,
            });
            return line;
        }
        st.help = None;
    }
    let b = s.as_bytes();
    let mut ctx = st.carry.take().unwrap_or(Ctx::Start);
    let mut i = 0;
    let mut ends_with_backslash = false;
    let push = |line: &mut Line, start: usize, end: usize, kind: TokKind, decl: bool| {
        line.toks.push(Tok {
            start: start as u32,
            end: end as u32,
            kind,
            decl,
        })
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\x0c' | b'\x0b' => i += 1,
            b'#' => {
                push(
                    &mut line,
                    i,
                    s.trim_end().len().max(i + 1),
                    TokKind::Comment,
                    false,
                );
                break;
            }
            b'"' | b'\'' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != c {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(b.len());
                push(&mut line, i, end, TokKind::String, false);
                i = end;
            }
            b'$' if b.get(i + 1) == Some(&b'(') => {
                let mut depth = 0usize;
                let mut j = i + 1;
                while j < b.len() {
                    match b[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                j += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let end = j.min(b.len());
                push(&mut line, i, end, TokKind::Macro, false);
                i = end;
                if ctx == Ctx::Start {
                    ctx = Ctx::Expr;
                }
            }
            b'\\' if s[i + 1..].trim().is_empty() => {
                ends_with_backslash = true;
                i += 1;
            }
            b'&' | b'|' | b'!' | b'=' | b'<' | b'>' | b'(' | b')' | b':' | b'+' | b'?' => {
                let two = b.get(i + 1) == Some(&b'=')
                    || (c == b'&' && b.get(i + 1) == Some(&b'&'))
                    || (c == b'|' && b.get(i + 1) == Some(&b'|'));
                let single_ok = matches!(c, b'!' | b'=' | b'<' | b'>' | b'(' | b')');
                let n = if two && !matches!(c, b'(' | b')') {
                    2
                } else if single_ok {
                    1
                } else {
                    0
                };
                if n == 0 {
                    i += 1;
                    continue;
                }
                push(&mut line, i, i + n, TokKind::Operator, false);
                i += n;
            }
            c if is_word_byte(c) => {
                let mut j = i;
                while j < b.len() && is_word_byte(b[j]) {
                    j += 1;
                }
                let word = &s[i..j];
                let kw = Kw::of(word);
                match ctx {
                    Ctx::Start => match kw {
                        Some(k) => {
                            line.head = Some(k);
                            let kind = if k == Kw::Type {
                                TokKind::Type
                            } else {
                                TokKind::Keyword
                            };
                            push(&mut line, i, j, kind, false);
                            ctx = match k {
                                Kw::Config | Kw::Menuconfig | Kw::Choice => Ctx::Decl,
                                Kw::Depends => Ctx::DependsOn,
                                Kw::Visible => Ctx::VisibleIf,
                                Kw::Option => Ctx::Option,
                                Kw::Source | Kw::Help => Ctx::Text,
                                _ => Ctx::Expr,
                            };
                            if k == Kw::Help {
                                st.help = Some(None);
                            }
                        }
                        None => {
                            let rest = s[j..].trim_start();
                            let assign = rest.starts_with(":=")
                                || rest.starts_with("+=")
                                || (rest.starts_with('=') && !rest.starts_with("=="));
                            if assign {
                                line.assignment = true;
                                push(&mut line, i, j, TokKind::Macro, true);
                                ctx = Ctx::Text;
                            } else {
                                push(&mut line, i, j, TokKind::Symbol, false);
                                ctx = Ctx::Expr;
                            }
                        }
                    },
                    Ctx::Decl => {
                        push(&mut line, i, j, TokKind::Symbol, true);
                        ctx = Ctx::Expr;
                    }
                    Ctx::DependsOn | Ctx::VisibleIf
                        if kw
                            == Some(if ctx == Ctx::DependsOn {
                                Kw::On
                            } else {
                                Kw::If
                            }) =>
                    {
                        push(&mut line, i, j, TokKind::Keyword, false);
                        ctx = Ctx::Expr;
                    }
                    Ctx::Option => push(&mut line, i, j, TokKind::Keyword, false),
                    Ctx::Text => {}
                    Ctx::DependsOn | Ctx::VisibleIf | Ctx::Expr => {
                        ctx = Ctx::Expr;
                        let kind = if word == "if" {
                            TokKind::Keyword
                        } else if matches!(word, "y" | "m" | "n") {
                            TokKind::Tristate
                        } else if is_number(word) {
                            TokKind::Number
                        } else {
                            TokKind::Symbol
                        };
                        push(&mut line, i, j, kind, false);
                    }
                }
                i = j;
            }
            _ => {
                // Any other character (UTF-8 included): skip it whole.
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    if ends_with_backslash {
        st.carry = Some(if ctx == Ctx::Start { Ctx::Expr } else { ctx });
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        let mut out = String::new();
        for (n, l) in scan(text).iter().enumerate() {
            let toks: Vec<String> = l
                .toks
                .iter()
                .map(|t| {
                    let d = if t.decl { "!" } else { "" };
                    format!("{:?}{d}({})", t.kind, l.tok_text(t))
                })
                .collect();
            let flags = format!(
                "{}{}{}",
                if l.help_text { "H" } else { "" },
                if l.assignment { "A" } else { "" },
                if l.continued { "C" } else { "" },
            );
            out.push_str(&format!("{n} {:?} {flags} {}\n", l.head, toks.join(" ")));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn entries_expressions_help_and_macros() {
        check(
            r#"cc-option = $(success,true) # probe
config FOO_BAR
	bool "Foo \" bar" if !BAZ && (X || Y=m)
	depends on A && \
	  B != 0x1F
	range -1 10
	option env="ARCH"
	help
	  Some help,

	    indented.
	  more
config Z
	def_bool y
source "arch/$(SRCARCH)/Kconfig"
"#,
            expect![[r#"
                0 None A Macro!(cc-option) Operator(=) Macro($(success,true)) Comment(# probe)
                1 Some(Config)  Keyword(config) Symbol!(FOO_BAR)
                2 Some(Type)  Type(bool) String("Foo \" bar") Keyword(if) Operator(!) Symbol(BAZ) Operator(&&) Operator(() Symbol(X) Operator(||) Symbol(Y) Operator(=) Tristate(m) Operator())
                3 Some(Depends)  Keyword(depends) Keyword(on) Symbol(A) Operator(&&)
                4 None C Symbol(B) Operator(!=) Number(0x1F)
                5 Some(Range)  Keyword(range) Number(-1) Number(10)
                6 Some(Option)  Keyword(option) Keyword(env) Operator(=) String("ARCH")
                7 Some(Help)  Keyword(help)
                8 None H HelpText(Some help,)
                9 None H 
                10 None H HelpText(indented.)
                11 None H HelpText(more)
                12 Some(Config)  Keyword(config) Symbol!(Z)
                13 Some(DefType)  Keyword(def_bool) Tristate(y)
                14 Some(Source)  Keyword(source) String("arch/$(SRCARCH)/Kconfig")
                15 None  
            "#]],
        );
    }

    #[test]
    fn broken_input_does_not_panic() {
        for text in [
            "\"unterminated",
            "$(a(b",
            "help\n\tx\n\t\\",
            "config\n\\",
            "é ü $(é",
            "depends on 'x\\",
            "#",
            "\\",
        ] {
            let _ = scan(text);
        }
    }

    #[test]
    fn help_ends_at_less_indentation() {
        let lines = scan("config A\n\thelp\n\t  text\n\t  more\n\tdepends on B\n");
        let help: Vec<bool> = lines.iter().map(|l| l.help_text).collect();
        assert_eq!(help, [false, false, true, true, false, false]);
        assert_eq!(lines[4].head, Some(Kw::Depends));
    }
}
