//! The `kmake` command line: make's syntax (`kmake [-C dir] [O=dir] [ARCH=...]
//! [-s] target...`) for kbuild trees.
//!
//! Configuration targets (`defconfig`, `olddefconfig`, `NAME_defconfig`,
//! `NAME.config`, `tinyconfig`, `all*config`, ...) run the in-process Kconfig
//! engine exactly as kbuild runs `scripts/kconfig/conf`.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Parser;

use crate::kconfig::conf::{self, ConfIo, Mode};
use crate::kconfig::env::{kbuild_env, KbuildEnv};
use crate::kconfig::host::FsHost;
use crate::kconfig::shell_cache::CachedShell;
use crate::kconfig::Stream;

#[derive(Parser, Debug)]
#[command(
    name = "kmake",
    version,
    about = "A drop-in for make on kbuild trees (Linux kernel)",
    override_usage = "kmake [options] [VAR=value ...] [target ...]"
)]
struct Args {
    /// Change to DIR before doing anything (the kernel source tree).
    #[arg(short = 'C', long = "directory", value_name = "DIR")]
    directory: Option<PathBuf>,
    /// Don't echo recipes; print only what the tools print.
    #[arg(short = 's', long = "silent", visible_alias = "quiet")]
    silent: bool,
    /// Run N jobs at once.
    #[arg(short = 'j', long = "jobs", value_name = "N", num_args = 0..=1, default_missing_value = "0")]
    jobs: Option<u32>,
    /// Keep going when some targets can't be made.
    #[arg(short = 'k', long = "keep-going")]
    keep_going: bool,
    /// Don't print "Entering directory" lines.
    #[arg(long = "no-print-directory")]
    no_print_directory: bool,
    /// `VAR=value` assignments and targets.
    words: Vec<String>,
}

/// Terminal I/O on the real stdin/stdout/stderr.
pub struct StdIo {
    tty: bool,
}

impl StdIo {
    pub fn new() -> Self {
        StdIo {
            tty: std::io::stdin().is_terminal() && std::io::stdout().is_terminal(),
        }
    }
}

impl Default for StdIo {
    fn default() -> Self {
        Self::new()
    }
}

impl ConfIo for StdIo {
    fn print(&mut self, stream: Stream, text: &str) {
        match stream {
            Stream::Stdout => {
                let mut o = std::io::stdout().lock();
                let _ = o.write_all(&crate::kconfig::source::encode_text(text));
                let _ = o.flush();
            }
            Stream::Stderr => {
                let _ = std::io::stderr()
                    .lock()
                    .write_all(&crate::kconfig::source::encode_text(text));
            }
        }
    }

    fn read_line(&mut self) -> Option<String> {
        let _ = std::io::stdout().flush();
        let mut s = String::new();
        match std::io::stdin().lock().read_line(&mut s) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(s),
        }
    }

    fn is_tty(&self) -> bool {
        self.tty
    }
}

/// A failure that stops kmake, with make's exit status (2).
struct Stop(String);

/// Everything a configuration target needs.
struct Ctx<'a> {
    kenv: KbuildEnv,
    cmdline: BTreeMap<String, String>,
    user_env: BTreeMap<String, String>,
    silent: bool,
    shell: &'a CachedShell,
    io: &'a mut dyn ConfIo,
}

/// Finds the source tree: `dir` itself, or the tree an object directory's
/// generated Makefile includes.
fn find_srctree(dir: &Path) -> Option<(PathBuf, Option<PathBuf>)> {
    if dir.join("Kconfig").is_file() && dir.join("Makefile").is_file() {
        return Some((dir.to_path_buf(), None));
    }
    let mk = std::fs::read_to_string(dir.join("Makefile")).ok()?;
    for line in mk.lines() {
        if let Some(p) = line
            .strip_prefix("include ")
            .and_then(|p| p.strip_suffix("/Makefile"))
        {
            let src = PathBuf::from(p.trim());
            if src.join("Kconfig").is_file() {
                return Some((src, Some(dir.to_path_buf())));
            }
        }
    }
    None
}

