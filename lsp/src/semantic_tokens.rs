//! Semantic tokens for Kconfig: keywords, types, symbol names (with the
//! `declaration` modifier where defined), strings, operators, comments,
//! numbers, tristate constants, macros and help text; the legend, and the
//! protocol's relative encoding with a caller-given column conversion.

use crate::kconfig_scan::{self, TokKind};

/// The token types, in legend order (names as `SemanticTokenType` spells
/// them).
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",
    "type",
    "variable",
    "string",
    "number",
    "operator",
    "comment",
    "macro",
    "enumMember",
];

/// The modifiers, in legend order (bit `1 << i`).
pub const TOKEN_MODIFIERS: &[&str] = &["declaration", "documentation"];

/// Bit of the `declaration` modifier.
pub const DECLARATION: u32 = 1;
/// Bit of the `documentation` modifier (help text).
pub const DOCUMENTATION: u32 = 2;

/// A token at an absolute place: one line, byte columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemToken {
    /// 0-based line.
    pub line: u32,
    /// Byte column where it starts.
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
    /// Index into `TOKEN_TYPES`.
    pub ty: u32,
    /// Bits of `TOKEN_MODIFIERS`.
    pub modifiers: u32,
}

fn type_index(kind: TokKind) -> (u32, u32) {
    match kind {
        TokKind::Keyword => (0, 0),
        TokKind::Type => (1, 0),
        TokKind::Symbol => (2, 0),
        TokKind::String => (3, 0),
        TokKind::Number => (4, 0),
        TokKind::Operator => (5, 0),
        TokKind::Comment => (6, 0),
        TokKind::HelpText => (6, DOCUMENTATION),
        TokKind::Macro => (7, 0),
        TokKind::Tristate => (8, 0),
    }
}

/// The tokens of a Kconfig text, in order.
pub fn kconfig(text: &str) -> Vec<SemToken> {
    let mut out = Vec::new();
    for (n, l) in kconfig_scan::scan(text).iter().enumerate() {
        for t in &l.toks {
            if t.end <= t.start {
                continue;
            }
            let (ty, mut modifiers) = type_index(t.kind);
            if t.decl {
                modifiers |= DECLARATION;
            }
            out.push(SemToken {
                line: n as u32,
                start: t.start,
                len: t.end - t.start,
                ty,
                modifiers,
            });
        }
    }
    out
}

/// The protocol's encoding of `tokens` (sorted by position, one line each):
/// five numbers per token, line and start relative to the previous token.
/// `col(line, byte)` gives the protocol column of a byte column.
pub fn encode(tokens: &[SemToken], mut col: impl FnMut(u32, u32) -> u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(tokens.len() * 5);
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    for t in tokens {
        let start = col(t.line, t.start);
        let end = col(t.line, t.start + t.len);
        let len = end.saturating_sub(start);
        if len == 0 || (t.line < prev_line) || (t.line == prev_line && start < prev_start) {
            continue;
        }
        let delta_line = t.line - prev_line;
        let delta_start = if delta_line == 0 {
            start - prev_start
        } else {
            start
        };
        out.extend([delta_line, delta_start, len, t.ty, t.modifiers]);
        prev_line = t.line;
        prev_start = start;
    }
    out
}

/// `encode` with columns from the text itself in encoding `enc`.
pub fn encode_text(
    text: &str,
    tokens: &[SemToken],
    enc: crate::position::PositionEncoding,
) -> Vec<u32> {
    let lines: Vec<&str> = kconfig_scan::split_lines(text).collect();
    encode(tokens, |line, byte| {
        let l = lines.get(line as usize).copied().unwrap_or("");
        crate::position::lsp_col(l, byte as usize, enc)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::PositionEncoding;
    use expect_test::expect;

    #[test]
    fn tokens_and_encoding() {
        let text = "config FOO # é\n\tbool \"é\" if BAR\n\thelp\n\t  Text\n";
        let toks = kconfig(text);
        let s: Vec<String> = toks
            .iter()
            .map(|t| {
                format!(
                    "{}:{}+{} {}{}",
                    t.line,
                    t.start,
                    t.len,
                    TOKEN_TYPES[t.ty as usize],
                    match t.modifiers {
                        0 => "",
                        DECLARATION => " decl",
                        _ => " doc",
                    }
                )
            })
            .collect();
        expect![[r#"
            0:0+6 keyword
            0:7+3 variable decl
            0:11+4 comment
            1:1+4 type
            1:6+4 string
            1:11+2 keyword
            1:14+3 variable
            2:1+4 keyword
            3:3+4 comment doc"#]]
        .assert_eq(&s.join("\n"));
        let utf8 = encode_text(text, &toks, PositionEncoding::Utf8);
        let utf16 = encode_text(text, &toks, PositionEncoding::Utf16);
        expect![[r#"
            [0, 0, 6, 0, 0, 0, 7, 3, 2, 1, 0, 4, 4, 6, 0, 1, 1, 4, 1, 0, 0, 5, 4, 3, 0, 0, 5, 2, 0, 0, 0, 3, 3, 2, 0, 1, 1, 4, 0, 0, 1, 3, 4, 6, 2]
            [0, 0, 6, 0, 0, 0, 7, 3, 2, 1, 0, 4, 3, 6, 0, 1, 1, 4, 1, 0, 0, 5, 3, 3, 0, 0, 4, 2, 0, 0, 0, 3, 3, 2, 0, 1, 1, 4, 0, 0, 1, 3, 4, 6, 2]"#]].assert_eq(&format!("{utf8:?}\n{utf16:?}"));
    }

    #[test]
    fn odd_texts_encode_without_panics() {
        for t in crate::folding::tests::odd_texts() {
            let toks = kconfig(&t);
            let data = encode_text(&t, &toks, PositionEncoding::Utf16);
            assert_eq!(data.len() % 5, 0);
        }
    }
}
