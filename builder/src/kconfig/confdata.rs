//! Reading config files: `.config`, defconfigs, fragments and `auto.conf`, with
//! the C tool's warnings (unexpected data, invalid values, reassignment, unknown
//! symbols) — C `conf_read_simple` and `conf_read`.

use std::sync::Arc;

use super::host::Host;
use super::source::{FileId, FileKind, Loc, Severity, SourceFile, Stream};
use super::symbol::{flags, DefSlot, SymbolId, SymbolType, Tristate};
use super::Kconfig;

/// What reading a config file found beyond symbol values.
#[derive(Default, Debug)]
pub struct ReadResult {
    /// `CONFIG_` names in the file that no Kconfig defines (only collected
    /// when reading `auto.conf`: their stamps must be touched).
    pub unknown_auto: Vec<String>,
}

impl Kconfig {
    fn config_prefix(&self) -> &str {
        &self.config_prefix
    }

    /// Registers a config file for messages.
    fn config_file_id(&mut self, name: &str, path: std::path::PathBuf) -> FileId {
        if let Some(i) = self
            .files
            .iter()
            .position(|f| f.kind == FileKind::Config && &*f.name == name)
        {
            return FileId(i as u32);
        }
        self.files.push(SourceFile {
            name: Arc::from(name),
            path,
            kind: FileKind::Config,
        });
        FileId(self.files.len() as u32 - 1)
    }

    /// `file:line:warning: msg` for config files (C `conf_warning`).
    fn conf_warning(&mut self, file: FileId, line: u32, message: String) {
        self.conf_warnings += 1;
        self.warn_at(
            Loc {
                file: Some(file),
                line,
            },
            message,
        );
    }

    /// `#\n# text\n#` on stdout, unless messages are off (C `conf_message`).
    pub(crate) fn conf_message(&mut self, text: String) {
        if self.conf_messages {
            self.push_message(
                Stream::Stdout,
                Severity::Info,
                Loc::default(),
                text.clone(),
                format!("#\n# {text}\n#"),
            );
        }
    }

    /// Reads values into `slot`. `name == None` reads `KCONFIG_CONFIG` (or
    /// `.config`), falling back to `KCONFIG_DEFCONFIG_LIST`. Returns `None` when
    /// no file could be read (the C function's failure).
    pub fn conf_read_simple(
        &mut self,
        host: &dyn Host,
        name: Option<&str>,
        slot: DefSlot,
    ) -> Option<ReadResult> {
        let warn_unknown = host.getenv("KCONFIG_WARN_UNKNOWN_SYMBOLS").is_some();
        let (name, path, bytes) = match name {
            Some(n) => {
                let (p, b) = host.open(n)?;
                (n.to_string(), p, b)
            }
            None => {
                let n = conf_get_configname(host);
                match host.open(&n) {
                    Some((p, b)) => (n, p, b),
                    None => {
                        self.conf_changed = true;
                        let list = host.getenv("KCONFIG_DEFCONFIG_LIST")?;
                        let mut found = None;
                        for cand in list
                            .split(|c: char| super::menu::is_c_space(c))
                            .filter(|s| !s.is_empty())
                        {
                            if let Some((p, b)) = host.open(cand) {
                                self.conf_message(format!("using defaults found in {cand}"));
                                found = Some((cand.to_string(), p, b));
                                break;
                            }
                        }
                        found?
                    }
                }
            }
        };
        let fid = self.config_file_id(&name, path);
        self.conf_warnings = 0;
        let def_flag = slot.flag();
        let si = slot as usize;
        for sym in self.syms.iter_mut().skip(3) {
            sym.flags &= !def_flag;
            sym.def[si].val = None;
            sym.def[si].tri = Tristate::No;
        }
        if slot == DefSlot::User {
            self.user_locs.clear();
            for sym in self.syms.iter_mut().skip(3) {
                sym.flags &= !flags::VALID;
            }
            self.exprs.invalidate_all();
        }
        let text = super::source::decode_bytes(&bytes);
        let prefix = self.config_prefix().to_string();
        let mut res = ReadResult::default();
        let mut lineno = 0u32;
        // getline(): lines end at '\n'; a final line without one still counts.
        let mut lines: Vec<&str> = text.split('\n').collect();
        if text.ends_with('\n') || text.is_empty() {
            lines.pop();
        }
        for raw in lines {
            lineno += 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.is_empty() {
                continue;
            }
            let (sym_name, val): (&str, &str) = if let Some(rest) = line.strip_prefix('#') {
                let Some(p) = rest.strip_prefix(' ') else {
                    continue;
                };
                let Some(p) = p.strip_prefix(prefix.as_str()) else {
                    continue;
                };
                let Some(sp) = p.find(' ') else { continue };
                if &p[sp + 1..] != "is not set" {
                    continue;
                }
                (&p[..sp], "n")
            } else {
                let Some(p) = line.strip_prefix(prefix.as_str()) else {
                    self.conf_warning(fid, lineno, format!("unexpected data: {line}"));
                    continue;
                };
                let Some(eq) = p.find('=') else {
                    self.conf_warning(fid, lineno, format!("unexpected data: {line}"));
                    continue;
                };
                (&p[..eq], &p[eq + 1..])
            };
            let Some(sym) = self.sym_find(sym_name) else {
                if slot == DefSlot::Auto {
                    res.unknown_auto.push(sym_name.to_string());
                } else {
                    if warn_unknown {
                        self.conf_warning(fid, lineno, format!("unknown symbol: {sym_name}"));
                    }
                    self.conf_changed = true;
                }
                continue;
            };
            if self.sym(sym).flags & def_flag != 0 {
                let n = self.sym(sym).name_or_choice().to_string();
                self.conf_warning(fid, lineno, format!("override: reassigning to symbol {n}"));
            }
            if !self.conf_set_sym_val(sym, slot, val, fid, lineno) {
                continue;
            }
            if slot != DefSlot::User {
                continue;
            }
            self.note_user_assignment(
                sym,
                Loc {
                    file: Some(fid),
                    line: lineno,
                },
            );
            if let Some(choice) = self.sym_get_choice_menu(sym) {
                self.move_choice_member(choice, sym, true);
            }
        }
        Some(res)
    }

