use std::process::ExitCode;

use clap::Parser;

mod cli;
mod cmd;

// Pages are rendered and minified from every core at once; glibc's malloc spent a third of a
// `build --minify` in its arenas (perf, medium bench site), mimalloc's per-thread heaps do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build(args) => cmd::build::run(args, &cli.output),
        cli::Command::Check(args) => cmd::check::run(args, &cli.output),
        cli::Command::Completions(args) => cmd::completions::run(args),
        cli::Command::Import(args) => cmd::import::run(args),
        cli::Command::Export(args) => cmd::export::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args, &cli.output),
        cli::Command::Init(args) => cmd::init::run(args, &cli.output),
        cli::Command::New(args) => cmd::new::run(args),
    }
}
