//! The Kconfig macro language: `$(var)`, `$(call-like,args)`, built-in functions.
//!
//! Variables are assigned with `=` (recursive), `:=` (simple) and `+=`; user
//! functions read their arguments as `$(1)`, `$(2)`, ...; undefined names fall
//! back to environment variables, whose values are remembered for
//! `include/config/auto.conf.cmd`. Built-ins: `shell`, `info`, `warning-if`,
//! `error-if`, `filename`, `lineno`.

use std::sync::Arc;

use super::cnum;
use super::host::Host;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Recursive,
    Simple,
    Append,
}

#[derive(Clone, Debug)]
struct Variable {
    name: String,
    value: String,
    flavor: Flavor,
    exp_count: u32,
}

/// A fatal preprocessor error (the C tool exits); the text is the full message.
#[derive(Debug, Clone)]
pub struct Fatal(pub String);

/// Where expansion happens, for `$(filename)`, `$(lineno)` and messages.
pub struct PpContext<'a> {
    pub filename: &'a str,
    pub lineno: u32,
    pub host: &'a dyn Host,
}

/// What a built-in printed, in order.
#[derive(Clone, Debug)]
pub enum PpOutput {
    Stdout(String),
    Stderr(String),
    /// What a `$(shell)` command wrote on stderr, as is.
    RawStderr(String),
}

/// A macro definition site, for the language server.
#[derive(Clone, Debug)]
pub struct MacroDef {
    pub name: String,
    pub file: Arc<str>,
    pub line: u32,
}

#[derive(Default)]
pub struct Preprocessor {
    vars: Vec<Variable>,
    /// Environment variables referenced, in first-use order.
    pub env_used: Vec<(String, String)>,
    pub output: Vec<PpOutput>,
}

const FUNCTION_MAX_ARGS: usize = 16;

impl Preprocessor {
    fn lookup(&self, name: &str) -> Option<usize> {
        self.vars.iter().position(|v| v.name == name)
    }

    /// Names of all variables currently defined.
    pub fn variable_names(&self) -> Vec<String> {
        self.vars.iter().map(|v| v.name.clone()).collect()
    }

    /// `name op value` (C: `variable_add`).
    pub fn add(
        &mut self,
        cx: &PpContext,
        name: &str,
        value: &str,
        flavor: Flavor,
    ) -> Result<(), Fatal> {
        let mut flavor = flavor;
        let mut append = false;
        let idx = match self.lookup(name) {
            Some(i) => {
                if flavor == Flavor::Append {
                    flavor = self.vars[i].flavor;
                    append = true;
                }
                i
            }
            None => {
                if flavor == Flavor::Append {
                    flavor = Flavor::Recursive;
                }
                self.vars.push(Variable {
                    name: name.to_string(),
                    value: String::new(),
                    flavor,
                    exp_count: 0,
                });
                self.vars.len() - 1
            }
        };
        self.vars[idx].flavor = flavor;
        let new_value = if flavor == Flavor::Simple {
            self.expand_string(cx, value, &[])?
        } else {
            value.to_string()
        };
        if append {
            let v = &mut self.vars[idx].value;
            v.push(' ');
            v.push_str(&new_value);
        } else {
            self.vars[idx].value = new_value;
        }
        Ok(())
    }

    fn env_expand(&mut self, cx: &PpContext, name: &str) -> Option<String> {
        if name.is_empty() {
            return None;
        }
        if let Some((_, v)) = self.env_used.iter().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        let v = cx.host.getenv(name)?;
        self.env_used.push((name.to_string(), v.clone()));
        Some(v)
    }

    fn variable_expand(
        &mut self,
        cx: &PpContext,
        name: &str,
        args: &[String],
    ) -> Result<Option<String>, Fatal> {
        let Some(i) = self.lookup(name) else {
            return Ok(None);
        };
        if args.is_empty() && self.vars[i].exp_count > 0 {
            return Err(fatal(
                cx,
                &format!("Recursive variable '{name}' references itself (eventually)"),
            ));
        }
        if self.vars[i].exp_count > 1000 {
            return Err(fatal(cx, "Too deep recursive expansion"));
        }
        self.vars[i].exp_count += 1;
        let res = if self.vars[i].flavor == Flavor::Recursive {
            let value = self.vars[i].value.clone();
            self.expand_string(cx, &value, args)
        } else {
            Ok(self.vars[i].value.clone())
        };
        // The variable list only grows, so the index stays valid.
        self.vars[i].exp_count -= 1;
        res.map(Some)
    }

    fn function_expand(
        &mut self,
        cx: &PpContext,
        name: &str,
        args: &[String],
    ) -> Result<Option<String>, Fatal> {
        let (min, max) = match name {
            "error-if" | "warning-if" => (2, 2),
            "filename" | "lineno" => (0, 0),
            "info" | "shell" => (1, 1),
            _ => return Ok(None),
        };
        if args.len() < min {
            return Err(fatal(
                cx,
                &format!("too few function arguments passed to '{name}'"),
            ));
        }
        if args.len() > max {
            return Err(fatal(
                cx,
                &format!("too many function arguments passed to '{name}'"),
            ));
        }
        let out = match name {
            "error-if" => {
                if args[0] == "y" {
                    return Err(fatal(cx, &args[1]));
                }
                String::new()
            }
            "warning-if" => {
                if args[0] == "y" {
                    self.output.push(PpOutput::Stderr(format!(
                        "{}:{}: {}",
                        cx.filename, cx.lineno, args[1]
                    )));
                }
                String::new()
            }
            "filename" => cx.filename.to_string(),
            "lineno" => cx.lineno.to_string(),
            "info" => {
                self.output.push(PpOutput::Stdout(args[0].clone()));
                String::new()
            }
            "shell" => {
                let out = cx.host.shell(&args[0]);
                if !out.stderr.is_empty() {
                    self.output
                        .push(PpOutput::RawStderr(super::source::decode_bytes(
                            &out.stderr,
                        )));
                }
                shell_output(&out.stdout)
            }
            _ => unreachable!(),
        };
        Ok(Some(out))
    }

