//! Command-line switches (C `switches[]`, `decode_switches`,
//! `decode_env_switches`, `define_makeflags`): parsing them from the command
//! line and from `MAKEFLAGS` exactly as GNU make 4.4.1 does (getopt_long
//! rules, abbreviated long options, error messages), and writing `MAKEFLAGS`
//! and `MFLAGS` for sub-makes.

use super::instance::Make;
use super::text::{is_blank, show};
use super::var::{Origin, SetId};
use super::{Fatal, MResult};

/// What a switch's argument is (C `enum ... type`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Flag,
    FlagOff,
    Str,
    StrList,
    FileName,
    PosInt,
    Float,
    Ignore,
}

/// The option a switch sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    AlwaysMake,
    Debug,
    EnvOverrides,
    Eval,
    Help,
    IgnoreErrors,
    KeepGoing,
    CheckSymlink,
    JustPrint,
    PrintDb,
    Question,
    NoBuiltinRules,
    NoBuiltinVars,
    Silent,
    Touch,
    Version,
    PrintDirectory,
    Directory,
    File,
    IncludeDir,
    Jobs,
    Load,
    OldFile,
    OutputSync,
    NewFile,
    DebugFlags,
    JobserverAuth,
    Trace,
    WarnUndefined,
    SyncMutex,
    TempStdin,
    Shuffle,
    JobserverStyle,
    None,
}

/// One switch (C `struct command_switch`).
struct Switch {
    /// The letter, or 0 for long-only switches.
    c: u8,
    kind: Kind,
    field: Field,
    /// May come from `MAKEFLAGS`.
    env: bool,
    /// Goes into `MAKEFLAGS`.
    toenv: bool,
    /// Left out of `MAKEFLAGS` while remaking makefiles.
    no_makefile: bool,
    /// Takes an optional argument.
    optional: bool,
    /// Has a default that only counts when specified (k, s, w, j, l).
    has_default: bool,
    long: &'static str,
}

const fn sw(c: u8, kind: Kind, field: Field, env: bool, toenv: bool, long: &'static str) -> Switch {
    Switch {
        c,
        kind,
        field,
        env,
        toenv,
        no_makefile: false,
        optional: false,
        has_default: false,
        long,
    }
}

/// GNU make's table, in its order (`MAKEFLAGS` lists switches in this order).
static SWITCHES: &[Switch] = &[
    sw(b'b', Kind::Ignore, Field::None, false, false, ""),
    sw(
        b'B',
        Kind::Flag,
        Field::AlwaysMake,
        true,
        true,
        "always-make",
    ),
    sw(b'd', Kind::Flag, Field::Debug, true, true, ""),
    sw(
        b'e',
        Kind::Flag,
        Field::EnvOverrides,
        true,
        true,
        "environment-overrides",
    ),
    sw(b'E', Kind::StrList, Field::Eval, true, false, "eval"),
    sw(b'h', Kind::Flag, Field::Help, false, false, "help"),
    sw(
        b'i',
        Kind::Flag,
        Field::IgnoreErrors,
        true,
        true,
        "ignore-errors",
    ),
    Switch {
        has_default: true,
        ..sw(b'k', Kind::Flag, Field::KeepGoing, true, true, "keep-going")
    },
    sw(
        b'L',
        Kind::Flag,
        Field::CheckSymlink,
        true,
        true,
        "check-symlink-times",
    ),
    sw(b'm', Kind::Ignore, Field::None, false, false, ""),
    Switch {
        no_makefile: true,
        ..sw(b'n', Kind::Flag, Field::JustPrint, true, true, "just-print")
    },
    sw(
        b'p',
        Kind::Flag,
        Field::PrintDb,
        true,
        true,
        "print-data-base",
    ),
    Switch {
        no_makefile: true,
        ..sw(b'q', Kind::Flag, Field::Question, true, true, "question")
    },
    sw(
        b'r',
        Kind::Flag,
        Field::NoBuiltinRules,
        true,
        true,
        "no-builtin-rules",
    ),
    sw(
        b'R',
        Kind::Flag,
        Field::NoBuiltinVars,
        true,
        true,
        "no-builtin-variables",
    ),
    Switch {
        has_default: true,
        ..sw(b's', Kind::Flag, Field::Silent, true, true, "silent")
    },
    Switch {
        has_default: true,
        ..sw(
            b'S',
            Kind::FlagOff,
            Field::KeepGoing,
            true,
            true,
            "no-keep-going",
        )
    },
    Switch {
        no_makefile: true,
        ..sw(b't', Kind::Flag, Field::Touch, true, true, "touch")
    },
    sw(b'v', Kind::Flag, Field::Version, true, false, "version"),
    Switch {
        has_default: true,
        ..sw(
            b'w',
            Kind::Flag,
            Field::PrintDirectory,
            true,
            true,
            "print-directory",
        )
    },
    sw(
        b'C',
        Kind::FileName,
        Field::Directory,
        false,
        false,
        "directory",
    ),
    sw(b'f', Kind::FileName, Field::File, false, false, "file"),
    sw(
        b'I',
        Kind::FileName,
        Field::IncludeDir,
        true,
        true,
        "include-dir",
    ),
    Switch {
        optional: true,
        has_default: true,
        ..sw(b'j', Kind::PosInt, Field::Jobs, true, true, "jobs")
    },
    Switch {
        optional: true,
        has_default: true,
        ..sw(b'l', Kind::Float, Field::Load, true, true, "load-average")
    },
    sw(
        b'o',
        Kind::FileName,
        Field::OldFile,
        false,
        false,
        "old-file",
    ),
    Switch {
        optional: true,
        ..sw(
            b'O',
            Kind::Str,
            Field::OutputSync,
            true,
            true,
            "output-sync",
        )
    },
    sw(
        b'W',
        Kind::FileName,
        Field::NewFile,
        false,
        false,
        "what-if",
    ),
    Switch {
        optional: true,
        ..sw(0, Kind::StrList, Field::DebugFlags, true, true, "debug")
    },
    sw(
        0,
        Kind::Str,
        Field::JobserverAuth,
        true,
        true,
        "jobserver-auth",
    ),
    sw(0, Kind::Flag, Field::Trace, true, true, "trace"),
    Switch {
        has_default: true,
        ..sw(
            0,
            Kind::FlagOff,
            Field::PrintDirectory,
            true,
            true,
            "no-print-directory",
        )
    },
    sw(
        0,
        Kind::Flag,
        Field::WarnUndefined,
        true,
        true,
        "warn-undefined-variables",
    ),
    sw(0, Kind::Str, Field::SyncMutex, true, true, "sync-mutex"),
    Switch {
        has_default: true,
        ..sw(0, Kind::FlagOff, Field::Silent, true, true, "no-silent")
    },
    sw(
        0,
        Kind::Str,
        Field::JobserverAuth,
        true,
        false,
        "jobserver-fds",
    ),
    sw(
        0,
        Kind::FileName,
        Field::TempStdin,
        false,
        false,
        "temp-stdin",
    ),
    Switch {
        optional: true,
        ..sw(0, Kind::Str, Field::Shuffle, true, true, "shuffle")
    },
    sw(
        0,
        Kind::Str,
        Field::JobserverStyle,
        true,
        false,
        "jobserver-style",
    ),
];

