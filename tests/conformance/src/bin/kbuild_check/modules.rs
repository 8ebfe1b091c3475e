//! kbuild-check's `modules` step: the `modules` goal in both built trees,
//! kbuild's module lists, and an external module (`M=`) built against each
//! tree and cleaned again, compared file for file.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use kmake_conformance::kbuild::{kbuild_messages, list_some, set_difference, Runner};
use kmake_conformance::kernel_make::list_files;
use kmake_conformance::report::differences;

use super::{secs, Check};

/// The external module: two objects linked into one module, a header of
/// its own and a symbol taken from the kernel.
const EXT_FILES: &[(&str, &str)] = &[
    (
        "Kbuild",
        "obj-m := kmake_hello.o\nkmake_hello-y := hello.o greet.o\nccflags-y := -I$(src)/include\n",
    ),
    ("include/greet.h", "void kmake_greet(const char *who);\n"),
    (
        "hello.c",
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n#include <greet.h>\n\n\
         static int __init kmake_hello_init(void)\n{\n\tkmake_greet(\"kbuild-check\");\n\treturn 0;\n}\n\n\
         static void __exit kmake_hello_exit(void)\n{\n}\n\n\
         module_init(kmake_hello_init);\nmodule_exit(kmake_hello_exit);\n\
         MODULE_DESCRIPTION(\"kbuild-check's external module\");\nMODULE_LICENSE(\"GPL\");\n",
    ),
    (
        "greet.c",
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/printk.h>\n#include <greet.h>\n\n\
         void kmake_greet(const char *who)\n{\n\tpr_info(\"hello, %s\\n\", who);\n}\n",
    ),
];

/// The kbuild files a build writes at the top of the objtree.
const MODULE_LISTS: &[&str] = &[
    "modules.order",
    "modules.builtin",
    "modules.builtin.modinfo",
    "Module.symvers",
];

/// What one tool did with the external module.
struct External {
    /// `M=... modules`: exit status, messages, what it printed on failure.
    build: (i32, BTreeSet<String>, String),
    /// Every file of the module's directory after the build, with contents.
    files: BTreeMap<String, Vec<u8>>,
    /// `M=... clean`: exit status and the files left.
    clean: (i32, BTreeSet<String>),
}

impl Check {
    pub(crate) fn modules(&mut self) -> Result<bool> {
        self.rep.begin(
            "modules",
            "`modules` in both trees, the module lists, an external module (M=) against each",
        );
        let jobs = self.jobs.clone();
        let om = self.outcome(&self.make, &self.a, &[&jobs, "modules"])?;
        let ok_ = self.outcome(&self.kmake, &self.b, &[&jobs, "modules"])?;
        let always = self.always_rewritten.clone();
        self.compare_outcomes(
            "`modules` in the built trees",
            &om,
            &ok_,
            ("make in a", "kmake in b"),
            &always,
        );
        self.module_lists()?;

        let em = self.external(&self.make, &self.a)?;
        let ek = self.external(&self.kmake, &self.b)?;
        let built = |e: &External| e.build.0 == 0 && e.files.keys().any(|f| f.ends_with(".ko"));
        for (label, e) in [("make", &em), ("kmake", &ek)] {
            self.rep.check(
                built(e),
                &format!("{label} M=<ext> modules builds kmake_hello.ko"),
                &format!("exit {}{}", e.build.0, e.build.2),
            );
        }
        match set_difference(&em.build.1, &ek.build.1, "make", "kmake") {
            None => self.rep.pass(
                "M=<ext> modules: the same kbuild messages",
                &format!("{} lines", ek.build.1.len()),
            ),
            Some(d) => self
                .rep
                .fail("M=<ext> modules: the same kbuild messages", &d),
        }
        let (fm, fk): (BTreeSet<String>, BTreeSet<String>) = (
            em.files.keys().cloned().collect(),
            ek.files.keys().cloned().collect(),
        );
        let differ: Vec<(String, String)> = fm
            .intersection(&fk)
            .filter(|f| em.files[*f] != ek.files[*f])
            .map(|f| (f.clone(), "contents differ".to_string()))
            .collect();
        let mut detail = format!(
            "{} files, {} identical{}",
            fm.len().max(fk.len()),
            fm.intersection(&fk).count() - differ.len(),
            list_some(fk.iter().filter(|f| f.ends_with(".ko")), 2)
        );
        if let Some(d) = set_difference(&fm, &fk, "make", "kmake") {
            detail.push('\n');
            detail.push_str(&d);
        }
        detail.push_str(&differences(&differ, 6));
        self.rep.check(
            fm == fk && differ.is_empty(),
            "M=<ext>: the same files byte for byte (.ko, .mod.c, .cmd, Module.symvers)",
            &detail,
        );
        let clean_detail = format!(
            "make: exit {}, {} files left; kmake: exit {}, {} files left{}",
            em.clean.0,
            em.clean.1.len(),
            ek.clean.0,
            ek.clean.1.len(),
            set_difference(&em.clean.1, &ek.clean.1, "make", "kmake")
                .map(|d| format!("\n{d}"))
                .unwrap_or_default()
        );
        self.rep.check(
            em.clean.0 == 0 && ek.clean.0 == 0 && em.clean.1 == ek.clean.1,
            "M=<ext> clean leaves the same files",
            &clean_detail,
        );
        Ok(self.rep.end(
            "modules",
            format!(
                "modules: make {}, kmake {}",
                secs(om.run.elapsed),
                secs(ok_.run.elapsed)
            ),
        ))
    }

    /// The module lists exist in both trees with the same contents.
    fn module_lists(&mut self) -> Result<()> {
        let mut problems = Vec::new();
        for f in MODULE_LISTS {
            let (x, y) = (
                std::fs::read(self.a.join(f)).ok(),
                std::fs::read(self.b.join(f)).ok(),
            );
            match (x, y) {
                (Some(x), Some(y)) if x == y => {}
                (Some(_), Some(_)) => problems.push(format!("{f}: contents differ")),
                (x, y) => problems.push(format!(
                    "{f}: {} by make, {} by kmake",
                    if x.is_some() { "written" } else { "missing" },
                    if y.is_some() { "written" } else { "missing" }
                )),
            }
        }
        self.rep.check(
            problems.is_empty(),
            "module lists written alike",
            &if problems.is_empty() {
                MODULE_LISTS.join(", ") + ": present and identical"
            } else {
                problems.join("\n")
            },
        );
        Ok(())
    }

    /// Builds and cleans the external module with `tool` against `tree`, at
    /// one path for both tools (`<work>/ext`), so the files compare byte for
    /// byte.
    fn external(&self, tool: &Runner, tree: &std::path::Path) -> Result<External> {
        let ext = self.work.join("ext");
        let _ = std::fs::remove_dir_all(&ext);
        for (name, text) in EXT_FILES {
            let p = ext.join(name);
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d)?;
            }
            std::fs::write(p, text)?;
        }
        let m = format!("M={}", ext.display());
        let (r, what) = self.run(tool, tree, &[&self.jobs, &m, "modules"])?;
        let messages = kbuild_messages(&r.stdout, &self.site.path())
            .into_iter()
            .map(|l| l.replace(&ext.display().to_string(), "$M"))
            .collect();
        let failure = if r.status == 0 {
            String::new()
        } else {
            format!(
                "\n{what}\nstderr ends with:\n{}",
                kmake_conformance::kernel_make::tail(&r.stderr, 8)
            )
        };
        let mut files = BTreeMap::new();
        for f in list_files(&ext)? {
            files.insert(f.clone(), std::fs::read(ext.join(&f)).unwrap_or_default());
        }
        let (rc, _) = self.run(tool, tree, &[&m, "clean"])?;
        let left = list_files(&ext)?;
        let _ = std::fs::remove_dir_all(&ext);
        Ok(External {
            build: (r.status, messages, failure),
            files,
            clean: (rc.status, left),
        })
    }
}
