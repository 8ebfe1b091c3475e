//! A GNU make 4.4 compatible engine.
//!
//! Layers, bottom up: `text` (byte-string routines), `expr` (parsed `$`
//! references), `var` (variables and their sets), `func` (built-in
//! functions), `expand` (expansion), `read` (reading makefiles: lines,
//! conditionals, assignments, rules, includes), `file` (the target database),
//! `rule` (pattern rules), `default` (built-in rules and variables),
//! `implicit` (implicit rule search), `remake` (deciding what to rebuild),
//! `job` (running recipes), `jobserver` (sharing job slots with other makes),
//! `instance` (one make: options, state, messages), `main` (the command line,
//! `MAKEFLAGS`, restarts, in-process recursive makes).

pub mod alias;
pub mod argv;
pub mod commands;
pub mod default;
pub mod expand;
pub mod expr;
pub mod file;
pub mod func;
pub mod glob;
pub mod implicit;
pub mod instance;
pub mod job;
pub mod jobserver;
pub mod observe;
pub mod options;
pub mod query;
pub mod read;
pub mod record;
pub mod remake;
pub mod rule;
pub mod run;
pub mod shell;
pub mod signals;
pub mod snap;
pub mod special;
pub mod statcache;
pub mod syntax;
pub mod text;
pub mod var;
pub mod vpath;
pub mod wire;

use std::sync::Arc;

pub use instance::Make;

/// A makefile location, as make prints it (`Makefile:12`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Floc {
    pub file: Arc<[u8]>,
    pub line: u32,
}

impl Floc {
    pub fn new(file: &[u8], line: u32) -> Floc {
        Floc {
            file: Arc::from(file),
            line,
        }
    }
}

/// A fatal error: make prints it and stops this instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fatal {
    pub floc: Option<Floc>,
    pub msg: Vec<u8>,
    /// Exit status (2 for errors; `-q` uses 1).
    pub status: i32,
    /// Already reported (an exit after messages printed elsewhere).
    pub printed: bool,
}

impl Fatal {
    pub fn new(floc: Option<Floc>, msg: impl Into<Vec<u8>>) -> Fatal {
        Fatal {
            floc,
            msg: msg.into(),
            status: 2,
            printed: false,
        }
    }

    /// Stops this make with `status`, printing nothing more (C `die`).
    pub fn exit(status: i32) -> Fatal {
        Fatal {
            floc: None,
            msg: Vec::new(),
            status,
            printed: true,
        }
    }
}

pub type MResult<T> = Result<T, Fatal>;