/// Secondary long names (C `long_option_aliases`).
static ALIASES: &[(&str, u8, bool)] = &[
    ("quiet", b's', false),
    ("stop", b'S', false),
    ("new-file", b'W', true),
    ("assume-new", b'W', true),
    ("assume-old", b'o', true),
    ("max-load", b'l', false),
    ("dry-run", b'n', false),
    ("recon", b'n', false),
    ("makefile", b'f', true),
];

/// The help text after the usage line.
const USAGE: &str = "\
Options:
  -b, -m                      Ignored for compatibility.
  -B, --always-make           Unconditionally make all targets.
  -C DIRECTORY, --directory=DIRECTORY
                              Change to DIRECTORY before doing anything.
  -d                          Print lots of debugging information.
  --debug[=FLAGS]             Print various types of debugging information.
  -e, --environment-overrides
                              Environment variables override makefiles.
  -E STRING, --eval=STRING    Evaluate STRING as a makefile statement.
  -f FILE, --file=FILE, --makefile=FILE
                              Read FILE as a makefile.
  -h, --help                  Print this message and exit.
  -i, --ignore-errors         Ignore errors from recipes.
  -I DIRECTORY, --include-dir=DIRECTORY
                              Search DIRECTORY for included makefiles.
  -j [N], --jobs[=N]          Allow N jobs at once; infinite jobs with no arg.
  --jobserver-style=STYLE     Select the style of jobserver to use.
  -k, --keep-going            Keep going when some targets can't be made.
  -l [N], --load-average[=N], --max-load[=N]
                              Don't start multiple jobs unless load is below N.
  -L, --check-symlink-times   Use the latest mtime between symlinks and target.
  -n, --just-print, --dry-run, --recon
                              Don't actually run any recipe; just print them.
  -o FILE, --old-file=FILE, --assume-old=FILE
                              Consider FILE to be very old and don't remake it.
  -O[TYPE], --output-sync[=TYPE]
                              Synchronize output of parallel jobs by TYPE.
  -p, --print-data-base       Print make's internal database.
  -q, --question              Run no recipe; exit status says if up to date.
  -r, --no-builtin-rules      Disable the built-in implicit rules.
  -R, --no-builtin-variables  Disable the built-in variable settings.
  --shuffle[={SEED|random|reverse|none}]
                              Perform shuffle of prerequisites and goals.
  -s, --silent, --quiet       Don't echo recipes.
  --no-silent                 Echo recipes (disable --silent mode).
  -S, --no-keep-going, --stop
                              Turns off -k.
  -t, --touch                 Touch targets instead of remaking them.
  --trace                     Print tracing information.
  -v, --version               Print the version number of make and exit.
  -w, --print-directory       Print the current directory.
  --no-print-directory        Turn off -w, even if it was turned on implicitly.
  -W FILE, --what-if=FILE, --new-file=FILE, --assume-new=FILE
                              Consider FILE to be infinitely new.
  --warn-undefined-variables  Warn when an undefined variable is referenced.

