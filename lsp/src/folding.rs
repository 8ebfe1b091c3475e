//! Folding ranges of an open document: Kconfig blocks (`menu`, `choice`,
//! `if`), entries and their help text; makefile conditionals, `define`s,
//! rules with recipes and continued lines; comment runs in both.

use crate::document_symbols::{self, OutlineItem, OutlineKind};
use crate::kconfig_scan::{self, Kw, Line};

/// What a fold hides (the server maps it to `FoldingRangeKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FoldKind {
    /// A construct.
    Region,
    /// Consecutive comment lines.
    Comment,
}

/// Lines `start..=end` (0-based) fold to `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fold {
    pub start: u32,
    pub end: u32,
    pub kind: FoldKind,
}

fn push(out: &mut Vec<Fold>, start: u32, end: u32, kind: FoldKind) {
    if end > start {
        out.push(Fold { start, end, kind });
    }
}

/// Runs of two or more lines whose text starts with `#` (after blanks).
fn comment_runs<'a>(lines: impl Iterator<Item = (bool, &'a str)>, out: &mut Vec<Fold>) {
    let mut run: Option<(u32, u32)> = None;
    for (n, (eligible, text)) in lines.enumerate() {
        let n = n as u32;
        let is_comment = eligible && text.trim_start().starts_with('#');
        match (&mut run, is_comment) {
            (Some((_, end)), true) => *end = n,
            (None, true) => run = Some((n, n)),
            (Some((s, e)), false) => {
                push(out, *s, *e, FoldKind::Comment);
                run = None;
            }
            (None, false) => {}
        }
    }
    if let Some((s, e)) = run {
        push(out, s, e, FoldKind::Comment);
    }
}

fn sorted(mut out: Vec<Fold>) -> Vec<Fold> {
    out.sort();
    out.dedup();
    out
}

/// Folds of a Kconfig text.
pub fn kconfig(text: &str) -> Vec<Fold> {
    let lines = kconfig_scan::scan(text);
    let mut out = Vec::new();
    fn walk(items: &[OutlineItem], lines: &[Line<'_>], out: &mut Vec<Fold>) {
        for i in items {
            let (start, mut end) = (i.range.start.line, i.range.end.line);
            let closed = lines.get(end as usize).and_then(|l| l.head);
            // Blocks keep their closing keyword visible.
            if matches!(closed, Some(Kw::Endmenu | Kw::Endchoice | Kw::Endif))
                && matches!(
                    i.kind,
                    OutlineKind::Menu | OutlineKind::Choice | OutlineKind::Conditional
                )
            {
                end = end.saturating_sub(1);
            }
            push(out, start, end, FoldKind::Region);
            walk(&i.children, lines, out);
        }
    }
    walk(&document_symbols::kconfig_lines(&lines), &lines, &mut out);
    // Help text: from the `help` line to its last non-blank line.
    let mut help: Option<(u32, u32)> = None;
    for (n, l) in lines.iter().enumerate() {
        let n = n as u32;
        if l.head == Some(Kw::Help) {
            if let Some((s, e)) = help.take() {
                push(&mut out, s, e, FoldKind::Region);
            }
            help = Some((n, n));
        } else if l.help_text {
            if let Some((_, e)) = help.as_mut() {
                if !l.is_blank() {
                    *e = n;
                }
            }
        } else if let Some((s, e)) = help.take() {
            push(&mut out, s, e, FoldKind::Region);
        }
    }
    if let Some((s, e)) = help {
        push(&mut out, s, e, FoldKind::Region);
    }
    comment_runs(lines.iter().map(|l| (!l.help_text, l.text)), &mut out);
    sorted(out)
}

/// Folds of a makefile.
pub fn makefile(text: &str) -> Vec<Fold> {
    let texts: Vec<&str> = kconfig_scan::split_lines(text).collect();
    let mut out = Vec::new();
    fn walk(items: &[OutlineItem], texts: &[&str], out: &mut Vec<Fold>) {
        for i in items {
            let (start, mut end) = (i.range.start.line, i.range.end.line);
            let last = texts.get(end as usize).map_or("", |t| t.trim_start());
            let keeps_closer = match i.kind {
                OutlineKind::Conditional => last.starts_with("endif"),
                OutlineKind::Define => last.starts_with("endef"),
                _ => false,
            };
            if keeps_closer {
                end = end.saturating_sub(1);
            }
            push(out, start, end, FoldKind::Region);
            walk(&i.children, texts, out);
        }
    }
    walk(&document_symbols::makefile(text), &texts, &mut out);
    // A comment line ending in a backslash continues, so recipe lines and
    // `define` bodies are not told apart here; a run of `#` lines is enough.
    comment_runs(texts.iter().map(|t| (!t.starts_with('\t'), *t)), &mut out);
    sorted(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(folds: Vec<Fold>, expect: Expect) {
        let s: Vec<String> = folds
            .iter()
            .map(|f| format!("{}-{} {:?}", f.start, f.end, f.kind))
            .collect();
        expect.assert_eq(&s.join("\n"));
    }

    #[test]
    fn kconfig_blocks_entries_help_comments() {
        check(
            kconfig(
                "# a\n# b\nmenu \"M\"\n\nconfig A\n\tbool \"A\"\n\thelp\n\t  x\n\n\t  y\n\nchoice\nconfig B\n\tbool\nendchoice\nif A\nconfig C\nendif\nendmenu\n",
            ),
            expect![[r#"
                0-1 Comment
                2-17 Region
                4-9 Region
                6-9 Region
                11-13 Region
                12-13 Region
                15-16 Region"#]],
        );
    }

    #[test]
    fn makefile_conditionals_defines_rules() {
        check(
            makefile(
                "# a\n# b\nifdef X\ny := 1\nelse\ny := 2\nendif\ndefine D\nbody\nendef\nall:\n\techo\n\ttrue\nv := a \\\n  b\n",
            ),
            expect![[r#"
                0-1 Comment
                2-3 Region
                4-5 Region
                7-8 Region
                10-12 Region
                13-14 Region"#]],
        );
    }

    /// Texts made of the characters that matter to both grammars.
    pub(crate) fn odd_texts() -> Vec<String> {
        const PIECES: &[&str] = &[
            "config ",
            "menu ",
            "endmenu",
            "choice",
            "endchoice",
            "if ",
            "endif",
            "help",
            "ifeq (",
            "else",
            "define ",
            "endef",
            "\n",
            "\n",
            "\t",
            " ",
            "\"",
            "'",
            "\\",
            "#",
            "$(",
            ")",
            ":",
            "=",
            "é",
            "A",
            "\r\n",
            "&&",
            "|",
            "!",
            "source ",
            "x:",
        ];
        let mut seed = 0x2545_f491_u64;
        (0..400)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..40 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    t.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
                }
                t
            })
            .collect()
    }

    #[test]
    fn odd_texts_fold_without_panics() {
        for t in odd_texts() {
            for f in kconfig(&t).into_iter().chain(makefile(&t)) {
                assert!(f.start < f.end, "{t:?}");
            }
        }
    }
}
