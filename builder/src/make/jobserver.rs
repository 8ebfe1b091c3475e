//! The jobserver: the pool of job tokens that bounds `-jN` across this process, its in-process
//! sub-makes and its child processes, wire-compatible with GNU make 4.4.
//!
//! # Protocol (GNU make 4.4.1, `src/posixos.c`, `src/main.c`)
//! A token is one byte in a shared channel. The top make of a `-jN` build writes N-1 bytes
//! (`+`) into the channel and keeps one *implicit* slot it never writes. Every make below it
//! also owns one implicit slot: the token its parent holds for the recipe that started it.
//! To run a second job at the same time a make reads a byte; when the job ends it writes the
//! byte back. The channel is advertised to children in `MAKEFLAGS`:
//! - `fifo` style (the default): a named pipe `$TMPDIR/GMfifo<pid>`, advertised as
//!   `--jobserver-auth=fifo:PATH`. Every child sees the path (so `cargo`, `rustc`, `ld` can join);
//!   no descriptor is inherited. The top make removes the FIFO when it exits.
//! - `pipe` style: an anonymous pipe, advertised as `--jobserver-auth=R,W`. The descriptors are
//!   close-on-exec and are only opened up for *recursive* children (`+` lines or lines that
//!   mention `$(MAKE)`); non-recursive children get `--jobserver-auth=-2,-2` appended so they
//!   notice they are not part of the pool.
//!
//! # Shape
//! - [`Jobserver`] is the shared channel (cheap to clone, `Send + Sync`).
//! - [`Client`] is one make instance's view: its implicit slot plus the channel. The engine makes
//!   one per make instance ([`setup`] for the top make, [`Client::sub_make`] or [`setup`] with
//!   [`Inherited::Parent`] for an in-process `$(MAKE)`). A serial or unlimited make has a
//!   `Client` too, so the executor is the same code in every mode.
//! - [`Token`] is the right to run one job; dropping it gives the slot back (also on panic).
//!
//! Differences from GNU make, on purpose: reads use a private non-blocking open file description
//! (`/proc/self/fd/N` for pipes) instead of flipping `O_NONBLOCK` on the one shared with other
//! processes; inherited `R,W` descriptors must be pipes, not just open; descriptors are opened
//! up for a recursive child in the forked child only (`pre_exec`), which is race-free when many
//! threads spawn children; a stale `GMfifo<pid>` left by a dead process is skipped instead of
//! falling back to `pipe`.

use std::borrow::Cow;
use std::ffi::{CString, OsStr, OsString};
use std::fmt;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, Weak};
use std::time::{Duration, Instant};

/// The byte GNU make writes for a token. Tokens read from the channel are written back as read.
const TOKEN_BYTE: u8 = b'+';
const AUTH_OPT: &str = "--jobserver-auth=";
/// What GNU make appends to `MAKEFLAGS` for a non-recursive child of a `pipe` jobserver.
const INVALID_AUTH_ARG: &[u8] = b" --jobserver-auth=-2,-2";
const FIFO_PREFIX: &str = "fifo:";
const FIFO_NAME_PREFIX: &str = "GMfifo";
const DEFAULT_TMPDIR: &str = "/tmp";

/// How the channel is shared with child processes (`--jobserver-style=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum JobserverStyle {
    /// A named pipe in the temporary directory (GNU make 4.4's default on Linux).
    #[default]
    Fifo,
    /// An anonymous pipe whose descriptors recursive children inherit.
    Pipe,
}

impl JobserverStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            JobserverStyle::Fifo => "fifo",
            JobserverStyle::Pipe => "pipe",
        }
    }
}

impl JobserverStyle {
    /// Parses a `--jobserver-style=` value.
    pub fn from_bytes(style: &[u8]) -> Result<Self, JobserverError> {
        match style {
            b"fifo" => Ok(JobserverStyle::Fifo),
            b"pipe" => Ok(JobserverStyle::Pipe),
            other => Err(JobserverError::UnknownStyle(
                String::from_utf8_lossy(other).into_owned(),
            )),
        }
    }
}

impl FromStr for JobserverStyle {
    type Err = JobserverError;

    fn from_str(s: &str) -> Result<Self, JobserverError> {
        JobserverStyle::from_bytes(s.as_bytes())
    }
}

/// A `-j` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Jobs {
    /// `-jN`.
    Limited(u32),
    /// `-j` without a number: no limit, and no jobserver.
    Unlimited,
}

impl Jobs {
    /// From GNU make's way of storing `-j`: 0 for `-j` without a number.
    pub fn from_gnu(n: u32) -> Jobs {
        match n {
            0 => Jobs::Unlimited,
            n => Jobs::Limited(n),
        }
    }

    /// The number GNU make prints for this setting in its messages (`-j` is `-j0`).
    fn number(self) -> u32 {
        match self {
            Jobs::Limited(n) => n,
            Jobs::Unlimited => 0,
        }
    }
}

/// A parsed `--jobserver-auth=` value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Auth {
    /// `fifo:PATH`.
    Fifo(PathBuf),
    /// `R,W`: inherited descriptors. `-2,-2` means "you are not a recursive make".
    Pipe { read: RawFd, write: RawFd },
}

impl Auth {
    /// Parses the value of `--jobserver-auth=` (already unquoted), like `jobserver_parse_auth`.
    pub fn parse(auth: impl AsRef<[u8]>) -> Result<Auth, JobserverError> {
        let auth = auth.as_ref();
        if let Some(path) = auth.strip_prefix(FIFO_PREFIX.as_bytes()) {
            return Ok(Auth::Fifo(PathBuf::from(OsStr::from_bytes(path))));
        }
        // GNU make uses sscanf("%d,%d"): leading blanks and a sign are fine, trailing text is not
        // looked at.
        let invalid = || JobserverError::InvalidAuth(String::from_utf8_lossy(auth).into_owned());
        let (read, rest) = scan_int(auth).ok_or_else(invalid)?;
        let rest = rest.strip_prefix(b",").ok_or_else(invalid)?;
        let (write, _) = scan_int(rest).ok_or_else(invalid)?;
        Ok(Auth::Pipe { read, write })
    }

    /// The exact value, unquoted: `fifo:/tmp/GMfifo123` or `3,4` (`Display` is lossy for a
    /// path that is not UTF-8).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Auth::Fifo(path) => [FIFO_PREFIX.as_bytes(), path.as_os_str().as_bytes()].concat(),
            Auth::Pipe { read, write } => format!("{read},{write}").into_bytes(),
        }
    }

    pub fn style(&self) -> JobserverStyle {
        match self {
            Auth::Fifo(_) => JobserverStyle::Fifo,
            Auth::Pipe { .. } => JobserverStyle::Pipe,
        }
    }
}

/// The unquoted `--jobserver-auth=` value: `fifo:/tmp/GMfifo123` or `3,4`.
impl fmt::Display for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Fifo(path) => write!(f, "{FIFO_PREFIX}{}", path.display()),
            Auth::Pipe { read, write } => write!(f, "{read},{write}"),
        }
    }
}

/// `%d` of sscanf: optional blanks, optional sign, at least one digit.
fn scan_int(s: &[u8]) -> Option<(i32, &[u8])> {
    let blanks = s
        .iter()
        .take_while(|b| b" \t\n\r\x0b\x0c".contains(b))
        .count();
    let s = &s[blanks..];
    let sign_len = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let digits = s[sign_len..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let end = sign_len + digits;
    let value = std::str::from_utf8(&s[..end]).ok()?.parse().ok()?;
    Some((value, &s[end..]))
}

/// Errors. The `Display` text is GNU make's, without the `make: ` prefix.
#[derive(Debug, thiserror::Error)]
pub enum JobserverError {
    #[error("unknown jobserver auth style '{0}'")]
    UnknownStyle(String),
    #[error("invalid --jobserver-auth string '{0}'")]
    InvalidAuth(String),
    #[error("cannot open jobserver {}: {}", .path.display(), strerror(.source))]
    Open { path: PathBuf, source: io::Error },
    /// GNU make says nothing for this one; it only prints [`JobserverWarning::Unavailable`].
    #[error("jobserver descriptors {read},{write} are not an inherited pipe")]
    BadFds { read: RawFd, write: RawFd },
    #[error("jobserver mkfifo: {}: {}", .path.display(), strerror(.source))]
    Mkfifo { path: PathBuf, source: io::Error },
    #[error("creating jobs pipe: {}", strerror(.0))]
    CreatePipe(io::Error),
    #[error("init jobserver pipe: {}", strerror(.0))]
    Init(io::Error),
    #[error("read jobs pipe: {}", strerror(.0))]
    Read(io::Error),
    #[error("write jobserver: {}", strerror(.0))]
    Write(io::Error),
    #[error("job server shut down")]
    ShutDown,
    #[error("the '-j' option requires a positive integer argument")]
    ZeroJobs,
}

impl JobserverError {
    /// Whether GNU make prints this error before "jobserver unavailable" when attaching fails.
    fn printed_on_attach(&self) -> bool {
        matches!(
            self,
            JobserverError::InvalidAuth(_) | JobserverError::Open { .. }
        )
    }
}

/// Diagnostics that do not stop the build. `Display` gives GNU make's text without the
/// `make: ` / `make[1]: ` prefix, which the engine adds.
#[derive(Debug)]
pub enum JobserverWarning {
    /// Printed just before [`JobserverWarning::Unavailable`], e.g.
    /// `cannot open jobserver /tmp/GMfifo1: No such file or directory`.
    Attach(JobserverError),
    /// The inherited jobserver cannot be used; this make runs serially.
    Unavailable,
    /// `-jN` on a sub-make's command line while a jobserver exists: it starts its own.
    ForcedInSubmake(Jobs),
    /// The FIFO could not be created; a `pipe` jobserver is used instead.
    Mkfifo(JobserverError),
    /// `$MAKE_TMPDIR` or `$TMPDIR` names something unusable.
    TmpdirUnusable {
        var: &'static str,
        value: PathBuf,
        reason: String,
    },
    /// Follows [`JobserverWarning::TmpdirUnusable`].
    DefaultTmpdir(PathBuf),
}

impl fmt::Display for JobserverWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobserverWarning::Attach(e) | JobserverWarning::Mkfifo(e) => write!(f, "{e}"),
            JobserverWarning::Unavailable => f.write_str(
                "warning: jobserver unavailable: using -j1.  Add '+' to parent make rule.",
            ),
            JobserverWarning::ForcedInSubmake(jobs) => write!(
                f,
                "warning: -j{} forced in submake: resetting jobserver mode.",
                jobs.number()
            ),
            JobserverWarning::TmpdirUnusable { var, value, reason } => {
                write!(f, "{var} value {}: {reason}", value.display())
            }
            JobserverWarning::DefaultTmpdir(dir) => {
                write!(f, "using default temporary directory '{}'", dir.display())
            }
        }
    }
}

