//! File name wildcards (`*`, `?`, `[...]`) as make's `glob` call expands
//! them, and existence checks, relative to the make's directory.

use super::instance::Make;

/// Whether a pattern has wildcard characters outside backslash escapes.
pub fn has_wildcards(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'*' | b'?' | b'[' => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// Removes backslash escapes from a literal path component.
fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' && i + 1 < s.len() {
            i += 1;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// fnmatch(3) with FNM_PERIOD for one path component.
pub fn fnmatch(pat: &[u8], name: &[u8]) -> bool {
    if name.first() == Some(&b'.')
        && !pat
            .first()
            .is_some_and(|&c| c == b'.' || (c == b'\\' && pat.get(1) == Some(&b'.')))
    {
        return false;
    }
    fnmatch_inner(pat, name)
}

fn fnmatch_inner(pat: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pat.len() {
            match pat[p] {
                b'*' => {
                    star = Some((p, n));
                    p += 1;
                    continue;
                }
                b'?' => {
                    p += 1;
                    n += 1;
                    continue;
                }
                b'[' => {
                    if let Some((matched, next)) = bracket(&pat[p..], name[n]) {
                        if matched {
                            p += next;
                            n += 1;
                            continue;
                        }
                    } else if name[n] == b'[' {
                        p += 1;
                        n += 1;
                        continue;
                    }
                }
                b'\\' if p + 1 < pat.len() => {
                    if pat[p + 1] == name[n] {
                        p += 2;
                        n += 1;
                        continue;
                    }
                }
                c => {
                    if c == name[n] {
                        p += 1;
                        n += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, sn)) => {
                p = sp + 1;
                n = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

/// Matches `c` against the bracket expression at the start of `pat`; the
/// result and the length of the expression, or `None` if it is not closed.
fn bracket(pat: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = matches!(pat.get(i), Some(b'!') | Some(b'^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *pat.get(i)?;
        if ch == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        if ch == b'[' && pat.get(i + 1) == Some(&b':') {
            let end = pat[i + 2..].windows(2).position(|w| w == b":]")? + i + 2;
            let class = &pat[i + 2..end];
            let ok = match class {
                b"alpha" => c.is_ascii_alphabetic(),
                b"digit" => c.is_ascii_digit(),
                b"alnum" => c.is_ascii_alphanumeric(),
                b"upper" => c.is_ascii_uppercase(),
                b"lower" => c.is_ascii_lowercase(),
                b"space" => c.is_ascii_whitespace(),
                b"punct" => c.is_ascii_punctuation(),
                b"xdigit" => c.is_ascii_hexdigit(),
                b"blank" => c == b' ' || c == b'\t',
                b"cntrl" => c.is_ascii_control(),
                b"print" => (0x20..0x7f).contains(&c),
                b"graph" => c.is_ascii_graphic(),
                _ => false,
            };
            matched |= ok;
            i = end + 2;
            continue;
        }
        let lo = if ch == b'\\' {
            i += 1;
            *pat.get(i)?
        } else {
            ch
        };
        i += 1;
        if pat.get(i) == Some(&b'-') && pat.get(i + 1).is_some_and(|&x| x != b']') {
            let mut hi = pat[i + 1];
            i += 2;
            if hi == b'\\' {
                hi = *pat.get(i)?;
                i += 1;
            }
            matched |= lo <= c && c <= hi;
        } else {
            matched |= lo == c;
        }
    }
    Some((matched != negate, i))
}

impl Make {
    /// Expands a wildcard pattern to the existing names it matches, sorted
    /// (C `glob` as make calls it). A pattern without wildcards gives itself
    /// if it exists.
    pub fn glob(&self, pattern: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let absolute = pattern.first() == Some(&b'/');
        let comps: Vec<&[u8]> = pattern.split(|&c| c == b'/').collect();
        let prefix: Vec<u8> = if absolute { b"/".to_vec() } else { Vec::new() };
        let start = if absolute { 1 } else { 0 };
        self.glob_rec(&prefix, &comps[start..], &mut out);
        out.sort();
        out.dedup();
        out
    }

    fn glob_rec(&self, prefix: &[u8], comps: &[&[u8]], out: &mut Vec<Vec<u8>>) {
        let Some((&comp, rest)) = comps.split_first() else {
            if self.file_exists(prefix) {
                out.push(prefix.to_vec());
            }
            return;
        };
        let join = |name: &[u8]| {
            let mut p = prefix.to_vec();
            if !p.is_empty() && p.last() != Some(&b'/') {
                p.push(b'/');
            }
            p.extend_from_slice(name);
            p
        };
        if comp.is_empty() {
            // A doubled or trailing slash.
            if rest.is_empty() {
                let mut p = prefix.to_vec();
                p.push(b'/');
                if self.resolve_path(&p).is_dir() {
                    out.push(p);
                }
                return;
            }
            let mut p = prefix.to_vec();
            p.push(b'/');
            self.glob_rec(&p, rest, out);
            return;
        }
        if !has_wildcards(comp) {
            self.glob_rec(&join(&unescape(comp)), rest, out);
            return;
        }
        let dir = if prefix.is_empty() {
            self.cwd.clone()
        } else {
            self.resolve_path(prefix)
        };
        if let Some(o) = &self.shared.observer {
            o.note_path(&dir);
        }
        let Ok(rd) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut names: Vec<Vec<u8>> = Vec::new();
        for special in [&b"."[..], b".."] {
            if fnmatch(comp, special) {
                names.push(special.to_vec());
            }
        }
        for e in rd.flatten() {
            use std::os::unix::ffi::OsStrExt;
            let n = e.file_name().as_bytes().to_vec();
            if fnmatch(comp, &n) {
                names.push(n);
            }
        }
        for n in names {
            let p = join(&n);
            if rest.is_empty() {
                out.push(p);
            } else if rest.len() == 1 && rest[0].is_empty() {
                let mut q = p.clone();
                q.push(b'/');
                if self.resolve_path(&q).is_dir() {
                    out.push(q);
                }
            } else if self.resolve_path(&p).is_dir() {
                self.glob_rec(&p, rest, out);
            }
        }
    }

    /// Whether a name exists (a dangling symbolic link counts, as make's
    /// directory scan sees it).
    pub fn file_exists(&self, name: &[u8]) -> bool {
        let path = self.resolve_path(name);
        match self.shared.stats.stat(&path) {
            Ok(super::statcache::Stat::Exists { .. }) => true,
            _ => std::fs::symlink_metadata(path).is_ok(),
        }
    }

    /// Called when make itself wrote, touched or removed a file: cached file
    /// status is dropped.
    pub fn note_directory_changed(&mut self) {
        self.shared.stats.invalidate();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        assert!(fnmatch(b"*.c", b"a.c"));
        assert!(!fnmatch(b"*.c", b".a.c"));
        assert!(fnmatch(b".*", b".a"));
        assert!(fnmatch(b"[a-c]x", b"bx"));
        assert!(!fnmatch(b"[!a-c]x", b"bx"));
        assert!(fnmatch(b"a\\*", b"a*"));
        assert!(fnmatch(b"a?c", b"abc"));
        assert!(fnmatch(b"*a*b", b"xxaxxb"));
        assert!(has_wildcards(b"a*") && !has_wildcards(b"a\\*"));
    }
}
