//! A class list as schools keep it: a CSV file saved by Excel or LibreOffice (on Windows,
//! on a Mac old or new), in UTF-8 with or without a byte-order mark, UTF-16 (Excel's
//! "Texte Unicode"), Windows-1252 or Mac Roman; separated by `;`, `,` or TAB; lines
//! ended by CRLF, LF or a lone CR; a header line naming the columns, blank lines here
//! and there.
//!
//! Reading is pure: it gives the trainees found and each bad line as FILE:LINE with what
//! is wrong, or refuses the whole file naming the line that makes it unreadable; the
//! database decides which are new (`Db::import_roster`).

use crate::i18n::Msg;

/// One trainee read from a class list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    /// The line of the file the trainee was read from (1 = the first line).
    pub line: usize,
    /// "Prénom Nom", as the school prints it.
    pub name: String,
    /// The funder's or employer's number, when the list has one.
    pub external_ref: Option<String>,
    /// The trainee's pseudonym, when the list comes from FibreLab (`trainee list --csv`
    /// on the trainer's PC, for the seats): the seats then know the same people.
    pub uuid: Option<String>,
}

/// A line of the list that was not taken, and why.
#[derive(Clone, Debug)]
pub struct RosterProblem {
    pub line: usize,
    pub msg: Msg,
}

/// What a class list gave. A file refused as a whole has no entry and the problem that
/// says why (an encoding it cannot be read in, no header, nobody in it): nothing of it is
/// imported. Otherwise every line not taken, and every header cell not understood, is a
/// problem, so a list read with any problem is never silently half-imported.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
    pub problems: Vec<RosterProblem>,
}

/// The most trainees one list may hold (a school's whole year fits many times over).
pub const MAX_ROSTER_LINES: usize = 20_000;

/// How the bytes of a list were read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark ("CSV UTF-8", LibreOffice's default).
    Utf8,
    /// UTF-16, little end first: Excel's "Texte Unicode" (TAB-separated, with a mark).
    Utf16Le,
    /// UTF-16, big end first.
    Utf16Be,
    /// Windows-1252: Excel on a French PC, "CSV (séparateur : point-virgule)".
    Windows1252,
    /// Mac Roman: Excel on an old Mac.
    MacRoman,
}

/// Text from the bytes of a list, and how it was read; or why the file as a whole is not
/// read (its line). UTF-8 and UTF-16 are known by their byte-order mark, UTF-16 without
/// one by its NUL bytes; a file that is not UTF-8 and holds no UTF-8 character is read
/// as Windows-1252 or Mac Roman, whichever gives the more plausible names. A file that
/// mixes UTF-8 with something else is refused: half of it would come out garbled.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), RosterProblem> {
    let refuse = |line: usize, key: &str| RosterProblem {
        line,
        msg: Msg::new(key),
    };
    // A workbook instead of its CSV: .xlsx and .ods are ZIP files, .xls an OLE file.
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        return Err(refuse(1, "roster-workbook"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true).map(|t| (t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false).map(|t| (t, Encoding::Utf16Be));
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = bytes.get(if bom { 3 } else { 0 }..).unwrap_or_default();
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return match utf16_without_bom(body) {
            Some(little) => utf16(body, little).map(|t| {
                let e = if little {
                    Encoding::Utf16Le
                } else {
                    Encoding::Utf16Be
                };
                (t, e)
            }),
            None => Err(refuse(line_at(body, nul), "roster-not-text")),
        };
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(e) if bom || has_utf8_character(body) => Err(refuse(
            line_at(body, e.valid_up_to()),
            "roster-mixed-encoding",
        )),
        Err(_) => Ok(single_byte(body)),
    }
}

