//! Byte-string routines with GNU make's exact rules: tokens and whitespace,
//! backslash quoting of special characters, comment and continuation removal,
//! `%` patterns.
//!
//! Makefiles are bytes, not UTF-8, so the engine works on `[u8]` throughout.

/// Space and tab (`MAP_BLANK`).
pub fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Blanks plus the other C `isspace` characters (`MAP_SPACE`).
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Characters allowed in a function name (`MAP_USERFUNC`).
pub fn is_userfunc(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.'
}

/// Index of the first non-space byte at or after `i`.
pub fn skip_space(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    i
}

/// Index of the first non-blank byte at or after `i`.
pub fn skip_blank(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_blank(s[i]) {
        i += 1;
    }
    i
}

/// End of the token starting at `i` (first space or end).
pub fn end_of_token(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && !is_space(s[i]) {
        i += 1;
    }
    i
}

/// Whitespace-separated words (C `find_next_token`).
pub fn words(s: &[u8]) -> Words<'_> {
    Words { s, i: 0 }
}

pub struct Words<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let start = skip_space(self.s, self.i);
        if start >= self.s.len() {
            self.i = start;
            return None;
        }
        let end = end_of_token(self.s, start);
        self.i = end;
        Some(&self.s[start..end])
    }
}

/// Strips leading and trailing space.
pub fn trim(s: &[u8]) -> &[u8] {
    let a = skip_space(s, 0);
    let mut b = s.len();
    while b > a && is_space(s[b - 1]) {
        b -= 1;
    }
    &s[a..b]
}

/// Index of the first occurrence of `c` in `s[from..]`.
pub fn find_byte(s: &[u8], from: usize, c: u8) -> Option<usize> {
    s[from..].iter().position(|&x| x == c).map(|p| p + from)
}

/// Which characters `find_map_unquote` stops at.
#[derive(Clone, Copy)]
pub struct StopSet {
    pub comment: bool,
    pub semi: bool,
    pub colon: bool,
    pub equals: bool,
    pub pipe: bool,
    pub blank: bool,
    /// Skip over `$(...)` / `${...}` references (`MAP_VARIABLE`).
    pub variable: bool,
}

impl StopSet {
    pub const NONE: StopSet = StopSet {
        comment: false,
        semi: false,
        colon: false,
        equals: false,
        pipe: false,
        blank: false,
        variable: false,
    };

    fn hit(&self, c: u8) -> bool {
        (self.comment && c == b'#')
            || (self.semi && c == b';')
            || (self.colon && c == b':')
            || (self.equals && c == b'=')
            || (self.pipe && c == b'|')
            || (self.blank && is_blank(c))
            || (self.variable && c == b'$')
    }
}

/// Halves the backslashes before position `p`; returns the new position of the
/// stop character and whether it was quoted (odd number of backslashes).
fn swallow_backslashes(s: &mut Vec<u8>, p: usize) -> (usize, bool) {
    let mut n = 0;
    while n < p && s[p - 1 - n] == b'\\' {
        n += 1;
    }
    if n == 0 {
        return (p, false);
    }
    // Keep half (rounded down) of the backslashes.
    let remove = n.div_ceil(2);
    let start = p - n;
    s.drain(start..start + remove);
    (p - remove, n % 2 == 1)
}

/// Finds the first unquoted stop character (C `find_map_unquote`), removing
/// the backslashes that quote stop characters on the way, as make does.
pub fn find_map_unquote(s: &mut Vec<u8>, from: usize, stop: StopSet) -> Option<usize> {
    let mut p = from;
    loop {
        while p < s.len() && !stop.hit(s[p]) {
            p += 1;
        }
        if p >= s.len() {
            return None;
        }
        if s[p] == b'$' {
            // Skip a variable reference.
            if p + 1 >= s.len() {
                return None;
            }
            let open = s[p + 1];
            p += 2;
            if open == b'(' || open == b'{' {
                let close = if open == b'(' { b')' } else { b'}' };
                let mut count = 1;
                while p < s.len() {
                    if s[p] == open {
                        count += 1;
                    } else if s[p] == close {
                        count -= 1;
                        if count == 0 {
                            p += 1;
                            break;
                        }
                    }
                    p += 1;
                }
            }
            continue;
        }
        if p > from && s[p - 1] == b'\\' {
            let (np, quoted) = swallow_backslashes(s, p);
            if !quoted {
                return Some(np);
            }
            p = np + 1;
            continue;
        }
        return Some(p);
    }
}

/// Finds the first unquoted `c` (C `find_char_unquote`), removing quoting
/// backslashes on the way.
pub fn find_char_unquote(s: &mut Vec<u8>, from: usize, c: u8) -> Option<usize> {
    let mut p = from;
    loop {
        p = find_byte(s, p, c)?;
        if p > from && s[p - 1] == b'\\' {
            let (np, quoted) = swallow_backslashes(s, p);
            if !quoted {
                return Some(np);
            }
            p = np + 1;
            continue;
        }
        return Some(p);
    }
}

