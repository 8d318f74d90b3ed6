//! A class list as schools keep it: a CSV file saved by Excel or LibreOffice, in UTF-8
//! with or without a byte-order mark or in Latin-1 (Windows-1252), separated by `;` or
//! `,`, with a header line naming the columns, blank lines here and there.
//!
//! Reading is pure: it gives the trainees found and each bad line as FILE:LINE with what
//! is wrong; the database decides which are new (`Db::import_roster`).

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

#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
    pub problems: Vec<RosterProblem>,
}

/// The most trainees one list may hold (a school's whole year fits many times over).
pub const MAX_ROSTER_LINES: usize = 20_000;

/// Text from bytes: UTF-8 (its byte-order mark dropped), else Windows-1252 as Excel on a
/// French PC saves "CSV (séparateur : point-virgule)".
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// One Windows-1252 byte as a character (Latin-1 with the printable 0x80–0x9F range).
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

/// The records of a CSV text with their first line numbers: fields split on `sep`,
/// quotes (`"a;b"`, `""` for a quote) understood, a quoted field may span lines.
fn records(text: &str, sep: char) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
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
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            c if c == sep => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start_line, fields));
    }
    out
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
        | "numero" | "ndossier" | "numerodossier" | "dossier" | "externalref" | "ine" => {
            Some(Column::Ref)
        }
        "uuid" | "pseudonyme" | "pseudonym" | "traineeuuid" => Some(Column::Uuid),
        _ => None,
    }
}

/// Spaces inside a name collapsed and around it dropped.
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a class list. `file` names it in the problems (FILE:LINE).
pub fn parse(bytes: &[u8]) -> Roster {
    let text = decode_text(bytes);
    let mut roster = Roster::default();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = if first.matches(';').count() >= first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = records(&text, sep)
        .into_iter()
        .filter(|(_, f)| f.iter().any(|c| !c.trim().is_empty()));
    let Some((header_line, header)) = rows.next() else {
        roster.problems.push(RosterProblem {
            line: 1,
            msg: Msg::new("roster-empty"),
        });
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
    for (line, fields) in rows {
        if roster.entries.len() + roster.problems.len() >= MAX_ROSTER_LINES {
            roster.problems.push(RosterProblem {
                line,
                msg: Msg::new("roster-too-long").int("max", MAX_ROSTER_LINES as i64),
            });
            break;
        }
        let cell = |i: Option<usize>| -> String {
            i.and_then(|i| fields.get(i))
                .map(|s| tidy(s))
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
mod tests {
    use super::*;

    #[test]
    fn latin1_and_semicolons_and_quotes() {
        let bytes =
            b"Nom;Pr\xe9nom;N\xb0 dossier\r\n\r\n\"Dupont; fils\";Ren\xe9e;A12\r\nMartin;;\r\n";
        let r = parse(bytes);
        assert_eq!(r.entries.len(), 2, "{:?}", r.problems);
        assert_eq!(r.entries[0].name, "Renée Dupont; fils");
        assert_eq!(r.entries[0].external_ref.as_deref(), Some("A12"));
        assert_eq!(r.entries[0].line, 3);
        assert_eq!(r.entries[1].name, "Martin");
    }

    #[test]
    fn comma_full_name_and_bom() {
        let r = parse("\u{feff}Stagiaire,Identifiant\nLéa Moreau,7\n,8\n".as_bytes());
        assert_eq!(r.entries.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 3);
    }
}
