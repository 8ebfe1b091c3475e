//! `kmake` as `make` for the commands it runs: a directory holding a `make`
//! link to this program goes first in the children's `PATH`, and `$(MAKE)`
//! is `make`. Recorded command lines (kbuild's `.cmd` files hold `$(MAKE)`)
//! are then the same as GNU make's, so an object tree can be built with
//! either without rebuilding, and a `make` that a script runs is kmake too.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The directory with the `make` link, made if needed (next to kmake's other
/// per-user caches; one per kmake binary). `None` if it cannot be made.
pub fn alias_dir(env: &[(Vec<u8>, Vec<u8>)]) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let get = |k: &[u8]| {
        env.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| PathBuf::from(std::ffi::OsStr::from_bytes(v)))
    };
    let base = match (get(b"XDG_CACHE_HOME"), get(b"HOME")) {
        (Some(x), _) if x.is_absolute() => x.join("kmake"),
        (_, Some(h)) if h.is_absolute() => h.join(".cache/kmake"),
        // SAFETY: getuid cannot fail.
        _ => PathBuf::from(format!("/tmp/kmake-{}", unsafe { libc::getuid() })),
    };
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in exe.as_os_str().as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    let dir = base.join(format!("bin-{h:016x}"));
    let link = dir.join("make");
    if std::fs::read_link(&link).ok().as_deref() == Some(exe.as_path()) {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).ok()?;
    // Made under a temporary name and renamed: concurrent kmakes are fine.
    let tmp = dir.join(format!(".make.{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(&exe, &tmp).ok()?;
    std::fs::rename(&tmp, &link).ok()?;
    Some(dir)
}

/// Puts `dir` first in the environment's `PATH`.
pub fn prepend_path(env: &mut Vec<(Vec<u8>, Vec<u8>)>, dir: &Path) {
    let d = dir.as_os_str().as_bytes().to_vec();
    match env.iter_mut().find(|(k, _)| k == b"PATH") {
        Some((_, v)) => {
            let mut nv = d;
            nv.push(b':');
            nv.extend_from_slice(v);
            *v = nv;
        }
        None => env.push((
            b"PATH".to_vec(),
            [d, b":/usr/local/bin:/usr/bin:/bin".to_vec()].concat(),
        )),
    }
}
