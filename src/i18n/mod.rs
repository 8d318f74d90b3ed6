//! French and English messages (Fluent). The core never builds user-facing text itself: it
//! returns [`Msg`] values (a key and arguments) that any front end renders in either language.

pub mod time;

/// What went wrong with a file, in the reader's language (the system's own words are
/// English): not found, not allowed, a folder, the disk full… and the system's words
/// only for what has no name here.
pub fn io_error(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    // The standard library adds kinds over time: those named here get words, the others
    // (networks, pipes…) the system's own.
    const NAMED: [(ErrorKind, &str); 12] = [
        (ErrorKind::NotFound, "io-not-found"),
        (ErrorKind::PermissionDenied, "io-permission-denied"),
        (ErrorKind::AlreadyExists, "io-already-exists"),
        (ErrorKind::IsADirectory, "io-is-a-directory"),
        (ErrorKind::NotADirectory, "io-not-a-directory"),
        (ErrorKind::ReadOnlyFilesystem, "io-read-only"),
        (ErrorKind::StorageFull, "io-storage-full"),
        (ErrorKind::QuotaExceeded, "io-storage-full"),
        (ErrorKind::InvalidData, "io-invalid-data"),
        (ErrorKind::UnexpectedEof, "io-cut-short"),
        (ErrorKind::FileTooLarge, "io-too-large"),
        (ErrorKind::ResourceBusy, "io-busy"),
    ];
    match NAMED.iter().find(|(k, _)| *k == e.kind()) {
        Some((_, key)) => Msg::new(*key),
        None => Msg::new("io-other").text("detail", e.to_string()),
    }
}

/// How a name sorts in a French list: letters without their accents or case, marks
/// (`+`, `'`, `-`) left out, then the name itself (so `Eloise` and `Éloïse` stay apart in
/// a fixed order).
pub fn sort_key(s: &str) -> (String, String) {
    let folded = s
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'î' | 'ï' | 'í' => Some('i'),
            'ô' | 'ö' | 'ó' => Some('o'),
            'ù' | 'û' | 'ü' | 'ú' => Some('u'),
            'ÿ' => Some('y'),
            'ç' => Some('c'),
            'œ' => Some('o'),
            'æ' => Some('a'),
            c if c.is_alphanumeric() || c == ' ' => Some(c),
            _ => None,
        })
        .collect::<String>();
    (folded.trim().to_string(), s.to_string())
}
pub mod typo;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./assets/locales",
        fallback_language: "en-US",
        // Fluent wraps arguments in Unicode isolation marks by default; they show up as
        // stray characters in terminals and in egui, and we have no right-to-left text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr-FR");
static EN: LanguageIdentifier = langid!("en-US");

