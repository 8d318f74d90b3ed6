//! The command line in the reader's language: the help of every command and the
//! messages for a command line that cannot be read, in French or in English.
//!
//! The commands stay declared with clap's derive ([`Cli`]); before parsing, the language
//! is taken from the arguments (`--lang X`, `--lang=X`) or the environment, and the tree
//! of commands is given its texts from the catalogue (`assets/locales/*/cli.ftl`): each
//! command's description under `cli-<path>-about`, each argument's under
//! `cli-<path>-arg-<id>` (the path is the names of the subcommands, joined by `-`; the
//! program's own under `cli-about` and `cli-arg-<id>`), the headings, and the help and
//! version flags. A parse error is then told in a sentence of ours, built from what clap
//! found, followed by the usage line and where to read more.

use std::ffi::OsString;
use std::fmt;
use std::process::ExitCode;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{Lang, Msg, tr};

/// An error of one of our value parsers, told in the reader's language: clap keeps it as
/// the source of its error, and [`report`] renders it.
#[derive(Debug, Clone)]
pub struct MsgError(pub Msg);

impl fmt::Display for MsgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.render(Lang::En))
    }
}

impl std::error::Error for MsgError {}

/// The language the arguments ask for (`--lang fr`, `--lang=en`, the first one that
/// names a language, before any `--`), else the environment's ([`Lang::from_env`]).
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(l) = value.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env()
}

/// The catalogue key of a command's description: `cli-about` for the program,
/// `cli-assess-show-about` for `fibrelab assess show`.
pub fn about_key(path: &[String]) -> String {
    key_of(path, "about")
}

/// The catalogue key of an argument's help: `cli-arg-lang` for the program's `--lang`,
/// `cli-otdr-arg-wavelength` for `fibrelab otdr --wavelength` (`_` in an id becomes `-`).
pub fn arg_key(path: &[String], id: &str) -> String {
    key_of(path, &format!("arg-{}", id.replace('_', "-")))
}

fn key_of(path: &[String], what: &str) -> String {
    let mut key = String::from("cli-");
    for p in path {
        key.push_str(p);
        key.push('-');
    }
    key.push_str(what);
    key
}

/// The whole tree of commands with its texts in `lang`, ready to parse.
pub fn command(lang: Lang) -> Command {
    let root = Cli::command();
    let styles = root.get_styles().clone();
    let heading = |key: &str| {
        let h = styles.get_header();
        format!("{h}{}{h:#}", tr(lang, key))
    };
    let words = Words {
        lang,
        usage: {
            let u = styles.get_usage();
            format!("{u}{}{u:#}", tr(lang, "cli-heading-usage"))
        },
        commands: heading("cli-heading-commands"),
        arguments: heading("cli-heading-arguments"),
        options: heading("cli-heading-options"),
    };
    let root = localise(root, &mut Vec::new(), &words)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(usize::MAX)
                .help(tr(lang, "cli-flag-version")),
        );
    let mut root = root;
    root.build();
    name_help_subcommands(root, &words)
}

/// What every command's help is made of, in one language.
struct Words {
    lang: Lang,
    usage: String,
    commands: String,
    arguments: String,
    options: String,
}

/// A command's help: its description, its usage, then its subcommands, its positional
/// arguments and its options, each under its heading when it has some.
fn template(w: &Words, subcommands: bool, positionals: bool, options: bool) -> StyledStr {
    let mut t = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}",
        w.usage
    );
    let mut sections = Vec::new();
    if subcommands {
        sections.push(format!("{}\n{{subcommands}}", w.commands));
    }
    if positionals {
        sections.push(format!("{}\n{{positionals}}", w.arguments));
    }
    if options {
        sections.push(format!("{}\n{{options}}", w.options));
    }
    if !sections.is_empty() {
        t.push_str("\n\n");
        t.push_str(&sections.join("\n\n"));
    }
    t.push_str("{after-help}");
    StyledStr::from(t)
}

