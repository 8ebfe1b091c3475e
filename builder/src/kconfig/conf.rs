//! The `conf` front end: what `scripts/kconfig/conf --<mode>` does after
//! parsing — read the input config, apply the mode (all*config, randconfig,
//! interactive oldconfig, ...), then write `.config` and `auto.conf`.
//!
//! Output goes through `ConfIo` as it happens, so interactive prompts and
//! warnings interleave exactly like the C tool's.

use std::path::Path;

use super::host::Host;
use super::menu::{MenuId, PropKind};
use super::source::Stream;
use super::symbol::{flags, DefSlot, SymbolType, Tristate};
use super::Kconfig;

/// The mode options of C `conf`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    OldAskConfig,
    SyncConfig,
    OldConfig,
    AllNoConfig,
    AllYesConfig,
    AllModConfig,
    AllDefConfig,
    RandConfig,
    /// `--defconfig=<file>`
    DefConfig(String),
    /// `--savedefconfig=<file>`
    SaveDefConfig(String),
    ListNewConfig,
    HelpNewConfig,
    OldDefConfig,
    Yes2ModConfig,
    Mod2YesConfig,
    Mod2NoConfig,
}

impl Mode {
    /// The mode for a plain target name (`olddefconfig` ...), if it is one.
    pub fn from_target(t: &str) -> Option<Mode> {
        Some(match t {
            "config" => Mode::OldAskConfig,
            "syncconfig" => Mode::SyncConfig,
            "oldconfig" => Mode::OldConfig,
            "allnoconfig" => Mode::AllNoConfig,
            "allyesconfig" => Mode::AllYesConfig,
            "allmodconfig" => Mode::AllModConfig,
            "alldefconfig" => Mode::AllDefConfig,
            "randconfig" => Mode::RandConfig,
            "listnewconfig" => Mode::ListNewConfig,
            "helpnewconfig" => Mode::HelpNewConfig,
            "olddefconfig" => Mode::OldDefConfig,
            "yes2modconfig" => Mode::Yes2ModConfig,
            "mod2yesconfig" => Mode::Mod2YesConfig,
            "mod2noconfig" => Mode::Mod2NoConfig,
            _ => return None,
        })
    }
}

/// Terminal I/O of the front end.
pub trait ConfIo {
    fn print(&mut self, stream: Stream, text: &str);
    /// One line from standard input including its newline; `None` at end of input.
    fn read_line(&mut self) -> Option<String>;
    /// Whether stdin and stdout are terminals (answers are echoed otherwise).
    fn is_tty(&self) -> bool;
}

/// A front-end failure: what to print and the exit status.
#[derive(Debug, Clone)]
pub struct ConfError {
    pub message: String,
    pub status: i32,
}

/// glibc's `rand()` (the TYPE_3 additive feedback generator), so a given
/// `KCONFIG_SEED` gives the same random configuration as the C tool.
pub struct GlibcRand {
    r: Vec<u32>,
}

impl GlibcRand {
    pub fn new(seed: u32) -> Self {
        let mut r = vec![0u32; 34];
        let mut word: i32 = if seed == 0 { 1 } else { seed as i32 };
        r[0] = word as u32;
        for slot in r.iter_mut().take(31).skip(1) {
            let hi = word / 127773;
            let lo = word % 127773;
            word = 16807i32
                .wrapping_mul(lo)
                .wrapping_sub(2836i32.wrapping_mul(hi));
            if word < 0 {
                word = word.wrapping_add(2147483647);
            }
            *slot = word as u32;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        let mut g = GlibcRand { r };
        for _ in 34..344 {
            g.step();
        }
        g
    }

    fn step(&mut self) -> u32 {
        let n = self.r.len();
        let v = self.r[n - 31].wrapping_add(self.r[n - 3]);
        self.r.push(v);
        if self.r.len() > 64 {
            self.r.drain(..self.r.len() - 34);
        }
        v
    }

    /// The next value of glibc's `rand()`.
    pub fn rand(&mut self) -> i32 {
        (self.step() >> 1) as i32
    }
}

/// Front-end state (C `conf.c` statics).
struct Front<'a> {
    k: &'a mut Kconfig,
    io: &'a mut dyn ConfIo,
    mode: Mode,
    indent: i32,
    conf_cnt: u32,
    root_entry: MenuId,
    line: String,
    io_at_eof: bool,
}

