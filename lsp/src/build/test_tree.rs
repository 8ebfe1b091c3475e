//! A test fixture: the repository's sample tree with a miniature kbuild
//! (top `Makefile`, `scripts/Makefile.build`) that compiles it in-tree with
//! the host's `gcc`, writes thin archives and has kbuild's
//! `compile_commands.json` goal, configured from `x86_64_defconfig`.

use std::path::Path;

use crate::settings::Settings;
use crate::workspace::Layout;

const TOP_MAKEFILE: &str = r#"VERSION = 0
PATCHLEVEL = 1
SUBLEVEL = 0
EXTRAVERSION =
KERNELVERSION = $(VERSION).$(PATCHLEVEL).$(SUBLEVEL)$(EXTRAVERSION)
MAKEFLAGS += -rR --no-print-directory

ARCH ?= x86_64
SRCARCH := $(if $(filter x86_64 i386,$(ARCH)),x86,$(ARCH))
CC := gcc
AR := ar
export ARCH SRCARCH CC AR

PHONY := all slow FORCE
all: built-in.a

-include include/config/auto.conf

built-in.a: FORCE
	$(MAKE) -f scripts/Makefile.build obj=.

compile_commands.json: built-in.a FORCE
	@echo writing $@

%.o: FORCE
	$(MAKE) -f scripts/Makefile.build obj=$(patsubst %/,%,$(dir $@)) $@

slow:
	@echo '  SLOW    slow'
	sleep 30

Makefile: ;
FORCE:
.PHONY: $(PHONY)
"#;

const MAKEFILE_BUILD: &str = r#"MAKEFLAGS += -rR
src := $(obj)
prefix := $(if $(filter .,$(obj)),,$(obj)/)
PHONY := __build FORCE
__build: $(prefix)built-in.a

-include include/config/auto.conf
include $(if $(wildcard $(src)/Kbuild),$(src)/Kbuild,$(src)/Makefile)

subdirs := $(patsubst %/,%,$(filter %/,$(obj-y)))
objs := $(addprefix $(prefix),$(filter %.o,$(obj-y)))
subarchives := $(addsuffix /built-in.a,$(addprefix $(prefix),$(subdirs)))

$(prefix)built-in.a: $(objs) $(subarchives) FORCE
	@echo '  AR      $@'
	@rm -f $@; $(AR) cDPrST $@ $(filter-out FORCE,$^)

$(subarchives): FORCE
	$(MAKE) -f scripts/Makefile.build obj=$(@D)

cmd_cc_o_c = $(CC) -Wall -Iinclude -c -o $@ $<

$(prefix)%.o: $(prefix)%.c
	@echo '  CC      $@'
	@$(cmd_cc_o_c)

FORCE:
.PHONY: $(PHONY)
"#;

/// The fixture in a temporary directory (the kernel root and object tree).
pub fn kbuild_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample");
    copy_dir(&sample, dir.path());
    std::fs::write(dir.path().join("Makefile"), TOP_MAKEFILE).expect("Makefile");
    std::fs::write(dir.path().join("scripts/Makefile.build"), MAKEFILE_BUILD).expect("build");
    std::fs::copy(
        dir.path().join("arch/x86/configs/x86_64_defconfig"),
        dir.path().join(".config"),
    )
    .expect(".config");
    dir
}

/// The fixture's layout and settings (`ARCH=x86_64`, trusted).
pub fn layout(dir: &Path) -> (Layout, Settings) {
    let settings = Settings {
        arch: Some("x86_64".into()),
        ..Settings::default()
    };
    let layout = Layout::detect(dir, &settings).expect("layout");
    (layout, settings)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// The fixture's layout and settings with the `.config` completed
/// (`olddefconfig`) and `include/config/auto.conf` written (`syncconfig`).
pub fn configured(dir: &Path) -> (Layout, Settings) {
    let (layout, settings) = layout(dir);
    super::invocation::run_conf(&layout, &settings, "olddefconfig").expect("olddefconfig");
    super::invocation::sync_config(&layout, &settings).expect("syncconfig");
    (layout, settings)
}