fn localise(cmd: Command, path: &mut Vec<String>, w: &Words) -> Command {
    let lang = w.lang;
    let subcommands = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let positionals = cmd
        .get_arguments()
        .any(|a| a.is_positional() && !a.is_hide_set());
    let about = tr(lang, &about_key(path));
    let arg_path = path.clone();
    let cmd = cmd
        .about(about)
        .long_about(None)
        .help_template(template(w, subcommands, positionals, true))
        .subcommand_value_name(tr(lang, "cli-value-command"))
        .disable_help_flag(true)
        .mut_args(|a| localise_arg(a, &arg_path, lang))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(usize::MAX)
                .help(tr(lang, "cli-flag-help")),
        );
    cmd.mut_subcommands(|s| {
        path.push(s.get_name().to_string());
        let s = localise(s, path, w);
        path.pop();
        s
    })
}

fn localise_arg(a: Arg, path: &[String], lang: Lang) -> Arg {
    let help = tr(lang, &arg_key(path, a.get_id().as_str()));
    if !a.get_action().takes_values() {
        return a.help(help).long_help(None);
    }
    let mut help = help;
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!(
            " [{}]",
            Msg::new("cli-default")
                .text("value", defaults.join(", "))
                .render(lang)
        ));
    }
    let possible: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() {
        help.push_str(&format!(
            " [{}]",
            Msg::new("cli-possible-values")
                .text("values", possible.join(", "))
                .render(lang)
        ));
    }
    a.help(help)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// The `help` subcommands clap adds while building the tree, in `lang` too.
fn name_help_subcommands(cmd: Command, w: &Words) -> Command {
    let mut cmd = cmd.mut_subcommands(|s| name_help_subcommands(s, w));
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |h| {
            let h = help_subcommand(h, w);
            if h.find_subcommand("help").is_some() {
                h.mut_subcommand("help", |hh| help_subcommand(hh, w))
            } else {
                h
            }
        });
    }
    cmd
}

fn help_subcommand(h: Command, w: &Words) -> Command {
    let subcommands = h.get_subcommands().next().is_some();
    h.about(tr(w.lang, "cli-help-about"))
        .subcommand_value_name(tr(w.lang, "cli-value-command"))
        .help_template(template(w, subcommands, false, false))
}

/// Parses the command line in `lang`; on help, version or an error, prints it and gives
/// the exit code (0 for help and version, 2 for a command line that cannot be read, as
/// clap's).
pub fn parse(lang: Lang, args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let mut cmd = command(lang);
    match cmd
        .try_get_matches_from_mut(args.clone())
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => Ok(cli),
        Err(e) => Err(report(lang, &mut cmd, &args, &e)),
    }
}

/// Prints what clap's error `e` tells, in `lang`; the exit code.
pub fn report(lang: Lang, cmd: &mut Command, args: &[OsString], e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // The help was made from our texts; a reader gone away (`| head`) is no error.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        ErrorKind::InvalidValue
        | ErrorKind::UnknownArgument
        | ErrorKind::InvalidSubcommand
        | ErrorKind::NoEquals
        | ErrorKind::ValueValidation
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::ArgumentConflict
        | ErrorKind::MissingRequiredArgument
        | ErrorKind::MissingSubcommand
        | ErrorKind::InvalidUtf8
        | ErrorKind::Io
        | ErrorKind::Format => {
            eprintln!("{}", error_text(lang, cmd, args, e));
            ExitCode::from(2)
        }
        // `ErrorKind` is non-exhaustive: a kind a later clap adds is still told in the
        // reader's language, without its details.
        _ => {
            eprintln!("{}", error_text(lang, cmd, args, e));
            ExitCode::from(2)
        }
    }
}

/// The text of a context value (a list joined by commas), without its styles.
fn ctx(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| v.to_string())
}

/// How many items a context value holds.
fn count(e: &clap::Error, kind: ContextKind) -> usize {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.len(),
        Some(ContextValue::StyledStrs(v)) => v.len(),
        Some(_) => 1,
        None => 0,
    }
}

