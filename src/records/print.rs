//! What every printed document shares (relevé, synthèse, attestation, recette): an A4
//! page, a footer on every page with who the document is about, its verification code
//! and "Page N / M", table headers repeated on each page, rows kept whole, and French
//! typography.
//!
//! The footer is drawn in the page's margin by CSS margin boxes (`@bottom-left`,
//! `@bottom-right`: Chromium and Edge 131 and later), so the page never relies on the
//! browser's own header and footer: print with them off (`--no-pdf-header-footer`, or
//! "Headers and footers" unticked).

use crate::i18n::typo::for_lang;
use crate::i18n::{Lang, tr};

/// Text made safe for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text as printed in `lang` (French typography in French), made safe for HTML.
pub fn text(lang: Lang, s: &str) -> String {
    esc(&for_lang(lang, s))
}

/// A verification code that never breaks across lines (`FL-XXXXX-XXXXX-XXXXX`).
pub fn code_span(code: &str) -> String {
    format!("<span class=\"code\">{}</span>", esc(code))
}

/// What the footer of every page says: who the document is about (a name, a pseudonym,
/// a cohort) and the code that checks it, if it has one.
#[derive(Clone, Debug, Default)]
pub struct Running {
    pub who: String,
    pub code: Option<String>,
}

/// A string for CSS `content`, safe inside a `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\22 "),
            '\\' => out.push_str("\\5C "),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The page itself: A4, its margins, the footer of every page, and what keeps tables
/// readable across pages. Shared by every document, templates included.
pub fn page_rules(lang: Lang, running: &Running) -> String {
    let mut left = for_lang(lang, &running.who);
    if let Some(code) = &running.code {
        if !left.is_empty() {
            left.push_str(" · ");
        }
        left.push_str(&format!(
            "{} {code}",
            for_lang(lang, &tr(lang, "report-code"))
        ));
    }
    format!(
        "@page {{ size: A4; margin: 12mm 14mm 16mm 14mm;
  @bottom-left {{ content: {}; font: 7.5pt 'DejaVu Sans', Arial, sans-serif; color: #444; vertical-align: top; padding-top: 3mm; }}
  @bottom-right {{ content: {} counter(page) \" / \" counter(pages); font: 7.5pt 'DejaVu Sans', Arial, sans-serif; color: #444; vertical-align: top; padding-top: 3mm; }}
}}
thead {{ display: table-header-group; }}
tfoot {{ display: table-footer-group; }}
tr, .keep {{ break-inside: avoid; page-break-inside: avoid; }}
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
.code {{ white-space: nowrap; font-family: 'DejaVu Sans Mono', monospace; }}
.annex {{ break-before: page; page-break-before: always; }}
",
        css_string(&left),
        css_string(&format!("{} ", tr(lang, "print-page"))),
    )
}

/// The look of the documents FibreLab writes (a school's attestation template keeps
/// its own). Cells wrap between words, never inside one (`overflow-wrap: anywhere`
/// lets a table squeeze a column to a few letters).
pub const BASE_CSS: &str = "
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm 0; }
h2 { font-size: 10.5pt; margin: 3mm 0 1.2mm 0; border-bottom: 1px solid #999; }
p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #bbb; padding: 0.8mm 1.5mm; vertical-align: top; text-align: left;
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #eee; }
table.meta td { border: none; padding: 0.3mm 1.5mm; }
table.meta td:first-child { color: #555; width: 30%; }
.ok { color: #0a6b2a; font-weight: bold; }
.ko { color: #a30000; font-weight: bold; }
.crit { background: #fde8e8; }
.num { text-align: right; white-space: nowrap; }
.code { font-size: 10.5pt; letter-spacing: 0.3pt; }
.small { font-size: 8pt; color: #444; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #555; }
";

/// A whole document: `<head>` with the shared rules, [`BASE_CSS`] and the document's
/// own `css`, then `body`.
pub fn document(lang: Lang, title: &str, running: &Running, css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{}{BASE_CSS}{css}</style></head><body>{body}</body></html>\n",
        lang_code(lang),
        text(lang, title),
        page_rules(lang, running),
    )
}

/// The `lang` attribute of a page in `lang`.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_of_every_page_names_who_with_the_code_and_cannot_close_the_style() {
        let r = Running {
            who: "Léa \"Lou\" </style><b>".into(),
            code: Some("FL-ABCDE-FGHJK-LMNPQ".into()),
        };
        let css = page_rules(Lang::Fr, &r);
        assert!(css.contains("size: A4"));
        assert!(!css.contains("</style>") && !css.contains("<b>"), "{css}");
        assert!(css.contains(
            "content: \"Léa \\22 Lou\\22  \\3C /style\\3E \\3C b\\3E  · Code de vérification\u{202F}: FL-ABCDE-FGHJK-LMNPQ\""
        ), "{css}");
        assert!(css.contains("content: \"Page \" counter(page) \" / \" counter(pages)"));
        assert_eq!(code_span("FL-A<"), "<span class=\"code\">FL-A&lt;</span>");
        // French typography before escaping: the entity's `;` is left alone.
        assert_eq!(
            text(Lang::Fr, "A & B : « C »"),
            "A &amp; B\u{202F}: «\u{202F}C\u{202F}»"
        );
    }
}
