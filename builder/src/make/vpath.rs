//! Directory search (C `vpath.c`): `vpath pattern dirs` directives, the
//! `VPATH` and `GPATH` variables, and finding a file through them.

use super::file::Mtime;
use super::instance::Make;
use super::text::{find_percent, is_blank, pattern_match};
use super::MResult;

/// One search list: a pattern and its directories.
#[derive(Clone, Debug, Default)]
pub struct Vpath {
    pub pattern: Vec<u8>,
    pub percent: Option<usize>,
    pub dirs: Vec<Vec<u8>>,
}

/// All search lists of a make.
#[derive(Clone, Debug, Default)]
pub struct Vpaths {
    /// `vpath` directives, in the order read.
    pub selective: Vec<Vpath>,
    /// From `VPATH`.
    pub general: Option<Vpath>,
    /// From `GPATH`.
    pub gpath: Option<Vpath>,
}

/// Splits a directory list at blanks and colons; `.` entries are dropped and
/// trailing slashes removed.
fn parse_dirs(dirpath: &[u8]) -> Vec<Vec<u8>> {
    dirpath
        .split(|&c| is_blank(c) || c == b':')
        .filter(|d| !d.is_empty())
        .filter_map(|d| {
            let mut d = d;
            if d.len() > 1 && d.last() == Some(&b'/') {
                d = &d[..d.len() - 1];
            }
            if d.len() > 1 || d[0] != b'.' {
                Some(d.to_vec())
            } else {
                None
            }
        })
        .collect()
}

fn make_vpath(pattern: &[u8], dirpath: &[u8]) -> Option<Vpath> {
    let dirs = parse_dirs(dirpath);
    if dirs.is_empty() {
        return None;
    }
    let (pattern, percent) = find_percent(pattern);
    Some(Vpath {
        pattern,
        percent,
        dirs,
    })
}

impl Make {
    /// A `vpath` directive (C `construct_vpath_list`): without a pattern all
    /// lists are removed; without directories the pattern's lists are.
    pub fn set_vpath(&mut self, pattern: Option<Vec<u8>>, dirs: Option<Vec<u8>>) {
        let Some(pattern) = pattern else {
            self.vpaths.selective.clear();
            return;
        };
        let Some(dirs) = dirs else {
            let (p, pct) = find_percent(&pattern);
            self.vpaths
                .selective
                .retain(|v| !(v.pattern == p && v.percent == pct));
            return;
        };
        if let Some(v) = make_vpath(&pattern, &dirs) {
            self.vpaths.selective.push(v);
        }
    }

    /// Builds the lists of `VPATH` and `GPATH` (C `build_vpath_lists`).
    pub fn build_vpath_lists(&mut self) -> MResult<()> {
        let v = self.expand_str(b"$(strip $(VPATH))")?;
        self.vpaths.general = if v.is_empty() {
            None
        } else {
            make_vpath(b"%", &v)
        };
        let g = self.expand_str(b"$(strip $(GPATH))")?;
        self.vpaths.gpath = if g.is_empty() {
            None
        } else {
            make_vpath(b"%", &g)
        };
        Ok(())
    }

    /// Whether `dir` is one of the `GPATH` directories.
    pub fn gpath_search(&self, dir: &[u8]) -> bool {
        self.vpaths
            .gpath
            .as_ref()
            .is_some_and(|g| g.dirs.iter().any(|d| d == dir))
    }

    /// Looks `file` up through the search lists (C `vpath_search`): the name
    /// found, and its modification time when it was known without a `stat`
    /// (`Unknown` otherwise).
    pub fn vpath_search(&self, file: &[u8]) -> Option<(Vec<u8>, Mtime)> {
        if file.first() == Some(&b'/') || file.is_empty() {
            return None;
        }
        if self.vpaths.selective.is_empty() && self.vpaths.general.is_none() {
            return None;
        }
        for v in &self.vpaths.selective {
            if pattern_match(&v.pattern, v.percent, file).is_some() {
                if let Some(r) = self.selective_vpath_search(v, file) {
                    return Some(r);
                }
            }
        }
        if let Some(g) = &self.vpaths.general {
            return self.selective_vpath_search(g, file);
        }
        None
    }

    fn selective_vpath_search(&self, path: &Vpath, file: &[u8]) -> Option<(Vec<u8>, Mtime)> {
        let not_target = self
            .files
            .lookup(file)
            .is_none_or(|f| !self.files.get(f).is_target);
        let slash = file.iter().rposition(|&c| c == b'/');
        let (dirpart, filename): (&[u8], &[u8]) = match slash {
            Some(s) if s > 0 => (&file[..s], &file[s + 1..]),
            _ => (b"", file),
        };
        for dir in &path.dirs {
            let mut name = dir.clone();
            if !dirpart.is_empty() {
                name.push(b'/');
                name.extend_from_slice(dirpart);
            }
            if name.last() != Some(&b'/') {
                name.push(b'/');
            }
            name.extend_from_slice(filename);
            let mut mtime = None;
            let mut exists = false;
            if let Some(f) = self.files.lookup(&name) {
                let f = self.files.get(f);
                exists = not_target || f.is_target;
                if exists && matches!(f.last_mtime, Mtime::OldInf | Mtime::NewInf) {
                    mtime = Some(f.last_mtime);
                }
            }
            if !exists {
                match self.shared.stats.stat(&self.resolve_path(&name)) {
                    Ok(super::statcache::Stat::Exists { mtime_ns, .. }) => {
                        exists = true;
                        mtime.get_or_insert(Mtime::At(mtime_ns));
                    }
                    _ => continue,
                }
            }
            if exists {
                return Some((name, mtime.unwrap_or(Mtime::Unknown)));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_lists() {
        assert_eq!(
            parse_dirs(b"a:b/ . c"),
            vec![b"a".to_vec(), b"b".to_vec(), b"c".to_vec()]
        );
        assert_eq!(parse_dirs(b"/"), vec![b"/".to_vec()]);
    }
}
