//! How the server invokes kbuild: the command-line variables and environment
//! of a workspace, the trust check, make output captured rather than printed
//! (standard output is the protocol channel), and the configuration sync
//! kbuild would do before it reads `include/config/auto.conf`.

use std::collections::BTreeMap;
use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use kmake::kconfig::conf::ConfIo;
use kmake::kconfig::Stream;
use kmake::make::instance::{ChildStdio, Output};

use crate::settings::Settings;
use crate::workspace::Layout;

/// `ARCH=`, `CROSS_COMPILE=`, `LLVM=` as the settings give them.
pub fn make_vars(settings: &Settings) -> Vec<String> {
    let mut v = Vec::new();
    for (k, val) in [
        ("ARCH", &settings.arch),
        ("CROSS_COMPILE", &settings.cross_compile),
        ("LLVM", &settings.llvm),
    ] {
        if let Some(val) = val {
            v.push(format!("{k}={val}"));
        }
    }
    v
}

/// The server's environment as make reads it.
pub fn make_env() -> Vec<(Vec<u8>, Vec<u8>)> {
    use std::os::unix::ffi::OsStrExt;
    std::env::vars_os()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect()
}

/// Evaluating kbuild runs the compiler probes and `$(shell)` commands of the
/// tree's Makefiles: only in a trusted workspace.
pub fn require_trusted(settings: &Settings, what: &str) -> Result<(), String> {
    if settings.trusted {
        Ok(())
    } else {
        Err(format!(
            "{what} needs a trusted workspace: it evaluates the tree's Makefiles, which run commands"
        ))
    }
}

/// The modification time of a file, `None` when it is missing.
pub fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Make's messages, kept.
#[derive(Default)]
pub struct Captured {
    text: Mutex<Vec<u8>>,
}

impl Captured {
    /// What was written so far, as text.
    pub fn text(&self) -> String {
        let t = self.text.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&t).into_owned()
    }
}

impl Output for Captured {
    fn out(&self, bytes: &[u8]) {
        self.text
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
    }
    fn err(&self, bytes: &[u8]) {
        self.out(bytes);
    }
}

/// Standard output and error for child processes of an in-process make:
/// `/dev/null`, never the server's own descriptors.
pub fn null_stdio() -> Result<Arc<ChildStdio>, String> {
    let open = || -> Result<OwnedFd, String> {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/null")
            .map(OwnedFd::from)
            .map_err(|e| format!("/dev/null: {e}"))
    };
    Ok(Arc::new(ChildStdio {
        out: open()?,
        err: open()?,
    }))
}

/// A `conf` front end that keeps what it prints and answers no questions.
#[derive(Default)]
pub struct QuietConf {
    pub printed: String,
}

impl ConfIo for QuietConf {
    fn print(&mut self, _stream: Stream, text: &str) {
        self.printed.push_str(text);
    }
    fn read_line(&mut self) -> Option<String> {
        None
    }
    fn is_tty(&self) -> bool {
        false
    }
}

/// The objtree's `.config`.
pub fn dot_config(layout: &Layout) -> std::path::PathBuf {
    let name = std::env::var("KCONFIG_CONFIG").unwrap_or_else(|_| ".config".into());
    layout.objtree.join(name)
}

/// Runs kmake's Kconfig front end in-process (`kmake -s -C srctree O=objtree
/// <vars> <goal>`), its messages kept; the error carries them.
pub fn run_conf(layout: &Layout, settings: &Settings, goal: &str) -> Result<String, String> {
    let mut args = vec![
        "-s".to_string(),
        "-C".to_string(),
        layout.srctree.display().to_string(),
    ];
    if layout.objtree != layout.srctree {
        args.push(format!("O={}", layout.objtree.display()));
    }
    args.extend(make_vars(settings));
    args.push(goal.to_string());
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let cwd = layout.srctree.clone();
    let (status, printed) = kmake::kconfig::with_big_stack(move || {
        let mut io = QuietConf::default();
        let st = kmake::cli::run(args, env, &cwd, &mut io);
        (st, io.printed)
    });
    if status == 0 {
        Ok(printed)
    } else {
        Err(format!(
            "kmake {goal} failed (exit status {status}): {}",
            printed.trim_end()
        ))
    }
}

/// Brings `include/config/auto.conf` up to date with `.config` the way
/// kbuild's `syncconfig` does, in-process with its messages kept, so that an
/// evaluation afterwards has nothing to remake. Fails when the objtree has
/// no `.config`.
pub fn sync_config(layout: &Layout, settings: &Settings) -> Result<(), String> {
    let config = dot_config(layout);
    let Some(config_time) = mtime(&config) else {
        return Err(format!(
            "{} has no .config: configure the object tree first (e.g. `kmake O={} defconfig`)",
            layout.objtree.display(),
            layout.objtree.display()
        ));
    };
    let auto = layout.objtree.join("include/config/auto.conf");
    if mtime(&auto).is_some_and(|t| t >= config_time) {
        return Ok(());
    }
    run_conf(layout, settings, "syncconfig").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_and_trust() {
        let s = Settings {
            arch: Some("x86_64".into()),
            llvm: Some("1".into()),
            ..Settings::default()
        };
        assert_eq!(make_vars(&s), ["ARCH=x86_64", "LLVM=1"]);
        assert!(require_trusted(&s, "x").is_ok());
        let u = Settings {
            trusted: false,
            ..Settings::default()
        };
        assert!(require_trusted(&u, "building")
            .unwrap_err()
            .contains("trusted"));
        let c = Captured::default();
        c.out(b"a");
        c.err(b"b");
        assert_eq!(c.text(), "ab");
    }
}