/// The jobserver switches found in a `MAKEFLAGS` value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobserverFlags {
    /// The last `-j`/`--jobs`.
    pub jobs: Option<Jobs>,
    /// The last `--jobserver-auth=` (or its old name `--jobserver-fds=`), unquoted.
    pub auth: Option<Vec<u8>>,
    /// The last `--jobserver-style=`.
    pub style: Option<Vec<u8>>,
}

impl JobserverFlags {
    /// Reads `MAKEFLAGS` as found in the environment, the way GNU make's `decode_env_switches`
    /// does: `$$` is `$`, a backslash quotes the next character, words split at blanks, a first
    /// word without `-` or `=` is a cluster of single-letter flags, `--` ends the switches.
    pub fn from_makeflags(makeflags: impl AsRef<[u8]>) -> JobserverFlags {
        let words = split_makeflags(makeflags.as_ref());
        let mut flags = JobserverFlags::default();
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_slice();
            i += 1;
            if word == b"--" {
                break;
            }
            if let Some(long) = word.strip_prefix(b"--") {
                let (name, value) = match long.iter().position(|&b| b == b'=') {
                    Some(at) => (&long[..at], Some(&long[at + 1..])),
                    None => (long, None),
                };
                match (name, value) {
                    (b"jobs", Some(n)) => flags.jobs = parse_jobs(n).or(flags.jobs),
                    (b"jobs", None) => flags.jobs = Some(jobs_with_next_word(&words, &mut i)),
                    (b"jobserver-auth" | b"jobserver-fds", Some(v)) if !v.is_empty() => {
                        flags.auth = Some(v.to_vec())
                    }
                    (b"jobserver-style", Some(v)) if !v.is_empty() => {
                        flags.style = Some(v.to_vec())
                    }
                    _ => {}
                }
                continue;
            }
            let Some(cluster) = word.strip_prefix(b"-") else {
                continue; // a variable assignment or a stray word
            };
            for (at, &c) in cluster.iter().enumerate() {
                let rest = &cluster[at + 1..];
                match c {
                    b'j' if rest.is_empty() => {
                        flags.jobs = Some(jobs_with_next_word(&words, &mut i));
                    }
                    b'j' => {
                        flags.jobs = parse_jobs(rest).or(flags.jobs);
                    }
                    // Options with a required argument: the rest of the word or the next word.
                    b'C' | b'f' | b'I' | b'o' | b'W' | b'E' => {
                        if rest.is_empty() {
                            i += 1;
                        }
                    }
                    // Options with an optional argument: only the rest of the word.
                    b'l' | b'O' => {}
                    _ => continue,
                }
                break;
            }
        }
        flags
    }
}

/// A positive number of digits only, as GNU make requires of `-j`.
fn parse_jobs(n: &[u8]) -> Option<Jobs> {
    if n.is_empty() || !n.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: u32 = std::str::from_utf8(n).ok()?.parse().ok()?;
    (n > 0).then_some(Jobs::Limited(n))
}

/// `-j` without an attached number takes the next word when it is all digits.
fn jobs_with_next_word(words: &[Vec<u8>], i: &mut usize) -> Jobs {
    if let Some(next) = words.get(*i) {
        if !next.is_empty() && next.iter().all(u8::is_ascii_digit) {
            *i += 1;
            return parse_jobs(next).unwrap_or(Jobs::Unlimited);
        }
    }
    Jobs::Unlimited
}

fn split_makeflags(makeflags: &[u8]) -> Vec<Vec<u8>> {
    let mut words = Vec::new();
    let mut word = Vec::new();
    let mut in_word = false;
    let mut bytes = makeflags.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'$' if bytes.peek() == Some(&b'$') => {
                bytes.next();
                word.push(b'$');
                in_word = true;
            }
            b'\\' if bytes.peek().is_some() => {
                word.extend(bytes.next());
                in_word = true;
            }
            b' ' | b'\t' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            b => {
                word.push(b);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    if let Some(first) = words.first_mut() {
        if !first.starts_with(b"-") && !first.contains(&b'=') {
            first.insert(0, b'-');
        }
    }
    words
}

/// GNU make's `quote_for_env`: how a switch value is written into `MAKEFLAGS`.
fn quote_for_env(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        match b {
            b'$' => out.push(b'$'),
            b' ' | b'\t' | b'\\' => out.push(b'\\'),
            _ => {}
        }
        out.push(b);
    }
    out
}

fn find_sub(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The directory for the FIFO, like GNU make's `get_tmpdir`: `$MAKE_TMPDIR`, then `$TMPDIR`,
/// then `/tmp`. `env` looks a variable up (the process environment in [`setup`]).
pub fn resolve_tmpdir(env: impl Fn(&str) -> Option<OsString>) -> (PathBuf, Vec<JobserverWarning>) {
    let mut warnings = Vec::new();
    for var in ["MAKE_TMPDIR", "TMPDIR"] {
        let Some(value) = env(var).filter(|v| !v.is_empty()) else {
            continue;
        };
        let value = PathBuf::from(value);
        match std::fs::metadata(&value) {
            Ok(meta) if meta.is_dir() => return (value, warnings),
            Ok(_) => warnings.push(JobserverWarning::TmpdirUnusable {
                var,
                value,
                reason: "not a directory".to_owned(),
            }),
            Err(e) => warnings.push(JobserverWarning::TmpdirUnusable {
                var,
                value,
                reason: strerror(&e),
            }),
        }
    }
    if !warnings.is_empty() {
        warnings.push(JobserverWarning::DefaultTmpdir(PathBuf::from(
            DEFAULT_TMPDIR,
        )));
    }
    (PathBuf::from(DEFAULT_TMPDIR), warnings)
}

// ---------------------------------------------------------------------------------------------
// The shared channel.

/// A handle to a jobserver channel, created by this process or inherited. Clones share it; the
/// creator's FIFO is removed when the last clone is dropped, or at process exit.
#[derive(Clone)]
pub struct Jobserver {
    shared: Arc<Shared>,
}

struct Shared {
    /// What children are told. For `pipe` the numbers are those of `advertised_read`/`write`.
    auth: Auth,
    /// Our own non-blocking open file description of the read end.
    read: OwnedFd,
    /// The write end (blocking; one-byte writes to a pipe do not block in practice).
    write: OwnedFd,
    /// `pipe` style: the read descriptor recursive children inherit.
    advertised_read: Option<OwnedFd>,
    /// Whether this process created the channel.
    owner: bool,
    /// Set when this process created the FIFO: it is removed on drop.
    owned_fifo: Option<PathBuf>,
    jobs: Option<u32>,
    /// Tokens read from the channel and not yet written back, process-wide for this channel.
    held: AtomicUsize,
}

impl fmt::Debug for Jobserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jobserver")
            .field("auth", &self.shared.auth)
            .field("owner", &self.is_owner())
            .field("jobs", &self.shared.jobs)
            .field("held", &self.held_tokens())
            .finish()
    }
}

impl Jobserver {
    /// Creates the jobserver of a `-jN` make (N-1 tokens in the channel plus the implicit slot),
    /// like GNU make's `jobserver_setup`. The FIFO goes in `tmpdir`, or where
    /// [`resolve_tmpdir`] says. If the FIFO cannot be created a `pipe` is used, with a warning.
    pub fn create(
        jobs: u32,
        style: JobserverStyle,
        tmpdir: Option<&Path>,
    ) -> Result<(Jobserver, Vec<JobserverWarning>), JobserverError> {
        if jobs == 0 {
            return Err(JobserverError::ZeroJobs);
        }
        let mut warnings = Vec::new();
        let shared = match style {
            JobserverStyle::Fifo => {
                let dir = match tmpdir {
                    Some(dir) => dir.to_path_buf(),
                    None => {
                        let (dir, w) = resolve_tmpdir(|v| std::env::var_os(v));
                        warnings.extend(w);
                        dir
                    }
                };
                match Shared::create_fifo(&dir, jobs) {
                    Ok(shared) => shared,
                    Err(e @ JobserverError::Mkfifo { .. }) => {
                        warnings.push(JobserverWarning::Mkfifo(e));
                        Shared::create_pipe(jobs)?
                    }
                    Err(e) => return Err(e),
                }
            }
            JobserverStyle::Pipe => Shared::create_pipe(jobs)?,
        };
        Ok((Jobserver::register(shared), warnings))
    }

    /// Joins the jobserver named by an inherited `--jobserver-auth=` value. `jobs` is the `-j`
    /// that came with it in `MAKEFLAGS`, if any (it is only reported by [`Jobserver::jobs`]).
    pub fn attach(auth: impl AsRef<[u8]>, jobs: Option<u32>) -> Result<Jobserver, JobserverError> {
        let shared = match Auth::parse(auth)? {
            Auth::Fifo(path) => Shared::attach_fifo(path, jobs)?,
            Auth::Pipe { read, write } => Shared::attach_pipe(read, write, jobs)?,
        };
        Ok(Jobserver::register(shared))
    }

    fn register(shared: Shared) -> Jobserver {
        let shared = Arc::new(shared);
        register_live(&shared);
        Jobserver { shared }
    }

    /// A new make instance on this jobserver, with its own implicit slot.
    pub fn client(&self) -> Result<Client, JobserverError> {
        Client::new(ClientKind::Shared(self.clone()))
    }

    /// What children are told: `fifo:/tmp/GMfifo123` or `3,4`.
    pub fn auth(&self) -> &Auth {
        &self.shared.auth
    }

    /// The `MAKEFLAGS` word: `--jobserver-auth=` plus the value quoted as GNU make quotes it
    /// (`\ ` for a blank, `$$` for `$`).
    pub fn auth_arg(&self) -> Vec<u8> {
        [
            AUTH_OPT.as_bytes(),
            &quote_for_env(&self.shared.auth.to_bytes()),
        ]
        .concat()
    }