This program built for x86_64-pc-linux-gnu
Report bugs to <bug-make@gnu.org>
";

/// The version GNU make compatibility is claimed for.
pub const MAKE_VERSION: &str = "4.4.1";
pub const MAKE_HOST: &str = "x86_64-pc-linux-gnu";

/// The switches of one make.
#[derive(Clone, Debug)]
pub struct Options {
    pub always_make_set: bool,
    pub debug: bool,
    pub env_overrides: bool,
    pub eval_strings: Vec<Vec<u8>>,
    pub help: bool,
    pub ignore_errors: bool,
    pub keep_going: bool,
    pub check_symlink: bool,
    pub just_print: bool,
    pub print_data_base: bool,
    pub question: bool,
    pub no_builtin_rules: bool,
    pub no_builtin_vars: bool,
    pub silent: bool,
    pub touch: bool,
    pub version: bool,
    /// -1: not given (computed), 0: off, 1: on.
    pub print_directory: i32,
    pub directories: Vec<Vec<u8>>,
    pub makefiles: Vec<Vec<u8>>,
    pub include_dirs: Vec<Vec<u8>>,
    /// `None`: not given; `Some(0)`: `-j` without a number.
    pub jobs: Option<u32>,
    pub load_average: f64,
    pub old_files: Vec<Vec<u8>>,
    pub output_sync: Option<Vec<u8>>,
    pub new_files: Vec<Vec<u8>>,
    pub debug_flags: Vec<Vec<u8>>,
    pub jobserver_auth: Option<Vec<u8>>,
    pub trace: bool,
    pub warn_undefined: bool,
    pub sync_mutex: Option<Vec<u8>>,
    pub shuffle: Option<Vec<u8>>,
    pub jobserver_style: Option<Vec<u8>>,
    /// Index of the makefile that is standard input (C `stdin_offset`).
    pub stdin_offset: Option<usize>,
    specified: [bool; 40],
    keep_going_origin: Origin,
    silent_origin: Origin,
    print_directory_origin: Origin,
    /// `-B` in effect (not after a restart).
    pub always_make: bool,
    /// `-s` or `.SILENT`.
    pub run_silent: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            always_make_set: false,
            debug: false,
            env_overrides: false,
            eval_strings: Vec::new(),
            help: false,
            ignore_errors: false,
            keep_going: false,
            check_symlink: false,
            just_print: false,
            print_data_base: false,
            question: false,
            no_builtin_rules: false,
            no_builtin_vars: false,
            silent: false,
            touch: false,
            version: false,
            print_directory: -1,
            directories: Vec::new(),
            makefiles: Vec::new(),
            include_dirs: Vec::new(),
            jobs: None,
            load_average: -1.0,
            old_files: Vec::new(),
            output_sync: None,
            new_files: Vec::new(),
            debug_flags: Vec::new(),
            jobserver_auth: None,
            trace: false,
            warn_undefined: false,
            sync_mutex: None,
            shuffle: None,
            jobserver_style: None,
            stdin_offset: None,
            specified: [false; 40],
            keep_going_origin: Origin::Default,
            silent_origin: Origin::Default,
            print_directory_origin: Origin::Default,
            always_make: false,
            run_silent: false,
        }
    }
}

impl Options {
    fn flag(&self, f: Field) -> i32 {
        match f {
            Field::AlwaysMake => self.always_make_set as i32,
            Field::Debug => self.debug as i32,
            Field::EnvOverrides => self.env_overrides as i32,
            Field::Help => self.help as i32,
            Field::IgnoreErrors => self.ignore_errors as i32,
            Field::KeepGoing => self.keep_going as i32,
            Field::CheckSymlink => self.check_symlink as i32,
            Field::JustPrint => self.just_print as i32,
            Field::PrintDb => self.print_data_base as i32,
            Field::Question => self.question as i32,
            Field::NoBuiltinRules => self.no_builtin_rules as i32,
            Field::NoBuiltinVars => self.no_builtin_vars as i32,
            Field::Silent => self.silent as i32,
            Field::Touch => self.touch as i32,
            Field::Version => self.version as i32,
            Field::PrintDirectory => self.print_directory,
            Field::Trace => self.trace as i32,
            Field::WarnUndefined => self.warn_undefined as i32,
            _ => 0,
        }
    }