/// A context number (how many values were given, expected).
fn number(e: &clap::Error, kind: ContextKind) -> i64 {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n as i64,
        Some(_) | None => 0,
    }
}

/// The sentences that say what is wrong, in `lang`: the fault, then any hint (the
/// values possible, a near name, clap's tips).
pub fn error_sentence(lang: Lang, e: &clap::Error) -> String {
    let (fault, hints) = error_msgs(e);
    let mut text = fault.render(lang);
    for h in hints {
        text.push(' ');
        text.push_str(&h.render(lang));
    }
    text
}

fn error_msgs(e: &clap::Error) -> (Msg, Vec<Msg>) {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let did_you_mean = |kind| {
        ctx(e, kind)
            .filter(|s| !s.is_empty())
            .map(|s| Msg::new("cli-err-did-you-mean").text("suggestion", s))
    };
    let fault = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            Msg::new("cli-err-empty-value").text("arg", arg)
        }
        ErrorKind::InvalidValue => {
            let mut hints = Vec::new();
            if let Some(valid) = ctx(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                hints.push(Msg::new("cli-err-valid-values").text("values", valid));
            }
            hints.extend(did_you_mean(ContextKind::SuggestedValue));
            let fault = Msg::new("cli-err-invalid-value")
                .text("arg", arg)
                .text("value", value);
            return (fault, hints);
        }
        ErrorKind::UnknownArgument => {
            let mut hints: Vec<Msg> = did_you_mean(ContextKind::SuggestedArg)
                .into_iter()
                .collect();
            hints.extend(suggestions(e, &arg));
            let key = if arg.starts_with('-') {
                "cli-err-unknown-option"
            } else {
                "cli-err-unexpected-value"
            };
            return (Msg::new(key).text("arg", arg), hints);
        }
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut hints: Vec<Msg> = did_you_mean(ContextKind::SuggestedSubcommand)
                .into_iter()
                .collect();
            hints.extend(suggestions(e, &sub));
            return (
                Msg::new("cli-err-unknown-command").text("command", sub),
                hints,
            );
        }
        ErrorKind::NoEquals => Msg::new("cli-err-no-equals").text("arg", arg),
        ErrorKind::ValueValidation => Msg::new("cli-err-invalid-value-because")
            .text("arg", arg)
            .text("value", value)
            .msg("reason", reason(e)),
        ErrorKind::TooManyValues => Msg::new("cli-err-too-many-values")
            .text("arg", arg)
            .text("value", value),
        ErrorKind::TooFewValues => Msg::new("cli-err-too-few-values")
            .text("arg", arg)
            .int("min", number(e, ContextKind::MinValues))
            .int("n", number(e, ContextKind::ActualNumValues)),
        ErrorKind::WrongNumberOfValues => Msg::new("cli-err-wrong-number-of-values")
            .text("arg", arg)
            .int("expected", number(e, ContextKind::ExpectedNumValues))
            .int("n", number(e, ContextKind::ActualNumValues)),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(e, ContextKind::PriorArg).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                Msg::new("cli-err-once").text("arg", arg)
            } else {
                Msg::new("cli-err-conflict")
                    .text("arg", arg)
                    .text("other", prior)
            }
        }
        ErrorKind::MissingRequiredArgument => Msg::new("cli-err-missing")
            .text("args", arg)
            .int("n", count(e, ContextKind::InvalidArg) as i64),
        ErrorKind::MissingSubcommand => Msg::new("cli-err-missing-command")
            .text(
                "command",
                ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )
            .text(
                "commands",
                ctx(e, ContextKind::ValidSubcommand).unwrap_or_default(),
            ),
        ErrorKind::InvalidUtf8 => Msg::new("cli-err-not-utf8"),
        ErrorKind::Io | ErrorKind::Format => Msg::new("cli-err-cannot-write").text(
            "detail",
            std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        ),
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => Msg::new("cli-err-other"),
        // Non-exhaustive: a kind a later clap adds is told without its details.
        _ => Msg::new("cli-err-other"),
    };
    (fault, Vec::new())
}

