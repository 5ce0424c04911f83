//! The byte scan JSON reading and writing share: where the next byte
//! stands that a JSON string cannot hold as it is.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH: u64 = ONES * 0x80;

/// The top bit of every byte of `x` (eight bytes, little-endian) that is a
/// `"`, `\` or control character (below 0x20), and maybe of bytes above
/// such a byte: the "has a zero byte" test (subtracting 1 from every byte
/// borrows out of a byte only where it was zero). A borrow can flag a byte
/// above a flagged one, never below it, so the lowest flag is exact.
#[inline]
fn flags(x: u64) -> u64 {
    let zero = |y: u64| y.wrapping_sub(ONES) & !y;
    (x.wrapping_sub(ONES * 0x20) | zero(x ^ (ONES * b'"' as u64)) | zero(x ^ (ONES * b'\\' as u64)))
        & !x
        & HIGH
}

#[inline]
fn word(c: &[u8]) -> u64 {
    u64::from_le_bytes(c.try_into().expect("eight bytes"))
}

/// The index of the first `"`, `\` or control character (below 0x20) in
/// `bytes`: the bytes a JSON string escapes, which the writer must escape.
/// `None` when there is none. Eight bytes at a time (see [`flags`]), for
/// short strings such as names.
#[inline]
pub(crate) fn first_special(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
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

/// [`first_special`] sixteen bytes to a step, for long strings: article
/// text in JSON Lines runs some seventy bytes between escapes, and one test
/// of two words costs less than two of one.
#[inline]
pub(crate) fn first_special_long(bytes: &[u8]) -> Option<usize> {
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
    first_special(pairs.remainder()).map(|i| at + i)
}

/// The byte-by-byte test [`first_special`] makes eight bytes at a time.
#[inline]
pub(crate) fn is_special(b: u8) -> bool {
    SPECIAL[b as usize]
}

/// [`is_special`] as a table: the writer's strings are mostly names of a
/// few bytes, tested byte by byte after the word steps, where one load
/// costs less than three comparisons.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    t
};

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
                        let want = v.iter().position(|&x| x < 0x20 || x == b'"' || x == b'\\');
                        assert_eq!(first_special(&v), want, "{v:?}");
                        assert_eq!(first_special_long(&v), want, "{v:?}");
                    }
                }
            }
        }
    }
}
