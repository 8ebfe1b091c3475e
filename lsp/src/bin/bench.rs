//! `kmake-lsp-bench`: drives the real `kmake-lsp` binary over stdio on a kernel
//! tree and prints the time to load and index it, hover/definition/references
//! latencies (p50/p99 over many symbols) and the server's peak RSS, beside
//! what `grep -rw` needs for the same references.
//!
//! Usage: `kmake-lsp-bench [--kernel DIR] [--arch ARCH] [--samples N]
//! [--untrusted] [--utf16] [--server PATH]`

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Args {
    kernel: PathBuf,
    arch: String,
    samples: usize,
    trusted: bool,
    utf16: bool,
    server: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        kernel: std::env::var_os("KMAKE_KERNEL_SRC")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/work/cache/linux-source-6.12")),
        arch: "x86_64".into(),
        samples: 300,
        trusted: true,
        utf16: false,
        server: std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("kmake-lsp"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a}: needs a value"));
        match a.as_str() {
            "--kernel" => args.kernel = PathBuf::from(value()?),
            "--arch" => args.arch = value()?,
            "--samples" => {
                args.samples = value()?.parse().map_err(|e| format!("--samples: {e}"))?
            }
            "--server" => args.server = PathBuf::from(value()?),
            "--untrusted" => args.trusted = false,
            "--utf16" => args.utf16 = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

/// A JSON-RPC connection to the server process.
struct Conn {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    notifications: Vec<Value>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Conn {
    fn start(server: &Path) -> Result<Conn, String> {
        let mut child = Command::new(server)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", server.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Ok(Conn {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: Vec::new(),
        })
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    /// The next message, answering the server's own requests (progress
    /// tokens, configuration) with `null`.
    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        let v = self.rx.recv_timeout(timeout).ok()?;
        if v.get("method").is_some() && v.get("id").is_some() {
            let id = v["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        Some(v)
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let v = self
                .recv(Duration::from_secs(300))
                .ok_or(format!("{method}: no answer"))?;
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                if let Some(e) = v.get("error") {
                    return Err(format!("{method}: {e}"));
                }
                return Ok(v["result"].clone());
            }
            self.notifications.push(v);
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for the end of the progress whose token starts with `prefix`;
    /// returns its message.
    fn wait_progress_end(&mut self, prefix: &str) -> Result<String, String> {
        let is_end = |v: &Value| {
            v["method"] == "$/progress"
                && v["params"]["token"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(prefix))
                && v["params"]["value"]["kind"] == "end"
        };
        if let Some(i) = self.notifications.iter().position(is_end) {
            let v = self.notifications.remove(i);
            return Ok(v["params"]["value"]["message"]
                .as_str()
                .unwrap_or("")
                .into());
        }
        loop {
            let v = self
                .recv(Duration::from_secs(600))
                .ok_or(format!("no end of progress {prefix}"))?;
            if is_end(&v) {
                return Ok(v["params"]["value"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .into());
            }
        }
    }

    /// Peak and current resident set of the server, in MiB.
    fn rss(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

/// A place to ask about: a `CONFIG_X` in a Makefile or a bare symbol after
/// `depends on` in a Kconfig file.
struct Sample {
    path: PathBuf,
    line: u32,
    col: u32,
    name: String,
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// Up to `n` distinct symbols, spread over the tree: Makefile mentions and
/// Kconfig `depends on` terms, in a fixed order.
fn samples(kernel: &Path, n: usize) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::new();
    for top in [
        "fs", "drivers", "net", "kernel", "mm", "arch/x86", "sound", "crypto",
    ] {
        collect(&kernel.join(top), &mut files);
    }
    files.sort();
    // Every k-th file, so samples come from all over the tree.
    let step = (files.len() / n.max(1)).max(1);
    for path in files.iter().step_by(step) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let kconfig = path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with("Kconfig"));
        for (i, l) in text.lines().enumerate() {
            let found = if kconfig {
                l.trim_start().strip_prefix("depends on ").map(|rest| {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    (l.len() - rest.len(), name)
                })
            } else {
                l.find("CONFIG_").map(|c| {
                    let name: String = l[c + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    (c + 7, name)
                })
            };
            if let Some((col, name)) = found {
                if !name.is_empty() && seen.insert(name.clone()) {
                    out.push(Sample {
                        path: path.clone(),
                        line: i as u32,
                        col: col as u32,
                        name,
                    });
                    break;
                }
            }
        }
        if out.len() >= n {
            break;
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        match e.file_type() {
            Ok(t) if t.is_dir() && !name.starts_with('.') => collect(&p, out),
            Ok(t) if t.is_file() && (name == "Makefile" || name.starts_with("Kconfig")) => {
                out.push(p)
            }
            _ => {}
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn line(what: &str, mut ms: Vec<f64>, target: &str) {
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{what:<28} n={:<4} p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms   {target}",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0),
    );
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let kernel = args
        .kernel
        .canonicalize()
        .map_err(|e| format!("{}: {e}", args.kernel.display()))?;
    println!(
        "kmake-lsp-bench: {} ARCH={} ({}, {} positions)",
        kernel.display(),
        args.arch,
        if args.trusted { "trusted" } else { "untrusted" },
        if args.utf16 { "UTF-16" } else { "UTF-8" }
    );
    let encodings = if args.utf16 {
        json!(["utf-16"])
    } else {
        json!(["utf-8", "utf-16"])
    };
    let mut c = Conn::start(&args.server)?;
    let t0 = Instant::now();
    c.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": uri(&kernel),
            "capabilities": {
                "window": {"workDoneProgress": true},
                "general": {"positionEncodings": encodings}
            },
            "initializationOptions": {"arch": args.arch, "trusted": args.trusted}
        }),
    )?;
    c.notify("initialized", json!({}));
    let load_msg = c.wait_progress_end("kmake/load/")?;
    let t_load = t0.elapsed();
    let index_msg = c.wait_progress_end("kmake/index/")?;
    let t_index = t0.elapsed();
    println!(
        "Kconfig load                 {:>8.0} ms   ({load_msg})",
        t_load.as_secs_f64() * 1e3
    );
    println!(
        "whole-tree index (total)     {:>8.0} ms   target <= 1000 ms   ({index_msg})",
        t_index.as_secs_f64() * 1e3
    );

    let samples = samples(&kernel, args.samples);
    let mut opened = HashMap::new();
    let (mut hover, mut def, mut refs) = (Vec::new(), Vec::new(), Vec::new());
    let mut ref_counts = Vec::new();
    for (i, s) in samples.iter().enumerate() {
        if !opened.contains_key(&s.path) {
            let text = std::fs::read_to_string(&s.path).unwrap_or_default();
            let lang = if s.path.ends_with("Makefile") {
                "makefile"
            } else {
                "kconfig"
            };
            c.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri(&s.path), "languageId": lang, "version": 1, "text": text}}),
            );
            opened.insert(s.path.clone(), ());
        }
        let pos = json!({"textDocument": {"uri": uri(&s.path)}, "position": {"line": s.line, "character": s.col}});
        let t = Instant::now();
        c.request("textDocument/hover", pos.clone())?;
        hover.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        c.request("textDocument/definition", pos.clone())?;
        def.push(t.elapsed().as_secs_f64() * 1e3);
        if i % 5 == 0 {
            let mut p = pos.clone();
            p["context"] = json!({"includeDeclaration": true});
            let t = Instant::now();
            let r = c.request("textDocument/references", p)?;
            refs.push(t.elapsed().as_secs_f64() * 1e3);
            ref_counts.push((s.name.clone(), r.as_array().map_or(0, Vec::len)));
        }
    }
    println!("symbols sampled              {}", samples.len());
    line("hover", hover, "target p99 <= 20 ms");
    line("definition", def, "target p99 <= 20 ms");
    line("references", refs, "");

    // The reference figure: grep -rw for the most referenced sampled symbol.
    if let Some((name, n)) = ref_counts.iter().max_by_key(|(_, n)| *n) {
        let t = Instant::now();
        let out = Command::new("grep")
            .args(["-rwl", "--exclude-dir=.git", &format!("CONFIG_{name}")])
            .arg(&kernel)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .output();
        let files = out.map_or(0, |o| o.stdout.split(|&b| b == b'\n').count() - 1);
        println!(
            "grep -rwl CONFIG_{name:<18} {:>8.0} ms   ({files} files; kmake-lsp: {n} references)",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let (peak, now) = c.rss();
    println!(
        "server RSS                   peak {peak:.0} MiB, now {now:.0} MiB   target <= 500 MiB"
    );
    let _ = c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    // Closing stdin ends the server's read loop; a server that hangs is killed.
    let Conn {
        mut child, stdin, ..
    } = c;
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    println!("(server did not exit after shutdown/exit; killed)");
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("kmake-lsp-bench: {e}");
        std::process::exit(1);
    }
}
