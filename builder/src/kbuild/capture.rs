//! A run's output kept on its way to the terminal, so that the no-op memo can
//! replay it: child processes and make's own messages write to a
//! pseudo-terminal (when standard output and error are the same terminal, so
//! compilers still see a terminal and colour their diagnostics) or to two
//! pipes, and a thread forwards every chunk to the real descriptor as it
//! arrives while keeping a copy.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Duration;

use crate::make::instance::{ChildStdio, Output};

/// What a run printed, in order: (1 for standard output, 2 for error, bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub chunks: Vec<(u8, Vec<u8>)>,
}

/// How the standard descriptors look, which decides how a run is captured
/// (and so which runs a replay may stand in for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stdio {
    /// Both the same terminal: one pseudo-terminal.
    Terminal,
    /// Neither a terminal: two pipes.
    Pipes,
}

impl Stdio {
    /// The kind of this process's standard output and error, if capturable.
    pub fn current() -> Option<Stdio> {
        let tty = |fd| unsafe { libc::isatty(fd) == 1 };
        match (tty(1), tty(2)) {
            (false, false) => Some(Stdio::Pipes),
            (true, true) if same_file(1, 2) => Some(Stdio::Terminal),
            _ => None,
        }
    }
}

fn same_file(a: RawFd, b: RawFd) -> bool {
    let st = |fd| {
        let mut s: libc::stat = unsafe { std::mem::zeroed() };
        (unsafe { libc::fstat(fd, &mut s) } == 0).then_some((s.st_dev, s.st_ino, s.st_rdev))
    };
    matches!((st(a), st(b)), (Some(x), Some(y)) if x == y)
}

/// The reading side; the writing side is handed out as descriptors for
/// children and an `Output` for make.
pub struct Capture {
    done: Receiver<Option<Recorded>>,
}

/// Chunks kept at most (bytes); a run printing more is not replayable.
const LIMIT: usize = 8 << 20;

impl Capture {
    /// Starts capturing in the given mode, forwarding to `dest` (standard
    /// output and error). The returned descriptors and output must all be
    /// dropped before `finish` can see the end.
    pub fn start(
        mode: Stdio,
        dest: [RawFd; 2],
    ) -> std::io::Result<(Capture, Arc<ChildStdio>, Arc<dyn Output>)> {
        let (readers, stdio) = match mode {
            Stdio::Terminal => {
                let (master, slave) = open_pty()?;
                let stdio = ChildStdio {
                    out: slave.try_clone()?,
                    err: slave,
                };
                (vec![(master, 1u8)], stdio)
            }
            Stdio::Pipes => {
                let (r1, w1) = pipe()?;
                let (r2, w2) = pipe()?;
                (vec![(r1, 1u8), (r2, 2u8)], ChildStdio { out: w1, err: w2 })
            }
        };
        let output = Arc::new(FdOutput {
            out: stdio.out.try_clone()?,
            err: stdio.err.try_clone()?,
        });
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("kmake-capture".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let _ = tx.send(forward(readers, dest));
            })?;
        Ok((Capture { done: rx }, Arc::new(stdio), output))
    }

    /// What was printed, once every writer is gone; `None` if the output was
    /// too long, or a process that outlived the run still holds a writer.
    pub fn finish(self) -> Option<Recorded> {
        self.done
            .recv_timeout(Duration::from_secs(2))
            .ok()
            .flatten()
    }
}

