//! Mutation tests: broken Kconfig and config files must give messages, never
//! panics, through every entry point the command line and the editor use.

#![cfg(test)]

use std::path::Path;

use super::conf::{self, ConfIo, Mode};
use super::host::MemHost;
use super::menu::MenuId;
use super::source::Stream;
use super::Kconfig;

const SEEDS: &[&str] = &[
    r#"mainmenu "Seed $(ARCH)"
cc-name = $(shell,echo gcc)
greet = hello-$(1)-$(2)
X := $(greet,a,b)
Y += more
config MODULES
	bool "Enable modules"
	modules
	default y
menu "Drivers"
	visible if !EXPERT
config EXPERT
	bool "expert"
menuconfig NET
	tristate "Networking"
	depends on MODULES || EXPERT
	select CRC if NET = y
	imply PHY
	help
	  Network support.

	  Second paragraph.
if NET
config PHY
	tristate "phy"
	default m if NET
config COUNT
	int "count"
	range 1 10 if NET
	default 20
config ADDR
	hex "address"
	default 0x100
	range 0x10 0xfff
config NAME
	string "name"
	default "a \"quoted\" \\ name"
endif
choice
	prompt "Mode"
	default FAST
config FAST
	bool "fast"
config SLOW
	bool "slow"
	depends on EXPERT
endchoice
comment "done"
	depends on NET >= m && COUNT < 30
endmenu
config CRC
	tristate
config T
	def_tristate m
	depends on !(PHY = n) || NAME != "x"
"#,
    "config A\n\tbool \"a\"\n\tdepends on B\nconfig B\n\tbool \"b\"\n\tselect A\n",
];

const CONFIGS: &[&str] = &[
    "CONFIG_NET=m\nCONFIG_COUNT=5\nCONFIG_ADDR=fff\nCONFIG_NAME=\"x\"\n# CONFIG_EXPERT is not set\nCONFIG_SLOW=y\n",
    "CONFIG_NET=q\nCONFIG_COUNT=abc\nCONFIG_NAME=\"unterminated\nCONFIG_\nCONFIG_A=y\nCONFIG_A=n\ngarbage\n",
];

const INSERTS: &[&str] = &[
    "config ",
    "menu \"m\"\n",
    "endmenu\n",
    "if X\n",
    "endif\n",
    "choice\n",
    "endchoice\n",
    "(",
    ")",
    "$(",
    ")",
    "\"",
    "'",
    "\\\n",
    "\t",
    "help\n",
    "\thelp\n",
    "depends on ",
    "select ",
    "&&",
    "||",
    "!",
    "=",
    "!=",
    "<=",
    ">",
    "\n",
    " X",
    "source \"Kconfig\"\n",
    "source \"missing\"\n",
    "$(error-if,y,boom)",
    "$(warning-if,y,w)",
    "$(info,i)",
    "$(lineno)",
    "$(filename)",
    "$(1)",
    "$(R)",
    "R = $(R)\n",
    "range ",
    "default ",
    "imply ",
    "visible if ",
    "modules\n",
    "transitional\n",
    "menuconfig ",
    "comment \"c\"\n",
    "mainmenu \"x\"\n",
    "\u{e9}",
    "\r",
    "#",
    "prompt \"p\" if ",
    "def_bool ",
    "int",
    "hex",
    "string",
    "tristate",
    "bool",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut s = s.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = char_boundary(&s, rng.below(s.len() + 1));
        match rng.below(4) {
            0 => {
                let end = char_boundary(&s, at + rng.below(12));
                s.replace_range(at..end, "");
            }
            1 | 2 => s.insert_str(at, INSERTS[rng.below(INSERTS.len())]),
            _ => {
                let lines: Vec<&str> = s.lines().collect();
                if !lines.is_empty() {
                    let l = lines[rng.below(lines.len())].to_string();
                    s.insert_str(at, &format!("{l}\n"));
                }
            }
        }
    }
    s
}

struct Sink;
impl ConfIo for Sink {
    fn print(&mut self, _: Stream, _: &str) {}
    fn read_line(&mut self) -> Option<String> {
        None
    }
    fn is_tty(&self) -> bool {
        false
    }
}

fn exercise(kconfig: &str, config: &str) {
    let mut host = MemHost::new(&[("Kconfig", kconfig), (".config", config)]);
    host.env.insert("srctree".into(), "/src".into());
    host.env.insert("ARCH".into(), "x86".into());
    host.shell_answers.insert("echo gcc".into(), "gcc\n".into());
    let Ok(mut k) = Kconfig::load(&host, "Kconfig") else {
        return;
    };
    let _ = k.render_autoconf_cmd("include/config/auto.conf");
    let _ = k.menu_tree(MenuId::ROOT);
    if k.parse_errors() > 0 {
        // The editor still asks about whatever parsed.
        for s in k.defined_symbols() {
            let _ = k.symbol_info(s);
        }
        return;
    }
    let _ = conf::run(
        &mut k,
        &host,
        Path::new("/nonexistent"),
        Mode::ListNewConfig,
        true,
        &mut Sink,
    );
    let _ = k.render_config();
    let _ = k.render_autoconf();
    let _ = k.render_defconfig();
    for s in k.defined_symbols() {
        let _ = k.explain_text(s);
        let _ = k.symbol_info_text(s);
        let _ = k.set_string_value(s, "y");
    }
}

#[test]
fn mutated_inputs_never_panic() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let n = std::env::var("KMAKE_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    for i in 0..n {
        let seed = SEEDS[i % SEEDS.len()];
        let kconfig = mutate(&mut rng, seed);
        let config = mutate(&mut rng, CONFIGS[i % CONFIGS.len()]);
        if std::env::var_os("KMAKE_FUZZ_TRACE").is_some() {
            std::fs::write("/tmp/fuzz-last.kconfig", &kconfig).unwrap();
            std::fs::write("/tmp/fuzz-last.config", &config).unwrap();
        }
        exercise(&kconfig, &config);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    super::with_big_stack(deep_nesting)
}

fn deep_nesting() {
    let deep = format!(
        "config A\n\tbool \"a\"\n\tdepends on {}B{}\n",
        "(".repeat(20000),
        ")".repeat(20000)
    );
    let host = MemHost::new(&[("Kconfig", &deep)]);
    let r = Kconfig::load(&host, "Kconfig");
    assert!(
        matches!(r, Err(super::LoadError::Fatal { ref message, .. }) if message.ends_with("memory exhausted"))
    );
    let blocks = format!("{}{}", "if A\n".repeat(20000), "endif\n".repeat(20000));
    let host = MemHost::new(&[("Kconfig", &blocks)]);
    assert!(Kconfig::load(&host, "Kconfig").is_err());
}
