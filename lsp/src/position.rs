//! Position encodings: converting between byte columns (what the engines and
//! the text scans speak) and LSP `character` offsets, in UTF-8 or UTF-16 code
//! units as negotiated at `initialize`.

use ropey::Rope;

/// The unit of `Position.character`, chosen once at `initialize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// Bytes of UTF-8, when the client offers `utf-8`.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client lists it in `general.positionEncodings`, else UTF-16.
    pub fn negotiate(offered: Option<&[String]>) -> PositionEncoding {
        match offered {
            Some(list) if list.iter().any(|e| e == "utf-8") => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    /// The name the protocol uses for this encoding.
    pub fn name(self) -> &'static str {
        match self {
            PositionEncoding::Utf8 => "utf-8",
            PositionEncoding::Utf16 => "utf-16",
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The protocol column of byte column `byte` of `line` (clamped to the line;
/// a byte inside a character counts as that character's start).
pub fn lsp_col(line: &str, byte: usize, enc: PositionEncoding) -> u32 {
    let mut units = 0usize;
    for (i, c) in line.char_indices() {
        if i + c.len_utf8() > byte {
            break;
        }
        units += enc.units(c);
    }
    units as u32
}

/// The byte column of protocol column `character` of `line`, clamped to the
/// line and never inside a character.
pub fn byte_col(line: &str, character: u32, enc: PositionEncoding) -> usize {
    let want = character as usize;
    let mut units = 0usize;
    for (i, c) in line.char_indices() {
        if units >= want {
            return i;
        }
        units += enc.units(c);
        if units > want {
            // The column points inside a character (half of a surrogate pair).
            return i;
        }
    }
    line.len()
}

/// `text` without its line terminator.
pub fn trim_eol(text: &str) -> &str {
    let t = text.strip_suffix('\n').unwrap_or(text);
    t.strip_suffix('\r').unwrap_or(t)
}

/// Line `line` (0-based) of `rope` without its terminator; empty past the end.
pub fn rope_line(rope: &Rope, line: usize) -> String {
    if line >= rope.len_lines() {
        return String::new();
    }
    let s: String = rope.line(line).chars().collect();
    trim_eol(&s).to_string()
}

/// The character index in `rope` of a protocol position, clamped to the text.
pub fn rope_char_index(rope: &Rope, line: u32, character: u32, enc: PositionEncoding) -> usize {
    let line = line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let text = rope_line(rope, line);
    let byte = byte_col(&text, character, enc);
    rope.line_to_char(line) + text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    // "é" is 2 bytes / 1 UTF-16 unit; "𝄞" is 4 bytes / 2 UTF-16 units.
    const LINE: &str = "aé𝄞 CONFIG_X";

    #[test]
    fn byte_to_protocol_columns() {
        let x = LINE.find("CONFIG_X").unwrap();
        assert_eq!(x, 8);
        assert_eq!(lsp_col(LINE, x, PositionEncoding::Utf8), 8);
        assert_eq!(lsp_col(LINE, x, PositionEncoding::Utf16), 5);
        assert_eq!(lsp_col(LINE, 0, PositionEncoding::Utf16), 0);
        assert_eq!(lsp_col(LINE, 1000, PositionEncoding::Utf16), 13);
    }

    #[test]
    fn protocol_to_byte_columns() {
        assert_eq!(byte_col(LINE, 5, PositionEncoding::Utf16), 8);
        assert_eq!(byte_col(LINE, 8, PositionEncoding::Utf8), 8);
        // Inside the surrogate pair of 𝄞 (units 2..4): its start.
        assert_eq!(byte_col(LINE, 3, PositionEncoding::Utf16), 3);
        // Inside the two bytes of é: its start.
        assert_eq!(byte_col(LINE, 2, PositionEncoding::Utf8), 1);
        assert_eq!(byte_col(LINE, 99, PositionEncoding::Utf16), LINE.len());
        for b in [0, 1, 3, 7, 8, LINE.len()] {
            for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                assert_eq!(byte_col(LINE, lsp_col(LINE, b, enc), enc), b);
            }
        }
    }

    #[test]
    fn rope_positions() {
        let rope = Rope::from_str("x\r\naé𝄞 y\nlast");
        assert_eq!(rope_line(&rope, 0), "x");
        assert_eq!(rope_line(&rope, 1), "aé𝄞 y");
        assert_eq!(rope_line(&rope, 7), "");
        let i = rope_char_index(&rope, 1, 5, PositionEncoding::Utf16);
        assert_eq!(rope.char(i), 'y');
        let i = rope_char_index(&rope, 1, 8, PositionEncoding::Utf8);
        assert_eq!(rope.char(i), 'y');
        assert_eq!(
            rope_char_index(&rope, 9, 0, PositionEncoding::Utf16),
            rope.len_chars()
        );
    }

    #[test]
    fn negotiation() {
        let offer = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let utf8 = offer(&["utf-16", "utf-8"]);
        assert_eq!(
            PositionEncoding::negotiate(Some(&utf8)),
            PositionEncoding::Utf8
        );
        let utf32 = offer(&["utf-32"]);
        assert_eq!(
            PositionEncoding::negotiate(Some(&utf32)),
            PositionEncoding::Utf16
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }
}
