//! Quick-fix edits on config files: set `CONFIG_<name>=<value>` lines,
//! replacing the symbol's existing assignment (or `is not set` comment) when
//! the file has one, else inserting after a given line.

use std::path::Path;

use super::Fix;
use crate::location::FileRange;

/// The symbol a config file line assigns (`CONFIG_FOO=...` or
/// `# CONFIG_FOO is not set`), without the prefix.
pub(crate) fn assigned_name(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if let Some(rest) = line.strip_prefix("# CONFIG_") {
        let (name, tail) = rest.split_once(' ')?;
        return (tail == "is not set").then_some(name);
    }
    let rest = line.strip_prefix("CONFIG_")?;
    rest.split_once('=').map(|(n, _)| n)
}

/// A fix that sets each `(name, value)` in the config file `text`: an
/// existing assignment of the symbol (its last one) is replaced, the others
/// are inserted after line `after` (0-based), in the given order.
pub fn set_symbols(
    title: String,
    path: &Path,
    text: &str,
    after: u32,
    set: &[(String, String)],
) -> Fix {
    let lines: Vec<&str> = text.split('\n').collect();
    let line_len = |i: usize| {
        let l = lines.get(i).copied().unwrap_or("");
        l.strip_suffix('\r').unwrap_or(l).len() as u32
    };
    let mut edits = Vec::new();
    let mut inserted = String::new();
    for (name, value) in set {
        let existing = lines
            .iter()
            .rposition(|l| assigned_name(l) == Some(name.as_str()));
        let assignment = format!("CONFIG_{name}={value}");
        match existing {
            Some(i) => edits.push((
                FileRange {
                    path: path.to_path_buf(),
                    line: i as u32,
                    start: 0,
                    end: line_len(i),
                },
                assignment,
            )),
            None => {
                inserted.push('\n');
                inserted.push_str(&assignment);
            }
        }
    }
    if !inserted.is_empty() {
        let end = line_len(after as usize);
        edits.push((
            FileRange {
                path: path.to_path_buf(),
                line: after,
                start: end,
                end,
            },
            inserted,
        ));
    }
    Fix { title, edits }
}

/// `text` with `edits` applied (edits must not overlap); for tests and for
/// checking a fix before offering it.
pub fn apply(text: &str, edits: &[(FileRange, String)]) -> String {
    let mut starts = vec![0usize];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            starts.push(i + 1);
        }
    }
    let offset = |line: u32, col: u32| {
        let base = starts.get(line as usize).copied().unwrap_or(text.len());
        (base + col as usize).min(text.len())
    };
    let mut sorted: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|(r, t)| (offset(r.line, r.start), offset(r.line, r.end), t.as_str()))
        .collect();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_string();
    for (a, b, t) in sorted {
        if a <= b && out.is_char_boundary(a) && out.is_char_boundary(b) {
            out.replace_range(a..b, t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_assignments() {
        assert_eq!(assigned_name("CONFIG_A=y"), Some("A"));
        assert_eq!(assigned_name("# CONFIG_B is not set"), Some("B"));
        assert_eq!(assigned_name("# CONFIG_B is set"), None);
        assert_eq!(assigned_name("CONFIG_C"), None);
        assert_eq!(assigned_name("# comment"), None);
    }

    #[test]
    fn replaces_existing_lines_and_inserts_the_rest() {
        let text = "CONFIG_FOO=y\n# CONFIG_A is not set\nCONFIG_X=1";
        let p = Path::new("/k/defconfig");
        let set = [("A".to_string(), "y".to_string()), ("B".into(), "m".into())];
        let fix = set_symbols("t".into(), p, text, 0, &set);
        assert_eq!(
            apply(text, &fix.edits),
            "CONFIG_FOO=y\nCONFIG_B=m\nCONFIG_A=y\nCONFIG_X=1"
        );
        let fix = set_symbols("t".into(), p, text, 2, &set[1..]);
        assert_eq!(
            apply(text, &fix.edits),
            "CONFIG_FOO=y\n# CONFIG_A is not set\nCONFIG_X=1\nCONFIG_B=m"
        );
    }
}
