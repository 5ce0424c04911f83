//! The one byte scan JSON reading and writing share: where the next byte
//! stands that a JSON string cannot hold as it is.

/// The index of the first `"`, `\` or control character (below 0x20) in
/// `bytes`: the bytes a JSON string escapes, which the JSON Lines reader
/// must look at and the writer must escape. `None` when there is none.
///
/// Eight bytes at a time: such a byte sets the top bit of its byte in
/// `flags` (the "has a zero byte" test: subtracting 1 from every byte
/// borrows out of a byte only where it was zero). A borrow can also flag a
/// byte above a flagged one, never below it, so the lowest flag is exact.
/// Sixteen bytes to a step: text runs some seventy bytes between escapes,
/// and one test of two words costs less than two of one.
#[inline]
pub(crate) fn first_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y;
    let flags = |x: u64| {
        (x.wrapping_sub(ONES * 0x20)
            | zero(x ^ (ONES * b'"' as u64))
            | zero(x ^ (ONES * b'\\' as u64)))
            & !x
            & HIGH
    };
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("eight bytes"));
    let mut pairs = bytes.chunks_exact(16);
    let mut at = 0;
    for c in &mut pairs {
        let (lo, hi) = (flags(word(&c[..8])), flags(word(&c[8..])));
        if lo | hi != 0 {
            let (f, base) = if lo != 0 { (lo, at) } else { (hi, at + 8) };
            return Some(base + f.trailing_zeros() as usize / 8);
        }
        at += 16;
    }
    let mut chunks = pairs.remainder().chunks_exact(8);
    for c in &mut chunks {
        let f = flags(word(c));
        if f != 0 {
            return Some(at + f.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&b| is_special(b)).map(|i| at + i)
}

/// The byte-by-byte test [`first_special`] makes eight bytes at a time.
#[inline]
pub(crate) fn is_special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time search finds what a byte-by-byte one finds,
    /// wherever the byte stands and whatever stands around it.
    #[test]
    fn first_special_is_exact() {
        for b in 0..=255u8 {
            for len in 0..40 {
                for at in 0..len {
                    for fill in [b'a', b' ', 0xC3, 0x7F, 0x1F, b'"'] {
                        let mut v = vec![fill; len];
                        v[at] = b;
                        let want = v.iter().position(|&x| is_special(x));
                        assert_eq!(first_special(&v), want, "{v:?}");
                    }
                }
            }
        }
    }
}
