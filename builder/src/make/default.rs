//! The built-in database of GNU make 4.4.1 on GNU/Linux (C `default.c`):
//! suffixes, suffix rules, pattern rules and variables, installed unless `-r`
//! or `-R` say otherwise.

use std::sync::Arc;

use super::file::{Commands, Dep};
use super::instance::Make;
use super::rule::Rule;
use super::text::find_percent;
use super::var::{Export, Origin, SetId};
use super::Floc;

/// The default `.SUFFIXES` list.
pub const SUFFIXES: &str = ".out .a .ln .o .c .cc .C .cpp .p .f .F .m .r .y .l .ym .yl .s .S \
.mod .sym .def .h .info .dvi .tex .texinfo .texi .txinfo .w .ch .web .sh .elc .el";

/// Pattern rules: target, prerequisites, recipe.
const PATTERN_RULES: &[(&str, &str, &str)] = &[
    ("(%)", "%", "$(AR) $(ARFLAGS) $@ $<"),
    ("%.out", "%", "@rm -f $@ \n cp $< $@"),
    ("%.c", "%.w %.ch", "$(CTANGLE) $^ $@"),
    ("%.tex", "%.w %.ch", "$(CWEAVE) $^ $@"),
];

/// Terminal (`::`) pattern rules for version control checkouts.
const TERMINAL_RULES: &[(&str, &str, &str)] = &[
    ("%", "%,v", "$(CHECKOUT,v)"),
    ("%", "RCS/%,v", "$(CHECKOUT,v)"),
    ("%", "RCS/%", "$(CHECKOUT,v)"),
    ("%", "s.%", "$(GET) $(GFLAGS) $(SCCS_OUTPUT_OPTION) $<"),
    ("%", "SCCS/s.%", "$(GET) $(GFLAGS) $(SCCS_OUTPUT_OPTION) $<"),
];