impl Kconfig {
    /// Prints queued messages in order.
    pub fn flush_messages(&mut self, io: &mut dyn ConfIo) {
        for m in std::mem::take(&mut self.messages) {
            io.print(m.stream, &m.printed());
        }
    }
}

impl Front<'_> {
    fn out(&mut self, s: &str) {
        self.k.flush_messages(self.io);
        self.io.print(Stream::Stdout, s);
    }

    fn err(&mut self, s: &str) {
        self.k.flush_messages(self.io);
        self.io.print(Stream::Stderr, s);
    }

    /// C `xfgets`: reads a line into `self.line`, echoing it when not a tty.
    fn xfgets(&mut self) {
        match self.io.read_line() {
            Some(l) => self.line = l,
            None => {
                self.io_at_eof = true;
                self.err("\nError in reading or end of file.\n");
            }
        }
        if !self.io.is_tty() {
            let l = self.line.clone();
            self.out(&l);
        }
    }

    fn strip_line(&mut self) {
        self.line = self
            .line
            .trim_matches(|c: char| super::menu::is_c_space(c))
            .to_string();
    }

    fn print_help(&mut self, m: MenuId) {
        let h = self.k.menu_ext_help(m);
        self.out(&format!("\n{h}\n"));
    }

    fn pad(n: i32) -> String {
        " ".repeat(n.max(0) as usize)
    }

    /// `%*c`: the character right-aligned in `width`.
    fn padc(width: i32, c: char) -> String {
        format!("{}{}", Self::pad(width - 1), c)
    }

    fn askvalue(&mut self, s: super::symbol::SymbolId, def: Option<&str>) -> bool {
        if !self.k.sym(s).has_value() {
            self.out("(NEW) ");
        }
        self.line = "\n".to_string();
        if !self.k.is_changeable(s) {
            self.out(&format!("{}\n", def.unwrap_or("")));
            return false;
        }
        if matches!(self.mode, Mode::OldConfig | Mode::SyncConfig) && self.k.sym(s).has_value() {
            self.out(&format!("{}\n", def.unwrap_or("")));
            return false;
        }
        self.xfgets();
        true
    }

    fn conf_string(&mut self, m: MenuId) -> Result<(), ConfError> {
        let s = self.k.menu(m).sym.expect("symbol");
        loop {
            let prompt = self.k.menu_get_prompt(m).unwrap_or("").to_string();
            let name = self.k.sym(s).name_or_choice().to_string();
            let mut def = Some(self.k.string_value(s).to_string());
            self.out(&format!(
                "{}{} ({}) [{}] ",
                Self::pad(self.indent - 1),
                prompt,
                name,
                def.as_deref().unwrap_or("")
            ));
            if !self.askvalue(s, def.as_deref()) {
                return Ok(());
            }
            match self.line.as_bytes().first() {
                Some(b'\n') => {}
                Some(b'?') if self.line.as_bytes().get(1) == Some(&b'\n') => {
                    self.print_help(m);
                    def = None;
                }
                _ => {
                    let mut l = self.line.clone();
                    l.pop();
                    def = Some(l);
                }
            }
            if let Some(d) = def {
                if self.k.set_string_value(s, &d) {
                    return Ok(());
                }
            }
            if self.io_at_eof {
                self.k.flush_messages(self.io);
                return Err(ConfError {
                    message: format!("\nerror: no value for new symbol '{name}' at end of input\n"),
                    status: 1,
                });
            }
        }
    }

    fn conf_sym(&mut self, m: MenuId) {
        let s = self.k.menu(m).sym.expect("symbol");
        loop {
            let prompt = self.k.menu_get_prompt(m).unwrap_or("").to_string();
            let mut t = format!("{}{} ", Self::pad(self.indent - 1), prompt);
            if let Some(n) = self.k.sym(s).name.clone() {
                t.push_str(&format!("({n}) "));
            }
            t.push('[');
            let old = self.k.sym(s).curr.tri;
            t.push(match old {
                Tristate::No => 'N',
                Tristate::Mod => 'M',
                Tristate::Yes => 'Y',
            });
            if old != Tristate::No && self.k.tristate_within_range(s, Tristate::No) {
                t.push_str("/n");
            }
            if old != Tristate::Mod && self.k.tristate_within_range(s, Tristate::Mod) {
                t.push_str("/m");
            }
            if old != Tristate::Yes && self.k.tristate_within_range(s, Tristate::Yes) {
                t.push_str("/y");
            }
            t.push_str("/?] ");
            self.out(&t);
            let def = self.k.string_value(s).to_string();
            if !self.askvalue(s, Some(&def)) {
                return;
            }
            self.strip_line();
            let l = self.line.clone();
            let rest = l.get(1..).unwrap_or("");
            let newval = match l.as_bytes().first() {
                Some(b'n' | b'N') if rest.is_empty() || rest == "o" => Tristate::No,
                Some(b'm' | b'M') if rest.is_empty() => Tristate::Mod,
                Some(b'y' | b'Y') if rest.is_empty() || rest == "es" => Tristate::Yes,
                None => old,
                Some(b'?') => {
                    self.print_help(m);
                    continue;
                }
                _ => continue,
            };
            if self.k.set_tristate_value(s, newval) {
                return;
            }
            self.print_help(m);
        }
    }

    fn conf_choice(&mut self, m: MenuId) {
        let mut is_new = false;
        loop {
            let prompt = self.k.menu_get_prompt(m).unwrap_or("").to_string();
            self.out(&format!("{}{}\n", Self::pad(self.indent - 1), prompt));
            let def_sym = self.k.calc_choice(m);
            let mut cnt = 0i64;
            let mut def = 0i64;
            self.line.clear();
            let mut child = self.k.menu(m).list;
            while let Some(c) = child {
                child = self.k.menu(c).next;
                if !self.k.menu_is_visible(c) {
                    continue;
                }
                let cp = self.k.menu_get_prompt(c).unwrap_or("").to_string();
                let Some(cs) = self.k.menu(c).sym else {
                    self.out(&format!("{} {}\n", Self::padc(self.indent, '*'), cp));
                    continue;
                };
                cnt += 1;
                let mut t = if Some(cs) == def_sym {
                    def = cnt;
                    Self::padc(self.indent, '>')
                } else {
                    Self::padc(self.indent, ' ')
                };
                t.push_str(&format!(
                    " {}. {} ({})",
                    cnt,
                    cp,
                    self.k.sym(cs).name_or_choice()
                ));
                if !self.k.sym(cs).has_value() {
                    is_new = true;
                    t.push_str(" (NEW)");
                }
                t.push('\n');
                self.out(&t);
            }
            self.out(&format!("{}choice", Self::pad(self.indent - 1)));
            if cnt == 1 {
                self.out("[1]: 1\n");
            } else {
                self.out(&format!("[1-{cnt}?]: "));
                let ask = match self.mode {
                    Mode::OldConfig | Mode::SyncConfig if !is_new => {
                        cnt = def;
                        self.out(&format!("{cnt}\n"));
                        false
                    }
                    Mode::OldConfig | Mode::SyncConfig | Mode::OldAskConfig => true,
                    _ => false,
                };
                if ask {
                    self.xfgets();
                    self.strip_line();
                    if self.line.starts_with('?') {
                        self.print_help(m);
                        continue;
                    }
                    if self.line.is_empty() {
                        cnt = def;
                    } else if self.line.as_bytes()[0].is_ascii_digit() {
                        cnt = atoi(&self.line);
                    } else {
                        continue;
                    }
                }
            }
            let mut child = self.k.menu(m).list;
            let mut chosen = None;
            while let Some(c) = child {
                child = self.k.menu(c).next;
                if self.k.menu(c).sym.is_none() || !self.k.menu_is_visible(c) {
                    continue;
                }
                cnt -= 1;
                if cnt == 0 {
                    chosen = Some(c);
                    break;
                }
            }
            let Some(c) = chosen else { continue };
            if self.line.ends_with('?') {
                self.print_help(c);
                continue;
            }
            let cs = self.k.menu(c).sym.expect("symbol");
            self.k.choice_set_value(m, cs);
            return;
        }
    }

    fn conf(&mut self, m: MenuId) -> Result<(), ConfError> {
        if !self.k.menu_is_visible(m) {
            return Ok(());
        }
        let sym = self.k.menu(m).sym;
        if let Some(p) = self.k.menu(m).prompt {
            let kind = self.k.prop(p).kind;
            if kind == PropKind::Menu && self.mode != Mode::OldAskConfig && self.root_entry != m {
                return self.check_conf(m);
            }
            if kind == PropKind::Menu || kind == PropKind::Comment {
                if let Some(pr) = self.k.menu_get_prompt(m).map(str::to_string) {
                    let star = Self::padc(self.indent, '*');
                    self.out(&format!("{star}\n{star} {pr}\n{star}\n"));
                }
            }
        }
        if let Some(s) = sym {
            if self.k.sym(s).is_choice() {
                self.conf_choice(m);
                return Ok(());
            }
            match self.k.sym(s).ty {
                SymbolType::Int | SymbolType::Hex | SymbolType::String => self.conf_string(m)?,
                _ => self.conf_sym(m),
            }
            self.indent += 2;
        }
        let mut child = self.k.menu(m).list;
        while let Some(c) = child {
            self.conf(c)?;
            child = self.k.menu(c).next;
        }
        if sym.is_some() {
            self.indent -= 2;
        }
        Ok(())
    }

    fn check_conf(&mut self, m: MenuId) -> Result<(), ConfError> {
        if !self.k.menu_is_visible(m) {
            return Ok(());
        }
        if let Some(s) = self.k.menu(m).sym {
            if !self.k.sym(s).has_value() && self.k.is_changeable(s) {
                match self.mode {
                    Mode::ListNewConfig => {
                        if self.k.sym(s).name.is_some() {
                            if let Some(l) = self.k.listconfig_line(s) {
                                self.out(&l);
                            }
                        }
                    }
                    Mode::HelpNewConfig => {
                        self.out("-----\n");
                        self.print_help(m);
                        self.out("-----\n");
                    }
                    _ => {
                        if self.conf_cnt == 0 {
                            self.out("*\n* Restart config...\n*\n");
                        }
                        self.conf_cnt += 1;
                        self.root_entry = self.k.menu_get_parent_menu(m);
                        let r = self.root_entry;
                        self.conf(r)?;
                    }
                }
            }
        }
        let mut child = self.k.menu(m).list;
        while let Some(c) = child {
            self.check_conf(c)?;
            child = self.k.menu(c).next;
        }
        Ok(())
    }
}