const CONFIG_TARGETS: &[&str] = &[
    "config",
    "oldconfig",
    "olddefconfig",
    "defconfig",
    "savedefconfig",
    "allnoconfig",
    "allyesconfig",
    "allmodconfig",
    "alldefconfig",
    "randconfig",
    "tinyconfig",
    "listnewconfig",
    "helpnewconfig",
    "syncconfig",
    "yes2modconfig",
    "mod2yesconfig",
    "mod2noconfig",
];

fn is_config_target(t: &str) -> bool {
    CONFIG_TARGETS.contains(&t) || t.ends_with("_defconfig") || t.ends_with(".config")
}

/// Whether a `kmake` command line is for the Kconfig engine: a kbuild tree
/// (here or under `-C`), no `-f`, and only configuration targets.
pub fn wants_config_engine(args: &[Vec<u8>], cwd: &Path) -> bool {
    let mut dir = cwd.to_path_buf();
    let mut targets = 0;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a.as_slice() == b"--" {
            continue;
        }
        if let Some(rest) = a.strip_prefix(b"-C") {
            let d = if rest.is_empty() {
                i += 1;
                args.get(i - 1).cloned().unwrap_or_default()
            } else {
                rest.to_vec()
            };
            dir = dir.join(String::from_utf8_lossy(&d).as_ref());
            continue;
        }
        if let Some(d) = a.strip_prefix(b"--directory=") {
            dir = dir.join(String::from_utf8_lossy(d).as_ref());
            continue;
        }
        if a.starts_with(b"-f") || a.starts_with(b"--file") || a.starts_with(b"--makefile") {
            return false;
        }
        if matches!(a.as_slice(), b"-I" | b"-o" | b"-W" | b"-E") {
            i += 1;
            continue;
        }
        if a.as_slice() == b"-j" || a.as_slice() == b"-l" {
            if args.get(i).is_some_and(|n| {
                !n.is_empty() && n.iter().all(|c| c.is_ascii_digit() || *c == b'.')
            }) {
                i += 1;
            }
            continue;
        }
        if a.starts_with(b"-") {
            continue;
        }
        if a.contains(&b'=') {
            continue;
        }
        if !is_config_target(&String::from_utf8_lossy(a)) {
            return false;
        }
        targets += 1;
    }
    targets > 0 && find_srctree(&dir).is_some()
}

/// Runs kmake with `argv` (without the program name); returns the exit status.
pub fn run(
    argv: Vec<String>,
    user_env: BTreeMap<String, String>,
    cwd: &Path,
    io: &mut dyn ConfIo,
) -> i32 {
    let args = match Args::try_parse_from(std::iter::once("kmake".to_string()).chain(argv)) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let _ = (args.jobs, args.keep_going, args.no_print_directory);
    match run_args(args, user_env, cwd, io) {
        Ok(()) => 0,
        Err(Stop(msg)) => {
            io.print(Stream::Stderr, &format!("kmake: *** {msg}  Stop.\n"));
            2
        }
    }
}

