//! Desktop app (placeholder while the core settles).
use std::process::ExitCode;
pub fn run(_a: crate::cli::AppArgs, _l: crate::i18n::Lang) -> ExitCode { ExitCode::SUCCESS }
