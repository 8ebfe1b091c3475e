//! `kmake-lsp`: runs the language server on stdin/stdout; logs go to stderr
//! (`KMAKE_LSP_LOG=debug` for more).

use tower_lsp::Server;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            EnvFilter::try_from_env("KMAKE_LSP_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let (service, socket) = kmake_lsp::server::service();
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}
