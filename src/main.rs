use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = fibrelab::cli::Cli::parse();
    fibrelab::cli::run(cli)
}
