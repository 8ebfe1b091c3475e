//! The build side of the server: per-file effective commands, builds of the
//! object tree, the generated databases (`compile_commands.json`,
//! `rust-project.json`) and `.config` edits, as blocking functions the server
//! runs off the async runtime.

pub mod commands;
pub mod compiler_output;
pub mod effective;
pub mod incremental;
pub mod invocation;
#[cfg(test)]
pub mod test_tree;