fn atoi(s: &str) -> i64 {
    cnum_atoi(s)
}

fn cnum_atoi(s: &str) -> i64 {
    super::cnum::strtoll(s.as_bytes(), 10).0 as i32 as i64
}

/// What the random configuration generator uses (C `conf_set_all_new_symbols`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum DefMode {
    Default,
    Yes,
    Mod,
    No,
    Random,
}

impl Kconfig {
    /// One `listnewconfig` line (`n` values printed as `=n`).
    pub fn listconfig_line(&self, s: super::symbol::SymbolId) -> Option<String> {
        let sym = self.sym(s);
        if sym.ty == SymbolType::Unknown {
            return None;
        }
        let val = self.string_value(s);
        let v = if sym.ty == SymbolType::String {
            super::output::escape_string_value(&val)
        } else {
            val.to_string()
        };
        Some(format!(
            "{}{}={}\n",
            self.config_prefix,
            sym.name.as_deref().unwrap_or(""),
            v
        ))
    }

    fn randomize_choice_values(&mut self, choice: MenuId, rng: &mut GlibcRand) {
        let subs: Vec<_> = self
            .menu_descendants(choice)
            .into_iter()
            .filter_map(|m| self.menu(m).sym)
            .collect();
        let mut cnt = subs.iter().filter(|&&s| !self.sym(s).has_value()).count() as i32;
        while cnt > 0 {
            let mut x = rng.rand() % cnt;
            for &s in &subs {
                if !self.sym(s).has_value() {
                    x -= 1;
                }
                if x < 0 {
                    let sym = self.sym_mut(s);
                    sym.def[DefSlot::User as usize].tri = Tristate::Yes;
                    sym.flags |= flags::DEF_USER;
                    self.move_choice_member(choice, s, false);
                    break;
                }
            }
            cnt -= 1;
        }
    }

