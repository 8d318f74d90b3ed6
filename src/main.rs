//! The program: the desktop app when no command is given, else one command of the
//! command line. The choice is made here, so that the command line never calls up into
//! the app (docs/architecture.md).

use std::process::ExitCode;

use fibrelab::cli::help;

fn main() -> ExitCode {
    // The language first, so that the help and a command line that cannot be read are
    // told in it too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_of_args(&args);
    let cli = match help::parse(lang, args) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Some(command) => fibrelab::cli::run(command, lang, cli.db),
        None => open_app(cli.app, cli.db, lang),
    }
}

#[cfg(feature = "gui")]
fn open_app(
    args: fibrelab::cli::AppArgs,
    db: Option<std::path::PathBuf>,
    lang: fibrelab::i18n::Lang,
) -> ExitCode {
    fibrelab::app::run(args, db, lang)
}

#[cfg(not(feature = "gui"))]
fn open_app(
    _args: fibrelab::cli::AppArgs,
    _db: Option<std::path::PathBuf>,
    lang: fibrelab::i18n::Lang,
) -> ExitCode {
    fibrelab::cli::no_app(lang)
}
