//! Turning a recipe line into an argument vector (C
//! `construct_command_argv_internal`): simple lines run directly, without a
//! shell; anything the shell must interpret goes to `$(SHELL) $(.SHELLFLAGS)`.
//! Which path a line takes is visible (error messages, `$$` handling), so the
//! decision is GNU make's, character for character.

/// Characters that make a line need the shell.
const SH_CHARS: &[u8] = b"#;\"*?[]&|<>(){}$`^~!";

/// Shell built-ins: a line starting with one of these needs the shell.
const SH_CMDS: &[&[u8]] = &[
    b".",
    b":",
    b"alias",
    b"bg",
    b"break",
    b"case",
    b"cd",
    b"command",
    b"continue",
    b"eval",
    b"exec",
    b"exit",
    b"export",
    b"fc",
    b"fg",
    b"for",
    b"getopts",
    b"hash",
    b"if",
    b"jobs",
    b"login",
    b"logout",
    b"read",
    b"readonly",
    b"return",
    b"set",
    b"shift",
    b"test",
    b"times",
    b"trap",
    b"type",
    b"ulimit",
    b"umask",
    b"unalias",
    b"unset",
    b"wait",
    b"while",
];

/// The default shell.
pub const DEFAULT_SHELL: &[u8] = b"/bin/sh";

/// The parts of a line's context that decide how it runs.
pub struct ShellSpec<'a> {
    /// `$(SHELL)`, expanded.
    pub shell: &'a [u8],
    /// `.SHELLFLAGS`, expanded.
    pub shellflags: &'a [u8],
    /// `$(IFS)`, expanded.
    pub ifs: &'a [u8],
    /// `.ONESHELL` in effect.
    pub one_shell: bool,
}