    fn set_all_new_symbols(
        &mut self,
        mode: DefMode,
        rng: &mut GlibcRand,
        probability: (i32, i32, i32),
    ) {
        let (pby, pty, ptm) = probability;
        for m in self.menu_descendants(MenuId::ROOT) {
            let Some(s) = self.menu(m).sym else { continue };
            let (has_value, ty, is_choice) = (
                self.sym(s).has_value(),
                self.sym(s).ty,
                self.sym(s).is_choice(),
            );
            if self.menu(m).prompt.is_none()
                || has_value
                || !ty.is_logic()
                || self.is_choice_value(s)
            {
                continue;
            }
            if is_choice {
                if mode == DefMode::Random {
                    self.randomize_choice_values(m, rng);
                }
                continue;
            }
            let val = match mode {
                DefMode::Yes => Tristate::Yes,
                DefMode::Mod => Tristate::Mod,
                DefMode::No => Tristate::No,
                DefMode::Random => {
                    let cnt = rng.rand() % 100;
                    if ty == SymbolType::Tristate {
                        if cnt < pty {
                            Tristate::Yes
                        } else if cnt < pty + ptm {
                            Tristate::Mod
                        } else {
                            Tristate::No
                        }
                    } else if cnt < pby {
                        Tristate::Yes
                    } else {
                        Tristate::No
                    }
                }
                DefMode::Default => continue,
            };
            let sym = self.sym_mut(s);
            sym.def[DefSlot::User as usize].tri = val;
            sym.flags |= flags::DEF_USER;
        }
        self.clear_all_valid();
    }