    fn set_flag(&mut self, f: Field, on: bool) {
        match f {
            Field::AlwaysMake => self.always_make_set = on,
            Field::Debug => self.debug = on,
            Field::EnvOverrides => self.env_overrides = on,
            Field::Help => self.help = on,
            Field::IgnoreErrors => self.ignore_errors = on,
            Field::KeepGoing => self.keep_going = on,
            Field::CheckSymlink => self.check_symlink = on,
            Field::JustPrint => self.just_print = on,
            Field::PrintDb => self.print_data_base = on,
            Field::Question => self.question = on,
            Field::NoBuiltinRules => self.no_builtin_rules = on,
            Field::NoBuiltinVars => self.no_builtin_vars = on,
            Field::Silent => self.silent = on,
            Field::Touch => self.touch = on,
            Field::Version => self.version = on,
            Field::PrintDirectory => self.print_directory = on as i32,
            Field::Trace => self.trace = on,
            Field::WarnUndefined => self.warn_undefined = on,
            _ => {}
        }
    }

    fn list(&mut self, f: Field) -> Option<&mut Vec<Vec<u8>>> {
        Some(match f {
            Field::Eval => &mut self.eval_strings,
            Field::Directory => &mut self.directories,
            Field::File | Field::TempStdin => &mut self.makefiles,
            Field::IncludeDir => &mut self.include_dirs,
            Field::OldFile => &mut self.old_files,
            Field::NewFile => &mut self.new_files,
            Field::DebugFlags => &mut self.debug_flags,
            _ => return None,
        })
    }

    fn string(&mut self, f: Field) -> Option<&mut Option<Vec<u8>>> {
        Some(match f {
            Field::OutputSync => &mut self.output_sync,
            Field::JobserverAuth => &mut self.jobserver_auth,
            Field::SyncMutex => &mut self.sync_mutex,
            Field::Shuffle => &mut self.shuffle,
            Field::JobserverStyle => &mut self.jobserver_style,
            _ => return None,
        })
    }

    fn origin_of(&mut self, f: Field) -> Option<&mut Origin> {
        match f {
            Field::KeepGoing => Some(&mut self.keep_going_origin),
            Field::Silent => Some(&mut self.silent_origin),
            Field::PrintDirectory => Some(&mut self.print_directory_origin),
            _ => None,
        }
    }

    /// Whether "Entering directory" lines are printed (C `should_print_dir`).
    pub fn should_print_dir(&self, makelevel: u32) -> bool {
        if self.print_directory >= 0 {
            return self.print_directory != 0;
        }
        !self.silent && (makelevel > 0 || !self.directories.is_empty())
    }
}

/// One parsed command-line element.
enum Arg {
    Switch(usize, Option<Vec<u8>>),
    NonSwitch(Vec<u8>),
}

