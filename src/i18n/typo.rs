//! French typography for printed text: the spaces that must not break.
//!
//! A printed French page keeps `;`, `:`, `!` and `?` on the line of the word before them,
//! the guillemets with the words they quote, and a number with its unit. The rules of
//! the Imprimerie nationale, as word processors apply them: a narrow no-break space
//! (U+202F) before `; : ! ?` and inside `« »`, a no-break space (U+00A0) between a
//! number and its unit (`0,30 dB`, `1550 nm`, `12 %`), and a narrow no-break space
//! between the groups of digits of a large number written with spaces (`1 550 nm`).
//!
//! Applied to plain text, before it is escaped for HTML (an entity such as `&amp;` has
//! a `;` of its own).

use super::Lang;

/// Narrow no-break space (espace fine insécable).
pub const NNBSP: char = '\u{202F}';
/// No-break space (espace insécable).
pub const NBSP: char = '\u{00A0}';

/// Units written after a number, longest first where one begins another.
const UNITS: &[&str] = &[
    "dB/km", "dBm", "dB", "nm", "µm", "mm", "cm", "km", "m", "ns", "µs", "ms", "min", "s", "h",
    "%", "°C", "°", "kN", "N", "kPa", "Pa", "kV", "bar", "kg", "g", "MHz", "GHz", "/K",
];

fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP
}

/// French text with its no-break spaces (see the module). Spaces already right are kept,
/// so applying it twice changes nothing more.
pub fn fr_nbsp(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = String::with_capacity(text.len() + 8);
    for i in 0..n {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            // A space before `; : ! ?` or `»`, or after `«`: narrow and no-break.
            ' ' | NBSP | NNBSP
                if next.is_some_and(|x| matches!(x, ';' | ':' | '!' | '?' | '»'))
                    || prev == Some('«') =>
            {
                out.push(NNBSP)
            }
            // A space between a number and its unit, or between groups of digits.
            ' ' if prev.is_some_and(|p| p.is_ascii_digit()) => {
                if unit_at(&chars, i + 1) {
                    out.push(NBSP)
                } else if digit_group_at(&chars, i + 1) {
                    out.push(NNBSP)
                } else {
                    out.push(' ')
                }
            }
            ';' | ':' | '!' | '?' => {
                // Written without its space after a word ("Note:"), at the end of the
                // word: given one. Times (09:57), addresses (http://) and the like are
                // left alone.
                let after_word = prev.is_some_and(|p| p.is_alphabetic() || p == '»' || p == ')');
                let ends = next.is_none_or(char::is_whitespace);
                if after_word && ends {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|x| !is_space(x)) {
                    out.push(NNBSP);
                }
            }
            '»' => {
                if prev.is_some_and(|p| !is_space(p)) {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a unit starts at `i` and ends at a word's end.
fn unit_at(chars: &[char], i: usize) -> bool {
    UNITS.iter().any(|u| {
        let u: Vec<char> = u.chars().collect();
        chars.len() >= i + u.len()
            && chars[i..i + u.len()] == u[..]
            && chars.get(i + u.len()).is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether exactly three digits start at `i` (a group of a large number: `1 550`).
fn digit_group_at(chars: &[char], i: usize) -> bool {
    chars.len() >= i + 3
        && chars[i..i + 3].iter().all(char::is_ascii_digit)
        && chars.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
}

/// The text as printed in `lang`: French typography in French, unchanged in English.
pub fn for_lang(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => fr_nbsp(text),
        Lang::En => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_punctuation_guillemets_and_units_hold_to_their_words() {
        // Written by hand with the spaces a typesetter puts.
        assert_eq!(
            fr_nbsp("Note obtenue : 12 / 20 ; bravo ! Pourquoi ?"),
            "Note obtenue\u{202F}: 12 / 20\u{202F}; bravo\u{202F}! Pourquoi\u{202F}?"
        );
        assert_eq!(
            fr_nbsp("l'exercice « Préparer un câble »."),
            "l'exercice «\u{202F}Préparer un câble\u{202F}»."
        );
        assert_eq!(
            fr_nbsp("«serré»"),
            "«\u{202F}serré\u{202F}»",
            "guillemets written tight are given their spaces"
        );
        assert_eq!(
            fr_nbsp("perte 0,30 dB à 1 550 nm, 12 % et 3 min"),
            "perte 0,30\u{A0}dB à 1\u{202F}550\u{A0}nm, 12\u{A0}% et 3\u{A0}min"
        );
        assert_eq!(fr_nbsp("0,19 dB/km"), "0,19\u{A0}dB/km");
        // A word after a number is no unit; 2 fibres stay two words.
        assert_eq!(fr_nbsp("2 fibres, 3 minutes"), "2 fibres, 3 minutes");
        // Times, addresses, commands and codes are left as they are.
        for kept in [
            "à 09:57",
            "https://fibrelab.example/a?b=1",
            "fibrelab verify --code FL-ABCDE-FGHJK-LMNPQ",
        ] {
            assert_eq!(fr_nbsp(kept), kept);
        }
        assert_eq!(fr_nbsp("Attention!"), "Attention\u{202F}!");
        // Twice is once.
        let once = fr_nbsp("« Note : 0,30 dB ! »");
        assert_eq!(fr_nbsp(&once), once);
        assert_eq!(for_lang(Lang::En, "Score: 12 dB"), "Score: 12 dB");
    }
}
