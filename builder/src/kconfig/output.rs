//! Writing configuration outputs byte-identical to the C tool: `.config`,
//! minimal `defconfig`, `include/config/auto.conf` (+ `.cmd`),
//! `include/generated/autoconf.h`, `include/generated/rustc_cfg`, and the
//! `include/config/<SYMBOL>` stamps of symbols whose value changed.
//!
//! Every file is written to a temporary name and renamed into place, so an
//! interrupted run never leaves a half-written file that looks complete.

use std::path::{Path, PathBuf};

use super::host::Host;
use super::menu::{MenuId, PropKind};
use super::source::{encode_text, FileKind};
use super::symbol::{flags, DefSlot, SymbolId, SymbolType, Tristate};
use super::Kconfig;

/// `"` and `\` escaped, wrapped in double quotes.
pub fn escape_string_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn has_hex_prefix(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X')
}

/// An output path relative to the object tree (absolute names stay as they are).
fn resolve(base: &Path, name: &str) -> PathBuf {
    base.join(name)
}

/// Creates the parent directories of `path` (C `make_parent_dir`).
fn make_parent_dir(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => std::fs::create_dir_all(p),
        _ => Ok(()),
    }
}

/// Writes `data` to `path` through `path.tmp` and a rename.
fn write_via_tmp(path: &Path, tmp: &Path, data: &[u8]) -> std::io::Result<()> {
    make_parent_dir(path)?;
    std::fs::write(tmp, data)?;
    std::fs::rename(tmp, path)
}

