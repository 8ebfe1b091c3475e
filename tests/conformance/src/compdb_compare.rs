//! Two compile_commands.json files compared entry by entry: the kernel's
//! `gen_compile_commands.py` after a build against kmake's from evaluation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::kbuild::{set_difference, shell_words};
use crate::report::Report;

/// Checks (as PASS/FAIL lines) that `ours` has the same files as `theirs`,
/// the same directory and command for each (the objtree path `obj` written
/// as `$O` in both), and `arguments` equal to its command's shell words.
pub fn compare_compdbs(rep: &mut Report, theirs: &Path, ours: &Path, obj: &Path) -> Result<()> {
    let ea = read_compdb(theirs, obj)?;
    let ec = read_compdb(ours, obj)?;
    let (fa, fc): (BTreeSet<String>, BTreeSet<String>) =
        (ea.keys().cloned().collect(), ec.keys().cloned().collect());
    match set_difference(&fa, &fc, "make", "kmake") {
        None => rep.pass(
            "the same files",
            &format!("{} entries", ea.values().map(Vec::len).sum::<usize>()),
        ),
        Some(d) => rep.fail("the same files", &d),
    }
    let mut differ = Vec::new();
    let mut bad_args = Vec::new();
    let mut no_args = 0;
    for (file, xs) in &ea {
        let Some(ys) = ec.get(file) else { continue };
        let key = |e: &Entry| (e.directory.clone(), e.command.clone());
        let (kx, ky): (Vec<_>, Vec<_>) =
            (xs.iter().map(key).collect(), ys.iter().map(key).collect());
        if kx != ky {
            differ.push(describe_entry_difference(file, xs, ys));
        }
    }
    for (file, ys) in &ec {
        for e in ys {
            match &e.arguments {
                None => no_args += 1,
                Some(a) if *a != shell_words(&e.command) => bad_args.push(format!(
                    "{file}: arguments {:?}\n      words of the command {:?}",
                    a,
                    shell_words(&e.command)
                )),
                Some(_) => {}
            }
        }
    }
    let common = fa.intersection(&fc).count();
    let mut detail = format!(
        "{} of {common} files with the same directory and command (objtree path as $O)",
        common - differ.len()
    );
    for d in differ.iter().take(4) {
        detail.push('\n');
        detail.push_str(d);
    }
    if differ.len() > 4 {
        detail.push_str(&format!("\n... and {} more", differ.len() - 4));
    }
    rep.check(differ.is_empty(), "the same directory and command", &detail);
    let n = ec.values().map(Vec::len).sum::<usize>();
    let mut detail = format!(
        "{} of {n} entries have `arguments` equal to the shell words of `command`",
        n - no_args - bad_args.len()
    );
    if no_args > 0 {
        detail.push_str(&format!("\n{no_args} entries have no `arguments`"));
    }
    for d in bad_args.iter().take(3) {
        detail.push('\n');
        detail.push_str(d);
    }
    rep.check(
        no_args == 0 && bad_args.is_empty(),
        "kmake's `arguments` are the words of its `command`",
        &detail,
    );
    Ok(())
}

/// One compile_commands.json entry, the objtree path replaced by `$O`.
#[derive(Debug)]
struct Entry {
    directory: String,
    command: String,
    arguments: Option<Vec<String>>,
}

/// Entries by file.
fn read_compdb(path: &Path, obj: &Path) -> Result<BTreeMap<String, Vec<Entry>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let Some(list) = v.as_array() else {
        bail!("{} is not a JSON array", path.display());
    };
    let o = obj.to_string_lossy();
    let norm = |s: &str| s.replace(o.as_ref(), "$O");
    let mut m: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for e in list {
        let field = |k: &str| e.get(k).and_then(|x| x.as_str()).map(norm);
        let Some(file) = field("file") else {
            bail!("{}: an entry without `file`: {e}", path.display());
        };
        let arguments = e.get("arguments").and_then(|a| a.as_array()).map(|a| {
            a.iter()
                .map(|w| w.as_str().map(norm).unwrap_or_default())
                .collect()
        });
        m.entry(file).or_default().push(Entry {
            directory: field("directory").unwrap_or_default(),
            command: field("command").unwrap_or_default(),
            arguments,
        });
    }
    for v in m.values_mut() {
        v.sort_by(|x, y| x.command.cmp(&y.command));
    }
    Ok(m)
}

fn describe_entry_difference(file: &str, xs: &[Entry], ys: &[Entry]) -> String {
    let (x, y) = (&xs[0], &ys[0]);
    if xs.len() != ys.len() {
        return format!(
            "{file}: {} entries from make, {} from kmake",
            xs.len(),
            ys.len()
        );
    }
    if x.directory != y.directory {
        return format!(
            "{file}: directory {:?} (make) vs {:?} (kmake)",
            x.directory, y.directory
        );
    }
    let (wx, wy) = (shell_words(&x.command), shell_words(&y.command));
    let sx: BTreeSet<&String> = wx.iter().collect();
    let sy: BTreeSet<&String> = wy.iter().collect();
    let only_x: Vec<&&String> = sx.difference(&sy).collect();
    let only_y: Vec<&&String> = sy.difference(&sx).collect();
    format!(
        "{file}: commands differ; words only in make's: {only_x:?}; only in kmake's: {only_y:?}\n  make:  {}\n  kmake: {}",
        crate::kernel_make::clip(&x.command, 0, 300),
        crate::kernel_make::clip(&y.command, 0, 300)
    )
}
