//! kbuild's configuration sync on the Kconfig engine: when kbuild remakes
//! `include/config/auto.conf` it runs `$(MAKE) -f $(srctree)/Makefile
//! syncconfig`, which builds `scripts/kconfig/conf` and runs it. kmake runs
//! that sub-make's goal on its in-process Kconfig engine instead (same
//! files, byte for byte, as the conformance tests show), so a configuration
//! change costs no compiler runs.

use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::make::instance::SubmakeHook;

/// The hook installed by `kmake`.
pub struct KconfigSync;

/// The source tree of a `make -f <srctree>/Makefile syncconfig` command line
/// (only that goal, no other makefile options).
fn syncconfig_srctree(argv: &[Vec<u8>]) -> Option<PathBuf> {
    let mut makefile: Option<PathBuf> = None;
    let mut goals = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a.as_slice() == b"-f" {
            makefile = Some(PathBuf::from(std::ffi::OsStr::from_bytes(argv.get(i)?)));
            i += 1;
        } else if a.starts_with(b"-") || a.contains(&b'=') {
            continue;
        } else {
            goals.push(a.clone());
        }
    }
    if goals != [b"syncconfig".to_vec()] {
        return None;
    }
    let mf = makefile?;
    if mf.file_name()? != "Makefile" {
        return None;
    }
    let src = mf.parent()?.to_path_buf();
    if src.join("Kconfig").is_file() {
        Some(src)
    } else {
        None
    }
}

/// The variable assignments in a `MAKEFLAGS` value (the words after `--`;
/// `$$` is `$` and a backslash quotes the next character, as make reads it).
fn makeflags_assignments(flags: &str) -> Vec<String> {
    let value = flags.replace("$$", "$");
    let mut words: Vec<String> = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    words.last_mut().expect("a word").push(n);
                }
            }
            ' ' | '\t' => {
                if !words.last().expect("a word").is_empty() {
                    words.push(String::new());
                }
            }
            c => words.last_mut().expect("a word").push(c),
        }
    }
    match words.iter().position(|w| w == "--") {
        Some(i) => words[i + 1..]
            .iter()
            .filter(|w| w.contains('='))
            .cloned()
            .collect(),
        None => Vec::new(),
    }
}

impl SubmakeHook for KconfigSync {
    fn intercept(&self, argv: &[Vec<u8>], env: &[(Vec<u8>, Vec<u8>)], cwd: &Path) -> Option<i32> {
        let src = syncconfig_srctree(argv)?;
        let text = |s: &[u8]| crate::kconfig::source::decode_bytes(s);
        let env: BTreeMap<String, String> = env.iter().map(|(k, v)| (text(k), text(v))).collect();
        let mut args = vec![
            "-s".to_string(),
            "-C".to_string(),
            src.display().to_string(),
            format!("O={}", cwd.display()),
        ];
        // The sub-make's command-line variables (`kmake RUSTC=...`) reach
        // it through MAKEFLAGS, and the Kconfig engine must see them too.
        if let Some(flags) = env.get("MAKEFLAGS") {
            // Not O=: the sub-make runs in the object tree, given above.
            args.extend(
                makeflags_assignments(flags)
                    .into_iter()
                    .filter(|a| !a.starts_with("O=")),
            );
        }
        args.extend(
            argv.iter()
                .skip(1)
                .filter(|a| !a.starts_with(b"-") && a.contains(&b'='))
                .map(|a| text(a)),
        );
        args.push("syncconfig".to_string());
        let cwd = cwd.to_path_buf();
        Some(crate::kconfig::with_big_stack(move || {
            let mut io = crate::cli::StdIo::new();
            crate::cli::run(args, env, &cwd, &mut io)
        }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_kbuilds_syncconfig() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("Kconfig"), "").unwrap();
        let mf = d.path().join("Makefile").display().to_string();
        let v = |a: &[&str]| a.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(
            super::syncconfig_srctree(&v(&["make", "-f", &mf, "syncconfig"])),
            Some(d.path().to_path_buf())
        );
        assert_eq!(
            super::syncconfig_srctree(&v(&["make", "-f", &mf, "oldconfig"])),
            None
        );
        assert_eq!(super::syncconfig_srctree(&v(&["make", "syncconfig"])), None);
        assert_eq!(
            super::makeflags_assignments(" -j2 -- RUSTC=/usr/bin/rustc A=x\\ y B=$$c"),
            ["RUSTC=/usr/bin/rustc", "A=x y", "B=$c"]
        );
        assert!(super::makeflags_assignments("rR").is_empty());
    }
}
