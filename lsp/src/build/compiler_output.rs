//! Diagnostics read from a build's output: GCC/Clang
//! `file:line:col: error|warning|note: message` lines (notes attached to the
//! diagnostic they follow), their paths resolved against the directory make
//! was in, the object tree or the source tree; make's `*** ...` stops and
//! linker errors kept as general errors.

use std::path::{Path, PathBuf};

/// How bad a compiler diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One compiler message about a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompilerDiagnostic {
    /// Absolute (resolved when the file exists).
    pub path: PathBuf,
    /// 1-based.
    pub line: u32,
    /// 1-based; 0 when the compiler gave none.
    pub col: u32,
    pub severity: Severity,
    pub message: String,
    /// The notes that followed it (`note: in expansion of macro ...`).
    pub notes: Vec<CompilerDiagnostic>,
}

/// Reads build output line by line.
pub struct OutputParser {
    objtree: PathBuf,
    srctree: PathBuf,
    /// make's `Entering directory` stack.
    dirs: Vec<PathBuf>,
    diagnostics: Vec<CompilerDiagnostic>,
    general: Vec<String>,
    /// Whether the last diagnostic may take notes.
    open: bool,
}

impl OutputParser {
    pub fn new(objtree: &Path, srctree: &Path) -> OutputParser {
        OutputParser {
            objtree: objtree.to_path_buf(),
            srctree: srctree.to_path_buf(),
            dirs: Vec::new(),
            diagnostics: Vec::new(),
            general: Vec::new(),
            open: false,
        }
    }

    /// Reads one line of output (without its newline).
    pub fn line(&mut self, raw: &str) {
        let text = strip_escapes(raw);
        let line = text.trim_end();
        if let Some(dir) = directory_change(line, "Entering directory") {
            self.dirs.push(PathBuf::from(dir));
            return;
        }
        if directory_change(line, "Leaving directory").is_some() {
            self.dirs.pop();
            return;
        }
        if is_make_stop(line) || is_link_error(line) {
            self.general.push(line.to_string());
            self.open = false;
            return;
        }
        if line.starts_with(char::is_whitespace)
            || line.starts_with("In file included from")
            || line.is_empty()
        {
            // Context (`from x.h:3,`) and caret lines.
            return;
        }
        let Some(d) = self.parse_diagnostic(line) else {
            if line.contains(": In function")
                || line.contains(": At top level")
                || line.contains(": In member function")
            {
                return;
            }
            self.open = false;
            return;
        };
        if d.severity == Severity::Note && self.open {
            if let Some(last) = self.diagnostics.last_mut() {
                last.notes.push(d);
                return;
            }
        }
        self.open = d.severity != Severity::Note;
        if !self.diagnostics.contains(&d) {
            self.diagnostics.push(d);
        }
    }

    /// The compiler diagnostics and the general errors, in output order.
    pub fn finish(self) -> (Vec<CompilerDiagnostic>, Vec<String>) {
        (self.diagnostics, self.general)
    }

    fn parse_diagnostic(&self, line: &str) -> Option<CompilerDiagnostic> {
        const KINDS: [(&str, Severity); 4] = [
            (": fatal error: ", Severity::Error),
            (": error: ", Severity::Error),
            (": warning: ", Severity::Warning),
            (": note: ", Severity::Note),
        ];
        let (at, kind, severity) = KINDS
            .iter()
            .filter_map(|(k, s)| line.find(k).map(|i| (i, *k, *s)))
            .min_by_key(|(i, _, _)| *i)?;
        let place = &line[..at];
        let message = line[at + kind.len()..].to_string();
        let mut parts = place.rsplitn(3, ':');
        let last = parts.next()?;
        let mid = parts.next()?;
        let (path, line_no, col) = match (last.parse::<u32>(), mid.parse::<u32>(), parts.next()) {
            (Ok(c), Ok(l), Some(p)) => (p, l, c),
            (Ok(l), Err(_), Some(p)) => (&place[..p.len() + 1 + mid.len()], l, 0),
            (Ok(l), Err(_), None) => (mid, l, 0),
            _ => return None,
        };
        if path.is_empty() || line_no == 0 {
            return None;
        }
        Some(CompilerDiagnostic {
            path: self.resolve(path),
            line: line_no,
            col,
            severity,
            message,
            notes: Vec::new(),
        })
    }

    /// A path as the compiler printed it, made absolute.
    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() {
            return std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        }
        let bases = self
            .dirs
            .last()
            .into_iter()
            .chain([&self.objtree, &self.srctree]);
        let mut first = None;
        for b in bases {
            let c = b.join(p);
            if let Ok(r) = std::fs::canonicalize(&c) {
                return r;
            }
            first.get_or_insert(c);
        }
        first.unwrap_or_else(|| p.to_path_buf())
    }
}

