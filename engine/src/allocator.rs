//! The engine's memory: small blocks (a line's strings and vectors, made and freed by the
//! hundred thousand a pass) from mimalloc, which serves them in a fraction of the system
//! allocator's time; large ones (a whole text's buffers) from the system's, which hands
//! them back to the operating system as soon as they are freed, so that a large input's
//! peak memory is what it holds at once, not what it held over time.

use std::alloc::{GlobalAlloc, Layout, System};

use mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's own: return the free memory of its pages to the system (`force`: all of
    /// it now, not after its usual delay).
    fn mi_collect(force: bool);
}

/// Return the small blocks' free memory to the operating system now. mimalloc keeps a freed
/// page a while for reuse and returns it on a later call, so after a long text's last
/// window its pages would stay with the process while Python makes the output.
pub fn return_free_memory() {
    // SAFETY: mi_collect takes no pointer and may be called at any time.
    unsafe { mi_collect(true) }
}

/// The size from which a block is large.
const LARGE: usize = 64 << 10;

pub struct Allocator;

fn is_large(size: usize) -> bool {
    size >= LARGE
}

// SAFETY: each block is freed, and grown, by the allocator that made it: the one its size
// (which Rust passes back with the block) picks; a block that grows or shrinks across
// `LARGE` moves to the other allocator.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match is_large(layout.size()) {
            true => System.alloc(layout),
            false => MiMalloc.alloc(layout),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match is_large(layout.size()) {
            true => System.alloc_zeroed(layout),
            false => MiMalloc.alloc_zeroed(layout),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match is_large(layout.size()) {
            true => System.dealloc(ptr, layout),
            false => MiMalloc.dealloc(ptr, layout),
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (is_large(layout.size()), is_large(new_size)) {
            (true, true) => System.realloc(ptr, layout, new_size),
            (false, false) => MiMalloc.realloc(ptr, layout, new_size),
            _ => {
                let moved = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = self.alloc(moved);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}