    /// GNU make's `jobserver_get_invalid_auth`: ` --jobserver-auth=-2,-2` for a `pipe`
    /// jobserver, to insert into `MAKEFLAGS` (before ` -- `, if any) for a non-recursive child,
    /// which will not inherit the descriptors; `None` for `fifo`.
    pub fn invalid_auth_arg(&self) -> Option<&'static [u8]> {
        match self.style() {
            JobserverStyle::Pipe => Some(INVALID_AUTH_ARG),
            JobserverStyle::Fifo => None,
        }
    }

    /// `MAKEFLAGS` for a child's environment, with [`Jobserver::invalid_auth_arg`] put in
    /// where GNU make puts it (only if `MAKEFLAGS` has a ` --jobserver-auth=`).
    pub fn child_makeflags<'a>(&self, makeflags: &'a [u8], recursive: bool) -> Cow<'a, [u8]> {
        let invalid = match self.invalid_auth_arg() {
            Some(invalid) if !recursive => invalid,
            _ => return Cow::Borrowed(makeflags),
        };
        if find_sub(makeflags, b" --jobserver-auth=").is_none() {
            return Cow::Borrowed(makeflags);
        }
        let at = find_sub(makeflags, b" -- ").unwrap_or(makeflags.len());
        Cow::Owned([&makeflags[..at], invalid, &makeflags[at..]].concat())
    }

    /// Prepares `cmd` so that the child can use this jobserver if it is `recursive` (a `+` line
    /// or one that uses `$(MAKE)`): for `pipe` the two descriptors are made inheritable in the
    /// forked child only. Nothing to do for `fifo`, or for a non-recursive child. The
    /// environment (`MAKEFLAGS`, see [`Jobserver::child_makeflags`]) is the caller's.
    pub fn configure_command(&self, cmd: &mut Command, recursive: bool) {
        if !recursive || self.inheritable_fds().is_none() {
            return;
        }
        // The closure keeps the descriptors open until the command is spawned.
        let shared = Arc::clone(&self.shared);
        // SAFETY: the closure only calls fcntl(2), which is async-signal-safe, and allocates
        // nothing.
        unsafe {
            cmd.pre_exec(move || match shared.inheritable_fds() {
                Some(fds) => fds.iter().try_for_each(|&fd| set_cloexec(fd, false)),
                None => Ok(()),
            });
        }
    }

    /// `pipe` style: the descriptors a recursive child must inherit (they are close-on-exec
    /// here), for callers that spawn processes without [`Command`].
    pub fn inheritable_fds(&self) -> Option<[RawFd; 2]> {
        self.shared.inheritable_fds()
    }

    pub fn style(&self) -> JobserverStyle {
        self.shared.auth.style()
    }

    /// The `-j` this jobserver was made for; for an inherited one, what `MAKEFLAGS` said.
    pub fn jobs(&self) -> Option<u32> {
        self.shared.jobs
    }

    /// Whether this process created the jobserver.
    pub fn is_owner(&self) -> bool {
        self.shared.owner
    }

    pub fn fifo_path(&self) -> Option<&Path> {
        match &self.shared.auth {
            Auth::Fifo(path) => Some(path),
            Auth::Pipe { .. } => None,
        }
    }

    /// Tokens sitting in the channel right now (`FIONREAD`). For tests and sanity checks: the
    /// figure is stale as soon as it is returned.
    pub fn tokens_available(&self) -> Result<usize, JobserverError> {
        bytes_available(self.shared.read.as_raw_fd()).map_err(JobserverError::Read)
    }

    /// Tokens this process has read from the channel and not yet written back.
    pub fn held_tokens(&self) -> usize {
        self.shared.held.load(Ordering::Acquire)
    }

    /// Writes back every token this process holds, for a process about to die with jobs in
    /// flight: tokens dropped afterwards are not written twice. Uses only atomics and write(2).
    /// Returns how many were written.
    pub fn release_held_tokens(&self) -> usize {
        self.shared.release_held_tokens()
    }
}

impl Shared {
    fn create_fifo(dir: &Path, jobs: u32) -> Result<Shared, JobserverError> {
        static SEQUENCE: AtomicU32 = AtomicU32::new(0);
        let pid = std::process::id();
        let path = loop {
            // The first FIFO of a process is GMfifo<pid> like GNU make's; later ones (or one
            // whose name a dead process left behind) get a suffix.
            let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
            let name = match n {
                0 => format!("{FIFO_NAME_PREFIX}{pid}"),
                n => format!("{FIFO_NAME_PREFIX}{pid}-{n}"),
            };
            let path = dir.join(name);
            let mkfifo_error = |source| JobserverError::Mkfifo {
                path: path.clone(),
                source,
            };
            let c_path = path_cstring(&path).map_err(mkfifo_error)?;
            // SAFETY: c_path is a valid NUL-terminated string.
            match cvt(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }) {
                Ok(_) => break path,
                Err(e) if e.raw_os_error() == Some(libc::EEXIST) && n < 1000 => continue,
                Err(e) => return Err(mkfifo_error(e)),
            }
        };
        let result = Shared::open_fifo(&path).and_then(|(read, write)| {
            fill(&write, jobs - 1)?;
            Ok((read, write))
        });
        match result {
            Ok((read, write)) => Ok(Shared {
                auth: Auth::Fifo(path.clone()),
                read,
                write,
                advertised_read: None,
                owner: true,
                owned_fifo: Some(path),
                jobs: Some(jobs),
                held: AtomicUsize::new(0),
            }),
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                Err(e)
            }
        }
    }

    /// Opens both ends. The read end first and non-blocking, else open(2) waits for a writer;
    /// then the write end cannot block, as there is a reader: this one.
    fn open_fifo(path: &Path) -> Result<(OwnedFd, OwnedFd), JobserverError> {
        let open_error = |source| JobserverError::Open {
            path: path.to_path_buf(),
            source,
        };
        let read = open(path, libc::O_RDONLY | libc::O_NONBLOCK).map_err(open_error)?;
        let write = open(path, libc::O_WRONLY).map_err(open_error)?;
        if !fd_is_fifo(read.as_raw_fd()) {
            return Err(open_error(io::Error::from_raw_os_error(libc::EINVAL)));
        }
        Ok((read, write))
    }

    fn create_pipe(jobs: u32) -> Result<Shared, JobserverError> {
        let (advertised_read, write) = pipe_cloexec(0).map_err(JobserverError::CreatePipe)?;
        fill(&write, jobs - 1)?;
        let read = private_read_end(&advertised_read).map_err(JobserverError::CreatePipe)?;
        let read_num = advertised_read.as_raw_fd();
        let write_num = write.as_raw_fd();
        Ok(Shared {
            auth: Auth::Pipe {
                read: read_num,
                write: write_num,
            },
            read,
            write,
            advertised_read: Some(advertised_read),
            owner: true,
            owned_fifo: None,
            jobs: Some(jobs),
            held: AtomicUsize::new(0),
        })
    }

    fn attach_fifo(path: PathBuf, jobs: Option<u32>) -> Result<Shared, JobserverError> {
        let (read, write) = Shared::open_fifo(&path)?;
        Ok(Shared {
            auth: Auth::Fifo(path),
            read,
            write,
            advertised_read: None,
            owner: false,
            owned_fifo: None,
            jobs,
            held: AtomicUsize::new(0),
        })
    }

    fn attach_pipe(read: RawFd, write: RawFd, jobs: Option<u32>) -> Result<Shared, JobserverError> {
        let bad = || JobserverError::BadFds { read, write };
        // GNU make only checks that both are open; a descriptor number reused by some other
        // file (the parent closed the pipe) would then be read from, so insist on pipes.
        let usable = |fd: RawFd, mode: libc::c_int| {
            fd >= 0
                && fd_is_fifo(fd)
                && matches!(fd_access_mode(fd), Some(m) if m == mode || m == libc::O_RDWR)
        };
        if !usable(read, libc::O_RDONLY) || !usable(write, libc::O_WRONLY) {
            return Err(bad());
        }
        // Our own copies, close-on-exec; children are told about these. The originals are
        // made close-on-exec too, like GNU make does, so that non-recursive children do not
        // keep the pipe open.
        let advertised_read = dup_cloexec(read).map_err(|_| bad())?;
        let write_dup = dup_cloexec(write).map_err(|_| bad())?;
        let _ = set_cloexec(read, true);
        let _ = set_cloexec(write, true);
        let private = private_read_end(&advertised_read).map_err(|_| bad())?;
        Ok(Shared {
            auth: Auth::Pipe {
                read: advertised_read.as_raw_fd(),
                write: write_dup.as_raw_fd(),
            },
            read: private,
            write: write_dup,
            advertised_read: Some(advertised_read),
            owner: false,
            owned_fifo: None,
            jobs,
            held: AtomicUsize::new(0),
        })
    }

    fn inheritable_fds(&self) -> Option<[RawFd; 2]> {
        self.advertised_read
            .as_ref()
            .map(|r| [r.as_raw_fd(), self.write.as_raw_fd()])
    }

    /// Reads one token if one is there.
    fn try_read(&self) -> Result<Option<u8>, JobserverError> {
        let mut byte = 0u8;
        loop {
            // SAFETY: reading one byte into a valid one-byte buffer.
            let r = unsafe { libc::read(self.read.as_raw_fd(), (&mut byte as *mut u8).cast(), 1) };
            match r {
                1 => {
                    self.held.fetch_add(1, Ordering::AcqRel);
                    return Ok(Some(byte));
                }
                0 => return Err(JobserverError::ShutDown),
                _ => {
                    let e = io::Error::last_os_error();
                    match e.raw_os_error() {
                        Some(libc::EINTR) => continue,
                        // Another reader took it between poll and read.
                        Some(libc::EAGAIN) => return Ok(None),
                        _ => return Err(JobserverError::Read(e)),
                    }
                }
            }
        }
    }

    fn release(&self, byte: u8) -> Result<(), JobserverError> {
        // If release_held_tokens() already wrote this token back, do not write it again.
        let mut held = self.held.load(Ordering::Acquire);
        loop {
            if held == 0 {
                return Ok(());
            }
            match self
                .held
                .compare_exchange(held, held - 1, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => break,
                Err(now) => held = now,
            }
        }
        write_all(self.write.as_raw_fd(), &[byte]).map_err(JobserverError::Write)
    }

    fn release_held_tokens(&self) -> usize {
        let n = self.held.swap(0, Ordering::AcqRel);
        let mut written = 0;
        while written < n {
            let chunk = [TOKEN_BYTE; 64];
            let len = (n - written).min(chunk.len());
            if write_all(self.write.as_raw_fd(), &chunk[..len]).is_err() {
                break;
            }
            written += len;
        }
        written
    }

    fn remove_owned_fifo(&self) {
        if let Some(path) = &self.owned_fifo {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        self.remove_owned_fifo();
        unregister_dead();
    }
}

/// Writes the initial tokens without ever blocking: a huge `-j` that does not fit in the pipe
/// is an error, not a hang.
fn fill(write: &OwnedFd, tokens: u32) -> Result<(), JobserverError> {
    let fd = write.as_raw_fd();
    let tokens = tokens as usize;
    #[cfg(target_os = "linux")]
    if tokens > 4096 {
        // SAFETY: fcntl on a descriptor we own; failure is reported by the write below.
        unsafe { libc::fcntl(fd, libc::F_SETPIPE_SZ, tokens.min(i32::MAX as usize) as i32) };
    }
    set_nonblocking(fd, true).map_err(JobserverError::Init)?;
    let chunk = [TOKEN_BYTE; 512];
    let mut left = tokens;
    let mut result = Ok(());
    while left > 0 {
        let len = left.min(chunk.len());
        if let Err(e) = write_all(fd, &chunk[..len]) {
            result = Err(JobserverError::Init(e));
            break;
        }
        left -= len;
    }
    set_nonblocking(fd, false).map_err(JobserverError::Init)?;
    result
}

// ---------------------------------------------------------------------------------------------
// Process-exit cleanup.

static LIVE: Mutex<Vec<Weak<Shared>>> = Mutex::new(Vec::new());
static AT_EXIT: Once = Once::new();

fn register_live(shared: &Arc<Shared>) {
    AT_EXIT.call_once(|| {
        // SAFETY: registers a plain function; it does not unwind (see below).
        unsafe { libc::atexit(cleanup_at_exit) };
    });
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    live.retain(|w| w.strong_count() > 0);
    live.push(Arc::downgrade(shared));
}