/// `make[1]: Entering directory '/x'` -> `/x`.
fn directory_change<'a>(line: &'a str, what: &str) -> Option<&'a str> {
    let rest = &line[line.find(what)? + what.len()..];
    let rest = rest.trim();
    let rest = rest
        .strip_prefix(['\'', '`'])
        .and_then(|r| r.strip_suffix('\''))?;
    line.contains("make").then_some(rest)
}

/// `make[2]: *** [scripts/Makefile.build:229: init/main.o] Error 1`.
fn is_make_stop(line: &str) -> bool {
    let Some((prog, rest)) = line.split_once(": ") else {
        return false;
    };
    let prog = prog.split('[').next().unwrap_or(prog);
    prog.ends_with("make") && !prog.contains(' ') && rest.starts_with("***")
}

/// `ld: init/main.o: in function ...: undefined reference to ...`,
/// `cc1: error: ...`.
fn is_link_error(line: &str) -> bool {
    let Some((prog, rest)) = line.split_once(": ") else {
        return false;
    };
    let prog_name = prog.rsplit('/').next().unwrap_or(prog);
    let linker = prog_name == "ld"
        || prog_name.ends_with("-ld")
        || prog_name.starts_with("ld.")
        || prog_name == "collect2";
    let driver = matches!(prog_name, "cc1" | "cc1plus" | "gcc" | "clang" | "cc")
        || prog_name.ends_with("-gcc");
    (linker && !rest.starts_with("warning"))
        || (driver && (rest.starts_with("error") || rest.starts_with("fatal error")))
        || line.contains(": undefined reference to ")
}

/// The text without terminal colour sequences (`ESC [ ... m`).
fn strip_escapes(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\x1b') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.clone().next() == Some('[') {
                chars.next();
                for n in chars.by_ref() {
                    if n.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcc_output() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src");
        let obj = src.join("obj");
        std::fs::create_dir_all(src.join("init")).unwrap();
        std::fs::create_dir_all(src.join("include/linux")).unwrap();
        std::fs::create_dir_all(&obj).unwrap();
        std::fs::write(src.join("init/main.c"), "").unwrap();
        std::fs::write(src.join("include/linux/k.h"), "").unwrap();
        let src = src.canonicalize().unwrap();
        let mut p = OutputParser::new(&obj, &src);
        let out = [
            "  CC      init/main.o",
            "In file included from ../include/linux/k.h:3,",
            "                 from ../init/main.c:2:",
            "../init/main.c: In function 'start':",
            "../init/main.c:12:5: \x1b[01;31merror\x1b[m: 'x' undeclared (first use in this function)",
            "   12 |     x = 1;",
            "      |     ^",
            "../init/main.c:12:5: note: each undeclared identifier is reported only once",
            "include/linux/k.h:7: warning: \"FOO\" redefined",
            "/nowhere/a.c:1:2: warning: w",
            "cc1: some warnings being treated as errors",
            "make[2]: *** [scripts/Makefile.build:229: init/main.o] Error 1",
            "ld: init/main.o: in function `f': main.c:(.text+0x5): undefined reference to `g'",
            "kmake: *** [Makefile:1: all] Error 2",
        ];
        // ANSI colour around the severity word is stripped first.
        for l in out {
            p.line(l);
        }
        let (diags, general) = p.finish();
        assert_eq!(diags.len(), 3, "{diags:#?}");
        assert_eq!(diags[0].path, src.join("init/main.c"));
        assert_eq!((diags[0].line, diags[0].col), (12, 5));
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!(
            diags[0].message,
            "'x' undeclared (first use in this function)"
        );
        assert_eq!(diags[0].notes.len(), 1);
        assert_eq!(diags[1].path, src.join("include/linux/k.h"));
        assert_eq!((diags[1].line, diags[1].col), (7, 0));
        assert_eq!(diags[1].severity, Severity::Warning);
        assert_eq!(diags[2].path, PathBuf::from("/nowhere/a.c"));
        assert_eq!(general.len(), 3, "{general:#?}");
        assert!(general[0].starts_with("make[2]: ***"));
        assert!(general[1].starts_with("ld: "));
    }

    #[test]
    fn odd_lines_do_not_panic() {
        let mut p = OutputParser::new(Path::new("/o"), Path::new("/s"));
        for l in [
            ":",
            "::: error: ",
            "a:b:c: error: x",
            ": error: x",
            "a:0: error: x",
            "\x1b",
            "\x1b[",
            "x:1:2: note: orphan",
            "make: Entering directory",
            "é:1: warning: ü",
        ] {
            p.line(l);
        }
        let (d, _) = p.finish();
        assert_eq!(d.len(), 2, "{d:#?}");
    }
}
