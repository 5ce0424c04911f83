//! The global allocator: mimalloc, asked through its plain entry points.
//!
//! The pipeline makes many small, short-lived allocations (tokens,
//! candidate spans, JSON strings); mimalloc serves them about three times
//! faster than the system allocator and keeps per-thread heaps for the
//! worker threads. The `mimalloc` crate's own `GlobalAlloc` passes every
//! request to `mi_malloc_aligned`, whose alignment checks cost about 45
//! instructions an allocation (1.5% of a run at 775 K allocations over
//! 2.9 MB); almost every request here asks for 8-byte alignment or less,
//! which plain `mi_malloc` always gives, so those go there.

use std::alloc::{GlobalAlloc, Layout};

/// Every block `mi_malloc` returns is aligned to at least the machine word
/// (mimalloc's smallest size class is one word and blocks are laid out
/// from word-aligned page starts), so requests up to this alignment need
/// no aligned allocation.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

// SAFETY: every pointer handed out comes from mimalloc: from `mi_malloc`/
// `mi_zalloc`/`mi_realloc` when the layout's alignment is at most the
// machine word, which those functions guarantee (see `PLAIN_ALIGN`), and
// otherwise from the `mimalloc` crate's aligned implementation. mimalloc
// frees and reallocates any of its blocks whatever function made it
// (`mi_free` takes blocks of the aligned functions too), so `dealloc` and
// `realloc` may be routed by the layout's alignment alone, which is the
// same at allocation and release as the `GlobalAlloc` contract requires.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            // SAFETY: see the impl's comment; `size` may be any value.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's guarantees pass on unchanged.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            // SAFETY: as in `alloc`; `mi_zalloc` returns zeroed memory.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's guarantees pass on unchanged.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            // SAFETY: `ptr` came from mimalloc with this alignment, which a
            // reallocated block keeps (see the impl's comment).
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: the caller's guarantees pass on unchanged.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 9, 24, 100, 4096, 1 << 20] {
                let l = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; freed below with its layout.
                unsafe {
                    let p = a.alloc(l);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xAB, size);
                    let q = a.realloc(p, l, size * 3);
                    assert_eq!(q as usize % align, 0);
                    assert_eq!(*q, 0xAB);
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(l);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, l);
                }
            }
        }
    }
}