fn unregister_dead() {
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    live.retain(|w| w.strong_count() > 0);
}

extern "C" fn cleanup_at_exit() {
    let _ = std::panic::catch_unwind(cleanup_process);
}

/// Writes back the tokens held by every jobserver handle of this process and removes the FIFOs
/// it created. Runs by itself at `exit` (also `std::process::exit`); the engine should call it
/// on a fatal signal, from its signal-handling thread (it takes a lock, so not from an
/// asynchronous signal handler), before re-raising the signal. Tokens of a process killed by
/// `SIGKILL` are lost, as with GNU make.
pub fn cleanup_process() {
    let live: Vec<Arc<Shared>> = {
        let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        live.iter().filter_map(Weak::upgrade).collect()
    };
    for shared in &live {
        shared.release_held_tokens();
        shared.remove_owned_fifo();
    }
    // `live` is dropped here, outside the lock: the last handle's Drop takes it.
}

// ---------------------------------------------------------------------------------------------
// One make instance.

/// One make instance's share of the jobs: its implicit slot, plus tokens from the jobserver.
/// Clones are the same instance (the executor and its child-waiting threads can each hold one).
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    kind: ClientKind,
    implicit_free: AtomicBool,
    wake_requested: AtomicBool,
    /// Written when the implicit slot is released or `wake` is called; read end is polled
    /// together with the jobserver channel. Both ends non-blocking and close-on-exec.
    wake_read: Option<OwnedFd>,
    wake_write: Option<OwnedFd>,
}

enum ClientKind {
    /// No jobserver: one job at a time (`-j1`, or no `-j`).
    Serial,
    /// `-j` without a number.
    Unlimited,
    Shared(Jobserver),
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Client");
        match &self.inner.kind {
            ClientKind::Serial => d.field("mode", &"serial"),
            ClientKind::Unlimited => d.field("mode", &"unlimited"),
            ClientKind::Shared(js) => d.field("jobserver", js),
        };
        d.field(
            "implicit_free",
            &self.inner.implicit_free.load(Ordering::Relaxed),
        )
        .finish()
    }
}

enum Wait {
    /// Do not wait.
    Try,
    /// Wait until the deadline (`None`: no deadline) or a wake-up.
    Until(Option<Instant>),
    /// Wait for a token, whatever happens.
    Forever,
}

impl Client {
    /// A make without parallelism.
    pub fn serial() -> Result<Client, JobserverError> {
        Client::new(ClientKind::Serial)
    }

    /// A make run with `-j` and no number: every acquire succeeds at once.
    pub fn unlimited() -> Result<Client, JobserverError> {
        Client::new(ClientKind::Unlimited)
    }

    fn new(kind: ClientKind) -> Result<Client, JobserverError> {
        let (wake_read, wake_write) = match kind {
            ClientKind::Unlimited => (None, None),
            _ => {
                let (r, w) = pipe_cloexec(libc::O_NONBLOCK).map_err(JobserverError::CreatePipe)?;
                (Some(r), Some(w))
            }
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                kind,
                implicit_free: AtomicBool::new(true),
                wake_requested: AtomicBool::new(false),
                wake_read,
                wake_write,
            }),
        })
    }

    /// The client of an in-process sub-make started by a recipe of this make without `-j` of
    /// its own: same jobserver (or same mode), and a new implicit slot, which stands for the
    /// token this make holds for that recipe.
    pub fn sub_make(&self) -> Result<Client, JobserverError> {
        Client::new(match &self.inner.kind {
            ClientKind::Serial => ClientKind::Serial,
            ClientKind::Unlimited => ClientKind::Unlimited,
            ClientKind::Shared(js) => ClientKind::Shared(js.clone()),
        })
    }

    pub fn jobserver(&self) -> Option<&Jobserver> {
        match &self.inner.kind {
            ClientKind::Shared(js) => Some(js),
            _ => None,
        }
    }

    /// The number of jobs allowed at once across the whole jobserver; `None` for an inherited
    /// jobserver whose `-j` was not in `MAKEFLAGS`.
    pub fn jobs(&self) -> Option<Jobs> {
        match &self.inner.kind {
            ClientKind::Serial => Some(Jobs::Limited(1)),
            ClientKind::Unlimited => Some(Jobs::Unlimited),
            ClientKind::Shared(js) => js.jobs().map(Jobs::Limited),
        }
    }

    /// Waits for a job slot.
    pub fn acquire(&self) -> Result<Token, JobserverError> {
        loop {
            if let Some(token) = self.acquire_inner(Wait::Forever)? {
                return Ok(token);
            }
        }
    }

    /// A job slot if one is free now.
    pub fn try_acquire(&self) -> Result<Option<Token>, JobserverError> {
        self.acquire_inner(Wait::Try)
    }

    /// Waits at most `timeout` for a job slot. Returns `None` when the time is up or when
    /// [`Client::wake`] was called, so that an executor can go and reap finished jobs.
    pub fn acquire_timeout(&self, timeout: Duration) -> Result<Option<Token>, JobserverError> {
        self.acquire_inner(Wait::Until(Instant::now().checked_add(timeout)))
    }

    /// Makes a waiting (or the next) [`Client::acquire_timeout`] return `None`. Call it from
    /// the thread that sees a job finish. [`Client::acquire`] does not stop for it.
    pub fn wake(&self) {
        self.inner.wake_requested.store(true, Ordering::Release);
        self.inner.poke();
    }

    /// See [`Jobserver::configure_command`]; nothing to do without a jobserver.
    pub fn configure_command(&self, cmd: &mut Command, recursive: bool) {
        if let Some(js) = self.jobserver() {
            js.configure_command(cmd, recursive);
        }
    }

    fn acquire_inner(&self, wait: Wait) -> Result<Option<Token>, JobserverError> {
        let inner = &self.inner;
        loop {
            if let ClientKind::Unlimited = inner.kind {
                return Ok(Some(Token {
                    kind: TokenKind::Unlimited,
                }));
            }
            inner.drain_wake();
            if inner.implicit_free.swap(false, Ordering::AcqRel) {
                return Ok(Some(Token {
                    kind: TokenKind::Implicit(Arc::clone(inner)),
                }));
            }
            if let Wait::Until(_) = wait {
                if inner.wake_requested.swap(false, Ordering::AcqRel) {
                    return Ok(None);
                }
            }
            if let ClientKind::Shared(js) = &inner.kind {
                if let Some(byte) = js.shared.try_read()? {
                    let shared = Arc::clone(&js.shared);
                    return Ok(Some(Token {
                        kind: TokenKind::Shared { shared, byte },
                    }));
                }
            }
            let timeout_ms = match wait {
                Wait::Try => return Ok(None),
                Wait::Forever => -1,
                Wait::Until(None) => -1,
                Wait::Until(Some(deadline)) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Ok(None);
                    }
                    // Round up, so that we never spin on a sub-millisecond rest.
                    let ms = left.as_nanos().div_ceil(1_000_000);
                    ms.min(i32::MAX as u128) as i32
                }
            };
            inner.poll(timeout_ms)?;
        }
    }
}

impl ClientInner {
    fn poke(&self) {
        if let Some(w) = &self.wake_write {
            // EAGAIN means the pipe is full of wake-ups already: fine.
            let _ = write_all(w.as_raw_fd(), &[0]);
        }
    }

    fn drain_wake(&self) {
        if let Some(r) = &self.wake_read {
            let mut buf = [0u8; 64];
            // SAFETY: reading into a valid buffer of the given length.
            while unsafe { libc::read(r.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        }
    }

    fn release_implicit(&self) {
        self.implicit_free.store(true, Ordering::Release);
        self.poke();
    }

    /// Sleeps until the channel or the wake pipe is readable, or the timeout passes.
    fn poll(&self, timeout_ms: i32) -> Result<(), JobserverError> {
        let unused = libc::pollfd {
            fd: -1,
            events: 0,
            revents: 0,
        };
        let mut fds = [unused; 2];
        let mut n = 0;
        let channel = match &self.kind {
            ClientKind::Shared(js) => Some(js.shared.read.as_raw_fd()),
            _ => None,
        };
        for fd in [self.wake_read.as_ref().map(AsRawFd::as_raw_fd), channel]
            .into_iter()
            .flatten()
        {
            fds[n] = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            n += 1;
        }
        let fds = &mut fds[..n];
        // SAFETY: fds is a valid array of fds.len() pollfd structures.
        let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::EINTR) {
                return Err(JobserverError::Read(e));
            }
        }
        if fds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
            return Err(JobserverError::ShutDown);
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens.

/// The right to run one job. Dropping it frees the slot: the implicit slot of its client, or a
/// byte written back to the channel. Dropping never fails loudly; use [`Token::release`] to
/// see a write error.
#[must_use = "dropping a Token frees the job slot at once"]
pub struct Token {
    kind: TokenKind,
}

enum TokenKind {
    Implicit(Arc<ClientInner>),
    Shared { shared: Arc<Shared>, byte: u8 },
    Unlimited,
    Released,
}

impl Token {
    /// Whether this is the client's implicit slot (no byte was taken from the channel).
    pub fn is_implicit(&self) -> bool {
        matches!(self.kind, TokenKind::Implicit(_))
    }

    /// Frees the slot now, reporting a failed write to the channel.
    pub fn release(mut self) -> Result<(), JobserverError> {
        self.release_inner()
    }

    fn release_inner(&mut self) -> Result<(), JobserverError> {
        match std::mem::replace(&mut self.kind, TokenKind::Released) {
            TokenKind::Implicit(client) => {
                client.release_implicit();
                Ok(())
            }
            TokenKind::Shared { shared, byte } => shared.release(byte),
            TokenKind::Unlimited | TokenKind::Released => Ok(()),
        }
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        let _ = self.release_inner();
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            TokenKind::Implicit(_) => "implicit",
            TokenKind::Shared { .. } => "shared",
            TokenKind::Unlimited => "unlimited",
            TokenKind::Released => "released",
        };
        f.debug_tuple("Token").field(&kind).finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Choosing the mode, as GNU make's main() does.

/// Where a make instance comes from.
#[derive(Clone, Copy, Debug)]
pub enum Inherited<'a> {
    /// A make process: the jobserver switches of `MAKEFLAGS` from the environment.
    Environment(&'a JobserverFlags),
    /// An in-process sub-make started by a recipe of `parent`.
    Parent(&'a Client),
}

#[derive(Clone, Copy, Debug)]
pub struct SetupRequest<'a> {
    pub inherited: Inherited<'a>,
    /// `-j`/`--jobs` on this make's own command line.
    pub jobs: Option<Jobs>,
    /// `--jobserver-style=` (default `fifo`).
    pub style: Option<JobserverStyle>,
    /// Where to put the FIFO; `None` means [`resolve_tmpdir`] on the process environment.
    pub tmpdir: Option<&'a Path>,
}

#[derive(Debug)]
pub struct Setup {
    pub client: Client,
    /// To print on stderr, each prefixed with `make: ` / `make[N]: `.
    pub warnings: Vec<JobserverWarning>,
}

/// Decides how a make instance gets its job slots:
/// - inherited jobserver and no `-j` on the command line: use it; if it is unusable, warn
///   "jobserver unavailable" and run serially;
/// - inherited jobserver and `-jN` on the command line: warn "-jN forced in submake" and start
///   a new jobserver;
/// - otherwise the command line's `-j`, else `MAKEFLAGS`' `-j`: `-j1`/none is serial, `-j` is
///   unlimited, `-jN` creates a jobserver with N-1 tokens.
pub fn setup(req: &SetupRequest<'_>) -> Result<Setup, JobserverError> {
    let mut warnings = Vec::new();
    let jobs = match req.inherited {
        Inherited::Environment(flags) => {
            let mut jobs = req.jobs.or(flags.jobs);
            if let Some(auth) = &flags.auth {
                match req.jobs {
                    None => {
                        let hint = match flags.jobs {
                            Some(Jobs::Limited(n)) => Some(n),
                            _ => None,
                        };
                        match Jobserver::attach(auth, hint) {
                            Ok(js) => {
                                return Ok(Setup {
                                    client: js.client()?,
                                    warnings,
                                })
                            }
                            Err(e) => {
                                if e.printed_on_attach() {
                                    warnings.push(JobserverWarning::Attach(e));
                                }
                                warnings.push(JobserverWarning::Unavailable);
                                jobs = Some(Jobs::Limited(1));
                            }
                        }
                    }
                    Some(forced) => warnings.push(JobserverWarning::ForcedInSubmake(forced)),
                }
            }
            jobs
        }
        Inherited::Parent(parent) => match req.jobs {
            None => {
                return Ok(Setup {
                    client: parent.sub_make()?,
                    warnings,
                })
            }
            Some(forced) => {
                if parent.jobserver().is_some() {
                    warnings.push(JobserverWarning::ForcedInSubmake(forced));
                }
                Some(forced)
            }
        },
    };
    let client = match jobs {
        None | Some(Jobs::Limited(0 | 1)) => Client::serial()?,
        Some(Jobs::Unlimited) => Client::unlimited()?,
        Some(Jobs::Limited(n)) => {
            let style = req.style.unwrap_or_default();
            let (js, w) = Jobserver::create(n, style, req.tmpdir)?;
            warnings.extend(w);
            js.client()?
        }
    };
    Ok(Setup { client, warnings })
}

// ---------------------------------------------------------------------------------------------
// System calls.

/// strerror(3)-like text: io::Error's message without " (os error N)".
fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => match text.strip_suffix(&format!(" (os error {code})")) {
            Some(msg) => msg.to_owned(),
            None => text,
        },
        None => text,
    }
}

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

fn path_cstring(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

fn open(path: &Path, flags: libc::c_int) -> io::Result<OwnedFd> {
    let c_path = path_cstring(path)?;
    loop {
        // SAFETY: c_path is NUL-terminated; on success we own the new descriptor.
        match cvt(unsafe { libc::open(c_path.as_ptr(), flags | libc::O_CLOEXEC) }) {
            Ok(fd) => return Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A close-on-exec pipe, `(read, write)`; `extra` is `0` or `O_NONBLOCK`.
fn pipe_cloexec(extra: libc::c_int) -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [-1; 2];
    // SAFETY: fds has room for the two descriptors, which we then own.
    cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | extra) })?;
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn dup_cloexec(fd: RawFd) -> io::Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor that we own.
    let new = cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) })?;
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