    /// Evaluates the text between `$(` and `)`.
    fn eval_clause(&mut self, cx: &PpContext, s: &str, args: &[String]) -> Result<String, Fatal> {
        let (n, used, _) = cnum::strtoull(s.as_bytes(), 10);
        if used == s.len() && used > 0 && n > 0 && (n as usize) <= args.len() {
            return Ok(args[n as usize - 1].clone());
        }
        let mut parts: Vec<&str> = Vec::new();
        let mut nest = 0i32;
        let mut start = 0;
        for (i, c) in s.bytes().enumerate() {
            match c {
                b',' if nest == 0 => {
                    if parts.len() >= FUNCTION_MAX_ARGS {
                        return Err(fatal(cx, "too many function arguments"));
                    }
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                b'(' => nest += 1,
                b')' => nest -= 1,
                _ => {}
            }
        }
        if parts.len() >= FUNCTION_MAX_ARGS {
            return Err(fatal(cx, "too many function arguments"));
        }
        parts.push(&s[start..]);
        let name = self.expand_string(cx, parts[0], args)?;
        let mut new_args = Vec::with_capacity(parts.len() - 1);
        for p in &parts[1..] {
            new_args.push(self.expand_string(cx, p, args)?);
        }
        if let Some(v) = self.variable_expand(cx, &name, &new_args)? {
            return Ok(v);
        }
        if let Some(v) = self.function_expand(cx, &name, &new_args)? {
            return Ok(v);
        }
        if new_args.is_empty() {
            if let Some(v) = self.env_expand(cx, &name) {
                return Ok(v);
            }
        }
        Ok(String::new())
    }

    /// Expands the reference after a `$`. `s` starts right after the `$`;
    /// returns the expansion and the number of bytes consumed.
    pub fn expand_dollar(
        &mut self,
        cx: &PpContext,
        s: &str,
        args: &[String],
    ) -> Result<(String, usize), Fatal> {
        let b = s.as_bytes();
        if b.first() != Some(&b'(') {
            return Ok(("$".to_string(), 0));
        }
        let mut nest = 0i32;
        let mut q = 1;
        while q < b.len() {
            match b[q] {
                b'(' => nest += 1,
                b')' => {
                    if nest == 0 {
                        break;
                    }
                    nest -= 1;
                }
                _ => {}
            }
            q += 1;
        }
        if q >= b.len() {
            return Err(fatal(
                cx,
                &format!("unterminated reference to '{}': missing ')'", &s[1..]),
            ));
        }
        let v = self.eval_clause(cx, &s[1..q], args)?;
        Ok((v, q + 1))
    }

    /// Expands `s` up to the first byte where `is_end` holds (outside references).
    fn expand_until(
        &mut self,
        cx: &PpContext,
        s: &str,
        args: &[String],
        is_end: fn(u8) -> bool,
    ) -> Result<(String, usize), Fatal> {
        let b = s.as_bytes();
        let mut out = String::new();
        let mut in_start = 0;
        let mut p = 0;
        loop {
            if p < b.len() && b[p] == b'$' {
                out.push_str(&s[in_start..p]);
                p += 1;
                let (v, used) = self.expand_dollar(cx, &s[p..], args)?;
                out.push_str(&v);
                p += used;
                in_start = p;
                continue;
            }
            if p >= b.len() || is_end(b[p]) {
                break;
            }
            p += 1;
        }
        out.push_str(&s[in_start..p]);
        Ok((out, p))
    }

    pub fn expand_string(
        &mut self,
        cx: &PpContext,
        s: &str,
        args: &[String],
    ) -> Result<String, Fatal> {
        self.expand_until(cx, s, args, |_| false).map(|(v, _)| v)
    }

    /// Expands one token: stops at the first byte that cannot be in a symbol name.
    pub fn expand_one_token(&mut self, cx: &PpContext, s: &str) -> Result<(String, usize), Fatal> {
        self.expand_until(cx, s, &[], |c| {
            !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        })
    }
}

fn fatal(cx: &PpContext, msg: &str) -> Fatal {
    Fatal(format!("{}:{}: {}", cx.filename, cx.lineno, msg))
}

/// Post-processes `$(shell)` output like the C tool: at most 4095 bytes, trailing
/// newlines dropped, inner newlines turned into spaces.
pub fn shell_output(raw: &[u8]) -> String {
    let mut n = raw.len().min(4095);
    while n > 0 && raw[n - 1] == b'\n' {
        n -= 1;
    }
    let bytes: Vec<u8> = raw[..n]
        .iter()
        .map(|&c| if c == b'\n' { b' ' } else { c })
        .collect();
    // The C tool stops at the first NUL.
    let bytes = match bytes.iter().position(|&c| c == 0) {
        Some(z) => bytes[..z].to_vec(),
        None => bytes,
    };
    super::source::decode_bytes(&bytes)
}