/// The line (1 = the first) of the byte at `pos`, as a text editor counts lines: CRLF,
/// LF and a lone CR each end one.
fn line_at(bytes: &[u8], pos: usize) -> usize {
    1 + bytes
        .iter()
        .take(pos)
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// UTF-16 text (its byte-order mark already dropped), or the line where it breaks.
fn utf16(bytes: &[u8], little: bool) -> Result<String, RosterProblem> {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let broken = |text: &str| RosterProblem {
        line: line_at(text.as_bytes(), text.len()),
        msg: Msg::new("roster-bad-utf16"),
    };
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => return Err(broken(&text)),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(broken(&text));
    }
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

/// Whether bytes holding NULs are plainly UTF-16 without a mark, and which end first:
/// text in Latin letters has a NUL in (nearly) every other byte, always on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 2 || bytes.len() % 2 == 1 {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut first, mut second) = (0, 0);
    for p in bytes.chunks_exact(2) {
        first += usize::from(p[0] == 0);
        second += usize::from(p[1] == 0);
    }
    if second * 2 >= units && first * 10 <= second {
        Some(true)
    } else if first * 2 >= units && second * 10 <= first {
        Some(false)
    } else {
        None
    }
}

/// Whether the bytes hold at least one well-formed UTF-8 character of several bytes.
fn has_utf8_character(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        bytes
            .get(i..i + len)
            .is_some_and(|s| std::str::from_utf8(s).is_ok())
    })
}

/// A file of one byte per character: Windows-1252 unless Mac Roman reads as more
/// plausible names.
fn single_byte(bytes: &[u8]) -> (String, Encoding) {
    let windows: Vec<char> = bytes.iter().map(|&b| windows_1252(b)).collect();
    let mac: Vec<char> = bytes.iter().map(|&b| mac_roman(b)).collect();
    if plausibility(bytes, &mac) > plausibility(bytes, &windows) {
        (mac.into_iter().collect(), Encoding::MacRoman)
    } else {
        (windows.into_iter().collect(), Encoding::Windows1252)
    }
}

/// Letters of French names, which both Windows-1252 and Mac Roman hold.
const FRENCH_LETTERS: &str = "àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ";
/// Signs a class list may hold besides letters: "N° dossier", apostrophes, quotes, dashes.
const COMMON_SIGNS: &str = "°’‘“”«»–—…€·\u{A0}";

/// How much the characters read from the bytes of 0x80 and above look like names: a
/// French letter counts most, another Latin letter a little, a common sign nothing, any
/// other symbol or control against; and a capital inside a lower-case word
/// ("PrŽnom", "PrÈnom"), or a small letter inside a capitalised one, against too.
fn plausibility(bytes: &[u8], chars: &[char]) -> i64 {
    let mut score = 0;
    for (i, (&b, &c)) in bytes.iter().zip(chars).enumerate() {
        if b < 0x80 {
            continue;
        }
        let prev = i
            .checked_sub(1)
            .and_then(|j| chars.get(j))
            .copied()
            .unwrap_or(' ');
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let latin = c.is_alphabetic() && ('\u{C0}'..='\u{17F}').contains(&c);
        score += if FRENCH_LETTERS.contains(c) {
            3
        } else if latin {
            1
        } else if COMMON_SIGNS.contains(c) {
            0
        } else {
            -3
        };
        if latin
            && ((c.is_uppercase() && prev.is_lowercase())
                || (c.is_lowercase() && prev.is_uppercase() && next.is_uppercase()))
        {
            score -= 4;
        }
    }
    score
}

