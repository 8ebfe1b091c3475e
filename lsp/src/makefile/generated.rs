//! Files a Makefile makes itself: the targets of its own rules (`$(obj)/foo.c:
//! ...`, `$(obj)/%.c: ...`) and the names it registers in `targets`,
//! `always-y`, `extra-y` and `clean-files`; and whether it may make more than
//! can be read without evaluating it.

use std::collections::HashSet;

use super::objects::{Entry, ListKind, Objects};

/// What a Makefile makes, names relative to its directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    names: HashSet<String>,
    /// `%` patterns as (prefix, suffix).
    patterns: Vec<(String, String)>,
    /// Some rule target (or line only make can read) is computed: the file
    /// may make anything.
    pub open: bool,
}

/// Directory prefixes kbuild Makefiles write before a local file name.
const LOCAL_PREFIXES: &[&str] = &[
    "$(obj)/",
    "$(src)/",
    "$(srctree)/$(src)/",
    "$(objtree)/$(obj)/",
    "$(srctree)/$(obj)/",
];

/// `word` without a local-directory prefix; `None` when the rest still holds
/// a reference (or names no file).
fn local_name(word: &str) -> Option<&str> {
    let mut w = word;
    for p in LOCAL_PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            w = rest;
            break;
        }
    }
    (!w.is_empty() && !w.contains('$')).then_some(w)
}

impl Generated {
    fn add(&mut self, e: &Entry, strict: bool) {
        match local_name(&e.text) {
            Some(n) => match n.split_once('%') {
                Some((pre, suf)) => self.patterns.push((pre.to_string(), suf.to_string())),
                None => {
                    self.names.insert(n.to_string());
                }
            },
            None => self.open |= strict,
        }
    }

    /// Whether the file makes `name` (relative to its directory).
    pub fn makes(&self, name: &str) -> bool {
        self.names.contains(name)
            || self.patterns.iter().any(|(pre, suf)| {
                name.len() > pre.len() + suf.len() && name.starts_with(pre) && name.ends_with(suf)
            })
    }
}

/// What the Makefile read as `objects` makes.
pub fn generated(objects: &Objects) -> Generated {
    let mut g = Generated {
        open: objects.has_opaque_items,
        ..Generated::default()
    };
    for r in &objects.rules {
        for t in &r.targets {
            g.add(t, true);
        }
        if let Some(p) = &r.static_pattern {
            g.add(p, true);
        }
    }
    // The registration lists only hint that a rule (maybe a generic one)
    // exists; a computed word there proves nothing.
    for l in objects.of_kind(&ListKind::Targets) {
        for e in &l.entries {
            g.add(e, false);
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::makefile::objects::read;

    #[test]
    fn rules_and_lists() {
        let g = generated(&read(
            "\
$(obj)/tables.c: $(src)/gen.pl
\tperl $< > $@
$(obj)/%_tbl.S: $(src)/%.tbl
\tcp $< $@
targets += crc.h $(foo)
clean-files := x.c
",
        ));
        assert!(g.makes("tables.c"));
        assert!(g.makes("x_tbl.S"));
        assert!(!g.makes("_tbl.S"));
        assert!(g.makes("crc.h"));
        assert!(g.makes("x.c"));
        assert!(!g.makes("y.c"));
        assert!(!g.open);
    }

    #[test]
    fn computed_targets_open_it() {
        assert!(generated(&read("$(objs): $(obj)/%.o: $(src)/%.c\n\tcc\n")).open);
        assert!(generated(&read("$(addprefix $(obj)/,$(x)): y\n")).open);
        assert!(generated(&read("$(eval $(call gen,x))\n")).open);
        assert!(!generated(&read("$(warning hi)\n")).open);
    }
}
