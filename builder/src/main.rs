//! `kmake`: make's command line for kbuild trees, running the in-process engines.

fn main() {
    use std::os::unix::ffi::OsStrExt;
    let text = |s: &std::ffi::OsStr| kmake::kconfig::source::decode_bytes(s.as_bytes());
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| text(&a)).collect();
    let env = std::env::vars_os()
        .map(|(k, v)| (text(&k), text(&v)))
        .collect();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let status = kmake::kconfig::with_big_stack(move || {
        let mut io = kmake::cli::StdIo::new();
        kmake::cli::run(args, env, &cwd, &mut io)
    });
    std::process::exit(status);
}