/// Splits arguments like getopt_long with GNU make's option string (switches
/// and non-switches in order, `--` ends switches). Errors are the messages
/// getopt prints.
fn getopt(argv0: &[u8], args: &[Vec<u8>]) -> (Vec<Arg>, Vec<Vec<u8>>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<Vec<u8>>, m: String| {
        let mut v = argv0.to_vec();
        v.extend_from_slice(b": ");
        v.extend_from_slice(m.as_bytes());
        errors.push(v);
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == b"--" {
            out.extend(args[i..].iter().map(|x| Arg::NonSwitch(x.clone())));
            break;
        }
        if a.len() < 2 || a[0] != b'-' {
            out.push(Arg::NonSwitch(a.clone()));
            continue;
        }
        if a.starts_with(b"--") {
            let body = &a[2..];
            let (name, value) = match body.iter().position(|&c| c == b'=') {
                Some(e) => (&body[..e], Some(body[e + 1..].to_vec())),
                None => (body, None),
            };
            // Candidates: (display name, switch index, takes argument).
            let mut cands: Vec<(&str, usize)> = Vec::new();
            let mut exact = None;
            let all =
                SWITCHES
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !s.long.is_empty())
                    .map(|(i, s)| (s.long, i))
                    .chain(ALIASES.iter().map(|&(n, c, _)| {
                        (n, SWITCHES.iter().position(|s| s.c == c).unwrap_or(0))
                    }));
            for (lname, idx) in all {
                if lname.as_bytes() == name {
                    exact = Some((lname, idx));
                    break;
                }
                if lname.as_bytes().starts_with(name) {
                    cands.push((lname, idx));
                }
            }
            let found = match exact {
                Some(e) => Some(e),
                None => {
                    let first = cands.first().copied();
                    let ambiguous = cands
                        .iter()
                        .any(|&(_, idx)| Some(idx) != first.map(|f| f.1));
                    if ambiguous {
                        let mut m =
                            format!("option '--{}' is ambiguous; possibilities:", show(name));
                        for (n, _) in &cands {
                            m.push_str(&format!(" '--{n}'"));
                        }
                        err(&mut errors, m);
                        continue;
                    }
                    first
                }
            };
            let Some((lname, idx)) = found else {
                err(&mut errors, format!("unrecognized option '{}'", show(a)));
                continue;
            };
            let s = &SWITCHES[idx];
            if !takes_arg(s) {
                if value.is_some() {
                    err(
                        &mut errors,
                        format!("option '--{lname}' doesn't allow an argument"),
                    );
                    continue;
                }
                out.push(Arg::Switch(idx, None));
            } else if s.optional {
                let value = value.or_else(|| optional_number(s, args, &mut i));
                out.push(Arg::Switch(idx, value));
            } else {
                match value {
                    Some(v) => out.push(Arg::Switch(idx, Some(v))),
                    None if i < args.len() => {
                        out.push(Arg::Switch(idx, Some(args[i].clone())));
                        i += 1;
                    }
                    None => err(
                        &mut errors,
                        format!("option '--{lname}' requires an argument"),
                    ),
                }
            }
            continue;
        }
        // A cluster of short options.
        let mut j = 1;
        while j < a.len() {
            let c = a[j];
            j += 1;
            let Some(idx) = SWITCHES.iter().position(|s| s.c == c && c != 0) else {
                err(&mut errors, format!("invalid option -- '{}'", c as char));
                continue;
            };
            let s = &SWITCHES[idx];
            if !takes_arg(s) {
                out.push(Arg::Switch(idx, None));
                continue;
            }
            if j < a.len() {
                out.push(Arg::Switch(idx, Some(a[j..].to_vec())));
            } else if s.optional {
                let value = optional_number(s, args, &mut i);
                out.push(Arg::Switch(idx, value));
            } else if i < args.len() {
                out.push(Arg::Switch(idx, Some(args[i].clone())));
                i += 1;
            } else {
                err(
                    &mut errors,
                    format!("option requires an argument -- '{}'", c as char),
                );
            }
            break;
        }
    }
    (out, errors)
}

/// `-j 4` and `-l 2.5`: make takes the next argument as the number when it
/// looks like one.
fn optional_number(s: &Switch, args: &[Vec<u8>], i: &mut usize) -> Option<Vec<u8>> {
    let next = args.get(*i)?;
    let ok = match s.kind {
        Kind::PosInt => next.iter().all(|c| c.is_ascii_digit()),
        Kind::Float => next
            .first()
            .is_some_and(|&c| c.is_ascii_digit() || c == b'.'),
        _ => false,
    };
    if ok {
        *i += 1;
        Some(next.clone())
    } else {
        None
    }
}

fn takes_arg(s: &Switch) -> bool {
    !matches!(s.kind, Kind::Flag | Kind::FlagOff | Kind::Ignore)
}

/// Quotes a value for `MAKEFLAGS` (C `quote_for_env`).
pub fn quote_for_env(out: &mut Vec<u8>, s: &[u8]) {
    for &c in s {
        if c == b'$' {
            out.push(b'$');
        } else if is_blank(c) || c == b'\\' {
            out.push(b'\\');
        }
        out.push(c);
    }
}

/// `~` and `./` handling of a command-line file name (C
/// `expand_command_line_file`).
fn command_line_file(m: &Make, name: &[u8]) -> MResult<Vec<u8>> {
    if name.is_empty() {
        return Err(Fatal::new(None, "empty string invalid as file name"));
    }
    let mut n = name.to_vec();
    if n[0] == b'~' {
        if let Some(t) = m.tilde_expand(&n) {
            if !t.is_empty() {
                n = t;
            }
        }
    }
    let mut s = 0;
    while n.len() >= s + 2 && n[s] == b'.' && n[s + 1] == b'/' {
        s += 2;
        while n.get(s) == Some(&b'/') {
            s += 1;
        }
    }
    if s >= n.len() {
        return Ok(b"./".to_vec());
    }
    Ok(n[s..].to_vec())
}