/// Removes backslashes quoting `c` (C `unescape_char`).
pub fn unescape_char(s: &[u8], c: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' {
            let mut e = i;
            while e < s.len() && s[e] == b'\\' {
                e += 1;
            }
            let l = e - i;
            if e >= s.len() || s[e] != c || l % 2 == 0 {
                out.extend_from_slice(&s[i..e]);
                if e >= s.len() {
                    break;
                }
            } else if l > 1 {
                out.extend(std::iter::repeat_n(b'\\', l / 2));
            }
            i = e;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Joins backslash-newline continuations (C `collapse_continuations`): the
/// backslash, trailing blanks before it and leading blanks after it become one
/// space; an even run of backslashes keeps half and the newline.
pub fn collapse_continuations(line: &mut Vec<u8>) {
    if !line.contains(&b'\n') {
        return;
    }
    let src = std::mem::take(line);
    let mut out: Vec<u8> = Vec::with_capacity(src.len());
    let mut i = 0;
    while let Some(q) = find_byte(&src, i, b'\n') {
        let mut n = 0;
        while n < q && src[q - 1 - n] == b'\\' {
            n += 1;
        }
        // Copy the text before the backslashes, plus half of them.
        out.extend_from_slice(&src[i..q - n]);
        out.extend(std::iter::repeat_n(b'\\', n / 2));
        i = q + 1;
        if n % 2 == 1 {
            while i < src.len() && is_blank(src[i]) {
                i += 1;
            }
            while out.last().is_some_and(|&c| is_blank(c)) {
                out.pop();
            }
            out.push(b' ');
        } else {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(&src[i..]);
    *line = out;
}

/// Cuts a line at its first unquoted `#` outside variable references (C
/// `remove_comments`).
pub fn remove_comments(line: &mut Vec<u8>) {
    let stop = StopSet {
        comment: true,
        variable: true,
        ..StopSet::NONE
    };
    if let Some(p) = find_map_unquote(line, 0, stop) {
        if line[p] == b'#' {
            line.truncate(p);
        }
    }
}

/// The first unquoted `%` in a pattern (C `find_percent`), with quoting
/// backslashes removed from the returned copy.
pub fn find_percent(pattern: &[u8]) -> (Vec<u8>, Option<usize>) {
    let mut v = pattern.to_vec();
    let p = find_char_unquote(&mut v, 0, b'%');
    (v, p)
}

/// Whether `word` matches `pattern` (with `%` at `percent`); returns the stem.
pub fn pattern_match<'a>(
    pattern: &[u8],
    percent: Option<usize>,
    word: &'a [u8],
) -> Option<&'a [u8]> {
    match percent {
        None => (pattern == word).then_some(&word[0..0]),
        Some(pc) => {
            let (pre, post) = (&pattern[..pc], &pattern[pc + 1..]);
            if word.len() >= pre.len() + post.len() && word.starts_with(pre) && word.ends_with(post)
            {
                Some(&word[pre.len()..word.len() - post.len()])
            } else {
                None
            }
        }
    }
}

/// `$(patsubst)` on one word; `replace_percent` is the `%` in `replace`.
pub fn patsubst_word(
    out: &mut Vec<u8>,
    word: &[u8],
    pattern: &[u8],
    pct: Option<usize>,
    replace: &[u8],
    rpct: Option<usize>,
) -> bool {
    match pattern_match(pattern, pct, word) {
        Some(stem) => {
            match (pct, rpct) {
                (Some(_), Some(r)) => {
                    out.extend_from_slice(&replace[..r]);
                    out.extend_from_slice(stem);
                    out.extend_from_slice(&replace[r + 1..]);
                }
                _ => out.extend_from_slice(replace),
            }
            true
        }
        None => {
            out.extend_from_slice(word);
            false
        }
    }
}

/// Text of a `u8` slice for messages.
pub fn show(s: &[u8]) -> String {
    crate::kconfig::source::decode_bytes(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations() {
        let mut l = b"a  \\\n   b\\\\\nc \\\\\\\n d".to_vec();
        collapse_continuations(&mut l);
        assert_eq!(l, b"a b\\\nc \\ d");
    }

    #[test]
    fn unquote() {
        let mut s = b"a\\#b # c".to_vec();
        let stop = StopSet {
            comment: true,
            variable: true,
            ..StopSet::NONE
        };
        let p = find_map_unquote(&mut s, 0, stop).unwrap();
        assert_eq!(s, b"a#b # c");
        assert_eq!(p, 4);
        let mut s = b"x\\\\#y".to_vec();
        let p = find_map_unquote(&mut s, 0, stop).unwrap();
        assert_eq!((s.as_slice(), p), (&b"x\\#y"[..], 2));
        let mut s = b"$(a#b)#c".to_vec();
        assert_eq!(find_map_unquote(&mut s, 0, stop), Some(6));
    }

    #[test]
    fn patterns() {
        assert_eq!(pattern_match(b"%.c", Some(0), b"foo.c"), Some(&b"foo"[..]));
        assert_eq!(pattern_match(b"a%b", Some(1), b"ab"), Some(&b""[..]));
        assert_eq!(pattern_match(b"a%b", Some(1), b"b"), None);
        let mut out = Vec::new();
        patsubst_word(&mut out, b"x.c", b"%.c", Some(0), b"%.o", Some(0));
        assert_eq!(out, b"x.o");
        assert_eq!(unescape_char(b"a\\%b\\\\%c", b'%'), b"a%b\\\\%c");
    }
}