    fn rewrite_tristates(&mut self, old: Tristate, new: Tristate) {
        for s in self.all_symbols().iter().copied() {
            if self.sym_get_type(s) == SymbolType::Tristate && self.sym(s).user_tri() == old {
                self.sym_mut(s).def[DefSlot::User as usize].tri = new;
            }
        }
        self.clear_all_valid();
    }
}

/// Parses `KCONFIG_PROBABILITY` into (bool y, tristate y, tristate m) percentages.
fn probabilities(env: Option<String>) -> Result<(i32, i32, i32), ConfError> {
    let (mut pby, mut pty, mut ptm) = (50, 33, 33);
    let mut p = Vec::new();
    if let Some(env) = env {
        let mut rest = env.as_str();
        while !rest.is_empty() {
            let (v, used, _) = super::cnum::strtoll(rest.as_bytes(), 10);
            let v = v as i32;
            if !(0..=100).contains(&v) {
                return Err(ConfError {
                    message: "KCONFIG_PROBABILITY: Numerical result out of range\n".into(),
                    status: 1,
                });
            }
            p.push(v);
            rest = &rest[used..];
            rest = rest.strip_prefix(':').unwrap_or(rest);
            if p.len() >= 3 || used == 0 {
                break;
            }
        }
    }
    match p.len() {
        1 => {
            pby = p[0];
            ptm = pby / 2;
            pty = pby - ptm;
        }
        2 => {
            pty = p[0];
            ptm = p[1];
            pby = pty + ptm;
        }
        3 => {
            pby = p[0];
            pty = p[1];
            ptm = p[2];
        }
        _ => {}
    }
    if pty + ptm > 100 {
        return Err(ConfError {
            message: "KCONFIG_PROBABILITY: Numerical result out of range\n".into(),
            status: 1,
        });
    }
    Ok((pby, pty, ptm))
}

