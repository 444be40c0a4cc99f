use clap::Parser;

/// ASTs are built on one thread and freed on another (parse, transform, concatenation all run
/// on rayon's pool); glibc's allocator serialises such frees on its arena locks, mimalloc
/// does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Deeply nested input recurses deeply in swc's visitors and in dropping the AST; the build
/// runs on threads with large stacks (reserved address space, not memory) so that such input
/// is bundled or reported, never a crash.
const STACK_SIZE: usize = 512 * 1024 * 1024;

/// mimalloc's `mi_option_purge_delay` (the enum `mi_option_e` of v3's `mimalloc.h`, the
/// version libmimalloc-sys 0.1.49 builds; its Rust constants still carry v2's numbering).
const MI_OPTION_PURGE_DELAY: i32 = 15;

unsafe extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

fn main() {
    // mimalloc gives freed pages back to the OS 10 ms after they empty, and the next
    // allocation faults them in again, zeroed: on a 2-core VM a third of a warm build of
    // 5,000 modules went to zeroing pages. A build frees and allocates in waves (parse,
    // link, render), so it keeps what it freed: 15-20% faster cold and warm builds, at the
    // cost of a dev server keeping its peak memory.
    // SAFETY: an option setter of the allocator this binary links, called before any thread.
    unsafe {
        mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
    // A write past the file-size limit (`ulimit -f`) would otherwise kill the process with
    // SIGXFSZ; ignored, the write fails with EFBIG and the build reports it.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = mfbundle::cli::Cli::parse();
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build_global();
    let code = std::thread::Builder::new()
        .name("mfbundle".into())
        .stack_size(STACK_SIZE)
        .spawn(move || mfbundle::cli::run(cli))
        .ok()
        .and_then(|h| h.join().ok())
        .unwrap_or(101);
    std::process::exit(code);
}