fn run_args(
    args: Args,
    user_env: BTreeMap<String, String>,
    cwd: &Path,
    io: &mut dyn ConfIo,
) -> Result<(), Stop> {
    let dir = match &args.directory {
        Some(d) => cwd.join(d),
        None => cwd.to_path_buf(),
    };
    let mut cmdline = BTreeMap::new();
    let mut targets = Vec::new();
    for w in &args.words {
        match w.split_once('=') {
            Some((k, v)) if !k.is_empty() && !k.contains(['/', ' ']) => {
                cmdline.insert(
                    k.trim_end_matches([':', '+', '?']).to_string(),
                    v.to_string(),
                );
            }
            _ => targets.push(w.clone()),
        }
    }
    let (srctree, found_obj) = find_srctree(&dir).ok_or_else(|| {
        Stop(format!("{}: not a kbuild source tree (no Kconfig and Makefile here; use -C <linux source dir>).", dir.display()))
    })?;
    let out = cmdline
        .get("O")
        .cloned()
        .or_else(|| user_env.get("KBUILD_OUTPUT").cloned())
        .filter(|o| !o.is_empty());
    let objtree = match (out, found_obj) {
        (Some(o), _) => dir.join(o),
        (None, Some(o)) => o,
        (None, None) => srctree.clone(),
    };
    std::fs::create_dir_all(&objtree).map_err(|e| Stop(format!("{}: {e}.", objtree.display())))?;
    if targets.is_empty() {
        return Err(Stop(
            "No target given. kmake runs configuration targets so far (e.g. `kmake O=out defconfig`); builds come with the make engine.".into(),
        ));
    }
    if let Some(t) = targets.iter().find(|t| !is_config_target(t)) {
        return Err(Stop(format!(
            "No rule to make target '{t}' (kmake runs configuration targets only so far: defconfig, olddefconfig, NAME_defconfig, NAME.config, ...)."
        )));
    }
    let shell = CachedShell::for_objtree(&objtree.canonicalize().unwrap_or(objtree.clone()));
    let kenv = kbuild_env(&srctree, &objtree, &user_env, &cmdline, &shell)
        .map_err(|e| Stop(format!("{e}.")))?;
    let mut ctx = Ctx {
        kenv,
        cmdline,
        user_env,
        silent: args.silent,
        shell: &shell,
        io,
    };
    let mut result = Ok(());
    for t in &targets {
        if let Err(e) = config_target(&mut ctx, t) {
            result = Err(e);
            break;
        }
    }
    let _ = shell.save();
    result
}

impl Ctx<'_> {
    fn say(&mut self, text: &str) {
        if !self.silent {
            self.io.print(Stream::Stdout, text);
        }
    }

    /// The objtree's `Makefile`, `source` link and `.gitignore` (kbuild's
    /// `outputmakefile`), for out-of-tree builds.
    fn output_makefile(&mut self) -> Result<(), Stop> {
        let (src, obj) = (self.kenv.srctree.clone(), self.kenv.objtree.clone());
        if src == obj {
            return Ok(());
        }
        let unclean = src.join(".config").is_file()
            || src.join("include/config").is_dir()
            || src
                .join("arch")
                .join(&self.kenv.srcarch)
                .join("include/generated")
                .is_dir();
        if unclean {
            let arch = if self.cmdline.contains_key("ARCH") {
                format!(" ARCH={}", self.kenv.arch)
            } else {
                String::new()
            };
            self.io.print(
                Stream::Stderr,
                &format!(
                    "***\n*** The source tree is not clean, please run 'make{arch} mrproper'\n*** in {}\n***\n",
                    src.display()
                ),
            );
            return Err(Stop("[Makefile: outputmakefile] Error 1".into()));
        }
        let link = obj.join("source");
        let _ = std::fs::remove_file(&link);
        let _ = std::os::unix::fs::symlink(&self.kenv.env["srctree"], &link);
        let src_var = &self.kenv.env["srctree"];
        let mk = format!("# Automatically generated by {src_var}/Makefile: don't edit\ninclude {src_var}/Makefile\n");
        self.say("  GEN     Makefile\n");
        std::fs::write(obj.join("Makefile"), mk).map_err(|e| Stop(format!("Makefile: {e}.")))?;
        let gi = obj.join(".gitignore");
        if !gi.exists() {
            let _ = std::fs::write(gi, "# this is build directory, ignore it\n*\n");
        }
        Ok(())
    }

    /// Parses Kconfig and runs one `conf` mode, with extra environment.
    fn run_conf(&mut self, mode: Mode, extra_env: &[(&str, &str)]) -> Result<(), Stop> {
        let mut env = self.kenv.env.clone();
        for (k, v) in extra_env {
            env.insert(k.to_string(), v.to_string());
        }
        let host = FsHost {
            cwd: self.kenv.objtree.clone(),
            env,
            shell: self.shell,
        };
        let target = target_name(&mode);
        let base = self.kenv.objtree.clone();
        match conf::main(&host, &base, &self.kenv.kconfig, mode, self.silent, self.io) {
            0 => Ok(()),
            status => Err(Stop(format!(
                "[scripts/kconfig/Makefile: {target}] Error {status}"
            ))),
        }
    }

    /// `NAME.config`: merges the fragments (like `merge_config.sh -m`), then
    /// runs olddefconfig.
    fn fragment(&mut self, name: &str) -> Result<(), Stop> {
        let src_var = self.kenv.env["srctree"].clone();
        let mut frags = Vec::new();
        for dir in [
            "kernel/configs".to_string(),
            format!("arch/{}/configs", self.kenv.srcarch),
        ] {
            let p = self.kenv.srctree.join(&dir).join(name);
            if p.is_file() {
                frags.push((format!("{src_var}/{dir}/{name}"), p));
            }
        }
        if frags.is_empty() {
            return Err(Stop(format!(
                "{name} fragment does not exists on this architecture."
            )));
        }
        let config_name = self
            .kenv
            .env
            .get("KCONFIG_CONFIG")
            .cloned()
            .unwrap_or_else(|| ".config".into());
        let base = self.kenv.objtree.join(&config_name);
        let merged = merge_fragments(&base, &config_name, &frags, self.io)?;
        std::fs::write(&base, crate::kconfig::source::encode_text(&merged))
            .map_err(|e| Stop(format!("{config_name}: {e}.")))?;
        self.io.print(
            Stream::Stdout,
            &format!("#\n# merged configuration written to {config_name} (needs make)\n#\n"),
        );
        self.output_makefile()?;
        self.run_conf(Mode::OldDefConfig, &[])
    }
}

