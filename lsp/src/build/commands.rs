//! The commands that write files of the object tree: `compile_commands.json`
//! (from the evaluation the effective commands use), `rust-project.json`
//! (kbuild's `rust-analyzer` goal), and one `.config` value set through the
//! Kconfig engine.

use std::path::PathBuf;

use kmake::kbuild::compdb;
use kmake::kconfig::{FsHost, Kconfig, SymbolType};

use super::effective::EffectiveCache;
use super::incremental::{kmake_binary, make_args, run, CancelToken};
use super::invocation::{dot_config, require_trusted};
use crate::settings::Settings;
use crate::shell_guard::GuardedShell;
use crate::workspace::Layout;

/// Writes `<objtree>/compile_commands.json` as `kmake O=... compile_commands.json`
/// does (without building; GCC-only options dropped when
/// `clangd_compatible`, as `KMAKE_CLANGD=1` does). Returns its path.
pub fn generate_compile_commands(
    layout: &Layout,
    settings: &Settings,
    clangd_compatible: bool,
) -> Result<PathBuf, String> {
    generate_compile_commands_with(
        EffectiveCache::global(),
        layout,
        settings,
        clangd_compatible,
    )
}

/// `generate_compile_commands` with the given cache.
pub fn generate_compile_commands_with(
    cache: &EffectiveCache,
    layout: &Layout,
    settings: &Settings,
    clangd_compatible: bool,
) -> Result<PathBuf, String> {
    let db = cache.database(layout, settings)?;
    let entries = if clangd_compatible {
        compdb::for_clangd(&db.entries)
    } else {
        db.entries.clone()
    };
    let path = layout.objtree.join("compile_commands.json");
    kmake::kbuild::write_atomically(&path, compdb::to_json(&entries, true).as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Writes `<objtree>/rust-project.json` with kbuild's `rust-analyzer` goal
/// (needs `CONFIG_RUST`), run by the `kmake` binary. Returns its path.
pub fn generate_rust_project(
    layout: &Layout,
    settings: &Settings,
    cancel: &CancelToken,
) -> Result<PathBuf, String> {
    require_trusted(settings, "rust-project.json")?;
    let bin = kmake_binary()?;
    let args = make_args(layout, settings, &["rust-analyzer".to_string()]);
    let r = run(&bin, &args, layout, cancel, &mut |_| {})?;
    let path = layout.objtree.join("rust-project.json");
    if r.exit_code != 0 || !path.is_file() {
        let tail: Vec<&str> = r.output.lines().rev().take(8).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "`{}` failed (exit status {}):\n{}",
            r.command,
            r.exit_code,
            tail.join("\n")
        ));
    }
    Ok(path)
}

/// Sets `name` (with or without `CONFIG_`) to `value` in the objtree's
/// `.config` as `conf` would (the user value, then the whole configuration
/// recomputed and written as `olddefconfig` does, through a temporary file
/// and a rename). Returns a summary; fails, writing nothing, when the value
/// is not allowed (with the engine's explanation of the symbol's value).
pub fn set_config_value(
    layout: &Layout,
    settings: &Settings,
    name: &str,
    value: &str,
) -> Result<String, String> {
    let name = name.strip_prefix("CONFIG_").unwrap_or(name).to_string();
    let value = value.trim().to_string();
    let shell = if settings.trusted {
        GuardedShell::trusted(&layout.objtree)
    } else {
        GuardedShell::untrusted()
    };
    let env = layout.kbuild_env(settings, &shell)?;
    let config = dot_config(layout);
    let config_name = config
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".config".into());
    let objtree = layout.objtree.clone();
    let kconfig = env.kconfig.clone();
    let envmap = env.env.clone();
    let had_config = config.is_file();
    let result = kmake::kconfig::with_big_stack(move || {
        let host = FsHost {
            cwd: objtree.clone(),
            env: envmap,
            shell: &shell,
        };
        let mut k = Kconfig::load(&host, &kconfig).map_err(|e| e.to_string())?;
        if had_config && !k.conf_read(&host, Some(&config_name)) {
            return Err(format!("{config_name}: could not be read"));
        }
        let r = set_in_engine(&mut k, &name, &value);
        if r.is_ok() {
            k.write_config(&objtree, &host, Some(&config_name))?;
        }
        shell.save();
        r
    });
    result
}

/// `value` as the engine would print it for a symbol of type `ty`.
fn normalized(ty: SymbolType, value: &str) -> String {
    match ty {
        SymbolType::Bool | SymbolType::Tristate => value
            .chars()
            .next()
            .map(|c| c.to_ascii_lowercase().to_string())
            .unwrap_or_default(),
        SymbolType::Hex if !value.starts_with("0x") && !value.starts_with("0X") => {
            format!("0x{value}")
        }
        _ => value.to_string(),
    }
}

