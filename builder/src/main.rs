//! `kmake`: make's command line for kbuild trees, running the in-process engines.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let env = std::env::vars().collect();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let status = kmake::kconfig::with_big_stack(move || {
        let mut io = kmake::cli::StdIo::new();
        kmake::cli::run(args, env, &cwd, &mut io)
    });
    std::process::exit(status);
}