/// One Windows-1252 byte as a character (Latin-1 with the printable 0x80–0x9F range;
/// 0x81, 0x8D, 0x8F, 0x90 and 0x9D, undefined, stay C1 controls).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// One Mac Roman byte as a character, after Apple's ROMAN.TXT (0xDB is the euro sign,
/// 0xF0 the Apple logo in the private use area).
fn mac_roman(b: u8) -> char {
    #[rustfmt::skip]
    const HIGH: [char; 128] = [
        'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è',
        'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü',
        '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø',
        '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø',
        '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{A0}', 'À', 'Ã', 'Õ', 'Œ', 'œ',
        '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ',
        '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',
        '\u{F8FF}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
    ];
    match b {
        0x80..=0xFF => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The separator a list uses, from its header line (the first with a letter or digit):
/// whichever of `;`, TAB and `,` it holds most outside quotes; `;` on a tie.
fn separator(text: &str) -> char {
    let header = text
        .split(['\r', '\n'])
        .find(|l| l.chars().any(char::is_alphanumeric))
        .unwrap_or("");
    let mut counts = [(';', 0usize), ('\t', 0), (',', 0)];
    let mut quoted = false;
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for (s, n) in counts.iter_mut() {
                *n += usize::from(c == *s);
            }
        }
    }
    counts
        .into_iter()
        .fold(
            (';', 0),
            |best, (s, n)| if n > best.1 { (s, n) } else { best },
        )
        .0
}

/// The records of a CSV text with their first line numbers: fields split on `sep`,
/// quotes (`"a;b"`, `""` for a quote) understood, a quoted field may span lines; CRLF,
/// LF and a lone CR each end a line. Also the line where a quote opens that never
/// closes, if one does (that record is not given: it would hold the rest of the file).
fn records(text: &str, sep: char) -> (Vec<(usize, Vec<String>)>, Option<usize>) {
    let mut out = Vec::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut quote_line = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || c == '\r';
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ if line_end => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_line = line;
            }
            _ if line_end => {
                fields.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            c if c == sep => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if quoted {
        return (out, Some(quote_line));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start_line, fields));
    }
    (out, None)
}

/// What a header cell names: spaces, case, accents and punctuation do not count.
fn column_key(cell: &str) -> String {
    cell.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'à' | 'â' => Some('a'),
            'î' | 'ï' => Some('i'),
            'ô' => Some('o'),
            'ù' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    First,
    Last,
    Full,
    Ref,
    Uuid,
}

fn column_of(cell: &str) -> Option<Column> {
    match column_key(cell).as_str() {
        "prenom" | "prenoms" | "firstname" | "givenname" | "first" => Some(Column::First),
        "nom" | "nomdefamille" | "nomdusage" | "lastname" | "surname" | "familyname" | "last" => {
            Some(Column::Last)
        }
        "nomcomplet" | "nomprenom" | "prenomnom" | "stagiaire" | "apprenant" | "name"
        | "fullname" | "trainee" => Some(Column::Full),
        "ref" | "reference" | "referenceexterne" | "identifiant" | "id" | "matricule"
        | "numero" | "ndossier" | "numerodossier" | "dossier" | "externalref" | "ine" | "nine"
        | "numeroine" => Some(Column::Ref),
        "uuid" | "pseudonyme" | "pseudonym" | "traineeuuid" => Some(Column::Uuid),
        _ => None,
    }
}

