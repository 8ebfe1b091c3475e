//! Open editor documents: text (a rope), version and path, updated by
//! `didOpen`/`didChange`/`didClose` strictly in the order they arrive.

use std::path::{Path, PathBuf};

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::position::{rope_char_index, PositionEncoding};

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// The file it shows (canonical when it exists on disk).
    pub path: Option<PathBuf>,
}

/// All open documents, by URI.
#[derive(Default)]
pub struct Documents {
    map: DashMap<Url, Document>,
}

/// A file path for a `file:` URI, canonical when the file exists.
pub fn uri_to_path(uri: &Url) -> Option<PathBuf> {
    let p = uri.to_file_path().ok()?;
    Some(p.canonicalize().unwrap_or(p))
}

impl Documents {
    pub fn open(&self, uri: Url, version: i32, text: &str) {
        let path = uri_to_path(&uri);
        self.map.insert(
            uri,
            Document {
                rope: Rope::from_str(text),
                version,
                path,
            },
        );
    }

    pub fn close(&self, uri: &Url) {
        self.map.remove(uri);
    }

    /// Applies `changes` in order (ranged ones incrementally). Unknown
    /// documents are ignored; a stale version is applied but logged, since
    /// the client's order is the truth.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: PositionEncoding,
    ) {
        let Some(mut doc) = self.map.get_mut(uri) else {
            tracing::warn!(%uri, "didChange for a document that is not open");
            return;
        };
        if version <= doc.version {
            tracing::warn!(%uri, version, have = doc.version, "didChange out of order");
        }
        for ch in changes {
            match ch.range {
                None => doc.rope = Rope::from_str(&ch.text),
                Some(r) => {
                    let rope = &mut doc.rope;
                    let a = rope_char_index(rope, r.start.line, r.start.character, enc);
                    let b = rope_char_index(rope, r.end.line, r.end.character, enc);
                    let (a, b) = (a.min(b), a.max(b));
                    rope.remove(a..b);
                    rope.insert(a, &ch.text);
                }
            }
        }
        doc.version = version;
    }

    /// The URIs of all open documents.
    pub fn uris(&self) -> Vec<Url> {
        self.map.iter().map(|d| d.key().clone()).collect()
    }

    pub fn get(&self, uri: &Url) -> Option<Document> {
        self.map.get(uri).map(|d| d.clone())
    }

    /// The current text of every open document, by path.
    pub fn texts(&self) -> Vec<(PathBuf, String)> {
        self.texts_of(|_| true)
    }

    /// The current text of the open documents whose path `keep` accepts.
    pub fn texts_of(&self, keep: impl Fn(&Path) -> bool) -> Vec<(PathBuf, String)> {
        self.map
            .iter()
            .filter_map(|d| {
                let p = d.path.as_ref().filter(|p| keep(p))?;
                Some((p.clone(), d.rope.to_string()))
            })
            .collect()
    }

    /// The text of `path`: the open document's if any, else the file's.
    pub fn text_of(&self, path: &Path) -> Option<String> {
        for d in self.map.iter() {
            if d.path.as_deref() == Some(path) {
                return Some(d.rope.to_string());
            }
        }
        std::fs::read(path)
            .ok()
            .map(kmake::kconfig::source::decode_vec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16_and_utf8() {
        let docs = Documents::default();
        let uri = Url::parse("file:///tmp/kmake-lsp-doc/Makefile").unwrap();
        docs.open(uri.clone(), 1, "# é𝄞 x\nobj-$(CONFIG_A) += a.o\n");
        // UTF-16: "x" is at column 6 ("# " 2 + é 1 + 𝄞 2 + " " 1).
        docs.change(&uri, 2, &[edit(0, 6, 0, 7, "yz")], PositionEncoding::Utf16);
        assert_eq!(
            docs.get(&uri).unwrap().rope.to_string(),
            "# é𝄞 yz\nobj-$(CONFIG_A) += a.o\n"
        );
        // UTF-8: the same place is byte 9.
        docs.change(&uri, 3, &[edit(0, 9, 1, 13, "B")], PositionEncoding::Utf8);
        let doc = docs.get(&uri).unwrap();
        assert_eq!(doc.rope.to_string(), "# é𝄞 BA) += a.o\n");
        assert_eq!(doc.version, 3);
        // A whole-text change, then an edit past the end (clamped).
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        docs.change(
            &uri,
            4,
            &[full, edit(5, 0, 9, 9, "!")],
            PositionEncoding::Utf16,
        );
        assert_eq!(docs.get(&uri).unwrap().rope.to_string(), "new!");
        docs.close(&uri);
        assert!(docs.get(&uri).is_none());
    }
}