/// The randconfig seed: `KCONFIG_SEED` if it parses, else time-based.
pub fn randconfig_seed(env: Option<String>) -> u32 {
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        let (v, used, _) = super::cnum::strtoll(e.as_bytes(), 0);
        if used == e.len() {
            return v as u32;
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    ((now.as_secs() + 1) as u32).wrapping_mul(now.subsec_micros() + 1)
}

/// Runs one `conf` mode on a loaded tree (C `conf.c` `main` after parsing).
/// `base` is the object tree, where relative output names are written.
pub fn run(
    k: &mut Kconfig,
    host: &dyn Host,
    base: &Path,
    mode: Mode,
    silent: bool,
    io: &mut dyn ConfIo,
) -> Result<(), ConfError> {
    let sync = mode == Mode::SyncConfig;
    k.conf_messages = !(silent || sync);
    let mut rng = GlibcRand::new(1);
    if mode == Mode::RandConfig {
        let seed = randconfig_seed(host.getenv("KCONFIG_SEED"));
        io.print(Stream::Stdout, &format!("KCONFIG_SEED=0x{seed:X}\n"));
        rng = GlibcRand::new(seed);
    }
    let fail = |k: &mut Kconfig, io: &mut dyn ConfIo, message: String, status: i32| {
        k.flush_messages(io);
        Err(ConfError { message, status })
    };
    match &mode {
        Mode::DefConfig(file) => {
            if !k.conf_read(host, Some(file)) {
                return fail(
                    k,
                    io,
                    format!("***\n*** Can't find default configuration \"{file}\"!\n***\n"),
                    1,
                );
            }
        }
        Mode::AllNoConfig
        | Mode::AllYesConfig
        | Mode::AllModConfig
        | Mode::AllDefConfig
        | Mode::RandConfig => {
            if let Some(name) = host.getenv("KCONFIG_ALLCONFIG") {
                if !name.is_empty() && name != "1" {
                    if k.conf_read_simple(host, Some(&name), DefSlot::User)
                        .is_none()
                    {
                        return fail(
                            k,
                            io,
                            format!("*** Can't read seed configuration \"{name}\"!\n"),
                            1,
                        );
                    }
                } else {
                    let n = match mode {
                        Mode::AllNoConfig => "allno.config",
                        Mode::AllYesConfig => "allyes.config",
                        Mode::AllModConfig => "allmod.config",
                        Mode::AllDefConfig => "alldef.config",
                        _ => "allrandom.config",
                    };
                    if k.conf_read_simple(host, Some(n), DefSlot::User).is_none()
                        && k.conf_read_simple(host, Some("all.config"), DefSlot::User)
                            .is_none()
                    {
                        return fail(
                            k,
                            io,
                            format!("*** KCONFIG_ALLCONFIG set, but no \"{n}\" or \"all.config\" file found\n"),
                            1,
                        );
                    }
                }
            }
        }
        _ => {
            k.conf_read(host, None);
        }
    }
    k.flush_messages(io);
    if k.conf_warnings > 0 && host.getenv("KCONFIG_WERROR").is_some() {
        return fail(k, io, String::new(), 1);
    }
    let mut no_conf_write = false;
    if sync
        && host
            .getenv("KCONFIG_NOSILENTUPDATE")
            .is_some_and(|v| !v.is_empty())
    {
        if k.conf_changed {
            return fail(
                k,
                io,
                "\n*** The configuration requires explicit update.\n\n".into(),
                1,
            );
        }
        no_conf_write = true;
    }
    let probability = if mode == Mode::RandConfig {
        probabilities(host.getenv("KCONFIG_PROBABILITY"))?
    } else {
        (50, 33, 33)
    };
    let mut interactive = None;
    match &mode {
        Mode::AllNoConfig => k.set_all_new_symbols(DefMode::No, &mut rng, probability),
        Mode::AllYesConfig => k.set_all_new_symbols(DefMode::Yes, &mut rng, probability),
        Mode::AllModConfig => k.set_all_new_symbols(DefMode::Mod, &mut rng, probability),
        Mode::AllDefConfig | Mode::DefConfig(_) => {
            k.set_all_new_symbols(DefMode::Default, &mut rng, probability)
        }
        Mode::RandConfig => k.set_all_new_symbols(DefMode::Random, &mut rng, probability),
        Mode::Yes2ModConfig => k.rewrite_tristates(Tristate::Yes, Tristate::Mod),
        Mode::Mod2YesConfig => k.rewrite_tristates(Tristate::Mod, Tristate::Yes),
        Mode::Mod2NoConfig => k.rewrite_tristates(Tristate::Mod, Tristate::No),
        Mode::OldAskConfig
        | Mode::OldConfig
        | Mode::ListNewConfig
        | Mode::HelpNewConfig
        | Mode::SyncConfig => {
            interactive = Some(mode.clone());
        }
        Mode::SaveDefConfig(_) | Mode::OldDefConfig => {}
    }
    if let Some(m) = interactive {
        let mut f = Front {
            k,
            io,
            mode: m.clone(),
            indent: 1,
            conf_cnt: 0,
            root_entry: MenuId::ROOT,
            line: String::new(),
            io_at_eof: false,
        };
        if m == Mode::OldAskConfig {
            f.root_entry = MenuId::ROOT;
            f.conf(MenuId::ROOT)?;
            f.mode = Mode::OldConfig;
        }
        loop {
            f.conf_cnt = 0;
            f.check_conf(MenuId::ROOT)?;
            if f.conf_cnt == 0 {
                break;
            }
        }
        f.k.flush_messages(f.io);
        return finish(f.k, host, base, &mode, no_conf_write, f.io);
    }
    finish(k, host, base, &mode, no_conf_write, io)
}

fn finish(
    k: &mut Kconfig,
    host: &dyn Host,
    base: &Path,
    mode: &Mode,
    no_conf_write: bool,
    io: &mut dyn ConfIo,
) -> Result<(), ConfError> {
    k.flush_messages(io);
    if k.sym_warnings > 0 && host.getenv("KCONFIG_WERROR").is_some() {
        return Err(ConfError {
            message: String::new(),
            status: 1,
        });
    }
    match mode {
        Mode::SaveDefConfig(file) => {
            let data = k.render_defconfig();
            let path = base.join(file);
            let tmp = base.join(format!("{file}.{}.tmp", std::process::id()));
            let r = std::fs::write(&tmp, super::source::encode_text(&data))
                .and_then(|_| std::fs::rename(&tmp, &path));
            k.flush_messages(io);
            if r.is_err() {
                let _ = std::fs::remove_file(&tmp);
                return Err(ConfError {
                    message: format!("n*** Error while saving defconfig to: {file}\n\n"),
                    status: 1,
                });
            }
        }
        Mode::ListNewConfig | Mode::HelpNewConfig => {}
        _ => {
            if !no_conf_write {
                if let Err(e) = k.write_config(base, host, None) {
                    k.flush_messages(io);
                    io.print(Stream::Stderr, &format!("{e}\n"));
                    return Err(ConfError {
                        message: "\n*** Error during writing of the configuration.\n\n".into(),
                        status: 1,
                    });
                }
            }
            k.flush_messages(io);
            let sync = *mode == Mode::SyncConfig;
            if let Err(e) = k.write_autoconf(base, host, sync) {
                k.flush_messages(io);
                if sync {
                    io.print(Stream::Stderr, &format!("{e}\n"));
                    return Err(ConfError {
                        message: "\n*** Error during sync of the configuration.\n\n".into(),
                        status: 1,
                    });
                }
            }
        }
    }
    k.flush_messages(io);
    Ok(())
}

/// Everything `scripts/kconfig/conf --<mode> <kconfig>` does, from parsing to
/// writing outputs; returns the process exit status the C tool would have.
pub fn main(
    host: &dyn Host,
    base: &Path,
    kconfig: &str,
    mode: Mode,
    silent: bool,
    io: &mut dyn ConfIo,
) -> i32 {
    let mut k = match Kconfig::load(host, kconfig) {
        Ok(k) => k,
        Err(super::LoadError::Fatal { message, before }) => {
            for m in before {
                io.print(m.stream, &m.printed());
            }
            io.print(Stream::Stderr, &format!("{message}\n"));
            return 1;
        }
    };
    k.flush_messages(io);
    if k.parse_errors() > 0 {
        return 1;
    }
    match run(&mut k, host, base, mode, silent, io) {
        Ok(()) => 0,
        Err(e) => {
            io.print(Stream::Stderr, &e.message);
            e.status
        }
    }
}