    /// Stores one value; false when the C tool rejects it (C `conf_set_sym_val`).
    fn conf_set_sym_val(
        &mut self,
        sym: SymbolId,
        slot: DefSlot,
        p: &str,
        fid: FileId,
        lineno: u32,
    ) -> bool {
        let si = slot as usize;
        let name = self.sym(sym).name_or_choice().to_string();
        let ty = self.sym(sym).ty;
        let set_tri = |k: &mut Kconfig, t: Tristate| {
            let s = k.sym_mut(sym);
            s.def[si].tri = t;
            s.flags |= slot.flag();
        };
        match ty {
            SymbolType::Tristate | SymbolType::Bool => {
                match p.as_bytes().first() {
                    Some(b'm') if ty == SymbolType::Tristate => set_tri(self, Tristate::Mod),
                    Some(b'y') => set_tri(self, Tristate::Yes),
                    Some(b'n') => set_tri(self, Tristate::No),
                    _ => {
                        if slot != DefSlot::Auto {
                            self.conf_warning(
                                fid,
                                lineno,
                                format!("symbol value '{p}' invalid for {name}"),
                            );
                        }
                        return false;
                    }
                }
                true
            }
            SymbolType::String | SymbolType::Int | SymbolType::Hex => {
                let mut value = p.to_string();
                if ty == SymbolType::String && slot != DefSlot::Auto {
                    let Some(body) = p.strip_prefix('"') else {
                        return true;
                    };
                    let mut out = String::new();
                    let mut chars = body.chars();
                    let mut closed = false;
                    while let Some(c) = chars.next() {
                        match c {
                            '"' => {
                                closed = true;
                                break;
                            }
                            '\\' => {
                                if let Some(n) = chars.next() {
                                    out.push(n);
                                } else {
                                    break;
                                }
                            }
                            c => out.push(c),
                        }
                    }
                    if !closed {
                        self.conf_warning(fid, lineno, "invalid string found".to_string());
                        return false;
                    }
                    value = out;
                }
                if self.sym_string_valid(sym, &value) {
                    let s = self.sym_mut(sym);
                    s.def[si].val = Some(Arc::from(value.as_str()));
                    s.flags |= slot.flag();
                    true
                } else {
                    if slot != DefSlot::Auto {
                        self.conf_warning(
                            fid,
                            lineno,
                            format!("symbol value '{value}' invalid for {name}"),
                        );
                    }
                    false
                }
            }
            SymbolType::Unknown => true,
        }
    }

    /// Reads the user configuration and notes whether it needs rewriting
    /// (C `conf_read`). Returns false when no file could be read.
    pub fn conf_read(&mut self, host: &dyn Host, name: Option<&str>) -> bool {
        self.conf_changed = false;
        let ok = self.conf_read_simple(host, name, DefSlot::User).is_some();
        let m = self.modules_sym;
        self.calc_value(m);
        if !ok {
            return false;
        }
        for s in self.all_symbols().iter().copied() {
            self.calc_value(s);
            let sym = self.sym(s);
            if sym.is_choice() {
                continue;
            }
            let write = sym.flags & flags::WRITE != 0;
            if sym.has_value() && write {
                let same = match sym.ty {
                    SymbolType::Bool | SymbolType::Tristate => sym.user_tri() == sym.curr.tri,
                    _ => sym.curr.val == sym.def[DefSlot::User as usize].val,
                };
                if same {
                    continue;
                }
            } else if !sym.has_value() && !write {
                continue;
            }
            self.conf_changed = true;
        }
        if self.conf_warnings > 0 {
            self.conf_changed = true;
        }
        true
    }

    /// Whether the configuration differs from what was read.
    pub fn conf_changed(&self) -> bool {
        self.conf_changed
    }

    /// Warnings from the last config file read.
    pub fn conf_warning_count(&self) -> u32 {
        self.conf_warnings
    }
}

/// `KCONFIG_CONFIG`, or `.config`.
pub fn conf_get_configname(host: &dyn Host) -> String {
    host.getenv("KCONFIG_CONFIG")
        .unwrap_or_else(|| ".config".to_string())
}
