//! Text with `$` references, parsed once: literals, variable references,
//! substitution references and function calls.
//!
//! The structure is decided lexically exactly as GNU make's expander scans:
//! a `$(` starts a function call when a known function name follows, else a
//! variable reference ending at the first closing paren — or, when the name
//! contains `$`, at the matching paren, the name being computed at expansion
//! time (and only then checked for a `:a=b` substitution).

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::func::{lookup_function, FuncId};

/// A parsed string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Lit(Box<[u8]>),
    /// `$(name)`, `${name}` or `$x` with a literal name.
    Var(Box<[u8]>),
    /// `$(name:pat=rep)` with literal parts.
    Subst {
        name: Box<[u8]>,
        pat: Box<[u8]>,
        rep: Box<[u8]>,
    },
    /// `$(...)` whose name contains references: expanded, then used as a
    /// name or a substitution reference.
    Dyn(Expr),
    /// `$($(a)` and similar: an unbalanced computed name; the reference is
    /// taken literally and the rest of the string is dropped, as make does.
    Truncating(Box<[u8]>),
    /// A built-in function call with its (unexpanded) arguments.
    Func {
        f: FuncId,
        args: Vec<Expr>,
        open: u8,
    },
}

/// A parse failure: make reports these as fatal errors when expanding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    UnterminatedRef,
    UnterminatedCall { name: &'static str, close: u8 },
}

impl Expr {
    pub fn is_literal(&self) -> bool {
        self.nodes.iter().all(|n| matches!(n, Node::Lit(_)))
    }
}

fn push_lit(nodes: &mut Vec<Node>, s: &[u8]) {
    if s.is_empty() {
        return;
    }
    if let Some(Node::Lit(prev)) = nodes.last_mut() {
        let mut v = prev.to_vec();
        v.extend_from_slice(s);
        *prev = v.into_boxed_slice();
    } else {
        nodes.push(Node::Lit(Box::from(s)));
    }
}

/// Index of `c` in `s[from..to]`.
fn lindex(s: &[u8], from: usize, to: usize, c: u8) -> Option<usize> {
    s[from..to].iter().position(|&x| x == c).map(|p| p + from)
}

/// Splits function arguments at top-level commas (C `find_next_argument`).
fn split_args(s: &[u8], open: u8, close: u8, max: u32) -> Vec<&[u8]> {
    let mut args = Vec::new();
    let mut start = 0;
    let mut count = 0i32;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if max > 0 && args.len() as u32 + 1 == max {
            break;
        }
        if c == open {
            count += 1;
        } else if c == close {
            count -= 1;
        } else if c == b',' && count == 0 {
            args.push(&s[start..i]);
            start = i + 1;
        }
        i += 1;
    }
    args.push(&s[start..]);
    args
}

/// Parses `s` (C `variable_expand_string`'s scan).
pub fn parse(s: &[u8]) -> Result<Expr, ParseError> {
    let mut nodes = Vec::new();
    let mut p = 0;
    while p < s.len() {
        let Some(d) = s[p..].iter().position(|&c| c == b'$').map(|x| x + p) else {
            push_lit(&mut nodes, &s[p..]);
            break;
        };
        push_lit(&mut nodes, &s[p..d]);
        let q = d + 1;
        if q >= s.len() {
            push_lit(&mut nodes, b"$");
            break;
        }
        match s[q] {
            b'$' => {
                push_lit(&mut nodes, b"$");
                p = q + 1;
            }
            b'(' | b'{' => {
                let open = s[q];
                let close = if open == b'(' { b')' } else { b'}' };
                let beg = q + 1;
                if let Some(f) = lookup_function(&s[beg..]) {
                    let name_len = f.name.len();
                    let mut a = beg + name_len;
                    while a < s.len() && super::text::is_space(s[a]) {
                        a += 1;
                    }
                    // Find the end, counting nested parens of our kind.
                    let mut count = 0i32;
                    let mut end = a;
                    while end < s.len() {
                        let c = s[end];
                        if c == open {
                            count += 1;
                        } else if c == close {
                            count -= 1;
                            if count < 0 {
                                break;
                            }
                        }
                        end += 1;
                    }
                    if count >= 0 {
                        return Err(ParseError::UnterminatedCall {
                            name: f.name,
                            close,
                        });
                    }
                    let raw_args = split_args(&s[a..end], open, close, f.max_args);
                    let mut args = Vec::with_capacity(raw_args.len());
                    for r in raw_args {
                        args.push(parse(r)?);
                    }
                    nodes.push(Node::Func {
                        f: f.id,
                        args,
                        open,
                    });
                    p = end + 1;
                    continue;
                }
                let Some(end) = lindex(s, beg, s.len(), close) else {
                    return Err(ParseError::UnterminatedRef);
                };
                if lindex(s, beg, end, b'$').is_some() {
                    let mut count = 0i32;
                    let mut m = beg;
                    while m < s.len() {
                        if s[m] == open {
                            count += 1;
                        } else if s[m] == close {
                            count -= 1;
                            if count < 0 {
                                break;
                            }
                        }
                        m += 1;
                    }
                    if count < 0 {
                        nodes.push(Node::Dyn(parse(&s[beg..m])?));
                        p = m + 1;
                        continue;
                    }
                    nodes.push(Node::Truncating(Box::from(&s[beg..end])));
                    return Ok(Expr { nodes });
                }
                nodes.push(static_ref(&s[beg..end]));
                p = end + 1;
            }
            _ => {
                nodes.push(Node::Var(Box::from(&s[q..q + 1])));
                p = q + 1;
            }
        }
    }
    Ok(Expr { nodes })
}