fn target_name(mode: &Mode) -> String {
    match mode {
        Mode::OldAskConfig => "config".into(),
        Mode::SyncConfig => "syncconfig".into(),
        Mode::OldConfig => "oldconfig".into(),
        Mode::AllNoConfig => "allnoconfig".into(),
        Mode::AllYesConfig => "allyesconfig".into(),
        Mode::AllModConfig => "allmodconfig".into(),
        Mode::AllDefConfig => "alldefconfig".into(),
        Mode::RandConfig => "randconfig".into(),
        Mode::DefConfig(f) => f.rsplit('/').next().unwrap_or(f).to_string(),
        Mode::SaveDefConfig(_) => "savedefconfig".into(),
        Mode::ListNewConfig => "listnewconfig".into(),
        Mode::HelpNewConfig => "helpnewconfig".into(),
        Mode::OldDefConfig => "olddefconfig".into(),
        Mode::Yes2ModConfig => "yes2modconfig".into(),
        Mode::Mod2YesConfig => "mod2yesconfig".into(),
        Mode::Mod2NoConfig => "mod2noconfig".into(),
    }
}

/// The fragment merge of `scripts/kconfig/merge_config.sh -m`, including its
/// messages and its textual matching rules.
fn merge_fragments(
    base: &Path,
    base_name: &str,
    frags: &[(String, PathBuf)],
    io: &mut dyn ConfIo,
) -> Result<String, Stop> {
    let mut tmp = match std::fs::read(base).map(|b| crate::kconfig::source::decode_bytes(&b)) {
        Ok(s) => s,
        Err(_) => {
            io.print(
                Stream::Stderr,
                &format!("The base file '{base_name}' does not exist. Creating one...\n"),
            );
            String::new()
        }
    };
    io.print(Stream::Stdout, &format!("Using {base_name} as base\n"));
    let cfg_name = |line: &str| -> Option<String> {
        let word = |s: &str| {
            s.bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                .count()
        };
        if let Some(rest) = line.strip_prefix("CONFIG_") {
            let n = word(rest);
            if rest[n..].starts_with('=') {
                return Some(format!("CONFIG_{}", &rest[..n]));
            }
        }
        if let Some(rest) = line.strip_prefix("# CONFIG_") {
            let n = word(rest);
            if &rest[n..] == " is not set" {
                return Some(format!("CONFIG_{}", &rest[..n]));
            }
        }
        None
    };
    // grep -w: the name bounded by non-word characters.
    let has_word = |line: &str, w: &str| -> bool {
        let b = line.as_bytes();
        let is_w = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let mut start = 0;
        while let Some(i) = line[start..].find(w) {
            let s = start + i;
            let e = s + w.len();
            if (s == 0 || !is_w(b[s - 1])) && (e == b.len() || !is_w(b[e])) {
                return true;
            }
            start = s + 1;
        }
        false
    };
    for (shown, path) in frags {
        io.print(Stream::Stdout, &format!("Merging {shown}\n"));
        let merge = std::fs::read(path)
            .map(|b| crate::kconfig::source::decode_bytes(&b))
            .map_err(|_| {
                io.print(
                    Stream::Stderr,
                    &format!("The merge file '{shown}' does not exist.  Exit.\n"),
                );
                Stop("[scripts/kconfig/Makefile] Error 1".into())
            })?;
        for cfg in merge.lines().filter_map(cfg_name) {
            let prev: Vec<&str> = tmp.lines().filter(|l| has_word(l, &cfg)).collect();
            if prev.is_empty() {
                continue;
            }
            let new: Vec<&str> = merge.lines().filter(|l| has_word(l, &cfg)).collect();
            // `echo $VAR` unquoted: words joined by single spaces.
            let squash = |v: &[&str]| v.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
            let (p, n) = (prev.join("\n"), new.join("\n"));
            if p != n {
                io.print(
                    Stream::Stdout,
                    &format!(
                        "Value of {cfg} is redefined by fragment {shown}:\nPrevious value: {}\nNew value: {}\n\n",
                        squash(&prev),
                        squash(&new)
                    ),
                );
            }
            let pat_sp = format!("{cfg} ");
            let pat_eq = format!("{cfg}=");
            tmp = tmp
                .split_inclusive('\n')
                .filter(|l| !(l.contains(&pat_sp) || l.contains(&pat_eq)))
                .collect();
        }
        tmp.push('\n');
        tmp.push_str(&merge);
    }
    Ok(tmp)
}

