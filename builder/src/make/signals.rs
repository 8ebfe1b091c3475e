//! Fatal signals (C `fatal_error_signal`): SIGINT, SIGTERM, SIGHUP and
//! SIGQUIT are taken by a thread of their own, which lets running jobs end,
//! deletes the targets they were writing, and then ends the process with the
//! same signal.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

use super::file::Mtime;

/// A target being written by a running job.
pub struct Running {
    pub path: std::path::PathBuf,
    /// Name in messages.
    pub name: Vec<u8>,
    /// Modification time before the job started.
    pub before: Mtime,
    /// Message prefix of the make that runs it (`make: `).
    pub prefix: Vec<u8>,
    pub pid: Option<u32>,
}

/// The signal that is stopping make, or 0.
pub static FATAL: AtomicI32 = AtomicI32::new(0);

fn registry() -> &'static Mutex<FxHashMap<u64, Running>> {
    static R: OnceLock<Mutex<FxHashMap<u64, Running>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(FxHashMap::default()))
}

/// Records a running job's target (`key` unique in the process).
pub fn register(key: u64, r: Running) {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, r);
}

/// Forgets a job's target when the job ended.
pub fn unregister(key: u64) {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&key);
}

/// A process-wide unique key.
pub fn next_key() -> u64 {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Starts the signal thread (once per process).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: plain libc signal-mask calls on a local set.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
                libc::sigaddset(&mut set, s);
            }
            // Blocked in this thread and every thread started later; the
            // signal thread takes them with sigwait.
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            let set_copy = set;
            let _ = std::thread::Builder::new()
                .name("kmake-signals".into())
                .spawn(move || loop {
                    let mut sig: libc::c_int = 0;
                    if libc::sigwait(&set_copy, &mut sig) != 0 {
                        continue;
                    }
                    handle(sig);
                });
        }
    });
}

/// Unblocks the fatal signals in a child process before it runs its
/// command (children must not inherit the blocked mask).
pub fn child_sigmask_reset() {
    // SAFETY: async-signal-safe calls on a local set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::pthread_sigmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    }
}

fn handle(sig: i32) {
    FATAL.store(sig, Ordering::SeqCst);
    if sig == libc::SIGTERM {
        let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
        for r in reg.values() {
            if let Some(pid) = r.pid {
                // SAFETY: sending a signal to a child process.
                unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
            }
        }
    }
    // Let the jobs end (they got the signal from the terminal, or SIGTERM
    // above), at most a few seconds.
    for _ in 0..500 {
        let any = registry()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .any(|r| r.pid.is_some_and(alive));
        if !any {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    for r in reg.values() {
        if let Ok(md) = std::fs::metadata(&r.path) {
            if md.is_file() && Mtime::of_metadata(&md) != r.before {
                out.extend_from_slice(&r.prefix);
                out.extend_from_slice(b"*** Deleting file '");
                out.extend_from_slice(&r.name);
                out.extend_from_slice(b"'\n");
                let _ = std::fs::remove_file(&r.path);
            }
        }
    }
    drop(reg);
    {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(&out);
    }
    super::jobserver::cleanup_process();
    // SAFETY: restoring the default action and re-raising the signal ends
    // the process the way the signal would have.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
        libc::_exit(128 + sig);
    }
}

fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}
