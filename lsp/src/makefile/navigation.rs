//! Go to definition in a kbuild Makefile or Kbuild file: from an object
//! (`foo.o`) to its part lists (`foo-y := ...`) when it is composite, else to
//! its source (`foo.c`, `foo.S`, `foo.rs`, ...) or the rule here that makes
//! it; from a directory (`dir/`, a `subdir-y` word) to the file kbuild reads
//! there (`Kbuild` wins over `Makefile`); from a part list's name back to the
//! object; from any other local file name to the file.

use std::path::Path;

use super::generated::generated;
use super::objects::{read, Entry, ListKind, Objects};
use super::sources::{existing_sources, intermediates, subdir_makefile};
use crate::location::FileRange;

/// Directory prefixes that mean "next to this Makefile".
const LOCAL_PREFIXES: &[&str] = &["$(srctree)/$(src)/", "$(src)/", "$(obj)/"];

/// Bytes that end a file name in a Makefile line.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'=' | b',' | b';' | b'|' | b':' | b'"' | b'\'')
}

/// The file-name-like word containing byte `at` of `line` (or just before
/// it), with unbalanced parentheses of a surrounding call trimmed.
fn word_at(line: &str, at: usize) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let at = at.min(b.len());
    let mut start = at;
    while start > 0 && !is_delimiter(b[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < b.len() && !is_delimiter(b[end]) {
        end += 1;
    }
    let depth = |s: &[u8]| {
        s.iter().fold(0i32, |d, &c| match c {
            b'(' => d + 1,
            b')' => d - 1,
            _ => d,
        })
    };
    while end > start && b[end - 1] == b')' && depth(&b[start..end]) < 0 {
        end -= 1;
    }
    while end > start && b[start] == b'(' && depth(&b[start..end]) > 0 {
        start += 1;
    }
    (start < end && line.is_char_boundary(start) && line.is_char_boundary(end))
        .then_some((start, end))
}

fn local(word: &str) -> Option<&str> {
    let w = LOCAL_PREFIXES
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    (!w.is_empty() && !w.contains('$')).then_some(w)
}

fn here(path: &Path, e: &Entry) -> FileRange {
    FileRange {
        path: path.to_path_buf(),
        line: e.span.line,
        start: e.span.start,
        end: e.span.end,
    }
}

/// Where the thing at byte `byte` of line `line` (0-based) of the Makefile
/// at `path` with text `text` is defined; empty when nothing is known there.
pub fn makefile_definition(path: &Path, text: &str, line: u32, byte: usize) -> Vec<FileRange> {
    let Some(line_text) = text.split('\n').nth(line as usize) else {
        return Vec::new();
    };
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let Some((start, end)) = word_at(line_text, byte) else {
        return Vec::new();
    };
    let objects = read(text);
    let dir = path.parent().unwrap_or(Path::new("."));
    // On a part list's name: where the composite object is listed.
    if let Some(list) = objects
        .lists
        .iter()
        .find(|l| l.name_span.touches(line, byte))
    {
        return match &list.kind {
            ListKind::Parts(stem) => listings(path, &objects, &format!("{stem}.o")),
            _ => Vec::new(),
        };
    }
    let Some(word) = local(&line_text[start..end]) else {
        return Vec::new();
    };
    if let Some(stem) = word.strip_suffix(".o") {
        return object(path, dir, &objects, word, stem);
    }
    let as_dir = dir.join(word.trim_end_matches('/'));
    if as_dir.is_dir() {
        return subdir_makefile(&as_dir)
            .map(FileRange::file_start)
            .into_iter()
            .collect();
    }
    // A host or user program: its part lists or its single source.
    if objects.lists_program(word) {
        let parts: Vec<_> = parts(path, &objects, word);
        if !parts.is_empty() {
            return parts;
        }
        return ["c", "rs"]
            .iter()
            .map(|s| dir.join(format!("{word}.{s}")))
            .filter(|p| p.is_file())
            .map(FileRange::file_start)
            .collect();
    }
    let file = dir.join(word);
    if file.is_file() {
        return vec![FileRange::file_start(file)];
    }
    Vec::new()
}

/// The names of the part lists of `stem`.
fn parts(path: &Path, objects: &Objects, stem: &str) -> Vec<FileRange> {
    objects
        .parts_of(stem)
        .map(|l| FileRange {
            path: path.to_path_buf(),
            line: l.name_span.line,
            start: l.name_span.start,
            end: l.name_span.end,
        })
        .collect()
}

/// Where `object` is listed in a goal list.
fn listings(path: &Path, objects: &Objects, object: &str) -> Vec<FileRange> {
    objects
        .lists
        .iter()
        .filter(|l| matches!(l.kind, ListKind::Obj | ListKind::Lib))
        .flat_map(|l| l.entries.iter().filter(|e| e.text == object))
        .map(|e| here(path, e))
        .collect()
}

fn object(path: &Path, dir: &Path, objects: &Objects, word: &str, stem: &str) -> Vec<FileRange> {
    let parts = parts(path, objects, stem);
    if !parts.is_empty() {
        return parts;
    }
    let sources: Vec<_> = existing_sources(dir, word)
        .into_iter()
        .map(FileRange::file_start)
        .collect();
    if !sources.is_empty() {
        return sources;
    }
    // Made by a rule of this file.
    let names = intermediates(word);
    let made = generated(objects);
    if !names.iter().any(|n| made.makes(n)) {
        return Vec::new();
    }
    objects
        .rules
        .iter()
        .flat_map(|r| r.targets.iter().chain(&r.static_pattern))
        .filter(|t| {
            local(&t.text).is_some_and(|n| {
                names.iter().any(|want| {
                    n == want
                        || n.split_once('%').is_some_and(|(pre, suf)| {
                            want.len() > pre.len() + suf.len()
                                && want.starts_with(pre)
                                && want.ends_with(suf)
                        })
                })
            })
        })
        .map(|t| here(path, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    const MAKEFILE: &str = "\
obj-$(CONFIG_FOO) += single.o comp.o asm.o gen.o sub/ kb/
comp-y := single.o
comp-$(CONFIG_BAR) += asm.o
subdir-y += kb
hostprogs := tool mk
mk-objs := single.o
CFLAGS_single.o := -DX
$(obj)/gen.c: $(src)/gen.pl $(obj)/tool
\tperl $< > $@
obj-y += $(addprefix $(obj)/,single.o) nosuch.o
";

    fn tree() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let files = [
            ("Makefile", MAKEFILE),
            ("single.c", ""),
            ("asm.S", ""),
            ("gen.pl", ""),
            ("tool.c", ""),
            ("sub/Makefile", ""),
            ("kb/Makefile", ""),
            ("kb/Kbuild", ""),
        ];
        for (name, text) in files {
            let p = t.path().join(name);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let p = t.path().join("Makefile");
        (t, p)
    }

    /// Definitions of the `nth` occurrence of `needle` (cursor on its second
    /// byte) as `file line:start-end`, paths relative to the tree.
    fn goto(needle: &str, nth: usize) -> Vec<String> {
        let (t, path) = tree();
        let (line, col) = MAKEFILE
            .lines()
            .enumerate()
            .flat_map(|(i, l)| l.match_indices(needle).map(move |(c, _)| (i, c)))
            .nth(nth)
            .unwrap();
        makefile_definition(&path, MAKEFILE, line as u32, col + 1)
            .into_iter()
            .map(|r| {
                let rel = r.path.strip_prefix(t.path()).unwrap().display().to_string();
                format!("{rel} {}:{}-{}", r.line, r.start, r.end)
            })
            .collect()
    }

    #[test]
    fn objects_to_sources_parts_and_rules() {
        assert_eq!(goto("single.o", 0), ["single.c 0:0-0"]);
        assert_eq!(goto("comp.o", 0), ["Makefile 1:0-6", "Makefile 2:0-18"]);
        assert_eq!(goto("asm.o", 0), ["asm.S 0:0-0"]);
        assert_eq!(goto("gen.o", 0), ["Makefile 7:0-12"]);
        assert_eq!(goto("nosuch.o", 0), Vec::<String>::new());
        // Inside a call: the parenthesis is not part of the name.
        assert_eq!(goto("single.o)", 0), ["single.c 0:0-0"]);
        // `$(src)/` and `$(obj)/` mean this directory.
        assert_eq!(goto("gen.pl", 0), ["gen.pl 0:0-0"]);
        assert_eq!(goto("CFLAGS_single.o", 0), Vec::<String>::new());
    }

    #[test]
    fn part_list_names_lead_to_the_object() {
        assert_eq!(goto("comp-y", 0), ["Makefile 0:30-36"]);
        assert_eq!(goto("comp-$(", 0), ["Makefile 0:30-36"]);
    }

    #[test]
    fn directories_and_programs() {
        assert_eq!(goto("sub/", 0), ["sub/Makefile 0:0-0"]);
        // Kbuild wins over Makefile, with or without the slash.
        assert_eq!(goto("kb/", 0), ["kb/Kbuild 0:0-0"]);
        assert_eq!(goto("kb", 1), ["kb/Kbuild 0:0-0"]);
        assert_eq!(goto("tool", 0), ["tool.c 0:0-0"]);
        assert_eq!(goto("mk", 0), ["Makefile 5:0-7"]);
    }

    #[test]
    fn odd_positions() {
        let (_t, path) = tree();
        assert!(makefile_definition(&path, MAKEFILE, 99, 0).is_empty());
        assert!(makefile_definition(&path, MAKEFILE, 0, 19).is_empty());
        assert!(makefile_definition(&path, "é:=ü.o\r\n", 0, 1).is_empty());
        assert!(makefile_definition(&path, "", 0, 0).is_empty());
        assert!(makefile_definition(Path::new(""), "x.o", 0, 1).is_empty());
    }
}