impl Make {
    /// Parses switches and arguments (C `decode_switches`). Switches from
    /// the environment (`origin` not command line) are parsed quietly.
    pub fn decode_switches(
        &mut self,
        args: &[Vec<u8>],
        origin: Origin,
        argv0: &[u8],
    ) -> MResult<()> {
        let (parsed, errors) = getopt(argv0, args);
        let mut bad = false;
        if origin == Origin::CommandLine {
            for e in &errors {
                let mut m = e.clone();
                m.push(b'\n');
                self.shared.output.err(&m);
            }
            bad = !errors.is_empty();
        }
        for arg in parsed {
            let (idx, value) = match arg {
                Arg::NonSwitch(a) => {
                    self.handle_non_switch_argument(&a, origin)?;
                    continue;
                }
                Arg::Switch(i, v) => (i, v),
            };
            let s = &SWITCHES[idx];
            let cur_origin = self.opts.origin_of(s.field).map(|o| *o);
            let doit =
                origin == Origin::CommandLine || (s.env && cur_origin.is_none_or(|o| origin >= o));
            if doit {
                self.opts.specified[idx] = true;
            }
            match s.kind {
                Kind::Ignore => {}
                Kind::Flag | Kind::FlagOff => {
                    if doit {
                        self.opts.set_flag(s.field, s.kind == Kind::Flag);
                        if let Some(o) = self.opts.origin_of(s.field) {
                            *o = origin;
                        }
                    }
                }
                Kind::Str | Kind::StrList | Kind::FileName => {
                    if !doit {
                        continue;
                    }
                    let v = match value {
                        None => match s.field {
                            Field::OutputSync => b"target".to_vec(),
                            Field::DebugFlags => b"basic".to_vec(),
                            Field::Shuffle => b"random".to_vec(),
                            _ => continue,
                        },
                        Some(v) if v.is_empty() => {
                            let m = if s.c != 0 {
                                format!(
                                    "the '-{}' option requires a non-empty string argument",
                                    s.c as char
                                )
                            } else {
                                format!(
                                    "the '--{}' option requires a non-empty string argument",
                                    s.long
                                )
                            };
                            self.error(None, m.as_bytes());
                            bad = true;
                            continue;
                        }
                        Some(v) => v,
                    };
                    if s.kind == Kind::Str {
                        if let Some(slot) = self.opts.string(s.field) {
                            *slot = Some(v);
                        }
                        continue;
                    }
                    let v = if s.kind == Kind::FileName && s.field != Field::TempStdin {
                        command_line_file(self, &v)?
                    } else {
                        v
                    };
                    let is_file = s.field == Field::File || s.field == Field::TempStdin;
                    let list = self.opts.list(s.field).expect("list switch");
                    if !is_file && list.contains(&v) {
                        continue;
                    }
                    list.push(v);
                    if s.field == Field::TempStdin {
                        self.opts.stdin_offset = Some(self.opts.makefiles.len() - 1);
                    }
                }
                Kind::PosInt => {
                    if !doit {
                        continue;
                    }
                    match value {
                        Some(v) => {
                            let n = std::str::from_utf8(&v)
                                .ok()
                                .and_then(|t| t.parse::<u32>().ok());
                            match n {
                                Some(n) if n > 0 => self.opts.jobs = Some(n),
                                _ => {
                                    let m = format!(
                                        "the '-{}' option requires a positive integer argument",
                                        s.c as char
                                    );
                                    self.error(None, m.as_bytes());
                                    bad = true;
                                }
                            }
                        }
                        None => self.opts.jobs = Some(0),
                    }
                }
                Kind::Float => {
                    if doit {
                        self.opts.load_average = match value {
                            Some(v) => atof(&v),
                            None => 0.0,
                        };
                    }
                }
            }
        }
        if bad && origin == Origin::CommandLine {
            return Err(self.print_usage(true));
        }
        self.opts.run_silent = self.opts.silent;
        self.warn_undefined = self.opts.warn_undefined;
        Ok(())
    }

    /// Prints the usage; the returned stop carries the exit status.
    pub fn print_usage(&self, bad: bool) -> Fatal {
        let mut text =
            format!("Usage: {} [options] [target] ...\n", show(&self.program)).into_bytes();
        text.extend_from_slice(USAGE.as_bytes());
        if bad {
            self.shared.output.err(&text);
            Fatal::exit(2)
        } else {
            self.shared.output.out(&text);
            Fatal::exit(0)
        }
    }

    /// `make --version`.
    pub fn print_version(&self) {
        let text = format!(
            "GNU Make {MAKE_VERSION}\nBuilt for {MAKE_HOST}\nkmake {}: a Rust make for kbuild trees, compatible with GNU Make {MAKE_VERSION}\n",
            env!("CARGO_PKG_VERSION")
        );
        self.shared.output.out(text.as_bytes());
    }

