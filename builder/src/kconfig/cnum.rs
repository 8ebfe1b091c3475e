//! C library number parsing (`strtoll`, `strtoull`) with glibc's exact rules.
//!
//! Kconfig compares and range-checks numbers with these functions, including
//! their quirks (leading blanks, optional sign, `0x` prefix, saturation on
//! overflow, and stopping at the first invalid byte), so we reproduce them.

fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn digit(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32 + 10),
        b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
        _ => None,
    }
}

/// Parses the magnitude: returns (value, end index, overflowed, negative).
fn parse(s: &[u8], base: u32) -> (u64, usize, bool, bool) {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    if (base == 0 || base == 16)
        && i + 1 < s.len()
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && s.get(i + 2).and_then(|&c| digit(c)).is_some_and(|d| d < 16)
    {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if i < s.len() && s[i] == b'0' { 8 } else { 10 };
    }
    let start = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    while i < s.len() {
        let Some(d) = digit(s[i]).filter(|&d| d < base) else {
            break;
        };
        match v
            .checked_mul(base as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        // No digits: nothing is consumed (not even blanks or the sign).
        return (0, 0, false, false);
    }
    (v, i, overflow, neg)
}

/// `strtoll`: (value, bytes consumed, ERANGE).
pub fn strtoll(s: &[u8], base: u32) -> (i64, usize, bool) {
    let (v, end, overflow, neg) = parse(s, base);
    if overflow {
        return (if neg { i64::MIN } else { i64::MAX }, end, true);
    }
    if neg {
        if v > (i64::MAX as u64) + 1 {
            return (i64::MIN, end, true);
        }
        (0i64.wrapping_sub(v as i64), end, false)
    } else {
        if v > i64::MAX as u64 {
            return (i64::MAX, end, true);
        }
        (v as i64, end, false)
    }
}

/// `strtoull`: (value, bytes consumed, ERANGE). A minus sign negates modulo 2^64.
pub fn strtoull(s: &[u8], base: u32) -> (u64, usize, bool) {
    let (v, end, overflow, neg) = parse(s, base);
    if overflow {
        return (u64::MAX, end, true);
    }
    (if neg { v.wrapping_neg() } else { v }, end, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtoll_matches_libc_rules() {
        assert_eq!(strtoll(b"42", 10), (42, 2, false));
        assert_eq!(strtoll(b"  -7x", 10), (-7, 4, false));
        assert_eq!(strtoll(b"0x1f", 16), (31, 4, false));
        assert_eq!(strtoll(b"1f", 16), (31, 2, false));
        assert_eq!(strtoll(b"0x", 16), (0, 1, false));
        assert_eq!(strtoll(b"010", 0), (8, 3, false));
        assert_eq!(strtoll(b"", 10), (0, 0, false));
        assert_eq!(strtoll(b"-", 10), (0, 0, false));
        assert_eq!(strtoll(b"99999999999999999999", 10), (i64::MAX, 20, true));
        assert_eq!(strtoull(b"-1", 10), (u64::MAX, 2, false));
        assert_eq!(strtoull(b"ffffffffffffffff", 16), (u64::MAX, 16, false));
    }
}
