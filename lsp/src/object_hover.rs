//! Hover on an object in a kbuild Makefile (`foo.o`): its sources and, once
//! the object tree's compile database has been evaluated (by an effective
//! command request or a compile database command), the exact command kbuild
//! runs for it, or why it is not built under this configuration.

use std::path::Path;

use crate::build::effective::{answer, EffectiveCache, EffectiveCommand};
use crate::makefile::sources::existing_sources;
use crate::settings::Settings;
use crate::workspace::Layout;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'+' | b',')
}

/// The object word at byte `at` of `line`: `foo.o`, `dir/foo.o`.
pub fn object_at(line: &str, at: usize) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let at = at.min(b.len());
    let mut start = at;
    while start > 0 && is_word(b[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < b.len() && is_word(b[end]) {
        end += 1;
    }
    let word = line.get(start..end)?;
    let word_start = start + (word.len() - word.trim_start_matches(',').len());
    let word = line.get(word_start..end)?;
    (word.ends_with(".o") && word.len() > 2).then_some((word_start, end))
}

/// Markdown for hovering the object at byte `at` of `line` in `makefile`.
pub fn object_hover(
    layout: &Layout,
    settings: &Settings,
    makefile: &Path,
    line: &str,
    at: usize,
) -> Option<(String, (usize, usize))> {
    let (a, b) = object_at(line, at)?;
    let object = &line[a..b];
    let dir = makefile.parent()?;
    let sources = existing_sources(dir, object);
    let source = sources.first()?;
    let mut out = format!("**{object}** from `{}`\n", layout.display(source));
    match EffectiveCache::global().cached(layout, settings) {
        Some(db) => match answer(&db, layout, source) {
            EffectiveCommand::Built {
                directory, command, ..
            } => out.push_str(&format!(
                "\nkbuild runs, in `{}`:\n\n```sh\n{command}\n```\n",
                directory.display()
            )),
            EffectiveCommand::NotBuilt { reason, .. } => {
                out.push_str(&format!("\n{reason}\n"));
            }
        },
        None if settings.trusted => out.push_str(
            "\nThe exact compiler command: *kmake: Show Effective Command* (`kmake/effectiveCommand`).\n",
        ),
        None => {}
    }
    Some((out, (a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_under_the_cursor() {
        let l = "obj-$(CONFIG_X) += foo.o dir/bar.o";
        let w = |at| object_at(l, at).map(|(a, b)| &l[a..b]);
        assert_eq!(w(20), Some("foo.o"));
        assert_eq!(w(30), Some("dir/bar.o"));
        assert_eq!(w(2), None);
        assert_eq!(object_at("x := a.c", 6), None);
    }
}
