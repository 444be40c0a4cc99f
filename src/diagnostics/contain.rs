//! Panics of third-party code (swc's parser and transforms) contained and turned into
//! diagnostics. swc asserts things about its own state (`debug_assert!`, and `unwrap`s in
//! transforms); some malformed input trips them. Such a panic is caught where the file is
//! processed and reported as an error on that file, quietly: the default panic hook's
//! `thread panicked at` message and backtrace would read as a crash of mfbundle.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`; a panic in it becomes `Err(its message)` and prints nothing. Panics elsewhere
/// (bugs of mfbundle itself) still go to the previous panic hook.
pub fn contain_panic<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CONTAINED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    CONTAINED.with(|c| c.set(c.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(c.get() - 1));
    outcome.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown error")
            .to_string()
    })
}
