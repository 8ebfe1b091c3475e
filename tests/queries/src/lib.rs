//! The editor queries in `queries/`: loading each one against its grammar,
//! checking its capture names, and running all of them over a tree's files.

use std::fmt;
use std::path::{Path, PathBuf};

use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator};

/// A grammar the queries are written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Kconfig,
    Make,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Kconfig, Lang::Make];

    /// The folder under `queries/` (the nvim-treesitter language name).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Kconfig => "kconfig",
            Lang::Make => "make",
        }
    }

    pub fn language(self) -> Language {
        match self {
            Lang::Kconfig => tree_sitter_kconfig::LANGUAGE.into(),
            Lang::Make => tree_sitter_make::LANGUAGE.into(),
        }
    }

    /// The query files this language must have.
    pub fn query_names(self) -> &'static [&'static str] {
        match self {
            Lang::Kconfig => &["highlights", "folds", "locals", "injections", "indents"],
            Lang::Make => &["highlights", "folds", "injections"],
        }
    }

    /// Which language a file of a kernel tree is, by its name.
    pub fn of_file(path: &Path) -> Option<Lang> {
        let name = path.file_name()?.to_str()?;
        if name.starts_with("Kconfig") {
            Some(Lang::Kconfig)
        } else if name == "Makefile"
            || name.starts_with("Makefile.")
            || name == "Kbuild"
            || name.starts_with("Kbuild.")
            || name.ends_with(".mk")
        {
            Some(Lang::Make)
        } else {
            None
        }
    }
}

/// The repository's `queries/` folder.
pub fn queries_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries")
}

/// Capture names the queries may use: nvim-treesitter's, per query kind.
/// Names starting with `_` are private (used by predicates only).
pub fn capture_allowed(query: &str, capture: &str) -> bool {
    if capture.starts_with('_') {
        return true;
    }
    match query {
        "highlights" => HIGHLIGHT_CAPTURES.contains(&capture),
        "folds" => capture == "fold",
        "locals" => {
            capture == "local.scope"
                || capture == "local.reference"
                || capture == "local.definition"
                || capture
                    .strip_prefix("local.definition.")
                    .is_some_and(|k| LOCAL_DEFINITION_KINDS.contains(&k))
        }
        "injections" => capture == "injection.content" || capture == "injection.language",
        "indents" => INDENT_CAPTURES.contains(&capture),
        _ => false,
    }
}

const HIGHLIGHT_CAPTURES: &[&str] = &[
    "comment",
    "comment.documentation",
    "spell",
    "nospell",
    "keyword",
    "keyword.conditional",
    "keyword.import",
    "keyword.directive",
    "keyword.operator",
    "keyword.function",
    "type",
    "type.builtin",
    "constant",
    "constant.builtin",
    "constant.macro",
    "boolean",
    "number",
    "string",
    "string.special",
    "string.special.path",
    "string.documentation",
    "string.escape",
    "character.special",
    "variable",
    "variable.builtin",
    "variable.parameter",
    "function",
    "function.builtin",
    "function.call",
    "function.macro",
    "operator",
    "punctuation.bracket",
    "punctuation.delimiter",
    "punctuation.special",
    "markup.heading",
    "label",
];

const LOCAL_DEFINITION_KINDS: &[&str] = &[
    "constant",
    "var",
    "function",
    "macro",
    "type",
    "field",
    "parameter",
    "import",
];

const INDENT_CAPTURES: &[&str] = &[
    "indent.begin",
    "indent.end",
    "indent.align",
    "indent.dedent",
    "indent.branch",
    "indent.ignore",
    "indent.auto",
    "indent.zero",
];

/// One query file, compiled.
pub struct LoadedQuery {
    pub lang: Lang,
    pub name: &'static str,
    pub query: Query,
}