/// Sets the user value in a loaded engine; the summary or why it failed.
fn set_in_engine(k: &mut Kconfig, name: &str, value: &str) -> Result<String, String> {
    let s = k
        .sym_find(name)
        .filter(|&s| !k.sym(s).is_const())
        .ok_or_else(|| format!("CONFIG_{name}: no such symbol in this tree's Kconfig"))?;
    let ty = k.sym_get_type(s);
    if ty == SymbolType::Unknown {
        return Err(format!(
            "CONFIG_{name} is not defined for this architecture"
        ));
    }
    if !k.sym_string_valid(s, value) {
        return Err(format!(
            "`{value}` is not a valid {} value for CONFIG_{name}",
            ty.name()
        ));
    }
    k.calc_value(s);
    let before = k.string_value(s).to_string();
    let wanted = normalized(ty, value);
    let choice = k.sym_get_choice_menu(s);
    let accepted = match choice {
        Some(c) if ty.is_logic() && wanted == "y" => {
            let ok = k.set_string_value(s, "y");
            if ok {
                k.choice_set_value(c, s);
            }
            ok
        }
        _ => k.set_string_value(s, value),
    };
    k.calc_value(s);
    let after = k.string_value(s).to_string();
    if accepted && after == wanted {
        return Ok(if before == after {
            format!("CONFIG_{name} was already {after}")
        } else {
            format!("CONFIG_{name}: {before} -> {after}")
        });
    }
    let why = kmake::kconfig::with_big_stack(|| k.explain_text(s));
    Err(format!(
        "CONFIG_{name}={wanted} requested, ends up {after}: {why}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::effective::{EffectiveCache, EffectiveCommand};
    use crate::build::test_tree;

    #[test]
    fn normalizing() {
        assert_eq!(normalized(SymbolType::Tristate, "M"), "m");
        assert_eq!(normalized(SymbolType::Hex, "10"), "0x10");
        assert_eq!(normalized(SymbolType::Hex, "0x10"), "0x10");
        assert_eq!(normalized(SymbolType::Bool, ""), "");
        assert_eq!(normalized(SymbolType::Int, "3"), "3");
    }

    #[test]
    fn set_config_round_trip() {
        let dir = test_tree::kbuild_tree();
        let (layout, settings) = test_tree::configured(dir.path());
        let config = dir.path().join(".config");
        let read = || std::fs::read_to_string(&config).unwrap();
        assert!(read().contains("# CONFIG_SAMPLE_SELFTEST is not set"));

        let s = set_config_value(&layout, &settings, "CONFIG_SAMPLE_SELFTEST", "y").unwrap();
        assert!(s.contains("SAMPLE_SELFTEST"), "{s}");
        assert!(read().contains("\nCONFIG_SAMPLE_SELFTEST=y\n"));
        // The effective command follows the new configuration.
        let cache = EffectiveCache::default();
        let e = cache
            .effective_command(&layout, &settings, std::path::Path::new("lib/test_lib.c"))
            .unwrap();
        assert!(matches!(e, EffectiveCommand::Built { .. }), "{e:?}");

        // A value the dependencies do not allow: refused with the reason,
        // and the file is left alone.
        let before = read();
        let err = set_config_value(&layout, &settings, "UNWINDER_GUESS", "y");
        let err = err.unwrap_err();
        assert!(
            err.starts_with("CONFIG_UNWINDER_GUESS=y requested, ends up n: "),
            "{err}"
        );
        assert!(err.contains("EXPERT"), "{err}");
        assert_eq!(read(), before);

        // A choice member: the choice follows.
        let s = set_config_value(&layout, &settings, "HZ_250", "y").unwrap();
        assert_eq!(s, "CONFIG_HZ_250: n -> y");
        assert!(read().contains("\nCONFIG_HZ_250=y\n# CONFIG_HZ_1000 is not set\n"));

        let err = set_config_value(&layout, &settings, "NR_CPUS", "many").unwrap_err();
        assert!(err.contains("not a valid integer value"), "{err}");
        let err = set_config_value(&layout, &settings, "NO_SUCH_THING", "y").unwrap_err();
        assert!(err.contains("no such symbol"), "{err}");
        let s = set_config_value(&layout, &settings, "NR_CPUS", "8").unwrap();
        assert_eq!(s, "CONFIG_NR_CPUS: 16 -> 8");
        assert!(read().contains("\nCONFIG_NR_CPUS=8\n"));
    }

    #[test]
    fn compile_commands_match_effective_commands() {
        let dir = test_tree::kbuild_tree();
        let (layout, settings) = test_tree::configured(dir.path());
        let cache = EffectiveCache::default();
        let path = generate_compile_commands_with(&cache, &layout, &settings, false).unwrap();
        let entries = compdb::load(&path).unwrap();
        assert!(entries.len() > 5, "{entries:?}");
        let main = layout.srctree.join("init/main.c");
        let e = entries
            .iter()
            .find(|e| e.file == main)
            .expect("init/main.c");
        match cache.effective_command(&layout, &settings, &main).unwrap() {
            EffectiveCommand::Built {
                directory,
                arguments,
                command,
                object,
            } => {
                assert_eq!(directory, e.directory);
                assert_eq!(command, e.command);
                assert_eq!(arguments, kmake::kbuild::shellwords::split(&e.command));
                assert_eq!(object, "init/main.o");
            }
            other => panic!("{other:?}"),
        }
        match cache
            .effective_command(&layout, &settings, std::path::Path::new("lib/test_lib.c"))
            .unwrap()
        {
            EffectiveCommand::NotBuilt { reason, at } => {
                assert_eq!(
                    reason,
                    "not built under this configuration: `obj-$(CONFIG_SAMPLE_SELFTEST) += test_lib.o`: \
                     CONFIG_SAMPLE_SELFTEST is not set (lib/Makefile:8)"
                );
                assert_eq!(at, Some((layout.srctree.join("lib/Makefile"), 8)));
            }
            other => panic!("{other:?}"),
        }
        // Untrusted workspaces evaluate nothing.
        let untrusted = Settings {
            trusted: false,
            ..settings.clone()
        };
        assert!(cache.effective_command(&layout, &untrusted, &main).is_err());
    }
}
