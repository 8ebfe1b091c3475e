//! Diagnostics on the reference kernel tree (Linux 6.12 at
//! /work/cache/linux-source-6.12 or `$KMAKE_KERNEL_SRC`), loaded for x86_64
//! without a `.config`; skipped with a note when the tree is absent.

mod common;

use common::kernel;

use std::path::Path;
use std::time::Instant;

use kmake_lsp::diagnostics::fixes::apply;
use kmake_lsp::diagnostics::{config_file_diagnostics, kconfig_diagnostics, Code, Diag, Severity};
use kmake_lsp::kconfig_index::KconfigIndex;
use kmake_lsp::settings::Settings;
use kmake_lsp::workspace::Layout;

fn load(src: &Path) -> KconfigIndex {
    let settings = Settings {
        arch: Some("x86_64".into()),
        trusted: false,
        ..Settings::default()
    };
    let layout = Layout::detect(src, &settings).expect("layout");
    if layout.objtree.join(".config").exists() {
        eprintln!("note: the tree has a .config; values below come from it");
    }
    let t0 = Instant::now();
    let index = KconfigIndex::load(&layout, &settings).expect("load");
    eprintln!("load: {} ms", t0.elapsed().as_millis());
    index
}

fn show(src: &Path, d: &Diag) -> String {
    let p = d.range.path.strip_prefix(src).unwrap_or(&d.range.path);
    format!(
        "{}:{}: {}: {}",
        p.display(),
        d.range.line + 1,
        d.code.as_str(),
        d.message
    )
}

/// Undefined names the x86_64 Kconfig tree of Linux 6.12 really uses, each
/// checked by hand: no `config`/`menuconfig` of any architecture's tree
/// defines them (`grep -rE '^\s*(menu)?config\s+NAME$' --include='Kconfig*'`).
/// Symbols of other architectures (`GSC`, `IOMMU_SBA` from
/// drivers/parisc/Kconfig, `CORESIGHT` sourced by arm/arm64, `UML_X86` from
/// arch/x86/um/Kconfig, ...) are not in it.
const UNDEFINED: &[&str] = &[
    // Removed SoC/platform support or symbols not merged by 6.12.
    "drivers/ata/Kconfig:197 MIPS_BAIKAL_T1",
    "drivers/bus/Kconfig:43 MIPS_BAIKAL_T1",
    "drivers/bus/Kconfig:58 MIPS_BAIKAL_T1",
    "drivers/clk/baikal-t1/Kconfig:4 MIPS_BAIKAL_T1",
    "drivers/clk/baikal-t1/Kconfig:5 MIPS_BAIKAL_T1",
    "drivers/clk/baikal-t1/Kconfig:20 MIPS_BAIKAL_T1",
    "drivers/clk/baikal-t1/Kconfig:33 MIPS_BAIKAL_T1",
    "drivers/clk/baikal-t1/Kconfig:45 MIPS_BAIKAL_T1",
    "drivers/clk/ingenic/Kconfig:20 MACH_JZ4755",
    "drivers/clk/ingenic/Kconfig:40 MACH_JZ4760",
    // A typo: the clock driver is SAR2130P_GCC (not merged by 6.12 either).
    "drivers/clk/qcom/Kconfig:962 SAR_GCC_2130P",
    "drivers/gpu/drm/i915/Kconfig.debug:53 DRM_DEBUG_SELFTEST",
    "drivers/hwmon/Kconfig:442 MIPS_BAIKAL_T1",
    // `default CONFIG_STM`: the prefix does not belong in Kconfig.
    "drivers/hwtracing/stm/Kconfig:16 CONFIG_STM",
    "drivers/hwtracing/stm/Kconfig:31 CONFIG_STM",
    "drivers/i2c/busses/Kconfig:585 MIPS_BAIKAL_T1",
    "drivers/interconnect/mediatek/Kconfig:11 MTK_DVFSRC",
    "drivers/irqchip/Kconfig:173 MCHP_LAN966X_PCI",
    "drivers/memory/Kconfig:69 MIPS_BAIKAL_T1",
    "drivers/mfd/Kconfig:1177 ARCH_SPACEMIT",
    "drivers/mfd/Kconfig:1179 I2C_K1",
    "drivers/mtd/maps/Kconfig:81 MIPS_BAIKAL_T1",
    "drivers/net/ethernet/microchip/sparx5/Kconfig:6 ARCH_LAN969X",
    "drivers/pci/controller/dwc/Kconfig:66 MIPS_BAIKAL_T1",
    "drivers/pinctrl/stm32/Kconfig:56 MACH_STM32MP25",
    "drivers/pinctrl/stm32/Kconfig:58 MACH_STM32MP25",
    // `default N`: upper-case N is a (never defined) symbol, not the constant n.
    "drivers/ras/amd/atl/Kconfig:14 N",
    "drivers/regulator/Kconfig:947 MTK_DVFSRC",
    "drivers/spi/Kconfig:336 MIPS_BAIKAL_T1",
    "drivers/staging/greybus/Kconfig:209 USB_HSIC_USB3613",
    "drivers/tty/serial/Kconfig:1579 XTENSA_PLATFORM_ESP32",
    "drivers/tty/serial/Kconfig:1592 XTENSA_PLATFORM_ESP32",
    "fs/bcachefs/Kconfig:13 LZ4HC_DECOMPRESS",
    // SRCU is no longer a symbol in 6.12 (always built).
    "fs/bcachefs/Kconfig:25 SRCU",
    "kernel/rcu/Kconfig:94 PREEMPT_AUTO",
    "net/bluetooth/cmtp/Kconfig:4 DEPRECATED",
    "security/loadpin/Kconfig:19 MODULE_COMPRESS_NONE",
    "sound/soc/amd/Kconfig:9 CLK_FIXED_FCH",
    "sound/soc/amd/Kconfig:46 CLK_FIXED_FCH",
    "sound/soc/amd/acp/Kconfig:96 CLK_FIXED_FCH",
    "sound/soc/pxa/Kconfig:19 SND_SOC_AC97_BUS_NEW",
];