/// The result: the argument vector (`None` for an empty line) and, when a
/// newline ended the line early, the index where the rest starts.
pub struct Argv {
    pub argv: Option<Vec<Vec<u8>>>,
    pub rest: Option<usize>,
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// C `construct_command_argv_internal`. `stop_at_newline`: `restp` given.
pub fn construct(line: &[u8], stop_at_newline: bool, spec: &ShellSpec<'_>) -> Argv {
    let mut start = 0;
    while start < line.len() && is_blank(line[start]) {
        start += 1;
    }
    if start == line.len() {
        return Argv {
            argv: None,
            rest: None,
        };
    }
    let line_full = line;
    let line = &line[start..];
    let shellflags: &[u8] = spec.shellflags;
    let mut slow = spec.shell != DEFAULT_SHELL;
    if !slow
        && spec
            .ifs
            .iter()
            .any(|&c| c != b' ' && c != b'\t' && c != b'\n')
    {
        slow = true;
    }
    if !slow && shellflags != b"-c" && shellflags != b"-ec" {
        slow = true;
    }
    if !slow {
        if let Some(r) = fast_path(line, stop_at_newline, spec.one_shell) {
            let rest = r.rest.map(|x| x + start);
            return Argv { argv: r.argv, rest };
        }
    }
    let _ = line_full;
    slow_path(line, start, stop_at_newline, spec)
}

struct Fast {
    argv: Option<Vec<Vec<u8>>>,
    rest: Option<usize>,
}

/// Splits a line into words when no shell is needed; `None` when it is.
fn fast_path(line: &[u8], stop_at_newline: bool, one_shell: bool) -> Option<Fast> {
    let mut args: Vec<Vec<u8>> = vec![Vec::new()];
    let mut instring: u8 = 0;
    let mut word_has_equals = false;
    let mut seen_nonequals = false;
    let mut last_argument_was_empty = false;
    let mut rest = None;
    let mut p = 0;
    while p < line.len() {
        let c = line[p];
        let cur = args.last_mut().expect("word");
        if instring != 0 {
            if c == instring {
                instring = 0;
                if cur.is_empty() {
                    last_argument_was_empty = true;
                }
            } else if c == b'\\' && line.get(p + 1) == Some(&b'\n') {
                if instring == b'"' {
                    p += 1;
                } else {
                    cur.push(c);
                    p += 1;
                    cur.push(line[p]);
                }
            } else if c == b'\n' && stop_at_newline {
                rest = Some(p);
                break;
            } else if instring == b'"' && matches!(c, b'\\' | b'$' | b'`') {
                return None;
            } else {
                cur.push(c);
            }
            p += 1;
            continue;
        }
        if SH_CHARS.contains(&c) {
            return None;
        }
        if one_shell && c == b'\n' {
            return None;
        }
        match c {
            b'=' => {
                if !seen_nonequals {
                    return None;
                }
                word_has_equals = true;
                cur.push(b'=');
            }
            b'\\' => {
                if line.get(p + 1) == Some(&b'\n') {
                    p += 1;
                    if cur.is_empty() {
                        while line.get(p + 1).is_some_and(|&x| is_blank(x)) {
                            p += 1;
                        }
                    }
                } else if p + 1 < line.len() {
                    p += 1;
                    cur.push(line[p]);
                }
            }
            b'\'' | b'"' => instring = c,
            b'\n' => {
                if stop_at_newline {
                    rest = Some(p);
                    break;
                }
                cur.push(b'\n');
            }
            b' ' | b'\t' => {
                args.push(Vec::new());
                last_argument_was_empty = false;
                seen_nonequals |= !word_has_equals;
                if word_has_equals && !seen_nonequals {
                    return None;
                }
                word_has_equals = false;
                if args.len() == 2 && SH_CMDS.contains(&args[0].as_slice()) {
                    return None;
                }
                while line.get(p + 1).is_some_and(|&x| is_blank(x)) {
                    p += 1;
                }
            }
            _ => cur.push(c),
        }
        p += 1;
    }
    if instring != 0 {
        return None;
    }
    if args.last().is_some_and(|w| w.is_empty()) && !last_argument_was_empty {
        args.pop();
    }
    if args.len() == 1 && SH_CMDS.contains(&args[0].as_slice()) {
        return None;
    }
    if args.is_empty() {
        return Some(Fast { argv: None, rest });
    }
    Some(Fast {
        argv: Some(args),
        rest,
    })
}

/// The shell path: `SHELL SHELLFLAGS line` re-split as make does.
fn slow_path(line: &[u8], start: usize, stop_at_newline: bool, spec: &ShellSpec<'_>) -> Argv {
    let shell: &[u8] = if spec.shell.is_empty() {
        DEFAULT_SHELL
    } else {
        spec.shell
    };
    if spec.one_shell {
        // With a POSIX shell, the prefix characters of each recipe line are
        // dropped; another shell gets the text as it is.
        let posix = super::shell::is_bourne_compatible_shell(shell);
        let mut t = Vec::with_capacity(line.len());
        let mut f = 0;
        while posix && f < line.len() {
            while f < line.len() && (is_blank(line[f]) || matches!(line[f], b'-' | b'@' | b'+')) {
                f += 1;
            }
            let mut esc = false;
            while f < line.len() {
                let c = line[f];
                t.push(c);
                f += 1;
                if c == b'\\' {
                    esc = !esc;
                } else {
                    if c == b'\n' && !esc {
                        break;
                    }
                    esc = false;
                }
            }
        }
        if !posix {
            t = line.to_vec();
        }
        let mut argv = vec![shell.to_vec()];
        if spec.shellflags.is_empty() {
            argv.push(Vec::new());
        } else {
            let flags = ShellSpec {
                shell: DEFAULT_SHELL,
                shellflags: b"-c",
                ifs: b"",
                one_shell: false,
            };
            if let Some(a) = construct(spec.shellflags, false, &flags).argv {
                argv.extend(a);
            }
        }
        argv.push(t);
        return Argv {
            argv: Some(argv),
            rest: None,
        };
    }
    let mut new_line: Vec<u8> = Vec::with_capacity(shell.len() * 2 + line.len() * 2 + 8);
    for &c in shell {
        if SH_CHARS.contains(&c) {
            new_line.push(b'\\');
        }
        new_line.push(c);
    }
    new_line.push(b' ');
    if !spec.shellflags.is_empty() {
        new_line.extend_from_slice(spec.shellflags);
        new_line.push(b' ');
    }
    let args_start = new_line.len();
    let mut rest = None;
    let mut p = 0;
    while p < line.len() {
        let c = line[p];
        if stop_at_newline && c == b'\n' {
            rest = Some(p + start);
            break;
        }
        if c == b'\\' && line.get(p + 1) == Some(&b'\n') {
            new_line.extend_from_slice(b"\\\\\n");
            p += 2;
            continue;
        }
        if c == b'\\' || c == b'\'' || c == b'"' || c.is_ascii_whitespace() || SH_CHARS.contains(&c)
        {
            new_line.push(b'\\');
        }
        new_line.push(c);
        p += 1;
    }
    if new_line.len() == args_start {
        return Argv { argv: None, rest };
    }
    let plain = ShellSpec {
        shell: DEFAULT_SHELL,
        shellflags: b"-c",
        ifs: b"",
        one_shell: false,
    };
    let argv = fast_path(&new_line, false, false).and_then(|f| f.argv);
    let _ = plain;
    Argv { argv, rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> Vec<String> {
        let spec = ShellSpec {
            shell: b"/bin/sh",
            shellflags: b"-c",
            ifs: b"",
            one_shell: false,
        };
        construct(line.as_bytes(), true, &spec)
            .argv
            .unwrap_or_default()
            .iter()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect()
    }

    #[test]
    fn direct_and_shell() {
        assert_eq!(run("echo  a 'b c'"), vec!["echo", "a", "b c"]);
        assert_eq!(run("echo a > b"), vec!["/bin/sh", "-c", "echo a > b"]);
        assert_eq!(run("A=1 cmd"), vec!["/bin/sh", "-c", "A=1 cmd"]);
        assert_eq!(run("cd x"), vec!["/bin/sh", "-c", "cd x"]);
        assert_eq!(run("echo a=b"), vec!["echo", "a=b"]);
        assert_eq!(run("echo \"$x\""), vec!["/bin/sh", "-c", "echo \"$x\""]);
        assert_eq!(run("   "), Vec::<String>::new());
        assert_eq!(run("echo a\\\nb"), vec!["echo", "ab"]);
        assert_eq!(
            run("echo a; \\\n  b"),
            vec!["/bin/sh", "-c", "echo a; \\\n  b"]
        );
        assert_eq!(run("echo ''"), vec!["echo", ""]);
        assert_eq!(run(":"), vec!["/bin/sh", "-c", ":"]);
    }
}
