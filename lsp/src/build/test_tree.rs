//! A test fixture: the repository's sample tree with a miniature kbuild
//! (top `Makefile`, `scripts/Makefile.build`) that compiles it in-tree with
//! the host's `gcc`, writes thin archives and has kbuild's
//! `compile_commands.json` goal, configured from `x86_64_defconfig`.

use std::path::Path;

use crate::settings::Settings;
use crate::workspace::Layout;

const TOP_MAKEFILE: &str = include_str!("../../tests/fixtures/kbuild/Makefile");

const MAKEFILE_BUILD: &str = include_str!("../../tests/fixtures/kbuild/scripts/Makefile.build");

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
