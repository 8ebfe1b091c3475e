//! Length-prefixed little-endian records for kmake's private files (a
//! make process's observations, the no-op memo): fast to write and read, and
//! a truncated or foreign file reads as an error, never as data.

/// Appends a byte string.
pub fn put(out: &mut Vec<u8>, b: &[u8]) {
    put_u64(out, b.len() as u64);
    out.extend_from_slice(b);
}

pub fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Reads what `put` and `put_u64` wrote, in order.
pub struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, at: 0 }
    }

    pub fn u64(&mut self) -> Option<u64> {
        let b = self.data.get(self.at..self.at.checked_add(8)?)?;
        self.at += 8;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        let b = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }

    /// Whether everything was read.
    pub fn at_end(&self) -> bool {
        self.at == self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut v = Vec::new();
        put(&mut v, b"abc");
        put_u64(&mut v, 7);
        let mut r = Reader::new(&v);
        assert_eq!(r.bytes(), Some(&b"abc"[..]));
        assert_eq!(r.u64(), Some(7));
        assert!(r.at_end());
        let mut r = Reader::new(&v[..5]);
        assert_eq!(r.bytes(), None);
        let huge = u64::MAX.to_le_bytes();
        assert_eq!(Reader::new(&huge).bytes(), None);
    }
}