    /// A non-switch argument: a variable definition or a goal (C
    /// `handle_non_switch_argument`).
    fn handle_non_switch_argument(&mut self, arg: &[u8], origin: Origin) -> MResult<()> {
        if arg == b"-" {
            return Ok(());
        }
        if let Some(name) = self.try_variable_definition(None, arg, origin, None)? {
            if !self.command_vars.contains(&name) {
                self.command_vars.insert(0, name);
            }
            return Ok(());
        }
        if !arg.is_empty() && origin == Origin::CommandLine {
            let name = command_line_file(self, arg)?;
            let f = self.files.enter(&name);
            self.files.get_mut(f).cmd_target = true;
            self.goals.push(f);
            let fname = self.files.get(f).name.to_vec();
            let value = match self.vars.global(b"MAKECMDGOALS") {
                None => fname,
                Some(v) => {
                    let mut s = v.value.to_vec();
                    s.push(b' ');
                    s.extend_from_slice(&fname);
                    s
                }
            };
            self.vars.define(
                SetId::GLOBAL,
                b"MAKECMDGOALS",
                &value,
                Origin::Default,
                false,
                None,
            );
        }
        Ok(())
    }

    /// Parses the switches in the variable `name` (C `decode_env_switches`).
    pub fn decode_env_switches(&mut self, name: &[u8], origin: Origin) -> MResult<()> {
        let mut r = b"$(".to_vec();
        r.extend_from_slice(name);
        r.push(b')');
        let value = self.expand_str(&r)?;
        let start = super::text::skip_space(&value, 0);
        let value = &value[start..];
        if value.is_empty() {
            return Ok(());
        }
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        let mut i = 0;
        while i < value.len() {
            let c = value[i];
            if c == b'\\' && i + 1 < value.len() {
                words.last_mut().expect("word").push(value[i + 1]);
                i += 2;
                continue;
            }
            if is_blank(c) {
                while i < value.len() && is_blank(value[i]) {
                    i += 1;
                }
                words.push(Vec::new());
                continue;
            }
            words.last_mut().expect("word").push(c);
            i += 1;
        }
        if words.last().is_some_and(|w| w.is_empty()) {
            words.pop();
        }
        if let Some(first) = words.first_mut() {
            if first.first() != Some(&b'-') && !first.contains(&b'=') {
                first.insert(0, b'-');
            }
        }
        let argv0 = self.program.clone();
        self.decode_switches(&words, origin, &argv0)
    }

    /// Writes `MAKEFLAGS` and `MFLAGS` from the switches (C
    /// `define_makeflags`); `makefile`: for remaking makefiles.
    pub fn define_makeflags(&mut self, makefile: bool) {
        struct Flag {
            idx: usize,
            arg: Option<Vec<u8>>,
        }
        let mut flags: Vec<Flag> = Vec::new();
        for (idx, s) in SWITCHES.iter().enumerate() {
            if !s.toenv || (makefile && s.no_makefile) {
                continue;
            }
            match s.kind {
                Kind::Ignore => {}
                Kind::Flag | Kind::FlagOff => {
                    let v = self.opts.flag(s.field);
                    let on = (v == 0) == (s.kind == Kind::FlagOff);
                    let default = if s.field == Field::PrintDirectory {
                        -1
                    } else {
                        0
                    };
                    if on && (!s.has_default || self.opts.specified[idx] || v != default) {
                        flags.push(Flag { idx, arg: None });
                    }
                }
                Kind::PosInt => match self.opts.jobs {
                    None => {}
                    Some(0) => flags.push(Flag {
                        idx,
                        arg: Some(Vec::new()),
                    }),
                    Some(n) => flags.push(Flag {
                        idx,
                        arg: Some(n.to_string().into_bytes()),
                    }),
                },
                Kind::Float => {
                    let l = self.opts.load_average;
                    if l != -1.0 {
                        if l == 0.0 {
                            flags.push(Flag {
                                idx,
                                arg: Some(Vec::new()),
                            });
                        } else {
                            flags.push(Flag {
                                idx,
                                arg: Some(format_g(l).into_bytes()),
                            });
                        }
                    }
                }
                Kind::Str => {
                    if let Some(v) = self.opts.string(s.field).and_then(|v| v.clone()) {
                        flags.push(Flag { idx, arg: Some(v) });
                    }
                }
                Kind::StrList | Kind::FileName => {
                    if let Some(l) = self.opts.list(s.field) {
                        for v in l.clone() {
                            flags.push(Flag { idx, arg: Some(v) });
                        }
                    }
                }
            }
        }
        let mut out: Vec<u8> = vec![b'-'];
        let mut it = flags.into_iter().peekable();
        while let Some(f) = it.peek() {
            let s = &SWITCHES[f.idx];
            if f.arg.is_some() || s.c == 0 {
                break;
            }
            out.push(s.c);
            it.next();
        }
        for f in it {
            let s = &SWITCHES[f.idx];
            out.extend_from_slice(b" -");
            if s.c != 0 {
                out.push(s.c);
            } else {
                out.push(b'-');
                out.extend_from_slice(s.long.as_bytes());
            }
            if let Some(a) = &f.arg {
                if !a.is_empty() {
                    if s.c == 0 {
                        out.push(b'=');
                    }
                    quote_for_env(&mut out, a);
                }
            }
        }
        if out.len() == 1 {
            out.clear();
        }
        let mflags: &[u8] = if out.starts_with(b"- ") {
            &out[2..]
        } else {
            &out
        };
        self.vars
            .define(SetId::GLOBAL, b"MFLAGS", mflags, Origin::Env, true, None);
        if !self.opts.eval_strings.is_empty() {
            out.extend_from_slice(b" $(-*-eval-flags-*-)");
        }
        let r: &[u8] = if self.posix {
            b"-*-command-variables-*-"
        } else {
            b"MAKEOVERRIDES"
        };
        let scope = self.scope.clone();
        if self
            .vars
            .lookup(&scope, r)
            .is_some_and(|(_, v)| !v.value.is_empty())
        {
            out.extend_from_slice(b" -- $(");
            out.extend_from_slice(r);
            out.push(b')');
        }
        let value: &[u8] = if out.first() == Some(&b'-') {
            &out[1..]
        } else {
            &out
        };
        let origin = if self.opts.env_overrides {
            Origin::EnvOverride
        } else {
            Origin::File
        };
        let value = value.to_vec();
        self.vars
            .define(SetId::GLOBAL, b"MAKEFLAGS", &value, origin, true, None);
    }