/// clap's own tips for an unknown argument or command, told in our words: pass a value
/// that starts with `-` after `--`; the option belongs to a subcommand; the `--` before
/// a subcommand is one too many.
fn suggestions(e: &clap::Error, arg: &str) -> Vec<Msg> {
    let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) else {
        return Vec::new();
    };
    tips.iter()
        .map(|t| {
            let t = t.to_string();
            // The quoted parts of clap's tip: what to type.
            let quoted: Vec<&str> = t.split('\'').skip(1).step_by(2).collect();
            if t.contains(" as a value") {
                Msg::new("cli-tip-as-value")
                    .text("arg", arg)
                    .text("typed", quoted.last().copied().unwrap_or_default())
            } else if t.contains(" exists;") {
                Msg::new("cli-tip-remove-dashes")
                    .text("command", quoted.first().copied().unwrap_or_default())
            } else if t.contains(" exists") {
                Msg::new("cli-tip-belongs-to")
                    .text("typed", quoted.first().copied().unwrap_or_default())
            } else {
                Msg::new("cli-tip-other")
            }
        })
        .collect()
}

/// Why a value was refused: our own parsers' message, or what a number needs.
fn reason(e: &clap::Error) -> Msg {
    let Some(source) = std::error::Error::source(e) else {
        return Msg::new("cli-err-reason-unknown");
    };
    if let Some(m) = source.downcast_ref::<MsgError>() {
        return m.0.clone();
    }
    if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        return Msg::new("cli-err-reason-number");
    }
    if let Some(p) = source.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind;
        return match p.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => {
                Msg::new("cli-err-reason-too-big")
            }
            // `-1` where only 0 and up are taken (a seed, an attempt's number).
            IntErrorKind::InvalidDigit
                if e.get(clap::error::ContextKind::InvalidValue)
                    .is_some_and(|v| {
                        v.to_string()
                            .strip_prefix('-')
                            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                    }) =>
            {
                Msg::new("cli-err-reason-positive")
            }
            IntErrorKind::Empty | IntErrorKind::InvalidDigit | IntErrorKind::Zero => {
                Msg::new("cli-err-reason-whole")
            }
            // Non-exhaustive in the standard library.
            _ => Msg::new("cli-err-reason-whole"),
        };
    }
    // A bound checked by clap (a whole number out of its type's range).
    Msg::new("cli-err-reason-range")
}

/// The names of the subcommands the arguments went through (`["assess", "show"]`).
fn subcommand_path(cmd: &Command, args: &[OsString]) -> Vec<String> {
    let mut path = Vec::new();
    let mut here = cmd;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a.starts_with('-') {
            continue;
        }
        if let Some(sub) = here.find_subcommand(a.as_ref()) {
            path.push(sub.get_name().to_string());
            here = sub;
        }
    }
    path
}

/// The usage line of the subcommand at `path`.
fn usage_of(cmd: &mut Command, path: &[String]) -> String {
    if let Some((p, rest)) = path.split_first()
        && let Some(s) = cmd.find_subcommand_mut(p)
    {
        return usage_of(s, rest);
    }
    cmd.render_usage().to_string()
}