/// A non-blocking read end with its own open file description, so that `O_NONBLOCK` does not
/// leak to the other processes sharing the pipe. Falls back to GNU make's way (set it on the
/// shared description) where `/proc` is missing.
fn private_read_end(read: &OwnedFd) -> io::Result<OwnedFd> {
    let proc_path = PathBuf::from(format!("/proc/self/fd/{}", read.as_raw_fd()));
    if let Ok(fd) = open(&proc_path, libc::O_RDONLY | libc::O_NONBLOCK) {
        return Ok(fd);
    }
    let fd = dup_cloexec(read.as_raw_fd())?;
    set_nonblocking(fd.as_raw_fd(), true)?;
    Ok(fd)
}

fn set_cloexec(fd: RawFd, on: bool) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor number; errors are reported.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFD) })?;
    let new = if on {
        flags | libc::FD_CLOEXEC
    } else {
        flags & !libc::FD_CLOEXEC
    };
    if new != flags {
        cvt(unsafe { libc::fcntl(fd, libc::F_SETFD, new) })?;
    }
    Ok(())
}

fn set_nonblocking(fd: RawFd, on: bool) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor number; errors are reported.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    let new = if on {
        flags | libc::O_NONBLOCK
    } else {
        flags & !libc::O_NONBLOCK
    };
    if new != flags {
        cvt(unsafe { libc::fcntl(fd, libc::F_SETFL, new) })?;
    }
    Ok(())
}

fn fd_is_fifo(fd: RawFd) -> bool {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: fstat fills st on success, and only then is it read.
    if unsafe { libc::fstat(fd, st.as_mut_ptr()) } != 0 {
        return false;
    }
    let st = unsafe { st.assume_init() };
    st.st_mode & libc::S_IFMT == libc::S_IFIFO
}

fn fd_access_mode(fd: RawFd) -> Option<libc::c_int> {
    // SAFETY: fcntl on a descriptor number; errors are reported.
    cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })
        .ok()
        .map(|fl| fl & libc::O_ACCMODE)
}

fn bytes_available(fd: RawFd) -> io::Result<usize> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD stores an int through the pointer.
    cvt(unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) })?;
    Ok(n.max(0) as usize)
}