fn tmp_name(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Kconfig {
    fn heading(&self, decoration: &str, prefix: &str, postfix: &str) -> String {
        let title = self
            .menu(MenuId::ROOT)
            .prompt
            .and_then(|p| self.prop(p).text.clone())
            .unwrap_or_default();
        format!("{prefix}\n{decoration} Automatically generated file; DO NOT EDIT.\n{decoration} {title}\n{postfix}\n")
    }

    /// One `.config` line (C `print_symbol_for_dotconfig`); `None` for untyped.
    pub fn dotconfig_line(&self, s: SymbolId) -> Option<String> {
        let sym = self.sym(s);
        if sym.ty == SymbolType::Unknown {
            return None;
        }
        let name = sym.name.as_deref().unwrap_or("");
        let val = self.string_value(s);
        if sym.ty.is_logic() && val.starts_with('n') {
            return Some(format!("# {}{} is not set\n", self.config_prefix, name));
        }
        let v = if sym.ty == SymbolType::String {
            escape_string_value(&val)
        } else {
            val.to_string()
        };
        Some(format!("{}{}={}\n", self.config_prefix, name, v))
    }

    /// The text of `.config` (C `conf_write`, without the file handling).
    pub fn render_config(&mut self) -> String {
        let mut out = self.heading("#", "#", "#");
        if !self.conf_changed {
            self.clear_all_valid();
        }
        let mut need_newline = false;
        let mut menu = self.menu(MenuId::ROOT).list;
        while let Some(m) = menu {
            match self.menu(m).sym {
                None => {
                    if self.menu_is_visible(m) {
                        let p = self.menu_get_prompt(m).unwrap_or("").to_string();
                        out.push_str(&format!("\n#\n# {p}\n#\n"));
                        need_newline = false;
                    }
                }
                Some(s) if !self.sym(s).is_choice() && self.sym(s).flags & flags::WRITTEN == 0 => {
                    self.calc_value(s);
                    if self.sym(s).flags & flags::WRITE != 0 {
                        if need_newline {
                            out.push('\n');
                            need_newline = false;
                        }
                        self.sym_mut(s).flags |= flags::WRITTEN;
                        if let Some(l) = self.dotconfig_line(s) {
                            out.push_str(&l);
                        }
                    }
                }
                Some(_) => {}
            }
            if let Some(l) = self.menu(m).list {
                menu = Some(l);
                continue;
            }
            let mut cur = m;
            loop {
                let is_menu = self.menu(cur).sym.is_none()
                    && cur != MenuId::ROOT
                    && self
                        .menu(cur)
                        .prompt
                        .is_some_and(|p| self.prop(p).kind == PropKind::Menu);
                if is_menu && self.menu_is_visible(cur) {
                    let p = self.menu_get_prompt(cur).unwrap_or("").to_string();
                    out.push_str(&format!("# end of {p}\n"));
                    need_newline = true;
                }
                if let Some(n) = self.menu(cur).next {
                    menu = Some(n);
                    break;
                }
                match self.menu(cur).parent {
                    Some(p) => cur = p,
                    None => {
                        menu = None;
                        break;
                    }
                }
            }
        }
        for sym in self.syms.iter_mut() {
            sym.flags &= !flags::WRITTEN;
        }
        out
    }

    /// Writes `.config` (or `name`) like C `conf_write`: unchanged files are
    /// left alone, the previous one is kept as `.old`.
    pub fn write_config(
        &mut self,
        base: &Path,
        host: &dyn Host,
        name: Option<&str>,
    ) -> Result<(), String> {
        let name = name
            .map(str::to_string)
            .unwrap_or_else(|| super::confdata::conf_get_configname(host));
        if name.is_empty() {
            return Err("config name is empty".to_string());
        }
        let path = resolve(base, &name);
        if path.is_dir() {
            return Err(format!("{name}: Is a directory"));
        }
        make_parent_dir(&path).map_err(|e| format!("{name}: {e}"))?;
        let data = self.render_config();
        let overwrite = host
            .getenv("KCONFIG_OVERWRITECONFIG")
            .is_some_and(|v| !v.is_empty());
        if overwrite {
            std::fs::write(&path, encode_text(&data)).map_err(|e| format!("{name}: {e}"))?;
        } else {
            if std::fs::read(&path).is_ok_and(|old| old == encode_text(&data)) {
                self.conf_message(format!("No change to {name}"));
                self.conf_changed = false;
                return Ok(());
            }
            let tmp = tmp_name(&path, &format!(".{}.tmp", std::process::id()));
            std::fs::write(&tmp, encode_text(&data)).map_err(|e| format!("{name}: {e}"))?;
            let _ = std::fs::rename(&path, tmp_name(&path, ".old"));
            std::fs::rename(&tmp, &path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                format!("{name}: {e}")
            })?;
        }
        self.conf_message(format!("configuration written to {name}"));
        self.conf_changed = false;
        Ok(())
    }

    /// The minimal configuration (C `conf_write_defconfig`).
    pub fn render_defconfig(&mut self) -> String {
        self.clear_all_valid();
        let mut out = String::new();
        for m in self.menu_descendants(MenuId::ROOT) {
            let Some(s) = self.menu(m).sym else { continue };
            if self.sym(s).is_choice() {
                continue;
            }
            self.calc_value(s);
            if self.sym(s).flags & flags::WRITE == 0 {
                continue;
            }
            self.sym_mut(s).flags &= !flags::WRITE;
            if !self.is_changeable(s) {
                continue;
            }
            let def = self.string_default(s);
            if self.string_value(s) == def {
                continue;
            }
            if let Some(choice) = self.sym_get_choice_menu(s) {
                let ds = self.choice_default(choice);
                if ds == Some(s) && self.sym(s).curr.tri == Tristate::Yes {
                    continue;
                }
            }
            if let Some(l) = self.dotconfig_line(s) {
                out.push_str(&l);
            }
        }
        out
    }

    /// `include/config/auto.conf.cmd`: the Kconfig files and environment values
    /// the configuration depends on.
    pub fn render_autoconf_cmd(&self, autoconf_name: &str) -> String {
        let mut s = format!("autoconfig := {autoconf_name}\n\ndeps_config := \\\n");
        for f in self.files.iter().filter(|f| f.kind == FileKind::Kconfig) {
            s.push_str(&format!("\t{} \\\n", f.name));
        }
        s.push_str("\n$(autoconfig): $(deps_config)\n$(deps_config): ;\n");
        for (n, v) in &self.pp_env {
            s.push_str(&format!(
                "\nifneq \"$({n})\" \"{v}\"\n$(autoconfig): FORCE\nendif\n"
            ));
        }
        s
    }

    fn c_define(&self, s: SymbolId) -> Option<String> {
        let sym = self.sym(s);
        let name = sym.name.as_deref()?;
        let val = self.string_value(s);
        let (suffix, prefix, v) = match sym.ty {
            SymbolType::Unknown => return None,
            SymbolType::Bool | SymbolType::Tristate => match &*val {
                v if v.starts_with('n') => return None,
                v if v.starts_with('m') => ("_MODULE", "", "1".to_string()),
                _ => ("", "", "1".to_string()),
            },
            SymbolType::Hex => (
                "",
                if has_hex_prefix(&val) { "" } else { "0x" },
                val.to_string(),
            ),
            SymbolType::String => ("", "", escape_string_value(&val)),
            SymbolType::Int => ("", "", val.to_string()),
        };
        Some(format!(
            "#define {}{}{} {}{}\n",
            self.config_prefix, name, suffix, prefix, v
        ))
    }

    fn rustc_cfg_lines(&self, s: SymbolId) -> Option<String> {
        let sym = self.sym(s);
        let name = sym.name.as_deref()?;
        let val = self.string_value(s);
        let mut out = String::new();
        let mut v = val.to_string();
        match sym.ty {
            SymbolType::Unknown => return None,
            SymbolType::Bool | SymbolType::Tristate => {
                if val.starts_with('n') {
                    return None;
                }
                out.push_str(&format!("--cfg={}{}\n", self.config_prefix, name));
            }
            SymbolType::Hex if !has_hex_prefix(&val) => v = format!("0x{val}"),
            _ => {}
        }
        out.push_str(&format!(
            "--cfg={}{}={}\n",
            self.config_prefix,
            name,
            escape_string_value(&v)
        ));
        Some(out)
    }

    fn autoconf_line(&self, s: SymbolId) -> Option<String> {
        let sym = self.sym(s);
        if sym.ty == SymbolType::Unknown {
            return None;
        }
        let name = sym.name.as_deref()?;
        let val = self.string_value(s);
        if sym.ty.is_logic() && val.starts_with('n') {
            return None;
        }
        Some(format!("{}{}={}\n", self.config_prefix, name, val))
    }

    /// The three generated files' contents, in the C tool's symbol order:
    /// (`auto.conf`, `autoconf.h`, `rustc_cfg`).
    pub fn render_autoconf(&mut self) -> (String, String, String) {
        let order = self.all_symbols();
        let mut conf = self.heading("#", "#", "#");
        let mut header = self.heading(" *", "/*", " */");
        let mut rust = String::new();
        for &s in order.iter() {
            let sym = self.sym(s);
            if sym.flags & flags::WRITE == 0 || sym.name.is_none() {
                continue;
            }
            if let Some(l) = self.c_define(s) {
                header.push_str(&l);
            }
            if let Some(l) = self.rustc_cfg_lines(s) {
                rust.push_str(&l);
            }
            if let Some(l) = self.autoconf_line(s) {
                conf.push_str(&l);
            }
        }
        (conf, header, rust)
    }

    /// Symbols whose stamp (`include/config/NAME`) must be touched: the value
    /// differs from the one in the old `auto.conf`. Reads the old `auto.conf`.
    pub fn changed_symbols(&mut self, host: &dyn Host, autoconf_name: &str) -> Vec<String> {
        let mut names = match self.conf_read_simple(host, Some(autoconf_name), DefSlot::Auto) {
            Some(r) => r.unknown_auto,
            None => Vec::new(),
        };
        let auto = DefSlot::Auto as usize;
        for s in self.all_symbols().iter().copied() {
            let sym = self.sym(s);
            if sym.is_choice() {
                continue;
            }
            let has_auto = sym.flags & flags::DEF_AUTO != 0;
            if sym.flags & flags::WRITE != 0 {
                if has_auto {
                    let same = match sym.ty {
                        SymbolType::Bool | SymbolType::Tristate => {
                            sym.curr.tri == sym.def[auto].tri
                        }
                        SymbolType::String | SymbolType::Hex | SymbolType::Int => {
                            Some(self.string_value(s)) == sym.def[auto].val
                        }
                        SymbolType::Unknown => false,
                    };
                    if same {
                        continue;
                    }
                } else if sym.ty.is_logic() && sym.curr.tri == Tristate::No {
                    continue;
                }
            } else if !has_auto {
                continue;
            }
            if let Some(n) = &sym.name {
                names.push(n.to_string());
            }
        }
        names
    }

    /// Writes `auto.conf` and friends (C `conf_write_autoconf`). Without
    /// `overwrite`, nothing happens when `auto.conf` exists.
    pub fn write_autoconf(
        &mut self,
        base: &Path,
        host: &dyn Host,
        overwrite: bool,
    ) -> Result<(), String> {
        let autoconf_name = host
            .getenv("KCONFIG_AUTOCONFIG")
            .unwrap_or_else(|| "include/config/auto.conf".into());
        let header_name = host
            .getenv("KCONFIG_AUTOHEADER")
            .unwrap_or_else(|| "include/generated/autoconf.h".into());
        let rust_name = host
            .getenv("KCONFIG_RUSTCCFG")
            .unwrap_or_else(|| "include/generated/rustc_cfg".into());
        let autoconf = resolve(base, &autoconf_name);
        if !overwrite && autoconf.exists() {
            return Ok(());
        }
        let io = |what: &str, e: std::io::Error| format!("{what}: {e}");
        let cmd_path = tmp_name(&autoconf, ".cmd");
        let cmd = self.render_autoconf_cmd(&autoconf_name);
        write_via_tmp(
            &cmd_path,
            &tmp_name(&autoconf, ".cmd.tmp"),
            &encode_text(&cmd),
        )
        .map_err(|e| io("auto.conf.cmd", e))?;
        for s in self.all_symbols().iter().copied() {
            self.calc_value(s);
        }
        let dep_dir = match autoconf_name.rfind('/') {
            Some(i) => &autoconf_name[..=i],
            None => "",
        };
        for n in self.changed_symbols(host, &autoconf_name) {
            let p = resolve(base, &format!("{dep_dir}{n}"));
            std::fs::File::create(&p).map_err(|e| io(&p.display().to_string(), e))?;
        }
        let (conf, header, rust) = self.render_autoconf();
        let header_path = resolve(base, &header_name);
        write_via_tmp(
            &header_path,
            &tmp_name(&header_path, ".tmp"),
            &encode_text(&header),
        )
        .map_err(|e| io(&header_name, e))?;
        let rust_path = resolve(base, &rust_name);
        write_via_tmp(
            &rust_path,
            &tmp_name(&rust_path, ".tmp"),
            &encode_text(&rust),
        )
        .map_err(|e| io(&rust_name, e))?;
        // Last: kbuild treats auto.conf as the mark of a complete sync.
        write_via_tmp(&autoconf, &tmp_name(&autoconf, ".tmp"), &encode_text(&conf))
            .map_err(|e| io(&autoconf_name, e))?;
        Ok(())
    }
}
