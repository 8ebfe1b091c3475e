//! Splitting a shell command line into words the way a POSIX shell does
//! (quotes and backslashes; no expansions), for the `arguments` of a
//! compile database entry.

/// The words of `cmd`.
pub fn split(cmd: &str) -> Vec<String> {
    let b = cmd.as_bytes();
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            b'\'' => {
                in_word = true;
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    cur.push(b[i]);
                    i += 1;
                }
            }
            b'"' => {
                in_word = true;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\'
                        && i + 1 < b.len()
                        && matches!(b[i + 1], b'"' | b'\\' | b'$' | b'`' | b'\n')
                    {
                        i += 1;
                        if b[i] != b'\n' {
                            cur.push(b[i]);
                        }
                    } else {
                        cur.push(b[i]);
                    }
                    i += 1;
                }
            }
            b'\\' => {
                in_word = true;
                if i + 1 < b.len() {
                    i += 1;
                    if b[i] != b'\n' {
                        cur.push(b[i]);
                    }
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
        i += 1;
    }
    if in_word {
        out.push(cur);
    }
    out.into_iter()
        .map(|w| String::from_utf8_lossy(&w).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn words() {
        assert_eq!(
            super::split(r#"gcc -D'KBUILD_MODNAME="main"' -DX=\"y\" "a b" c\ d ''"#),
            vec![
                "gcc",
                "-DKBUILD_MODNAME=\"main\"",
                "-DX=\"y\"",
                "a b",
                "c d",
                ""
            ]
        );
    }
}
