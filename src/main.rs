use clap::Parser;

fn main() {
    let cli = mfbundle::cli::Cli::parse();
    std::process::exit(mfbundle::cli::run(cli));
}