/// The whole message: what is wrong, the usage line, where to read more.
pub fn error_text(lang: Lang, cmd: &mut Command, args: &[OsString], e: &clap::Error) -> String {
    let path = subcommand_path(cmd, args);
    let bin = cmd.get_name().to_string();
    let usage = match e.get(ContextKind::Usage) {
        Some(u) => u.to_string(),
        None => usage_of(cmd, &path),
    };
    // clap writes its heading in English before the usage itself.
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .to_string();
    let mut full = bin;
    for p in &path {
        full.push(' ');
        full.push_str(p);
    }
    format!(
        "{}\n\n{} {usage}\n\n{}",
        error_sentence(lang, e),
        tr(lang, "cli-heading-usage"),
        Msg::new("cli-err-more").text("command", full).render(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument of the tree, with the key of its text.
    fn keys(cmd: &Command, path: &mut Vec<String>, out: &mut Vec<String>) {
        out.push(about_key(path));
        for a in cmd.get_arguments() {
            out.push(arg_key(path, a.get_id().as_str()));
        }
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            keys(s, path, out);
            path.pop();
        }
    }

    #[test]
    fn every_command_and_argument_has_its_text_in_both_languages() {
        let mut all = Vec::new();
        keys(&Cli::command(), &mut Vec::new(), &mut all);
        assert!(all.len() > 150, "{}", all.len());
        let missing: Vec<&String> = all
            .iter()
            .filter(|k| !Msg::new(k.as_str()).exists_in_all_languages())
            .collect();
        assert!(missing.is_empty(), "no text for {missing:?}");
        // And the catalogue holds no text for a command or an argument that is gone.
        let ftl = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/locales/en-US/cli.ftl"),
        )
        .unwrap_or_default();
        let stale: Vec<&str> = ftl
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
            .filter(|k| k.ends_with("-about") || k.contains("-arg-"))
            .filter(|k| *k != "cli-help-about" && !all.iter().any(|a| a == k))
            .collect();
        assert!(stale.is_empty(), "texts of nothing: {stale:?}");
    }

    #[test]
    fn the_language_comes_from_the_arguments_first() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["fibrelab", "list", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(
            lang_of_args(&args(&["fibrelab", "--lang=fr", "list"])),
            Lang::Fr
        );
        assert_eq!(lang_of_args(&args(&["fibrelab", "--lang=EN_gb"])), Lang::En);
    }

    fn error_of(lang: Lang, v: &[&str]) -> String {
        let args: Vec<OsString> = v.iter().map(OsString::from).collect();
        let mut cmd = command(lang);
        let e = cmd
            .try_get_matches_from_mut(args.clone())
            .expect_err("an error");
        error_text(lang, &mut cmd, &args, &e)
    }

    #[test]
    fn errors_are_told_in_our_words() {
        let t = error_of(Lang::Fr, &["fibrelab", "play", "x", "--sed", "1"]);
        assert!(
            t.starts_with("Option inconnue : --sed. Vouliez-vous dire --seed ?"),
            "{t}"
        );
        assert!(t.contains("\n\nUtilisation : fibrelab play "), "{t}");
        assert!(
            t.ends_with("Pour en savoir plus : fibrelab play --help"),
            "{t}"
        );
        let t = error_of(Lang::En, &["fibrelab", "play", "x", "--sed", "1"]);
        assert!(
            t.starts_with("Unknown option: --sed. Did you mean --seed?"),
            "{t}"
        );
        let t = error_of(Lang::Fr, &["fibrelab", "close"]);
        assert!(t.starts_with("Il manque l'argument <ATTEMPT>."), "{t}");
        let t = error_of(Lang::Fr, &["fibrelab", "--window", "3x4"]);
        assert!(t.contains("de 640x480 à 7680x4320"), "{t}");
        let t = error_of(Lang::Fr, &["fibrelab", "lst"]);
        // clap's close names: `list`, and `seat` as well.
        assert!(
            t.starts_with("Commande inconnue : lst. Vouliez-vous dire ") && t.contains(" list ?"),
            "{t}"
        );
        let t = error_of(Lang::Fr, &["fibrelab", "results", "--format", "csvv"]);
        assert!(
            t.starts_with("La valeur « csvv » ne convient pas à --format <FORMAT>."),
            "{t}"
        );
        assert!(t.contains("table, csv, xlsx, json"), "{t}");
        let t = error_of(Lang::Fr, &["fibrelab", "close", "trois"]);
        assert!(t.contains("nombre entier"), "{t}");
    }
}