/// Spaces inside a name collapsed and around it dropped.
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a class list. Each problem names its line; a file refused as a whole (not read
/// as text, no header naming a name column, nobody in it) gives no entry at all and the
/// problem saying why, so nothing of it is imported.
pub fn parse(bytes: &[u8]) -> Roster {
    let mut roster = Roster::default();
    let text = match decode(bytes) {
        Ok((text, _)) => text,
        Err(p) => {
            roster.problems.push(p);
            return roster;
        }
    };
    let (records, open_quote) = records(&text, separator(&text));
    let open_quote = open_quote.map(|line| RosterProblem {
        line,
        msg: Msg::new("roster-open-quote"),
    });
    let mut rows = records
        .into_iter()
        .filter(|(_, f)| f.iter().any(|c| !c.trim().is_empty()));
    let Some((header_line, header)) = rows.next() else {
        roster.problems.push(open_quote.unwrap_or(RosterProblem {
            line: 1,
            msg: Msg::new("roster-empty"),
        }));
        return roster;
    };
    let columns: Vec<Option<Column>> = header.iter().map(|c| column_of(c)).collect();
    let find = |k: Column| columns.iter().position(|c| *c == Some(k));
    let (first_col, last_col, full_col, ref_col, uuid_col) = (
        find(Column::First),
        find(Column::Last),
        find(Column::Full),
        find(Column::Ref),
        find(Column::Uuid),
    );
    if full_col.is_none() && last_col.is_none() {
        roster.problems.push(RosterProblem {
            line: header_line,
            msg: Msg::new("roster-no-header").text("found", tidy(&header.join(" | "))),
        });
        return roster;
    }
    // Every header cell not read is said: a column misnamed (or misread) must not vanish.
    let mut unknown = Vec::new();
    for (i, (cell, column)) in header.iter().zip(&columns).enumerate() {
        match column {
            None if !cell.trim().is_empty() => unknown.push(
                Msg::new("roster-column")
                    .int("col", (i + 1) as i64)
                    .text("found", tidy(cell)),
            ),
            None => {}
            Some(k) => {
                if let Some(first) = find(*k).filter(|&f| f < i) {
                    roster.problems.push(RosterProblem {
                        line: header_line,
                        msg: Msg::new("roster-same-column")
                            .int("col", (i + 1) as i64)
                            .text("found", tidy(cell))
                            .int("first", (first + 1) as i64),
                    });
                }
            }
        }
    }
    if !unknown.is_empty() {
        roster.problems.push(RosterProblem {
            line: header_line,
            msg: Msg::new("roster-unknown-columns").list("items", unknown),
        });
    }
    for (line, fields) in rows {
        if roster.entries.len() + roster.problems.len() >= MAX_ROSTER_LINES {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-too-long").int("max", MAX_ROSTER_LINES as i64),
            });
            break;
        }
        // A list FibreLab wrote (`trainee list --csv`) keeps texts from spreadsheets'
        // reading (`="0612"`, `'=…`): read back as the texts they are.
        let cell = |i: Option<usize>| -> String {
            i.and_then(|i| fields.get(i))
                .map(|s| tidy(&super::export::as_written(s)))
                .unwrap_or_default()
        };
        if fields.len() > header.len()
            && fields[header.len()..].iter().any(|c| !c.trim().is_empty())
        {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-extra-cells")
                    .int("found", fields.len() as i64)
                    .int("expected", header.len() as i64),
            });
            continue;
        }
        let name = match full_col {
            Some(_) if cell(first_col).is_empty() && cell(last_col).is_empty() => cell(full_col),
            _ => tidy(&format!("{} {}", cell(first_col), cell(last_col))),
        };
        if name.is_empty() {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-no-name"),
            });
            continue;
        }
        if name.chars().any(|c| c.is_control()) || name.chars().count() > MAX_NAME_CHARS {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-bad-name").int("max", MAX_NAME_CHARS as i64),
            });
            continue;
        }
        let external_ref = Some(cell(ref_col)).filter(|r| !r.is_empty());
        let uuid = Some(cell(uuid_col)).filter(|u| !u.is_empty());
        if let Some(u) = &uuid
            && uuid::Uuid::parse_str(u).is_err()
        {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-bad-uuid").text("found", u.clone()),
            });
            continue;
        }
        roster.entries.push(RosterEntry {
            line,
            name,
            external_ref,
            uuid,
        });
    }
    roster.problems.extend(open_quote);
    if roster.entries.is_empty() {
        roster.problems.push(RosterProblem {
            line: header_line,
            msg: Msg::new("roster-no-trainee"),
        });
    }
    roster
}

/// The longest name a trainee may have, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// The key two entries of the same person share: the name without case or extra spaces,
/// and the reference when there is one.
pub fn person_key(name: &str, external_ref: Option<&str>) -> (String, String) {
    (
        tidy(name).to_lowercase(),
        external_ref
            .map(|r| tidy(r).to_lowercase())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests;
