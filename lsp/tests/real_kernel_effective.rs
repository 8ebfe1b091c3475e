//! The effective command on the reference kernel tree (Linux 6.12 at
//! /work/cache/linux-source-6.12 or `$KMAKE_KERNEL_SRC`): a `tinyconfig`
//! object tree is configured in a temporary directory, and the command for
//! `init/main.c` must equal its entry in the `compile_commands.json` that
//! `kmake O=<tmp> compile_commands.json` writes. Skipped with a note when
//! the tree is absent. Prints timings.

mod common;

use common::kernel;

use std::time::Instant;

use kmake_lsp::build::effective::{EffectiveCache, EffectiveCommand};
use kmake_lsp::build::incremental::{kmake_binary, run, CancelToken};
use kmake_lsp::build::invocation::run_conf;
use kmake_lsp::settings::Settings;
use kmake_lsp::workspace::Layout;

#[test]
fn init_main_matches_compile_commands() {
    let Some(src) = kernel() else { return };
    if src.join(".config").exists() {
        eprintln!(
            "note: {} is configured in-tree; O= builds refuse it; skipped",
            src.display()
        );
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    let settings = Settings {
        arch: Some("x86_64".into()),
        output_dir: Some(out.path().display().to_string()),
        ..Settings::default()
    };
    let layout = Layout::detect(&src, &settings).expect("layout");

    let t0 = Instant::now();
    run_conf(&layout, &settings, "tinyconfig").expect("tinyconfig");
    eprintln!("tinyconfig: {:?}", t0.elapsed());

    let cache = EffectiveCache::default();
    let main = layout.srctree.join("init/main.c");
    let t0 = Instant::now();
    let first = cache
        .effective_command(&layout, &settings, &main)
        .expect("effective command");
    let first_time = t0.elapsed();
    let t0 = Instant::now();
    let second = cache
        .effective_command(&layout, &settings, &main)
        .expect("effective command");
    let second_time = t0.elapsed();
    eprintln!("effective command of init/main.c: first {first_time:?}, repeated {second_time:?}");
    assert_eq!(first, second);

    // The database as the command line writes it: the kmake binary when
    // there is one (an independent run), else the library.
    let db_path = layout.objtree.join("compile_commands.json");
    let t0 = Instant::now();
    match kmake_binary() {
        Ok(bin) => {
            let mut args = vec![
                "-s".to_string(),
                "-C".to_string(),
                layout.srctree.display().to_string(),
                format!("O={}", layout.objtree.display()),
                "ARCH=x86_64".to_string(),
                "compile_commands.json".to_string(),
            ];
            args.dedup();
            let r = run(&bin, &args, &layout, &CancelToken::new(), &mut |_| {}).expect("kmake");
            assert_eq!(r.exit_code, 0, "{}", r.output);
            eprintln!("kmake compile_commands.json: {:?}", t0.elapsed());
        }
        Err(e) => {
            eprintln!("note: {e}; the database comes from the library");
            kmake_lsp::build::commands::generate_compile_commands_with(
                &cache, &layout, &settings, false,
            )
            .expect("compile_commands.json");
        }
    }
    let entries = kmake::kbuild::compdb::load(&db_path).expect("load");
    eprintln!("{} entries", entries.len());
    let entry = entries
        .iter()
        .find(|e| e.file == main)
        .expect("init/main.c in compile_commands.json");
    match first {
        EffectiveCommand::Built {
            directory,
            arguments,
            command,
            object,
        } => {
            assert_eq!(directory, entry.directory);
            assert_eq!(arguments, kmake::kbuild::shellwords::split(&entry.command));
            assert_eq!(command, entry.command);
            assert_eq!(object, "init/main.o");
        }
        other => panic!("{other:?}"),
    }

    // A file tinyconfig leaves out, with its reason.
    match cache
        .effective_command(&layout, &settings, std::path::Path::new("fs/ext4/inode.c"))
        .expect("effective command")
    {
        EffectiveCommand::NotBuilt { reason, at } => {
            eprintln!("fs/ext4/inode.c: {reason}");
            assert!(reason.contains("CONFIG_EXT4_FS"), "{reason}");
            assert!(at.is_some());
        }
        other => panic!("{other:?}"),
    }
}
