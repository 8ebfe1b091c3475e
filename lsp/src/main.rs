//! `kmake-lsp`: the language server (protocol work lands with its own issue).

fn main() {
    eprintln!("kmake-lsp: the language server is not implemented yet (see issue 5)");
    std::process::exit(1);
}
