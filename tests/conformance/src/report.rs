//! PASS/FAIL/INFO lines of the conformance runners, grouped into steps with a summary.

/// One step's outcome for the summary table.
pub struct StepResult {
    pub name: &'static str,
    /// None: not run (a step it needs failed).
    pub ok: Option<bool>,
    pub figures: String,
}

/// PASS/FAIL bookkeeping and the way results are printed: a tag, then the
/// detail indented below it.
#[derive(Default)]
pub struct Report {
    pub passed: usize,
    pub failed: usize,
    step_failed: bool,
    pub steps: Vec<StepResult>,
}

impl Report {
    fn line(tag: &str, what: &str, detail: &str) {
        println!("{tag:<5} {what}");
        for l in detail.lines() {
            println!("      {l}");
        }
    }
    pub fn pass(&mut self, what: &str, detail: &str) {
        self.passed += 1;
        Self::line("PASS", what, detail);
    }
    pub fn fail(&mut self, what: &str, detail: &str) {
        self.failed += 1;
        self.step_failed = true;
        Self::line("FAIL", what, detail);
    }
    pub fn info(&self, what: &str, detail: &str) {
        Self::line("INFO", what, detail);
    }
    pub fn check(&mut self, ok: bool, what: &str, detail: &str) {
        if ok {
            self.pass(what, detail)
        } else {
            self.fail(what, detail)
        }
    }
    /// Starts a step: its heading; its result is what fails until `end`.
    pub fn begin(&mut self, name: &str, what: &str) {
        self.step_failed = false;
        println!("\n-- {name}: {what}");
    }
    /// Ends a step with its figures for the summary; true when nothing failed.
    pub fn end(&mut self, name: &'static str, figures: String) -> bool {
        let ok = !self.step_failed;
        self.steps.push(StepResult {
            name,
            ok: Some(ok),
            figures,
        });
        ok
    }
    /// Prints the step table and the counts; true when every check passed
    /// and every step ran.
    pub fn summary(&self, program: &str, heading: &str) -> bool {
        println!("\n{heading}:");
        for s in &self.steps {
            let tag = match s.ok {
                Some(true) => "PASS",
                Some(false) => "FAIL",
                None => "SKIP",
            };
            println!("  {:<17} {tag:<5} {}", s.name, s.figures);
        }
        println!("{program}: {} passed, {} failed", self.passed, self.failed);
        self.failed == 0 && self.steps.iter().all(|s| s.ok == Some(true))
    }

    /// A step not run, and why.
    pub fn skipped(&mut self, name: &'static str, why: &str) {
        println!("\n-- {name}: skipped ({why})");
        self.steps.push(StepResult {
            name,
            ok: None,
            figures: why.to_string(),
        });
    }
}

/// The first `shown` of `(file, how it differs)` pairs, one per line, then
/// the names of the rest (at most 20): lines to add to a check's detail.
pub fn differences(differ: &[(String, String)], shown: usize) -> String {
    let mut s = String::new();
    for (f, d) in differ.iter().take(shown) {
        s.push_str(&format!("\n{f}: {d}"));
    }
    if differ.len() > shown {
        let rest: Vec<&str> = differ[shown..].iter().map(|(f, _)| f.as_str()).collect();
        s.push_str(&format!("\n... and {} more:", rest.len()));
        for f in rest.iter().take(20) {
            s.push_str(&format!("\n    {f}"));
        }
        if rest.len() > 20 {
            s.push_str("\n    ...");
        }
    }
    s
}
