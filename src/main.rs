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

fn main() {
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
