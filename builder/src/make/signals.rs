//! Fatal signals (C `fatal_error_signal`): SIGINT, SIGTERM, SIGHUP and
//! SIGQUIT are caught; a thread of their own tells every make instance of the
//! process, and each one deletes the targets its running jobs were writing,
//! waits for them, removes intermediate files and stops. The process then
//! ends with the same signal.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

/// The signal that is stopping make, or 0.
pub static FATAL: AtomicI32 = AtomicI32::new(0);

/// The write end of the self-pipe the handler writes to.
static PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

type Notify = Box<dyn Fn(i32) + Send>;

fn instances() -> &'static Mutex<FxHashMap<u64, Notify>> {
    static R: OnceLock<Mutex<FxHashMap<u64, Notify>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(FxHashMap::default()))
}

/// Registers a make instance to be told about a fatal signal; returns the
/// key to unregister it with.
pub fn register(notify: Notify) -> u64 {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let key = N.fetch_add(1, Ordering::Relaxed);
    instances()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, notify);
    if FATAL.load(Ordering::SeqCst) != 0 {
        if let Some(n) = instances()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            n(FATAL.load(Ordering::SeqCst));
        }
    }
    key
}

pub fn unregister(key: u64) {
    instances()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&key);
}

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = PIPE_WRITE.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write(2) is async-signal-safe; one byte from a local.
        unsafe { libc::write(fd, (&b as *const u8).cast(), 1) };
    }
}

/// Catches the fatal signals (once per process).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: pipe2 fills the two descriptors.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return;
        }
        PIPE_WRITE.store(fds[1], Ordering::Relaxed);
        let read_fd = fds[0];
        let spawned = std::thread::Builder::new()
            .name("kmake-signals".into())
            .spawn(move || loop {
                let mut b = 0u8;
                // SAFETY: reading one byte into a local.
                let n = unsafe { libc::read(read_fd, (&mut b as *mut u8).cast(), 1) };
                if n == 1 {
                    deliver(b as i32);
                } else if n < 0
                    && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
                {
                    continue;
                } else {
                    break;
                }
            });
        if spawned.is_err() {
            return;
        }
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
            // SAFETY: installing a handler that only calls write(2); a signal
            // ignored when make started stays ignored, as GNU make does.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                libc::sigaction(sig, std::ptr::null(), &mut old);
                if old.sa_sigaction == libc::SIG_IGN {
                    continue;
                }
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                sa.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut sa.sa_mask);
                libc::sigaction(sig, &sa, std::ptr::null_mut());
            }
        }
    });
}

/// Tells every instance; with none running, the process ends now.
fn deliver(sig: i32) {
    if FATAL.swap(sig, Ordering::SeqCst) != 0 {
        return;
    }
    let inst = instances().lock().unwrap_or_else(|e| e.into_inner());
    if inst.is_empty() {
        drop(inst);
        die_by(sig);
    }
    for n in inst.values() {
        n(sig);
    }
}

/// Ends the process with `sig` after the jobserver is cleaned up.
pub fn die_by(sig: i32) -> ! {
    super::jobserver::cleanup_process();
    {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
    }
    // SAFETY: restoring the default action and raising the signal ends the
    // process the way the signal would have; _exit is the fallback.
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

/// The signal stopping make, if any.
pub fn fatal() -> Option<i32> {
    match FATAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}