fn write_all(fd: RawFd, mut buf: &[u8]) -> io::Result<()> {
    while !buf.is_empty() {
        // SAFETY: writing from a valid buffer of the given length.
        let r = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return Err(e);
        }
        buf = &buf[r as usize..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::Write as _;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    use std::process::{Output, Stdio};
    use std::sync::atomic::AtomicUsize;
    use std::sync::Barrier;
    use std::thread;

    const GNU_MAKE: &str = "/opt/gnumake-4.4/bin/make";
    /// Set in the environment of the test binary re-executed as a helper process.
    const HELPER_ENV: &str = "KMAKE_JOBSERVER_TEST_HELPER";
    const DIR_ENV: &str = "KMAKE_JOBSERVER_TEST_DIR";
    const ITEMS_ENV: &str = "KMAKE_JOBSERVER_TEST_ITEMS";
    /// A guard against hangs only; nothing waits this long when the code is right.
    const PATIENCE: Duration = Duration::from_secs(60);

    fn gnu_make() -> Option<&'static str> {
        if Path::new(GNU_MAKE).exists() {
            Some(GNU_MAKE)
        } else {
            eprintln!("note: {GNU_MAKE} is absent; skipping the GNU make part of this test");
            None
        }
    }

    fn tempdir() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
    }

    fn create(jobs: u32, style: JobserverStyle, dir: &Path) -> Jobserver {
        let (js, warnings) = Jobserver::create(jobs, style, Some(dir)).expect("create");
        assert!(warnings.is_empty(), "{warnings:?}");
        js
    }

    fn utf8(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    fn opt(bytes: &Option<Vec<u8>>) -> Option<String> {
        bytes.as_deref().map(utf8)
    }

    /// `MAKEFLAGS` as GNU make 4.4 writes it for this jobserver: ` -jN --jobserver-auth=...`.
    fn makeflags(js: &Jobserver) -> String {
        format!(" -j{} {}", js.jobs().unwrap_or(0), utf8(&js.auth_arg()))
    }

    fn texts(warnings: &[JobserverWarning]) -> Vec<String> {
        warnings.iter().map(ToString::to_string).collect()
    }

    fn setup_env(flags: &JobserverFlags, jobs: Option<Jobs>, dir: &Path) -> Setup {
        setup(&SetupRequest {
            inherited: Inherited::Environment(flags),
            jobs,
            style: None,
            tmpdir: Some(dir),
        })
        .expect("setup")
    }

    // --- MAKEFLAGS and auth strings ------------------------------------------------------

    #[test]
    fn makeflags_as_gnu_make_writes_them() {
        let f = JobserverFlags::from_makeflags(" -j4 --jobserver-auth=fifo:/tmp/GMfifo1512");
        assert_eq!(f.jobs, Some(Jobs::Limited(4)));
        assert_eq!(opt(&f.auth).as_deref(), Some("fifo:/tmp/GMfifo1512"));

        // A non-recursive child of a pipe jobserver: the last auth wins.
        let f = JobserverFlags::from_makeflags(" -j4 --jobserver-auth=3,4 --jobserver-auth=-2,-2");
        assert_eq!(opt(&f.auth).as_deref(), Some("-2,-2"));

        // Quoted blanks, and `$$` in the environment value.
        let f = JobserverFlags::from_makeflags(" -j2 --jobserver-auth=fifo:/tmp/js\\ exp/a$$b");
        assert_eq!(opt(&f.auth).as_deref(), Some("fifo:/tmp/js exp/a$b"));

        // Single-letter flags first, `--` then variable overrides.
        let f = JobserverFlags::from_makeflags("ks -j --jobserver-style=pipe -- J=-j9 X=1");
        assert_eq!(f.jobs, Some(Jobs::Unlimited));
        assert_eq!(opt(&f.style).as_deref(), Some("pipe"));
        assert_eq!(f.auth, None);

        // Clusters, separate numbers, option arguments that look like -j.
        assert_eq!(
            JobserverFlags::from_makeflags("kj3").jobs,
            Some(Jobs::Limited(3))
        );
        assert_eq!(
            JobserverFlags::from_makeflags("-j 5").jobs,
            Some(Jobs::Limited(5))
        );
        assert_eq!(
            JobserverFlags::from_makeflags("--jobs=6").jobs,
            Some(Jobs::Limited(6))
        );
        assert_eq!(JobserverFlags::from_makeflags("-C -j7").jobs, None);
        assert_eq!(
            JobserverFlags::from_makeflags("-Cdir -j7").jobs,
            Some(Jobs::Limited(7))
        );
        assert_eq!(
            opt(&JobserverFlags::from_makeflags("--jobserver-fds=5,6").auth).as_deref(),
            Some("5,6")
        );
        assert_eq!(
            JobserverFlags::from_makeflags(""),
            JobserverFlags::default()
        );
    }

    #[test]
    fn auth_strings() {
        assert_eq!(
            Auth::parse("fifo:/tmp/x y").unwrap(),
            Auth::Fifo("/tmp/x y".into())
        );
        assert_eq!(
            Auth::parse("3,4").unwrap(),
            Auth::Pipe { read: 3, write: 4 }
        );
        assert_eq!(
            Auth::parse(" 3, 4junk").unwrap(),
            Auth::Pipe { read: 3, write: 4 }
        );
        assert_eq!(
            Auth::parse("-2,-2").unwrap(),
            Auth::Pipe {
                read: -2,
                write: -2
            }
        );
        for bad in ["garbage", "3", "3;4", ",4", ""] {
            assert_eq!(
                Auth::parse(bad).unwrap_err().to_string(),
                format!("invalid --jobserver-auth string '{bad}'")
            );
        }
        assert_eq!(Auth::Pipe { read: 3, write: 4 }.to_string(), "3,4");
        assert_eq!(quote_for_env(b"fifo:/a b\\c$d"), b"fifo:/a\\ b\\\\c$$d");
        assert_eq!(
            Auth::parse(b"fifo:/tmp/\xff").unwrap().to_bytes(),
            b"fifo:/tmp/\xff",
            "paths need not be UTF-8"
        );
        assert_eq!(Jobs::from_gnu(0), Jobs::Unlimited);
        assert_eq!(Jobs::from_gnu(8), Jobs::Limited(8));
        assert_eq!(
            JobserverStyle::from_bytes(b"fifo").unwrap(),
            JobserverStyle::Fifo
        );
        assert_eq!(
            "pipe".parse::<JobserverStyle>().unwrap(),
            JobserverStyle::Pipe
        );
        assert_eq!(
            "tcp".parse::<JobserverStyle>().unwrap_err().to_string(),
            "unknown jobserver auth style 'tcp'"
        );
    }

    #[test]
    fn child_makeflags_invalidate_pipe_for_non_recursive_children() {
        let dir = tempdir();
        let pipe = create(2, JobserverStyle::Pipe, dir.path());
        let child = |mf: &str, recursive| utf8(&pipe.child_makeflags(mf.as_bytes(), recursive));
        let mf = makeflags(&pipe);
        assert_eq!(
            pipe.invalid_auth_arg(),
            Some(&b" --jobserver-auth=-2,-2"[..])
        );
        assert_eq!(child(&mf, true), mf);
        assert_eq!(child(&mf, false), format!("{mf} --jobserver-auth=-2,-2"));
        assert_eq!(
            child(&format!("{mf} -- V=1"), false),
            format!("{mf} --jobserver-auth=-2,-2 -- V=1")
        );
        assert_eq!(child(" -k", false), " -k");
        let fifo = create(2, JobserverStyle::Fifo, dir.path());
        let mf = makeflags(&fifo);
        assert_eq!(fifo.invalid_auth_arg(), None);
        assert_eq!(utf8(&fifo.child_makeflags(mf.as_bytes(), false)), mf);
    }

    #[test]
    fn tmpdir_resolution_messages() {
        let dir = tempdir();
        let file = dir.path().join("file");
        fs::write(&file, "").unwrap();
        let env = |pairs: Vec<(&'static str, OsString)>| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone())
            }
        };

        let (got, w) = resolve_tmpdir(env(vec![("TMPDIR", dir.path().into())]));
        assert_eq!((got.as_path(), w.len()), (dir.path(), 0));

        let (got, w) = resolve_tmpdir(env(vec![
            ("MAKE_TMPDIR", dir.path().into()),
            ("TMPDIR", "/nonexist".into()),
        ]));
        assert_eq!((got.as_path(), w.len()), (dir.path(), 0));

        let (got, w) = resolve_tmpdir(env(vec![("TMPDIR", "/nonexist".into())]));
        assert_eq!(got, Path::new("/tmp"));
        assert_eq!(
            texts(&w),
            [
                "TMPDIR value /nonexist: No such file or directory",
                "using default temporary directory '/tmp'"
            ]
        );

        let (_, w) = resolve_tmpdir(env(vec![("TMPDIR", file.clone().into())]));
        assert_eq!(
            texts(&w)[0],
            format!("TMPDIR value {}: not a directory", file.display())
        );

        let (got, w) = resolve_tmpdir(env(vec![("TMPDIR", "".into())]));
        assert_eq!((got.as_path(), w.len()), (Path::new("/tmp"), 0));
    }

    // --- Token accounting -----------------------------------------------------------------

    #[test]
    fn j3_accounting_in_one_thread() {
        let dir = tempdir();
        for style in [JobserverStyle::Fifo, JobserverStyle::Pipe] {
            let js = create(3, style, dir.path());
            assert_eq!(
                (js.jobs(), js.is_owner(), js.tokens_available().unwrap()),
                (Some(3), true, 2)
            );
            let client = js.client().unwrap();
            assert_eq!(client.jobs(), Some(Jobs::Limited(3)));

            let a = client.try_acquire().unwrap().expect("implicit slot");
            assert!(a.is_implicit());
            let b = client.acquire().unwrap();
            let c = client
                .acquire_timeout(PATIENCE)
                .unwrap()
                .expect("third slot");
            assert!(!b.is_implicit() && !c.is_implicit());
            assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (0, 2));
            assert!(
                client.try_acquire().unwrap().is_none(),
                "a fourth job under -j3"
            );
            assert!(client
                .acquire_timeout(Duration::from_millis(20))
                .unwrap()
                .is_none());

            drop(a);
            let a2 = client.try_acquire().unwrap().expect("implicit slot again");
            assert!(a2.is_implicit());
            assert_eq!(
                js.tokens_available().unwrap(),
                0,
                "the implicit slot is never written"
            );
            b.release().unwrap();
            assert_eq!(js.tokens_available().unwrap(), 1);
            drop((a2, c));
            assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (2, 0));
        }
    }

    #[test]
    fn j3_never_more_than_three_jobs_across_threads() {
        let dir = tempdir();
        let js = create(3, JobserverStyle::Fifo, dir.path());
        let client = js.client().unwrap();
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let start = Arc::new(Barrier::new(8));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (client, running, peak, start) =
                    (client.clone(), running.clone(), peak.clone(), start.clone());
                thread::spawn(move || {
                    start.wait();
                    for _ in 0..50 {
                        let token = client.acquire().unwrap();
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        thread::yield_now();
                        running.fetch_sub(1, Ordering::SeqCst);
                        drop(token);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let peak = peak.load(Ordering::SeqCst);
        assert!((1..=3).contains(&peak), "peak {peak}");
        assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (2, 0));
    }

    #[test]
    fn tokens_come_back_when_a_job_panics() {
        let dir = tempdir();
        let js = create(2, JobserverStyle::Pipe, dir.path());
        let client = js.client().unwrap();
        let implicit = client.acquire().unwrap();
        let c = client.clone();
        let job = thread::spawn(move || {
            let _token = c.acquire().unwrap();
            panic!("recipe failed");
        });
        assert!(job.join().is_err());
        assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (1, 0));
        drop(implicit);
    }

    #[test]
    fn in_process_sub_makes_each_have_an_implicit_slot() {
        // kbuild nests $(MAKE) deeper than -j: each level runs on the token its parent holds
        // for the recipe, so nothing waits even with the channel empty.
        let dir = tempdir();
        let js = create(2, JobserverStyle::Fifo, dir.path());
        let top = js.client().unwrap();
        let mut held = vec![top.acquire().unwrap(), top.acquire().unwrap()];
        let mut level = top.clone();
        for _ in 0..6 {
            level = level.sub_make().unwrap();
            held.push(
                level
                    .try_acquire()
                    .unwrap()
                    .expect("implicit slot of the sub-make"),
            );
            assert!(level.try_acquire().unwrap().is_none());
        }
        assert_eq!(js.tokens_available().unwrap(), 0);
        drop(held);
        assert_eq!(js.tokens_available().unwrap(), 1);

        // Clients of one jobserver share its channel.
        let a = js.client().unwrap();
        let b = setup(&SetupRequest {
            inherited: Inherited::Parent(&a),
            jobs: None,
            style: None,
            tmpdir: None,
        })
        .unwrap();
        assert!(b.warnings.is_empty());
        let a_tokens = [a.acquire().unwrap(), a.acquire().unwrap()];
        let b_implicit = b.client.acquire().unwrap();
        assert!(
            b.client.try_acquire().unwrap().is_none(),
            "a holds the only channel token"
        );
        drop(a_tokens);
        let b_second = b
            .client
            .acquire_timeout(PATIENCE)
            .unwrap()
            .expect("a's token");
        assert!(!b_second.is_implicit());
        drop((b_implicit, b_second));
        assert_eq!(js.tokens_available().unwrap(), 1);
    }

    #[test]
    fn wake_interrupts_a_waiting_acquire() {
        let dir = tempdir();
        let js = create(1, JobserverStyle::Fifo, dir.path());
        let client = js.client().unwrap();
        let implicit = client.acquire().unwrap();
        let waiter = {
            let client = client.clone();
            thread::spawn(move || client.acquire_timeout(PATIENCE).unwrap().is_none())
        };
        client.wake();
        assert!(waiter.join().unwrap(), "woken without a token");
        // A wake-up with nobody waiting is kept for the next acquire_timeout, not for try.
        client.wake();
        assert!(client.try_acquire().unwrap().is_none());
        assert!(client.acquire_timeout(PATIENCE).unwrap().is_none());
        drop(implicit);
    }

    #[test]
    fn releasing_the_implicit_slot_wakes_a_blocked_acquire() {
        for client in [Client::serial().unwrap(), tempjs_client()] {
            let first = client.acquire().unwrap();
            let waiter = {
                let client = client.clone();
                thread::spawn(move || client.acquire().unwrap().is_implicit())
            };
            thread::sleep(Duration::from_millis(10));
            drop(first);
            assert!(waiter.join().unwrap());
        }
        let unlimited = Client::unlimited().unwrap();
        let many: Vec<_> = (0..100)
            .map(|_| unlimited.try_acquire().unwrap().unwrap())
            .collect();
        assert_eq!((many.len(), unlimited.jobs()), (100, Some(Jobs::Unlimited)));
    }

    fn tempjs_client() -> Client {
        let (js, _) = Jobserver::create(1, JobserverStyle::Pipe, None).unwrap();
        js.client().unwrap()
    }

    #[test]
    fn held_tokens_released_once_in_an_emergency() {
        let dir = tempdir();
        let js = create(4, JobserverStyle::Fifo, dir.path());
        let client = js.client().unwrap();
        let tokens: Vec<_> = (0..4).map(|_| client.acquire().unwrap()).collect();
        assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (0, 3));
        assert_eq!(js.release_held_tokens(), 3);
        assert_eq!((js.tokens_available().unwrap(), js.held_tokens()), (3, 0));
        drop(tokens);
        assert_eq!(js.tokens_available().unwrap(), 3, "not written back twice");
    }

    #[test]
    fn zero_jobs_and_huge_jobs() {
        let dir = tempdir();
        assert_eq!(
            Jobserver::create(0, JobserverStyle::Pipe, Some(dir.path()))
                .unwrap_err()
                .to_string(),
            "the '-j' option requires a positive integer argument"
        );
        let js = create(10_000, JobserverStyle::Fifo, dir.path());
        assert_eq!(js.tokens_available().unwrap(), 9_999);
    }

    // --- FIFO and pipe lifetimes ------------------------------------------------------------

    #[test]
    fn fifo_is_created_advertised_and_removed_with_the_last_handle() {
        let dir = tempdir();
        let js = create(4, JobserverStyle::Fifo, dir.path());
        let path = js.fifo_path().unwrap().to_path_buf();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(
            name.starts_with(&format!("GMfifo{}", std::process::id())),
            "{name}"
        );
        let meta = fs::metadata(&path).unwrap();
        assert!(meta.file_type().is_fifo());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(js.auth().to_string(), format!("fifo:{}", path.display()));
        assert_eq!(
            utf8(&js.auth_arg()),
            format!("--jobserver-auth=fifo:{}", path.display())
        );
        assert_eq!(js.inheritable_fds(), None);

        // Another handle in the same process, attached by name: shares the channel, and its
        // drop leaves the FIFO alone.
        let attached = Jobserver::attach(js.auth().to_bytes(), Some(4)).unwrap();
        assert!(!attached.is_owner());
        let client = attached.client().unwrap();
        let tokens = [client.acquire().unwrap(), client.acquire().unwrap()];
        assert_eq!(js.tokens_available().unwrap(), 2);
        drop(tokens);
        drop((client, attached));
        assert!(path.exists());

        let clone = js.clone();
        drop(js);
        assert!(path.exists(), "a clone still uses it");
        drop(clone);
        assert!(!path.exists(), "removed with the last handle");
    }

    #[test]
    fn fifo_name_with_blanks_is_quoted_in_makeflags() {
        let top = tempdir();
        let dir = top.path().join("js exp");
        fs::create_dir(&dir).unwrap();
        let js = create(2, JobserverStyle::Fifo, &dir);
        let mf = makeflags(&js);
        assert!(mf.contains("js\\ exp"), "{mf}");
        let flags = JobserverFlags::from_makeflags(&mf);
        assert_eq!(flags.auth, Some(js.auth().to_bytes()));
        let attached = setup_env(&flags, None, &dir);
        assert!(attached.warnings.is_empty(), "{:?}", attached.warnings);
    }

    #[test]
    fn mkfifo_failure_falls_back_to_a_pipe() {
        let (js, warnings) =
            Jobserver::create(3, JobserverStyle::Fifo, Some(Path::new("/nonexist"))).unwrap();
        assert_eq!(js.style(), JobserverStyle::Pipe);
        let text = texts(&warnings);
        assert_eq!(text.len(), 1);
        assert!(
            text[0].starts_with("jobserver mkfifo: /nonexist/GMfifo"),
            "{text:?}"
        );
        assert!(text[0].ends_with(": No such file or directory"), "{text:?}");
    }

    #[test]
    fn fifo_is_removed_and_tokens_returned_at_exit() {
        let dir = tempdir();
        // A process that creates a FIFO and exits without dropping it.
        let out = helper(dir.path(), "own-fifo-then-exit").output().unwrap();
        assert!(out.status.success(), "{}", show(&out));
        let lines = results(dir.path());
        let path = lines
            .iter()
            .find_map(|l| l.strip_prefix("fifo "))
            .expect("fifo line");
        assert!(!Path::new(path).exists(), "{path} left behind");

        // A client that exits (std::process::exit) with tokens in hand gives them back.
        let js = create(4, JobserverStyle::Fifo, dir.path());
        let mut cmd = helper(dir.path(), "hold-then-exit");
        cmd.env("MAKEFLAGS", makeflags(&js));
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", show(&out));
        assert!(results(dir.path()).contains(&"held 2".to_owned()));
        assert_eq!(js.tokens_available().unwrap(), 3);
    }

    #[test]
    fn pipe_fds_reach_recursive_children_only() {
        let dir = tempdir();
        let js = create(3, JobserverStyle::Pipe, dir.path());
        let [r, w] = js.inheritable_fds().unwrap();
        assert_eq!(js.auth(), &Auth::Pipe { read: r, write: w });
        // Children get a blocking descriptor: our non-blocking reads use a private one.
        assert_eq!(
            unsafe { libc::fcntl(r, libc::F_GETFL) } & libc::O_NONBLOCK,
            0
        );
        let mf = makeflags(&js);

        // Recursive: the child attaches and takes both tokens from the channel.
        let mut cmd = helper(dir.path(), "take-two");
        cmd.env(
            "MAKEFLAGS",
            OsStr::from_bytes(&js.child_makeflags(mf.as_bytes(), true)),
        );
        js.configure_command(&mut cmd, true);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", show(&out));
        assert_eq!(results(dir.path()), ["took 2 of 3"]);
        assert_eq!(js.tokens_available().unwrap(), 2);
        // Descriptors are still close-on-exec in this process.
        for fd in [r, w] {
            let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
            assert_eq!(flags & libc::FD_CLOEXEC, libc::FD_CLOEXEC);
        }

        // Non-recursive: no descriptors, `-2,-2`, and the warning.
        fs::remove_file(dir.path().join("results")).unwrap();
        let mut cmd = helper(dir.path(), "take-two");
        cmd.env(
            "MAKEFLAGS",
            OsStr::from_bytes(&js.child_makeflags(mf.as_bytes(), false)),
        );
        cmd.env("KMAKE_JOBSERVER_TEST_FDS", format!("{r} {w}"));
        js.configure_command(&mut cmd, false);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", show(&out));
        assert_eq!(
            results(dir.path()),
            [
                format!("fd {r} closed"),
                format!("fd {w} closed"),
                "warning: jobserver unavailable: using -j1.  Add '+' to parent make rule."
                    .to_owned(),
                "took 0 of 1".to_owned(),
            ]
        );
    }

    // --- Attaching and choosing the mode ---------------------------------------------------

    #[test]
    fn attach_failures_warn_and_run_serially() {
        let dir = tempdir();
        let missing = dir.path().join("nonexistent");
        let not_pipe = fs::File::open(dir.path()).unwrap();
        let not_pipe = not_pipe.as_raw_fd();
        let closed = closed_fd_pair();
        let unavailable =
            "warning: jobserver unavailable: using -j1.  Add '+' to parent make rule.";
        let cases: Vec<(String, Vec<String>)> = vec![
            (
                format!("{},{}", closed.0, closed.1),
                vec![unavailable.into()],
            ),
            ("-2,-2".into(), vec![unavailable.into()]),
            (format!("{not_pipe},{not_pipe}"), vec![unavailable.into()]),
            (
                format!("fifo:{}", missing.display()),
                vec![
                    format!(
                        "cannot open jobserver {}: No such file or directory",
                        missing.display()
                    ),
                    unavailable.into(),
                ],
            ),
            (
                "garbage".into(),
                vec![
                    "invalid --jobserver-auth string 'garbage'".into(),
                    unavailable.into(),
                ],
            ),
        ];
        for (auth, expected) in &cases {
            let flags = JobserverFlags::from_makeflags(format!(" -j4 --jobserver-auth={auth}"));
            let s = setup_env(&flags, None, dir.path());
            assert_eq!(&texts(&s.warnings), expected, "auth {auth}");
            assert_eq!(s.client.jobs(), Some(Jobs::Limited(1)));
            assert!(s.client.jobserver().is_none());
        }

        // GNU make says the same, word for word.
        let Some(make) = gnu_make() else { return };
        fs::write(dir.path().join("Makefile"), "all:;@:\n").unwrap();
        for (auth, expected) in &cases {
            if auth.starts_with(&format!("{not_pipe},")) {
                continue; // GNU make accepts any open descriptor; this one is ours only.
            }
            let out = Command::new(make)
                .current_dir(dir.path())
                .env("MAKEFLAGS", format!(" -j4 --jobserver-auth={auth}"))
                .env_remove("MAKELEVEL")
                .output()
                .unwrap();
            let expected: Vec<String> = expected.iter().map(|m| format!("make: {m}")).collect();
            assert_eq!(stderr_lines(&out), expected, "auth {auth}");
        }
    }

    #[test]
    fn explicit_j_in_a_sub_make_starts_a_new_jobserver() {
        let dir = tempdir();
        let parent = create(4, JobserverStyle::Fifo, dir.path());
        let flags = JobserverFlags::from_makeflags(makeflags(&parent));

        let s = setup_env(&flags, Some(Jobs::Limited(3)), dir.path());
        assert_eq!(
            texts(&s.warnings),
            ["warning: -j3 forced in submake: resetting jobserver mode."]
        );
        let own = s.client.jobserver().expect("own jobserver");
        assert!(own.is_owner() && own.auth() != parent.auth());
        assert_eq!(own.jobs(), Some(3));

        let s = setup_env(&flags, Some(Jobs::Unlimited), dir.path());
        assert_eq!(
            texts(&s.warnings),
            ["warning: -j0 forced in submake: resetting jobserver mode."]
        );
        assert_eq!(s.client.jobs(), Some(Jobs::Unlimited));

        let s = setup_env(&flags, Some(Jobs::Limited(1)), dir.path());
        assert_eq!(
            texts(&s.warnings),
            ["warning: -j1 forced in submake: resetting jobserver mode."]
        );
        assert_eq!(s.client.jobs(), Some(Jobs::Limited(1)));

        // No -j: attach, and report MAKEFLAGS' -j.
        let s = setup_env(&flags, None, dir.path());
        assert!(s.warnings.is_empty());
        assert_eq!(s.client.jobserver().unwrap().auth(), parent.auth());
        assert_eq!(s.client.jobs(), Some(Jobs::Limited(4)));

        // In process, the same rule.
        let top = parent.client().unwrap();
        let s = setup(&SetupRequest {
            inherited: Inherited::Parent(&top),
            jobs: Some(Jobs::Limited(2)),
            style: Some(JobserverStyle::Pipe),
            tmpdir: None,
        })
        .unwrap();
        assert_eq!(
            texts(&s.warnings),
            ["warning: -j2 forced in submake: resetting jobserver mode."]
        );
        assert_eq!(s.client.jobserver().unwrap().style(), JobserverStyle::Pipe);

        // Top level: -j from the command line, else from MAKEFLAGS.
        let none = JobserverFlags::default();
        assert_eq!(
            setup_env(&none, None, dir.path()).client.jobs(),
            Some(Jobs::Limited(1))
        );
        let env_j = JobserverFlags::from_makeflags("-j5");
        let s = setup_env(&env_j, None, dir.path());
        assert!(s.warnings.is_empty());
        assert_eq!(s.client.jobserver().unwrap().jobs(), Some(5));

        let Some(make) = gnu_make() else { return };
        fs::write(dir.path().join("Makefile"), "all:;@:\n").unwrap();
        for (arg, number) in [("-j3", 3), ("-j", 0)] {
            let out = Command::new(make)
                .arg(arg)
                .current_dir(dir.path())
                .env("MAKEFLAGS", makeflags(&parent))
                .env("TMPDIR", dir.path())
                .env_remove("MAKELEVEL")
                .output()
                .unwrap();
            assert_eq!(
                stderr_lines(&out),
                [format!(
                    "make: warning: -j{number} forced in submake: resetting jobserver mode."
                )]
            );
        }
    }

    // --- Interoperability with GNU make 4.4 --------------------------------------------------

    /// GNU make -j4 runs recipes that are jobserver clients written with this module.
    #[test]
    fn gnu_make_parent_with_our_clients() {
        let Some(make) = gnu_make() else { return };
        for (style, prefix) in [("fifo", "@"), ("pipe", "+@")] {
            let dir = tempdir();
            let out = run_gnu_parent(make, dir.path(), style, prefix);
            assert!(out.status.success(), "{}", show(&out));
            assert_eq!(stderr_lines(&out), Vec::<String>::new());
            let lines = results(dir.path());
            assert_eq!(
                lines.iter().filter(|l| l.starts_with("attached")).count(),
                6,
                "{lines:?}"
            );
            assert!(
                lines
                    .iter()
                    .all(|l| l == "attached jobs=4" || l.starts_with("max ")),
                "{lines:?}"
            );
            assert_units(&lines, 6 * 3, 4);
            assert!(dir.path().join("parallel").exists());
            let leftovers: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("GMfifo"))
                .collect();
            assert!(
                leftovers.is_empty(),
                "GNU make removes its FIFO: {leftovers:?}"
            );
        }

        // A pipe jobserver and a recipe without `+`: the client is told -2,-2.
        let dir = tempdir();
        let out = run_gnu_parent(make, dir.path(), "pipe", "@");
        assert!(out.status.success(), "{}", show(&out));
        let lines = results(dir.path());
        let warnings = lines
            .iter()
            .filter(|l| l.starts_with("warning: jobserver unavailable"));
        assert_eq!(warnings.count(), 6, "{lines:?}");
        assert_units(&lines, 6 * 3, 4);
    }

    fn run_gnu_parent(make: &str, dir: &Path, style: &str, prefix: &str) -> Output {
        let makefile = format!(
            "all: t1 t2 t3 t4 t5 t6\nt%:\n\t{prefix}{}\n",
            helper_shell_command()
        );
        fs::write(dir.join("Makefile"), makefile).unwrap();
        Command::new(make)
            .args(["-j4", &format!("--jobserver-style={style}")])
            .current_dir(dir)
            .env(HELPER_ENV, "client")
            .env(DIR_ENV, dir)
            .env(ITEMS_ENV, "3")
            .env("TMPDIR", dir)
            .env_remove("MAKEFLAGS")
            .env_remove("MFLAGS")
            .env_remove("MAKELEVEL")
            .output()
            .unwrap()
    }

    /// This module's jobserver with a GNU make 4.4 child: the child runs jobs in parallel,
    /// never more than the tokens it can get, and gives them all back.
    #[test]
    fn our_jobserver_with_a_gnu_make_child() {
        let Some(make) = gnu_make() else { return };
        for style in [JobserverStyle::Fifo, JobserverStyle::Pipe] {
            let dir = tempdir();
            let js = create(4, style, dir.path());
            let client = js.client().unwrap();
            // The child runs on our implicit slot; we keep one channel token for ourselves, so
            // the child can run 1 + 2 jobs at most.
            let implicit = client.acquire().unwrap();
            let ours = client.acquire().unwrap();
            assert!(!ours.is_implicit());

            let out = run_gnu_child(make, dir.path(), &js, true);
            assert!(out.status.success(), "{}", show(&out));
            assert_eq!(stderr_lines(&out), Vec::<String>::new(), "{style:?}");
            assert_units(&results(dir.path()), 6, 3);
            assert!(dir.path().join("parallel").exists());
            assert_eq!(
                js.tokens_available().unwrap(),
                2,
                "the child gave its tokens back"
            );
            drop((implicit, ours));
            assert_eq!(js.tokens_available().unwrap(), 3);
        }

        // Not a recursive child of a pipe jobserver: GNU make sees -2,-2 and runs serially.
        let dir = tempdir();
        let js = create(4, JobserverStyle::Pipe, dir.path());
        fs::write(dir.path().join("Makefile"), "all:;@:\n").unwrap();
        let out = run_gnu_child(make, dir.path(), &js, false);
        assert!(out.status.success(), "{}", show(&out));
        assert_eq!(
            stderr_lines(&out),
            [format!("make[1]: {}", JobserverWarning::Unavailable)]
        );
    }

    fn run_gnu_child(make: &str, dir: &Path, js: &Jobserver, recursive: bool) -> Output {
        if !dir.join("Makefile").exists() {
            let makefile = format!(
                "all: j1 j2 j3 j4 j5 j6\nj%:\n\t@{}\n",
                helper_shell_command()
            );
            fs::write(dir.join("Makefile"), makefile).unwrap();
        }
        let mf = makeflags(js);
        let mut cmd = Command::new(make);
        cmd.current_dir(dir)
            .env(
                "MAKEFLAGS",
                OsStr::from_bytes(&js.child_makeflags(mf.as_bytes(), recursive)),
            )
            .env(HELPER_ENV, "job")
            .env(DIR_ENV, dir)
            .env_remove("MFLAGS")
            .env("MAKELEVEL", "1")
            .arg("--no-print-directory");
        js.configure_command(&mut cmd, recursive);
        cmd.output().unwrap()
    }

    fn assert_units(lines: &[String], count: usize, limit: usize) {
        let maxes: Vec<usize> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("max ")?.parse().ok())
            .collect();
        assert_eq!(maxes.len(), count, "{lines:?}");
        assert!(
            maxes.iter().all(|&m| (1..=limit).contains(&m)),
            "limit {limit}: {lines:?}"
        );
    }

    // --- The helper process -------------------------------------------------------------------

    fn helper_test_name() -> String {
        let path = module_path!();
        let in_crate = path.split_once("::").map_or(path, |(_, rest)| rest);
        format!("{in_crate}::helper_process")
    }

    fn helper_args() -> Vec<String> {
        let exe = std::env::current_exe().unwrap();
        vec![
            exe.to_str().unwrap().to_owned(),
            "--exact".into(),
            helper_test_name(),
            "--nocapture".into(),
            "--test-threads=1".into(),
            "-q".into(),
        ]
    }

    fn helper_shell_command() -> String {
        let args = helper_args();
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
            + " >/dev/null"
    }

    fn helper(dir: &Path, mode: &str) -> Command {
        let args = helper_args();
        let mut cmd = Command::new(&args[0]);
        cmd.args(&args[1..])
            .env(HELPER_ENV, mode)
            .env(DIR_ENV, dir)
            .env_remove("MAKEFLAGS")
            .stdout(Stdio::null());
        cmd
    }

    fn results(dir: &Path) -> Vec<String> {
        let text = fs::read_to_string(dir.join("results")).unwrap_or_default();
        text.lines().map(str::to_owned).collect()
    }

    fn record(dir: &Path, line: &str) {
        let mut f = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("results"))
            .unwrap();
        // One write per line, so lines from parallel processes do not mix.
        f.write_all(format!("{line}\n").as_bytes()).unwrap();
    }

    fn stderr_lines(out: &Output) -> Vec<String> {
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn show(out: &Output) -> String {
        format!(
            "status {:?}\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    fn closed_fd_pair() -> (RawFd, RawFd) {
        let free = |fd: RawFd| unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0;
        let fd = (900..1000).find(|&fd| free(fd) && free(fd + 1)).unwrap();
        (fd, fd + 1)
    }

    /// One job of a helper: marks itself running in `dir/running`, samples how many jobs run
    /// at once (which bounds the real figure from below: a mark exists only while its token is
    /// held), and waits until it has seen two jobs at once, anywhere, to prove parallelism
    /// without timing. Records `max N`.
    fn unit(dir: &Path) {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let running = dir.join("running");
        fs::create_dir_all(&running).unwrap();
        let me = running.join(format!(
            "{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        fs::write(&me, "").unwrap();
        let parallel = dir.join("parallel");
        // Once one job has waited in vain the run has failed: the others stop waiting too.
        let gave_up = dir.join("gave-up");
        let deadline = Instant::now() + PATIENCE;
        let mut max = 0;
        let mut samples = 0;
        loop {
            let n = fs::read_dir(&running).map(|d| d.count()).unwrap_or(0);
            max = max.max(n);
            if n >= 2 {
                let _ = fs::write(&parallel, "");
            }
            samples += 1;
            if samples >= 20 && parallel.exists() {
                break;
            }
            if Instant::now() > deadline || gave_up.exists() {
                let _ = fs::write(&gave_up, "");
                record(dir, "timeout waiting for a parallel job");
                break;
            }
            thread::sleep(Duration::from_millis(2));
        }
        fs::remove_file(&me).unwrap();
        record(dir, &format!("max {max}"));
    }

    /// Not a test: the body of the helper process (this test binary re-executed with
    /// `HELPER_ENV` set). Without it, it does nothing.
    #[test]
    fn helper_process() {
        let Ok(mode) = std::env::var(HELPER_ENV) else {
            return;
        };
        let dir = PathBuf::from(std::env::var_os(DIR_ENV).expect(DIR_ENV));
        let makeflags = std::env::var_os("MAKEFLAGS").unwrap_or_default();
        let flags = JobserverFlags::from_makeflags(makeflags.as_bytes());
        let attach = || {
            let s = setup_env(&flags, None, &dir);
            for w in &s.warnings {
                record(&dir, &w.to_string());
            }
            s.client
        };
        match mode.as_str() {
            "job" => unit(&dir),
            "client" => {
                // A tiny executor: one job per token, the implicit slot first.
                let client = attach();
                if let Some(js) = client.jobserver() {
                    record(&dir, &format!("attached jobs={}", js.jobs().unwrap_or(0)));
                }
                let items: usize = std::env::var(ITEMS_ENV)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(3);
                let jobs: Vec<_> = (0..items)
                    .map(|_| {
                        let token = client.acquire().unwrap();
                        let dir = dir.clone();
                        thread::spawn(move || {
                            unit(&dir);
                            drop(token);
                        })
                    })
                    .collect();
                for job in jobs {
                    job.join().unwrap();
                }
            }
            "take-two" => {
                if let Ok(fds) = std::env::var("KMAKE_JOBSERVER_TEST_FDS") {
                    for fd in fds.split(' ').map(|s| s.parse::<RawFd>().unwrap()) {
                        let open = unsafe { libc::fcntl(fd, libc::F_GETFD) } >= 0;
                        record(
                            &dir,
                            &format!("fd {fd} {}", if open { "open" } else { "closed" }),
                        );
                    }
                }
                let client = attach();
                let _implicit = client.acquire().unwrap();
                let mut taken = Vec::new();
                while let Some(t) = client.try_acquire().unwrap() {
                    taken.push(t);
                }
                let jobs = match client.jobs() {
                    Some(Jobs::Limited(n)) => n,
                    other => panic!("{other:?}"),
                };
                record(&dir, &format!("took {} of {jobs}", taken.len()));
            }
            "own-fifo-then-exit" => {
                let js = create(3, JobserverStyle::Fifo, &dir);
                record(&dir, &format!("fifo {}", js.fifo_path().unwrap().display()));
                std::process::exit(0);
            }
            "hold-then-exit" => {
                let client = attach();
                let tokens: Vec<_> = (0..3).map(|_| client.acquire().unwrap()).collect();
                record(
                    &dir,
                    &format!("held {}", client.jobserver().unwrap().held_tokens()),
                );
                std::mem::forget(tokens);
                std::process::exit(3);
            }
            other => panic!("unknown helper mode {other}"),
        }
    }
}