    /// The value of `MAKEFLAGS` was set by the makefile (C `reset_makeflags`).
    pub fn reset_makeflags(&mut self, origin: Origin) -> MResult<()> {
        self.decode_env_switches(b"MAKEFLAGS", origin)?;
        self.construct_include_path();
        let rebuilding = self.rebuilding_makefiles;
        self.define_makeflags(rebuilding);
        Ok(())
    }

    /// The directories `include` searches: `-I` directories that exist, then
    /// the standard ones (C `construct_include_path`).
    pub fn construct_include_path(&mut self) {
        let mut dirs: Vec<Vec<u8>> = Vec::new();
        let add = |m: &Make, d: &[u8], dirs: &mut Vec<Vec<u8>>| {
            let mut d = d.to_vec();
            if d.len() > 1 && d.last() == Some(&b'/') {
                d.pop();
            }
            if m.resolve_path(&d).is_dir() && !dirs.contains(&d) {
                dirs.push(d);
            }
        };
        let mut defaults = true;
        for d in self.opts.include_dirs.clone() {
            if d == b"-" {
                // `-I-` forgets what came before, and the default folders.
                dirs.clear();
                defaults = false;
                continue;
            }
            let d = if d.first() == Some(&b'~') {
                self.tilde_expand(&d).unwrap_or(d)
            } else {
                d
            };
            add(self, &d, &mut dirs);
        }
        if defaults {
            for d in [
                &b"/usr/local/include"[..],
                b"/usr/gnu/include",
                b"/usr/include",
            ] {
                add(self, d, &mut dirs);
            }
        }
        let value = dirs.join(&b' ');
        self.vars.define(
            SetId::GLOBAL,
            b".INCLUDE_DIRS",
            &value,
            Origin::Default,
            false,
            None,
        );
        self.include_dirs = dirs;
    }
}

/// C `atof` on a prefix of the text.
fn atof(s: &[u8]) -> f64 {
    let t = String::from_utf8_lossy(s);
    let t = t.trim_start();
    let mut end = 0;
    let b = t.as_bytes();
    while end < b.len()
        && (b[end].is_ascii_digit()
            || b[end] == b'.'
            || (end == 0 && (b[end] == b'-' || b[end] == b'+')))
    {
        end += 1;
    }
    t[..end].parse().unwrap_or(0.0)
}

/// `%g` formatting of a load average.
fn format_g(v: f64) -> String {
    let s = format!("{v}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> (usize, Vec<String>) {
        let a: Vec<Vec<u8>> = args.iter().map(|s| s.as_bytes().to_vec()).collect();
        let (p, e) = getopt(b"make", &a);
        (
            p.len(),
            e.iter()
                .map(|x| String::from_utf8_lossy(x).into_owned())
                .collect(),
        )
    }

    #[test]
    fn getopt_like_glibc() {
        assert_eq!(parse(&["-kj4", "all"]).0, 3);
        assert_eq!(parse(&["-X"]).1, vec!["make: invalid option -- 'X'"]);
        assert_eq!(
            parse(&["--foo"]).1,
            vec!["make: unrecognized option '--foo'"]
        );
        assert!(parse(&["--j"]).1[0].starts_with(
            "make: option '--j' is ambiguous; possibilities: '--just-print' '--jobs'"
        ));
        assert_eq!(
            parse(&["-f"]).1,
            vec!["make: option requires an argument -- 'f'"]
        );
        assert_eq!(parse(&["--dry"]).0, 1);
        assert_eq!(parse(&["--", "-k"]).0, 1);
    }
}