/// Suffix rules: name and recipe.
const SUFFIX_RULES: &[(&str, &str)] = &[
    (".o", "$(LINK.o) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".s", "$(LINK.s) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".S", "$(LINK.S) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".c", "$(LINK.c) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".cc", "$(LINK.cc) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".C", "$(LINK.C) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".cpp", "$(LINK.cpp) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".f", "$(LINK.f) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".m", "$(LINK.m) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".p", "$(LINK.p) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".F", "$(LINK.F) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".r", "$(LINK.r) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    (".mod", "$(COMPILE.mod) -o $@ -e $@ $^"),
    (".def.sym", "$(COMPILE.def) -o $@ $<"),
    (".sh", "cat $< >$@ \n chmod a+x $@"),
    (".s.o", "$(COMPILE.s) -o $@ $<"),
    (".S.o", "$(COMPILE.S) -o $@ $<"),
    (".c.o", "$(COMPILE.c) $(OUTPUT_OPTION) $<"),
    (".cc.o", "$(COMPILE.cc) $(OUTPUT_OPTION) $<"),
    (".C.o", "$(COMPILE.C) $(OUTPUT_OPTION) $<"),
    (".cpp.o", "$(COMPILE.cpp) $(OUTPUT_OPTION) $<"),
    (".f.o", "$(COMPILE.f) $(OUTPUT_OPTION) $<"),
    (".m.o", "$(COMPILE.m) $(OUTPUT_OPTION) $<"),
    (".p.o", "$(COMPILE.p) $(OUTPUT_OPTION) $<"),
    (".F.o", "$(COMPILE.F) $(OUTPUT_OPTION) $<"),
    (".r.o", "$(COMPILE.r) $(OUTPUT_OPTION) $<"),
    (".mod.o", "$(COMPILE.mod) -o $@ $<"),
    (".c.ln", "$(LINT.c) -C$* $<"),
    (
        ".y.ln",
        "$(YACC.y) $< \n $(LINT.c) -C$* y.tab.c \n $(RM) y.tab.c",
    ),
    (
        ".l.ln",
        "@$(RM) $*.c\n $(LEX.l) $< > $*.c\n$(LINT.c) -i $*.c -o $@\n $(RM) $*.c",
    ),
    (".y.c", "$(YACC.y) $< \n mv -f y.tab.c $@"),
    (".l.c", "@$(RM) $@ \n $(LEX.l) $< > $@"),
    (".ym.m", "$(YACC.m) $< \n mv -f y.tab.c $@"),
    (".lm.m", "@$(RM) $@ \n $(LEX.m) $< > $@"),
    (".F.f", "$(PREPROCESS.F) $(OUTPUT_OPTION) $<"),
    (".r.f", "$(PREPROCESS.r) $(OUTPUT_OPTION) $<"),
    (".l.r", "$(LEX.l) $< > $@ \n mv -f lex.yy.r $@"),
    (".S.s", "$(PREPROCESS.S) $< > $@"),
    (".texinfo.info", "$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@"),
    (".texi.info", "$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@"),
    (".txinfo.info", "$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@"),
    (".tex.dvi", "$(TEX) $<"),
    (".texinfo.dvi", "$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<"),
    (".texi.dvi", "$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<"),
    (".txinfo.dvi", "$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<"),
    (".w.c", "$(CTANGLE) $< - $@"),
    (".web.p", "$(TANGLE) $<"),
    (".w.tex", "$(CWEAVE) $< - $@"),
    (".web.tex", "$(WEAVE) $<"),
];

/// Built-in variables (all recursive, origin `default`).
pub const VARIABLES: &[(&str, &str)] = &[
    ("AR", "ar"),
    ("ARFLAGS", "-rv"),
    ("AS", "as"),
    ("CC", "cc"),
    ("OBJC", "cc"),
    ("CXX", "g++"),
    (
        "CHECKOUT,v",
        "+$(if $(wildcard $@),,$(CO) $(COFLAGS) $< $@)",
    ),
    ("CO", "co"),
    ("COFLAGS", ""),
    ("CPP", "$(CC) -E"),
    ("FC", "f77"),
    ("F77", "$(FC)"),
    ("F77FLAGS", "$(FFLAGS)"),
    ("GET", "get"),
    ("LD", "ld"),
    ("LEX", "lex"),
    ("LINT", "lint"),
    ("M2C", "m2c"),
    ("PC", "pc"),
    ("YACC", "yacc"),
    ("MAKEINFO", "makeinfo"),
    ("TEX", "tex"),
    ("TEXI2DVI", "texi2dvi"),
    ("WEAVE", "weave"),
    ("CWEAVE", "cweave"),
    ("TANGLE", "tangle"),
    ("CTANGLE", "ctangle"),
    ("RM", "rm -f"),
    ("LINK.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    (
        "LINK.c",
        "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    (
        "COMPILE.m",
        "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c",
    ),
    (
        "LINK.m",
        "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    (
        "COMPILE.cc",
        "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c",
    ),
    ("COMPILE.C", "$(COMPILE.cc)"),
    ("COMPILE.cpp", "$(COMPILE.cc)"),
    (
        "LINK.cc",
        "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    ("LINK.C", "$(LINK.cc)"),
    ("LINK.cpp", "$(LINK.cc)"),
    ("YACC.y", "$(YACC) $(YFLAGS)"),
    ("LEX.l", "$(LEX) $(LFLAGS) -t"),
    ("YACC.m", "$(YACC) $(YFLAGS)"),
    ("LEX.m", "$(LEX) $(LFLAGS) -t"),
    ("COMPILE.f", "$(FC) $(FFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.f", "$(FC) $(FFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    (
        "LINK.F",
        "$(FC) $(FFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    ("COMPILE.r", "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -c"),
    (
        "LINK.r",
        "$(FC) $(FFLAGS) $(RFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    (
        "COMPILE.def",
        "$(M2C) $(M2FLAGS) $(DEFFLAGS) $(TARGET_ARCH)",
    ),
    (
        "COMPILE.mod",
        "$(M2C) $(M2FLAGS) $(MODFLAGS) $(TARGET_ARCH)",
    ),
    ("COMPILE.p", "$(PC) $(PFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    (
        "LINK.p",
        "$(PC) $(PFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
    ),
    ("LINK.s", "$(CC) $(ASFLAGS) $(LDFLAGS) $(TARGET_MACH)"),
    ("COMPILE.s", "$(AS) $(ASFLAGS) $(TARGET_MACH)"),
    (
        "LINK.S",
        "$(CC) $(ASFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_MACH)",
    ),
    (
        "COMPILE.S",
        "$(CC) $(ASFLAGS) $(CPPFLAGS) $(TARGET_MACH) -c",
    ),
    ("PREPROCESS.S", "$(CPP) $(CPPFLAGS)"),
    (
        "PREPROCESS.F",
        "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -F",
    ),
    (
        "PREPROCESS.r",
        "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -F",
    ),
    ("LINT.c", "$(LINT) $(LINTFLAGS) $(CPPFLAGS) $(TARGET_ARCH)"),
    ("OUTPUT_OPTION", "-o $@"),
    (".LIBPATTERNS", "lib%.so lib%.a"),
    ("GNUMAKEFLAGS", ""),
];

/// The `.FEATURES` value.
pub const FEATURES: &str =
    "target-specific order-only second-expansion else-if shortest-stem undefine \
oneshell nocomment grouped-target extra-prereqs notintermediate shell-export archives jobserver \
jobserver-fifo output-sync check-symlink load";

fn builtin_cmds(text: &str) -> Arc<Commands> {
    let mut t = text.as_bytes().to_vec();
    t.push(b'\n');
    let mut c = Commands::new(Floc::new(b"", 0), t, b'\t');
    c.builtin = true;
    Arc::new(c)
}

impl Make {
    /// The default `.SUFFIXES` (C `set_default_suffixes`).
    pub fn set_default_suffixes(&mut self) {
        let sf = self.files.enter(b".SUFFIXES");
        self.files.get_mut(sf).builtin = true;
        self.suffix_file = Some(sf);
        if self.opts.no_builtin_rules {
            self.vars.define(
                SetId::GLOBAL,
                b"SUFFIXES",
                b"",
                Origin::Default,
                false,
                None,
            );
        } else {
            let deps: Vec<Dep> = SUFFIXES
                .split(' ')
                .map(|s| Dep::named(s.as_bytes()))
                .collect();
            let deps = self.enter_prereqs(deps, None);
            for d in &deps {
                if let Some(f) = d.file {
                    self.files.get_mut(f).builtin = true;
                }
            }
            self.files.get_mut(sf).deps = deps;
            self.vars.define(
                SetId::GLOBAL,
                b"SUFFIXES",
                SUFFIXES.as_bytes(),
                Origin::Default,
                false,
                None,
            );
        }
    }

    /// The built-in suffix rules as files (C `install_default_suffix_rules`).
    pub fn install_default_suffix_rules(&mut self) {
        if self.opts.no_builtin_rules {
            return;
        }
        for (name, recipe) in SUFFIX_RULES {
            let f = self.files.enter(name.as_bytes());
            if self.files.get(f).cmds.is_none() {
                let file = self.files.get_mut(f);
                file.cmds = Some(builtin_cmds(recipe));
                file.builtin = true;
            }
        }
    }

    /// The built-in pattern rules (C `install_default_implicit_rules`).
    pub fn install_default_implicit_rules(&mut self) {
        if self.opts.no_builtin_rules {
            return;
        }
        for (terminal, list) in [(false, PATTERN_RULES), (true, TERMINAL_RULES)] {
            for (target, deps, recipe) in list {
                let (t, pct) = find_percent(target.as_bytes());
                let deps = deps.split(' ').map(|d| Dep::named(d.as_bytes())).collect();
                let rule = Rule {
                    targets: vec![(Arc::from(t.as_slice()), pct.expect("pattern"))],
                    deps,
                    cmds: Some(builtin_cmds(recipe)),
                    terminal,
                    builtin: true,
                    in_use: false,
                };
                self.create_pattern_rule(rule, false);
            }
        }
    }

    /// The built-in variables (C `define_default_variables`).
    pub fn define_default_variables(&mut self) {
        if self.opts.no_builtin_vars {
            return;
        }
        for (name, value) in VARIABLES {
            self.vars.define(
                SetId::GLOBAL,
                name.as_bytes(),
                value.as_bytes(),
                Origin::Default,
                true,
                None,
            );
        }
    }

    /// Removes the built-in variables (`-R` given in the makefile).
    pub fn undefine_default_variables(&mut self) {
        for (name, _) in VARIABLES {
            if self
                .vars
                .global(name.as_bytes())
                .is_some_and(|v| v.origin == Origin::Default)
            {
                self.vars.remove(SetId::GLOBAL, name.as_bytes());
            }
        }
    }

    /// Special and automatic variables defined before reading (C
    /// `define_automatic_variables` and the start of `main`).
    pub fn define_automatic_variables(&mut self) {
        let g = SetId::GLOBAL;
        let level = self.makelevel.to_string();
        self.vars
            .define(g, b"MAKELEVEL", level.as_bytes(), Origin::Env, false, None);
        self.vars.define(
            g,
            b"MAKE_VERSION",
            super::options::MAKE_VERSION.as_bytes(),
            Origin::Default,
            false,
            None,
        );
        self.vars.define(
            g,
            b"MAKE_HOST",
            super::options::MAKE_HOST.as_bytes(),
            Origin::Default,
            false,
            None,
        );
        self.vars
            .define(g, b"SHELL", b"/bin/sh", Origin::Default, false, None);
        // SHELL never comes from the environment.
        if let Some(v) = self.vars.get_mut(g, b"SHELL") {
            if v.value.is_empty() || matches!(v.origin, Origin::Env | Origin::EnvOverride) {
                v.value = Arc::from(&b"/bin/sh"[..]);
                v.origin = Origin::File;
                v.parsed = None;
            }
        }
        self.vars
            .define(g, b"MAKEFILES", b"", Origin::Default, false, None);
        if let Some(v) = self.vars.get_mut(g, b"MAKEFILES") {
            v.export = Export::IfSet;
        }
        for (n, v) in [
            ("@D", "$(patsubst %/,%,$(dir $@))"),
            ("%D", "$(patsubst %/,%,$(dir $%))"),
            ("*D", "$(patsubst %/,%,$(dir $*))"),
            ("<D", "$(patsubst %/,%,$(dir $<))"),
            ("?D", "$(patsubst %/,%,$(dir $?))"),
            ("^D", "$(patsubst %/,%,$(dir $^))"),
            ("+D", "$(patsubst %/,%,$(dir $+))"),
            ("@F", "$(notdir $@)"),
            ("%F", "$(notdir $%)"),
            ("*F", "$(notdir $*)"),
            ("<F", "$(notdir $<)"),
            ("?F", "$(notdir $?)"),
            ("^F", "$(notdir $^)"),
            ("+F", "$(notdir $+)"),
        ] {
            self.vars
                .define(g, n.as_bytes(), v.as_bytes(), Origin::Automatic, true, None);
        }
    }
}