/// A reference with a literal name: plain or substitution.
pub fn static_ref(name: &[u8]) -> Node {
    if let Some(colon) = name.iter().position(|&c| c == b':') {
        if let Some(eq) = name[colon + 1..]
            .iter()
            .position(|&c| c == b'=')
            .map(|x| x + colon + 1)
        {
            return Node::Subst {
                name: Box::from(&name[..colon]),
                pat: Box::from(&name[colon + 1..eq]),
                rep: Box::from(&name[eq + 1..]),
            };
        }
    }
    Node::Var(Box::from(name))
}

/// A process-wide cache of parsed strings, shared by all make instances.
#[derive(Default)]
pub struct ExprCache {
    map: Mutex<FxHashMap<Box<[u8]>, Parsed>>,
}

/// A cached parse.
type Parsed = Result<Arc<Expr>, ParseError>;

/// Longest text the cache keeps.
const MAX_CACHED: usize = 2048;

impl ExprCache {
    /// Entries and bytes of text kept.
    pub fn size(&self) -> (usize, usize) {
        let m = self.map.lock().expect("expr cache");
        (m.len(), m.keys().map(|k| k.len()).sum())
    }

    pub fn get(&self, s: &[u8]) -> Result<Arc<Expr>, ParseError> {
        // Long texts (dependency lists of kbuild's .cmd files) are seldom
        // parsed twice; keeping them would only cost memory.
        if s.len() > MAX_CACHED {
            return parse(s).map(Arc::new);
        }
        if let Some(r) = self.map.lock().expect("expr cache").get(s) {
            return r.clone();
        }
        let r = parse(s).map(Arc::new);
        self.map
            .lock()
            .expect("expr cache")
            .insert(Box::from(s), r.clone());
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Node {
        Node::Lit(Box::from(s.as_bytes()))
    }
    fn var(s: &str) -> Node {
        Node::Var(Box::from(s.as_bytes()))
    }

    #[test]
    fn references() {
        assert_eq!(
            parse(b"a$$b$(X)c${Y}$Z$").unwrap().nodes,
            vec![lit("a$b"), var("X"), lit("c"), var("Y"), var("Z"), lit("$")]
        );
        assert!(matches!(
            &parse(b"$(A:.c=.o)").unwrap().nodes[0],
            Node::Subst { .. }
        ));
        assert!(matches!(&parse(b"$($(A))").unwrap().nodes[0], Node::Dyn(_)));
        assert_eq!(parse(b"$(foo"), Err(ParseError::UnterminatedRef));
    }

    #[test]
    fn functions() {
        let e = parse(b"$(subst a,b,$(X),y)").unwrap();
        match &e.nodes[0] {
            Node::Func { args, .. } => {
                assert_eq!(args.len(), 3);
                assert_eq!(args[2].nodes, vec![var("X"), lit(",y")]);
            }
            n => panic!("{n:?}"),
        }
        // Not a function name when followed by a non-space.
        assert_eq!(parse(b"$(substx)").unwrap().nodes, vec![var("substx")]);
        assert!(matches!(
            parse(b"$(if a,b"),
            Err(ParseError::UnterminatedCall { .. })
        ));
    }
}
