//! kmake-lsp: a language server for Kconfig, kbuild Makefiles, `.config`
//! files and `CONFIG_` uses in C, backed by kmake's Kconfig engine.

pub mod build;
pub mod build_requests;
pub mod completion;
pub mod cursor;
pub mod definition;
pub mod diagnostics;
pub mod document_symbols;
pub mod documents;
pub mod features;
pub mod folding;
pub mod hover;
pub mod index_cache;
pub mod kconfig_index;
pub mod kconfig_scan;
pub mod load;
pub mod location;
pub mod makefile;
pub mod menu_tree;
pub mod name_table;
pub mod object_hover;
pub mod overlay_host;
pub mod position;
pub mod progress;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod server;
pub mod settings;
pub mod shell_guard;
#[cfg(test)]
pub mod test_fixture;
pub mod text_index;
pub mod text_range;
pub mod to_proto;
pub mod watcher;
pub mod workspace;
pub mod workspace_symbols;
