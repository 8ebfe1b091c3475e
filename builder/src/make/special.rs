//! Special variables: `.VARIABLES` computed on reference, and the variables
//! whose assignment changes make itself (`MAKEFLAGS`, `.RECIPEPREFIX`).

use super::instance::Make;
use super::var::{Origin, SetId};
use super::MResult;

impl Make {
    /// The value of a variable computed when referenced (C
    /// `lookup_special_var`), or `None` for ordinary variables.
    pub fn special_variable(&self, name: &[u8]) -> Option<Vec<u8>> {
        if name != b".VARIABLES" {
            return None;
        }
        let v = self.vars.global(name)?;
        if v.origin != Origin::Default || !v.value.is_empty() {
            return None;
        }
        let mut names: Vec<&[u8]> = self
            .vars
            .set(SetId::GLOBAL)
            .vars
            .keys()
            .map(|k| &k[..])
            .collect();
        names.sort_unstable();
        Some(names.join(&b' '))
    }

    /// Reacts to an assignment of a special variable in the global set (C
    /// `set_special_var`).
    pub fn special_var_set(&mut self, name: &[u8], origin: Origin) -> MResult<()> {
        match name {
            b"MAKEFLAGS" if self.makeflags_special => self.reset_makeflags(origin),
            b".RECIPEPREFIX" => {
                let v = self
                    .vars
                    .global(name)
                    .map(|v| v.value.first().copied())
                    .unwrap_or(None);
                self.cmd_prefix = v.unwrap_or(b'\t');
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