/// A query that does not compile or uses a capture name outside the list.
#[derive(Debug)]
pub struct QueryProblem {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for QueryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// Compiles every query of `lang` and checks its capture names.
pub fn load(lang: Lang) -> Result<Vec<LoadedQuery>, Vec<QueryProblem>> {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for &name in lang.query_names() {
        let file = queries_dir().join(lang.dir()).join(format!("{name}.scm"));
        let source = match std::fs::read_to_string(&file) {
            Ok(s) => s,
            Err(e) => {
                problems.push(QueryProblem {
                    file,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let query = match Query::new(&lang.language(), &source) {
            Ok(q) => q,
            Err(e) => {
                problems.push(QueryProblem {
                    file,
                    message: format!(
                        "line {}, column {}: {:?}: {}",
                        e.row + 1,
                        e.column + 1,
                        e.kind,
                        e.message
                    ),
                });
                continue;
            }
        };
        if query.pattern_count() == 0 {
            problems.push(QueryProblem {
                file: file.clone(),
                message: "no patterns".into(),
            });
        }
        for capture in query.capture_names() {
            if !capture_allowed(name, capture) {
                problems.push(QueryProblem {
                    file: file.clone(),
                    message: format!("capture @{capture} is not an nvim-treesitter {name} capture"),
                });
            }
        }
        loaded.push(LoadedQuery { lang, name, query });
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(problems)
    }
}

/// Every Kconfig file and makefile under `root` (sorted, `.git` skipped).
pub fn tree_files(root: &Path) -> Vec<(Lang, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if entry.file_name() != ".git" {
                    stack.push(path);
                }
            } else if kind.is_file() {
                if let Some(lang) = Lang::of_file(&path) {
                    out.push((lang, path));
                }
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// What running the queries over a tree found.
#[derive(Debug, Default)]
pub struct RunReport {
    pub kconfig_files: usize,
    pub make_files: usize,
    /// Files whose syntax tree has an error node (a grammar limitation, not a
    /// query error; reported as a figure).
    pub files_with_syntax_errors: usize,
    /// Matches per query, in the order `(lang, name)`.
    pub matches: Vec<(Lang, &'static str, usize)>,
    /// Files (not empty, not only comments) where highlights captured nothing.
    pub unhighlighted: Vec<PathBuf>,
    /// Files that could not be read or parsed.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl RunReport {
    pub fn matches_of(&self, lang: Lang, name: &str) -> usize {
        self.matches
            .iter()
            .find(|(l, n, _)| *l == lang && *n == name)
            .map_or(0, |m| m.2)
    }
}

/// Parses every file and runs every query of its language over it.
pub fn run(files: &[(Lang, PathBuf)], queries: &[LoadedQuery]) -> RunReport {
    let mut report = RunReport {
        matches: queries.iter().map(|q| (q.lang, q.name, 0)).collect(),
        ..RunReport::default()
    };
    let mut parsers: Vec<(Lang, Parser)> = Vec::new();
    for lang in Lang::ALL {
        let mut p = Parser::new();
        if let Err(e) = p.set_language(&lang.language()) {
            report
                .unreadable
                .push((PathBuf::from(lang.dir()), format!("grammar: {e}")));
            return report;
        }
        parsers.push((lang, p));
    }
    let mut cursor = QueryCursor::new();
    for (lang, path) in files {
        let text = match std::fs::read(path) {
            Ok(t) => t,
            Err(e) => {
                report.unreadable.push((path.clone(), e.to_string()));
                continue;
            }
        };
        match lang {
            Lang::Kconfig => report.kconfig_files += 1,
            Lang::Make => report.make_files += 1,
        }
        let Some((_, parser)) = parsers.iter_mut().find(|(l, _)| l == lang) else {
            continue;
        };
        let Some(tree) = parser.parse(&text, None) else {
            report
                .unreadable
                .push((path.clone(), "parse returned no tree".into()));
            continue;
        };
        if tree.root_node().has_error() {
            report.files_with_syntax_errors += 1;
        }
        for (i, q) in queries.iter().enumerate() {
            if q.lang != *lang {
                continue;
            }
            let mut n = 0;
            let mut it = cursor.matches(&q.query, tree.root_node(), text.as_slice());
            while it.next().is_some() {
                n += 1;
            }
            report.matches[i].2 += n;
            if q.name == "highlights" && n == 0 && has_code(&text) {
                report.unhighlighted.push(path.clone());
            }
        }
    }
    report
}

/// Whether a file has a line that is neither blank nor a comment.
fn has_code(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n').any(|line| {
        let t = line.trim_ascii();
        !t.is_empty() && !t.starts_with(b"#")
    })
}

/// The captures of one query over one text: `(capture name, captured text)`.
pub fn captures(lang: Lang, query: &Query, text: &str) -> Vec<(String, String)> {
    let mut parser = Parser::new();
    if parser.set_language(&lang.language()).is_err() {
        return Vec::new();
    }
    let Some(tree) = parser.parse(text, None) else {
        return Vec::new();
    };
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut it = cursor.matches(query, tree.root_node(), text.as_bytes());
    while let Some(m) = it.next() {
        for c in m.captures {
            let name = query.capture_names()[c.index as usize].to_string();
            out.push((name, text[c.node.byte_range()].to_string()));
        }
    }
    out
}
