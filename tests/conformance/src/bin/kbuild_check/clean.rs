//! kbuild-check's `clean` step: `clean`, `mrproper` and `distclean`, each on
//! fresh copies (hard links) of both built trees, leave the same files and
//! print the same messages.

use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

use anyhow::Result;
use kmake_conformance::kbuild::{set_difference, Snapshot};
use kmake_conformance::kernel_make::{check_ok, list_files, run_limited, Output};

use super::{secs, Check};

/// The cleaning goals, each from a fully built tree.
const GOALS: &[&str] = &["clean", "mrproper", "distclean"];

impl Check {
    pub(crate) fn clean(&mut self) -> Result<bool> {
        self.rep.begin(
            "clean",
            "clean, mrproper, distclean on copies of both built trees",
        );
        let mut figures = Vec::new();
        for goal in GOALS {
            let (ca, cb) = (
                self.work.join(format!("a-{goal}")),
                self.work.join(format!("b-{goal}")),
            );
            for (from, to) in [(&self.a, &ca), (&self.b, &cb)] {
                let _ = std::fs::remove_dir_all(to);
                let r = run_limited(
                    Command::new("cp").arg("-al").arg(from).arg(to),
                    Output::Capture,
                    Duration::from_secs(300),
                )?;
                check_ok(&r, &format!("cp -al {} {}", from.display(), to.display()))?;
            }
            // Only a has one (from the compile-commands step); kbuild's
            // clean names it in its message when it exists.
            let _ = std::fs::remove_file(ca.join("compile_commands.json"));
            let om = self.outcome(&self.make, &ca, &[goal])?;
            let ok_ = self.outcome(&self.kmake, &cb, &[goal])?;
            let (la, lb) = (list_files(&ca)?, list_files(&cb)?);
            let la = self.without_kconfig_tool(goal, &la, &lb);
            let mut problems = Vec::new();
            for (o, l) in [(&om, "make"), (&ok_, "kmake")] {
                if o.run.status != 0 {
                    problems.push(format!("{l} failed: {}", o.exit_line()));
                }
            }
            let clean_lines = |m: &BTreeSet<String>| -> BTreeSet<String> {
                m.iter()
                    .filter(|l| !l.contains("scripts/kconfig"))
                    .cloned()
                    .collect()
            };
            if let Some(d) = set_difference(
                &clean_lines(&om.messages),
                &clean_lines(&ok_.messages),
                "make",
                "kmake",
            ) {
                problems.push(format!("kbuild messages differ: {d}"));
            }
            if let Some(d) = set_difference(&la, &lb, "make", "kmake") {
                problems.push(format!("files left differ: {d}"));
            }
            let removed = Snapshot::take(&self.b)?.len().saturating_sub(lb.len());
            if problems.is_empty() {
                self.rep.pass(
                    &format!("{goal}: the same files left and messages"),
                    &format!(
                        "{} files left, {removed} removed; {} messages; make {}, kmake {}",
                        lb.len(),
                        ok_.messages.len(),
                        secs(om.run.elapsed),
                        secs(ok_.run.elapsed)
                    ),
                );
            } else {
                self.rep.fail(
                    &format!("{goal}: the same files left and messages"),
                    &problems.join("\n"),
                );
            }
            figures.push(format!("{goal} {} left", lb.len()));
            let _ = std::fs::remove_dir_all(&ca);
            let _ = std::fs::remove_dir_all(&cb);
        }
        Ok(self.rep.end("clean", figures.join(", ")))
    }
}
