//! The text index saved between sessions (`<objtree>/.kmake/lsp-index`): for
//! every indexed file its size, modification time and `CONFIG_` mentions, so
//! a start reads again only the files that changed. A compact binary file,
//! written to a temporary name and renamed; anything unreadable, truncated or
//! of another version is ignored (the index is then built from the files).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::text_index::Hit;

const MAGIC: &[u8; 8] = b"KMLSPIX1";

/// What identifies a file's content well enough to trust its saved mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_s: i64,
    pub mtime_ns: u32,
}

impl Stamp {
    pub fn of(m: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: m.size(),
            mtime_s: m.mtime(),
            mtime_ns: m.mtime_nsec() as u32,
        }
    }
}

/// One file as saved: its stamp and mentions (name indexes into `Saved::names`).
pub struct SavedFile {
    pub stamp: Stamp,
    pub hits: Vec<(u32, Hit)>,
}

/// A saved index.
#[derive(Default)]
pub struct Saved {
    pub names: Vec<Box<str>>,
    pub files: HashMap<PathBuf, SavedFile>,
}

/// Reads little-endian numbers and byte strings, failing on truncation.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn text(&mut self) -> Option<&str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

/// The saved index at `path`, if it is readable and of this version.
pub fn load(path: &Path) -> Option<Saved> {
    let data = std::fs::read(path).ok()?;
    let mut r = Reader { data: &data, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let mut saved = Saved::default();
    let names = r.u32()?;
    for _ in 0..names {
        saved.names.push(r.text()?.into());
    }
    let files = r.u32()?;
    for _ in 0..files {
        let p = PathBuf::from(r.text()?);
        let stamp = Stamp {
            size: r.u64()?,
            mtime_s: r.u64()? as i64,
            mtime_ns: r.u32()?,
        };
        let n = r.u32()?;
        let mut hits = Vec::with_capacity(n.min(1 << 20) as usize);
        for _ in 0..n {
            let name = r.u32()?;
            if name as usize >= saved.names.len() {
                return None;
            }
            let hit = Hit {
                line: r.u32()?,
                col: r.u32()?,
                len: r.u32()?,
            };
            hits.push((name, hit));
        }
        saved.files.insert(p, SavedFile { stamp, hits });
    }
    (r.at == data.len()).then_some(saved)
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Writes an index: `names` by id, and every file with its stamp and
/// mentions (name ids). Paths that are not UTF-8 are left out.
pub fn save<'a>(
    path: &Path,
    names: &[&str],
    files: impl Iterator<Item = (&'a Path, Stamp, &'a [(u32, Hit)])>,
) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(1 << 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for n in names {
        put_text(&mut out, n);
    }
    let count_at = out.len();
    out.extend_from_slice(&0u32.to_le_bytes());
    let mut count = 0u32;
    for (p, stamp, hits) in files {
        let Some(p) = p.to_str() else { continue };
        put_text(&mut out, p);
        out.extend_from_slice(&stamp.size.to_le_bytes());
        out.extend_from_slice(&(stamp.mtime_s as u64).to_le_bytes());
        out.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
        out.extend_from_slice(&(hits.len() as u32).to_le_bytes());
        for (name, h) in hits {
            for v in [*name, h.line, h.col, h.len] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        count += 1;
    }
    out[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, &out)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("idx");
        let stamp = Stamp {
            size: 10,
            mtime_s: 1_700_000_000,
            mtime_ns: 5,
        };
        let hits = vec![(
            1,
            Hit {
                line: 2,
                col: 3,
                len: 9,
            },
        )];
        save(
            &file,
            &["A", "B"],
            [
                (Path::new("/k/a.c"), stamp, &hits[..]),
                (Path::new("/k/b.c"), stamp, &[][..]),
            ]
            .into_iter(),
        )
        .unwrap();
        let saved = load(&file).unwrap();
        assert_eq!(saved.names.len(), 2);
        let a = &saved.files[Path::new("/k/a.c")];
        assert_eq!((a.stamp, a.hits.clone()), (stamp, hits));
        assert!(saved.files[Path::new("/k/b.c")].hits.is_empty());

        // Truncated, extended, of another version, or a bad name index: ignored.
        let data = std::fs::read(&file).unwrap();
        for bad in [
            data[..data.len() - 1].to_vec(),
            [&data[..], b"x"].concat(),
            [b"KMLSPIX0", &data[8..]].concat(),
        ] {
            std::fs::write(&file, bad).unwrap();
            assert!(load(&file).is_none());
        }
        assert!(load(&dir.path().join("missing")).is_none());
    }
}