/// The two languages of the product. French first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// Parses "fr", "fr_FR.UTF-8", "en", "EN-us"...; anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let low = s.trim().to_ascii_lowercase();
        if low.starts_with("fr") {
            Some(Lang::Fr)
        } else if low.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language from `FIBRELAB_LANG`, then `LANG`; French when neither says.
    pub fn from_env() -> Lang {
        ["FIBRELAB_LANG", "LC_ALL", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find_map(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Formats a number with `decimals` digits and this language's decimal separator. A
    /// magnitude of [`SCIENTIFIC_FROM`] or more is written in scientific notation
    /// ([`Lang::scientific`]): in fixed notation 1e300 would print 301 digits.
    pub fn num(self, value: f64, decimals: usize) -> String {
        if value.is_finite() && value.abs() >= SCIENTIFIC_FROM {
            return self.scientific(value);
        }
        let s = format!("{value:.decimals$}");
        // "-0.0" reads as a mistake to a trainee.
        let s = if s
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            s.trim_start_matches('-').to_string()
        } else {
            s
        };
        match self {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A number in scientific notation, with up to 3 decimals to its mantissa and none
    /// written when they are zeros (`1e300`, `-2.5e-7`), and this language's decimal
    /// separator (`2,5e-7`). Not a number and the infinities read `NaN`, `inf`, `-inf`,
    /// as a scenario file writes them.
    pub fn scientific(self, value: f64) -> String {
        if !value.is_finite() {
            return format!("{value}");
        }
        let s = format!("{value:.3e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') {
            mantissa.trim_end_matches('0').trim_end_matches('.')
        } else {
            mantissa
        };
        let s = format!("{mantissa}e{exponent}");
        match self {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

/// From this magnitude on, [`Lang::num`] writes a number in scientific notation: past it
/// a float no longer holds every unit exactly, and no quantity of the trade comes near it
/// (the longest attempt is 3.6e10 ms).
pub const SCIENTIFIC_FROM: f64 = 1e15;

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    /// Plain text, shown as is (a file name, a trainee's name).
    Text(String),
    /// A trainer's words in both languages (a place in a scenario), shown in the reader's.
    Words { fr: String, en: String },
    /// A number shown with a fixed count of decimals.
    Num { value: f64, decimals: u8 },
    /// Another message, rendered in the same language (a colour name, a tool name).
    Msg(Box<Msg>),
    /// Several messages, rendered in order and joined by "; " (every item a criterion
    /// concerns: each missed event, each fibre without a splice).
    List(Vec<Msg>),
}

/// What a message tells of a gesture that was accepted: that it was done, or that it
/// ended in a fault or a stop the trainee must see to (a fibre broken in the stripper,
/// the splicer stopped on a bad cleave). The log marks the second kind as it marks a
/// refusal, from this and never from the words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    #[default]
    Done,
    Fault,
}

impl Tone {
    fn is_done(&self) -> bool {
        *self == Tone::Done
    }
}

/// A user-facing message: a Fluent key and its arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
    /// A fault or a stop rather than a thing done (see [`Tone`]).
    #[serde(default, skip_serializing_if = "Tone::is_done")]
    pub tone: Tone,
}

impl Msg {
    pub fn new(key: impl Into<String>) -> Msg {
        Msg {
            key: key.into(),
            args: Vec::new(),
            tone: Tone::Done,
        }
    }

    /// The same message, telling of a fault or a stop (see [`Tone`]).
    pub fn fault(mut self) -> Msg {
        self.tone = Tone::Fault;
        self
    }

    /// Whether the message tells of a fault or a stop.
    pub fn is_fault(&self) -> bool {
        self.tone == Tone::Fault
    }

    pub fn text(mut self, name: &str, value: impl Into<String>) -> Msg {
        self.args.push((name.into(), Arg::Text(value.into())));
        self
    }

    /// A trainer's words written in both languages, rendered in the reader's.
    pub fn words(mut self, name: &str, fr: &str, en: &str) -> Msg {
        self.args.push((
            name.into(),
            Arg::Words {
                fr: fr.into(),
                en: en.into(),
            },
        ));
        self
    }

    pub fn num(mut self, name: &str, value: f64, decimals: u8) -> Msg {
        self.args.push((name.into(), Arg::Num { value, decimals }));
        self
    }

    /// A moment (ms since 1970) as a day and a time of the school's zone, in the
    /// reader's language: `6 décembre 2026 à 09:57`.
    pub fn moment(self, name: &str, ms: i64) -> Msg {
        let (fr, en) = (time::date_time(Lang::Fr, ms), time::date_time(Lang::En, ms));
        self.words(name, &fr, &en)
    }

    /// A moment that may not be: `—` when there is none.
    pub fn moment_or_dash(self, name: &str, ms: Option<i64>) -> Msg {
        match ms {
            Some(ms) => self.moment(name, ms),
            None => self.text(name, "—"),
        }
    }

    pub fn int(self, name: &str, value: impl Into<i64>) -> Msg {
        self.num(name, value.into() as f64, 0)
    }

    pub fn msg(mut self, name: &str, value: Msg) -> Msg {
        self.args.push((name.into(), Arg::Msg(Box::new(value))));
        self
    }

    pub fn list(mut self, name: &str, items: Vec<Msg>) -> Msg {
        self.args.push((name.into(), Arg::List(items)));
        self
    }

    /// Renders the message. A key missing from the catalogue renders as the key itself,
    /// so a slip shows on screen instead of crashing (a test checks every key exists).
    pub fn render(&self, lang: Lang) -> String {
        self.try_render(lang).unwrap_or_else(|| self.key.clone())
    }

    /// Renders the message, or `None` if its key (or a nested one) is missing in this
    /// language or an argument it uses is not given.
    pub fn try_render(&self, lang: Lang) -> Option<String> {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, arg) in &self.args {
            // A whole number goes to Fluent as a number, so that a message can choose
            // its plural (`{ $n -> [one] 1 fibre *[other] { $n } fibres }`); it is
            // written the same either way.
            if let Arg::Num { value, decimals: 0 } = arg
                && value.fract() == 0.0
                && value.abs() < SCIENTIFIC_FROM
                && value.abs() < 1e15
            {
                let whole = *value as i64;
                args.insert(Cow::Owned(name.clone()), FluentValue::from(whole));
                continue;
            }
            let value = match arg {
                Arg::Text(s) => printable(s).into_owned(),
                Arg::Words { fr, en } => printable(match lang {
                    Lang::Fr => fr,
                    Lang::En => en,
                })
                .into_owned(),
                Arg::Num { value, decimals } => lang.num(*value, *decimals as usize),
                Arg::Msg(m) => m.try_render(lang)?,
                Arg::List(items) => items
                    .iter()
                    .map(|m| m.try_render(lang))
                    .collect::<Option<Vec<_>>>()?
                    .join("; "),
            };
            args.insert(Cow::Owned(name.clone()), FluentValue::from(value));
        }
        LOCALES.try_lookup_with_args(lang.id(), &self.key, &args)
    }

    /// The message as a reader sees it, in a form that does not depend on the language:
    /// its key, its texts, and each number written with the decimals it is shown with.
    /// Two messages that read the same in every language have the same form.
    pub fn as_shown(&self) -> String {
        let mut out = self.key.clone();
        out.push('(');
        for (i, (name, arg)) in self.args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(name);
            out.push('=');
            match arg {
                Arg::Text(s) => out.push_str(&format!("{s:?}")),
                Arg::Words { fr, en } => out.push_str(&format!("{fr:?}/{en:?}")),
                Arg::Num { value, decimals } => {
                    out.push_str(&Lang::En.num(*value, *decimals as usize))
                }
                Arg::Msg(m) => out.push_str(&m.as_shown()),
                Arg::List(items) => {
                    out.push('[');
                    for (k, m) in items.iter().enumerate() {
                        if k > 0 {
                            out.push(';');
                        }
                        out.push_str(&m.as_shown());
                    }
                    out.push(']');
                }
            }
        }
        out.push(')');
        out
    }

    /// Whether this message renders completely in both languages.
    pub fn exists_in_all_languages(&self) -> bool {
        Lang::ALL.iter().all(|l| self.try_render(*l).is_some())
    }
}

impl fmt::Display for Msg {
    /// English rendering, for logs and `Debug`-like uses; front ends call [`Msg::render`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A text from outside (a file, a database, a command line) made safe to show: control
/// characters (a newline, a terminal escape) and the bidirectional overrides that can
/// disguise a line are written as escapes (`\n`, `\u{1b}`) instead of acting on the
/// screen. Everything else, accents included, is kept.
pub fn printable(s: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            match c {
                '\n' | '\r' | '\t' => out.extend(c.escape_debug()),
                _ => out.extend(c.escape_unicode()),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Shorthand: render a bare key.
pub fn tr(lang: Lang, key: &str) -> String {
    Msg::new(key).render(lang)
}

#[cfg(test)]
mod tests {

    #[test]
    fn names_sort_as_a_french_list() {
        let mut names = vec!["Zoé", "Éloïse", "+Inès", "eric", "Élodie", "Yann"];
        names.sort_by_key(|n| super::sort_key(n));
        assert_eq!(names, ["Élodie", "Éloïse", "eric", "+Inès", "Yann", "Zoé"]);
    }

    use super::*;

    /// Issue 23: "1 tentatives" — a count reaches Fluent as a number, so a message picks
    /// its singular for 1 (and, in French, for 0), its plural otherwise; and a whole number
    /// is written as before.
    #[test]
    fn a_count_chooses_its_plural() {
        let n = |k: i64, lang| Msg::new("app-progress-attempts").int("n", k).render(lang);
        assert_eq!(n(1, Lang::Fr), "1 tentative");
        assert_eq!(n(0, Lang::Fr), "0 tentative");
        assert_eq!(n(2, Lang::Fr), "2 tentatives");
        assert_eq!(n(1, Lang::En), "1 attempt");
        assert_eq!(n(0, Lang::En), "0 attempts");
        let big = Msg::new("app-scenario-count")
            .int("n", 123_456_789)
            .render(Lang::Fr);
        assert!(big.starts_with("123456789 "), "{big}");
        let dec = Msg::new("app-scenario-count")
            .num("n", 2.5, 1)
            .render(Lang::Fr);
        assert!(dec.starts_with("2,5 "), "{dec}");
    }

    #[test]
    fn french_numbers_use_a_decimal_comma() {
        assert_eq!(Lang::Fr.num(1.25, 1), "1,2");
        assert_eq!(Lang::En.num(30.0, 1), "30.0");
        assert_eq!(Lang::Fr.num(-0.01, 1), "0,0");
    }

    #[test]
    fn huge_numbers_are_written_short() {
        // Fixed notation would print 301 digits.
        assert_eq!(Lang::En.num(1e300, 1), "1e300");
        assert_eq!(Lang::En.num(-1e300, 2), "-1e300");
        assert_eq!(Lang::Fr.num(2.5e20, 0), "2,5e20");
        assert_eq!(Lang::En.num(1.23456e16, 1), "1.235e16");
        assert_eq!(Lang::En.num(f64::MAX, 0), "1.798e308");
        // Just under the threshold, as before.
        assert_eq!(Lang::En.num(999_999_999_999_999.0, 0), "999999999999999");
        assert_eq!(Lang::En.num(3.6e10, 0), "36000000000");
        assert_eq!(Lang::En.num(f64::NAN, 1), "NaN");
        assert_eq!(Lang::En.num(f64::NEG_INFINITY, 1), "-inf");
        assert_eq!(Lang::Fr.scientific(-2.5e-7), "-2,5e-7");
        assert_eq!(Lang::En.scientific(1e-300), "1e-300");
        let m = Msg::new("refuse-length")
            .num("found", 1e300, 1)
            .num("min", 1.0, 1)
            .num("max", 3000.0, 1);
        let shown = m.render(Lang::En);
        assert!(shown.contains("1e300 mm"), "{shown}");
        assert!(shown.len() < 120, "{shown}");
    }

    #[test]
    fn a_message_as_shown_keeps_the_decimals_it_is_shown_with() {
        let a = Msg::new("k").num("loss", 0.38212, 2).text("f", "a\"b");
        let b = Msg::new("k").num("loss", 0.381_999_9, 2).text("f", "a\"b");
        assert_eq!(a.as_shown(), b.as_shown());
        assert_eq!(a.as_shown(), r#"k(loss=0.38,f="a\"b")"#);
        let c = Msg::new("k").num("loss", 0.386, 2).text("f", "a\"b");
        assert_ne!(a.as_shown(), c.as_shown());
        let nested = Msg::new("o").msg("d", Msg::new("k").num("x", -0.001, 1));
        assert_eq!(nested.as_shown(), "o(d=k(x=0.0))");
    }

    #[test]
    fn texts_from_outside_cannot_act_on_the_terminal() {
        assert_eq!(printable("fibre rouge é"), "fibre rouge é");
        assert_eq!(printable("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
        let m = Msg::new("val-id").text("found", "bad\n\u{1b}[2J");
        let shown = m.render(Lang::En);
        assert!(
            !shown.contains('\n') && !shown.contains('\u{1b}'),
            "{shown}"
        );
        assert!(shown.contains("bad\\n\\u{1b}[2J"), "{shown}");
    }

    #[test]
    fn lang_parse_reads_locale_strings() {
        assert_eq!(Lang::parse("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), None);
    }
}