#[test]
fn x86_kconfig_files() {
    let Some(src) = kernel() else { return };
    let index = load(&src);
    let src = index.layout.srctree.clone();
    let t0 = Instant::now();
    let mut all = kconfig_diagnostics(&index, &src.join("Kconfig"));
    eprintln!(
        "Kconfig diagnostics, first call (whole tree): {} ms",
        t0.elapsed().as_millis()
    );
    let t1 = Instant::now();
    let files = index.kconfig_files();
    for f in &files {
        if *f != src.join("Kconfig") {
            all.extend(kconfig_diagnostics(&index, f));
        }
    }
    eprintln!(
        "Kconfig diagnostics, the other {} files: {} ms in all",
        files.len() - 1,
        t1.elapsed().as_millis()
    );
    let mut undefined = Vec::new();
    for d in &all {
        eprintln!("{}", show(&src, d));
        match d.code {
            Code::UndefinedSymbol => {
                let p = d.range.path.strip_prefix(&src).unwrap();
                let name = d
                    .message
                    .split_whitespace()
                    .nth(2)
                    .unwrap()
                    .trim_end_matches(':');
                undefined.push(format!("{}:{} {name}", p.display(), d.range.line + 1));
            }
            // Untrusted: `$(shell)` did not run; those files carry one note.
            _ => assert_eq!(d.severity, Severity::Information, "{}", show(&src, d)),
        }
    }
    assert_eq!(undefined, UNDEFINED);
}

#[test]
fn x86_64_defconfig() {
    let Some(src) = kernel() else { return };
    let index = load(&src);
    let src = index.layout.srctree.clone();
    let def = src.join("arch/x86/configs/x86_64_defconfig");
    let text = std::fs::read_to_string(&def).unwrap();
    let t0 = Instant::now();
    let diags = config_file_diagnostics(&index, &def, &text);
    eprintln!("x86_64_defconfig: {} ms", t0.elapsed().as_millis());
    let shown: Vec<String> = diags.iter().map(|d| show(&src, d)).collect();
    // The one real finding: SECURITY_SELINUX_DISABLE was removed in 6.4 and
    // the defconfig still sets it.
    assert_eq!(
        shown,
        [
            "arch/x86/configs/x86_64_defconfig:267: unknown-symbol: unknown symbol: \
          SECURITY_SELINUX_DISABLE (no Kconfig file defines it)"
        ]
    );

    // Planted: an unknown symbol, and a driver whose menu is off.
    let planted = format!("{text}CONFIG_NOSUCH_SYMBOL=y\nCONFIG_USB_SERIAL_FTDI_SIO=y\n");
    let n = text.lines().count() as u32;
    let t1 = Instant::now();
    let diags = config_file_diagnostics(&index, &def, &planted);
    eprintln!(
        "x86_64_defconfig with planted lines (one fix checked): {} ms",
        t1.elapsed().as_millis()
    );
    for d in &diags {
        eprintln!("{}", show(&src, d));
    }
    let at = |line: u32| {
        diags
            .iter()
            .find(|d| d.range.line == line)
            .expect("diagnostic")
    };
    let unknown = at(n);
    assert_eq!(unknown.code, Code::UnknownSymbol);
    assert!(unknown.message.contains("NOSUCH_SYMBOL"));
    let ftdi = at(n + 1);
    assert_eq!(ftdi.code, Code::ValueNotKept);
    assert_eq!(
        ftdi.message,
        "CONFIG_USB_SERIAL_FTDI_SIO set to y but ends up n: missing dependencies USB_SERIAL [=n]"
    );
    let fix = ftdi.fix.as_ref().expect("a quick fix");
    assert_eq!(
        fix.title,
        "Set the missing dependencies: CONFIG_USB_SERIAL=y"
    );
    let fixed = apply(&planted, &fix.edits);
    assert!(fixed.ends_with("CONFIG_USB_SERIAL_FTDI_SIO=y\nCONFIG_USB_SERIAL=y\n"));
    let after = config_file_diagnostics(&index, &def, &fixed);
    assert!(
        after.iter().all(|d| d.code != Code::ValueNotKept),
        "{after:?}"
    );
}
