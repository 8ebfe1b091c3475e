//! `kmake`: make's command line for kbuild trees, running the in-process engines.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let env = std::env::vars().collect();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let mut io = kmake::cli::StdIo::new();
    std::process::exit(kmake::cli::run(args, env, &cwd, &mut io));
}
