//! `kmake`: make for kbuild trees. Invoked as `make` (or any name not
//! starting with `kmake`) it is a GNU make; as `kmake`, configuration targets
//! of a kbuild tree run on the in-process Kconfig engine and everything else
//! on the make engine.

use std::os::unix::ffi::OsStrExt;

fn main() {
    let argv: Vec<Vec<u8>> = std::env::args_os().map(|a| a.as_bytes().to_vec()).collect();
    let argv0 = argv.first().cloned().unwrap_or_default();
    let args: Vec<Vec<u8>> = argv.iter().skip(1).cloned().collect();
    let base = match argv0.iter().rposition(|&c| c == b'/') {
        Some(i) => &argv0[i + 1..],
        None => &argv0[..],
    };
    let env: Vec<(Vec<u8>, Vec<u8>)> = std::env::vars_os()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let status = if base.starts_with(b"kmake") && kmake::cli::wants_config_engine(&args, &cwd) {
        let text = |s: &[u8]| kmake::kconfig::source::decode_bytes(s);
        let sargs: Vec<String> = args.iter().map(|a| text(a)).collect();
        let senv = env.iter().map(|(k, v)| (text(k), text(v))).collect();
        kmake::kconfig::with_big_stack(move || {
            let mut io = kmake::cli::StdIo::new();
            kmake::cli::run(sargs, senv, &cwd, &mut io)
        })
    } else if base.starts_with(b"kmake") {
        // Children see `make` as kmake, and `$(MAKE)` is `make` as with GNU make.
        let mut env = env;
        let make_command = match kmake::make::alias::alias_dir(&env) {
            Some(dir) => {
                kmake::make::alias::prepend_path(&mut env, &dir);
                Some(b"make".to_vec())
            }
            None => None,
        };
        let wants_db = kmake::kbuild::goal_indices(&args).iter().any(|&i| {
            args[i] == b"compile_commands.json" || args[i].ends_with(b"/compile_commands.json")
        });
        if wants_db {
            kmake::kconfig::with_big_stack(move || {
                kmake::kbuild::compdb::run(argv0, args, env, cwd, make_command)
            })
        } else {
            kmake::kconfig::with_big_stack(move || {
                kmake::kbuild::run_make(argv0, args, env, cwd, make_command)
            })
        }
    } else {
        kmake::kconfig::with_big_stack(move || {
            kmake::make::run::run_process(argv0, args, env, cwd, None)
        })
    };
    std::process::exit(status);
}