fn config_target(ctx: &mut Ctx, target: &str) -> Result<(), Stop> {
    let srcarch = ctx.kenv.srcarch.clone();
    match target {
        "defconfig" => {
            let def = ctx.kenv.defconfig.clone();
            ctx.output_makefile()?;
            if ctx
                .kenv
                .srctree
                .join("arch")
                .join(&srcarch)
                .join("configs")
                .join(&def)
                .is_file()
            {
                ctx.say(&format!("*** Default configuration is based on '{def}'\n"));
                ctx.run_conf(
                    Mode::DefConfig(format!("arch/{srcarch}/configs/{def}")),
                    &[],
                )
            } else {
                ctx.say(&format!(
                    "*** Default configuration is based on target '{def}'\n"
                ));
                config_target(ctx, &def)
            }
        }
        "savedefconfig" => {
            ctx.output_makefile()?;
            ctx.run_conf(Mode::SaveDefConfig("defconfig".into()), &[])
        }
        "tinyconfig" => {
            ctx.output_makefile()?;
            ctx.run_conf(
                Mode::AllNoConfig,
                &[("KCONFIG_ALLCONFIG", "kernel/configs/tiny-base.config")],
            )?;
            config_target(ctx, "tiny.config")
        }
        t if t.ends_with("_defconfig") => {
            ctx.output_makefile()?;
            ctx.run_conf(Mode::DefConfig(format!("arch/{srcarch}/configs/{t}")), &[])
        }
        t if t.ends_with(".config") => {
            ctx.output_makefile()?;
            ctx.fragment(t)
        }
        t => {
            let mode = Mode::from_target(t)
                .ok_or_else(|| Stop(format!("No rule to make target '{t}'.")))?;
            ctx.output_makefile()?;
            let _ = &ctx.user_env;
            ctx.run_conf(mode, &[])
        }
    }
}