/// Copies every reader to its descriptor until all reach their end.
fn forward(readers: Vec<(OwnedFd, u8)>, dest: [RawFd; 2]) -> Option<Recorded> {
    let mut rec = Recorded::default();
    let mut kept = 0usize;
    let mut overflow = false;
    let mut open: Vec<(OwnedFd, u8)> = readers;
    let mut buf = vec![0u8; 64 * 1024];
    while !open.is_empty() {
        let mut fds: Vec<libc::pollfd> = open
            .iter()
            .map(|(fd, _)| libc::pollfd {
                fd: fd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return None;
        }
        let mut closed = Vec::new();
        for (i, p) in fds.iter().enumerate() {
            if p.revents == 0 {
                continue;
            }
            let (fd, stream) = &open[i];
            let r = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            // A pseudo-terminal's master reads EIO once no slave is open.
            if r <= 0 {
                closed.push(i);
                continue;
            }
            let data = &buf[..r as usize];
            write_all(dest[*stream as usize - 1], data);
            if !overflow {
                kept += data.len();
                overflow = kept > LIMIT;
                match rec.chunks.last_mut() {
                    Some((s, b)) if s == stream => b.extend_from_slice(data),
                    _ => rec.chunks.push((*stream, data.to_vec())),
                }
            }
        }
        for i in closed.into_iter().rev() {
            open.remove(i);
        }
    }
    (!overflow).then_some(rec)
}

/// Writes to a raw descriptor, retrying short writes; errors end quietly (a
/// closed terminal must not stop the build).
pub fn write_all(fd: RawFd, mut data: &[u8]) {
    while !data.is_empty() {
        let w = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if w < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        data = &data[w as usize..];
    }
}

/// make's messages into the capture.
struct FdOutput {
    out: OwnedFd,
    err: OwnedFd,
}

impl Output for FdOutput {
    fn out(&self, bytes: &[u8]) {
        write_all(self.out.as_raw_fd(), bytes);
    }
    fn err(&self, bytes: &[u8]) {
        write_all(self.err.as_raw_fd(), bytes);
    }
}

fn pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// A pseudo-terminal in raw mode (bytes pass unchanged; the real terminal
/// does the line processing) with the window size of standard output.
fn open_pty() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let err = std::io::Error::last_os_error;
    unsafe {
        let m = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        if m < 0 {
            return Err(err());
        }
        let master = OwnedFd::from_raw_fd(m);
        if libc::grantpt(m) != 0 || libc::unlockpt(m) != 0 {
            return Err(err());
        }
        let mut name = [0 as libc::c_char; 128];
        if libc::ptsname_r(m, name.as_mut_ptr(), name.len()) != 0 {
            return Err(err());
        }
        let s = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        if s < 0 {
            return Err(err());
        }
        let slave = OwnedFd::from_raw_fd(s);
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(s, &mut t) == 0 {
            libc::cfmakeraw(&mut t);
            libc::tcsetattr(s, libc::TCSANOW, &t);
        }
        let mut ws: libc::winsize = std::mem::zeroed();
        if libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) == 0 {
            libc::ioctl(s, libc::TIOCSWINSZ, &ws);
        }
        Ok((master, slave))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_keep_order_per_stream_and_end() {
        let null = std::fs::File::create("/dev/null").unwrap();
        let fd = null.as_raw_fd();
        let (cap, stdio, out) = Capture::start(Stdio::Pipes, [fd, fd]).unwrap();
        out.out(b"");
        let (o, _) = stdio.for_child().unwrap();
        let st = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg("printf 'a\\n'")
            .stdout(o)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(st.success());
        drop(stdio);
        drop(out);
        let rec = cap.finish().unwrap();
        assert_eq!(rec.chunks, vec![(1, b"a\n".to_vec())]);
    }

    #[test]
    fn a_pty_reads_what_children_write() {
        let null = std::fs::File::create("/dev/null").unwrap();
        let fd = null.as_raw_fd();
        let Ok((cap, stdio, out)) = Capture::start(Stdio::Terminal, [fd, fd]) else {
            return; // no pseudo-terminals here
        };
        let (o, e) = stdio.for_child().unwrap();
        let st = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg("test -t 1 && printf 'tty\\n'")
            .stdout(o)
            .stderr(e)
            .status()
            .unwrap();
        assert!(st.success());
        drop(stdio);
        drop(out);
        let rec = cap.finish().unwrap();
        assert_eq!(rec.chunks, vec![(1, b"tty\n".to_vec())]);
    }
}
