//! The class list reader's unit tests: lists as spreadsheets and PCs save them.

use super::*;

/// The headers docs/class-lists.md says are known, as schools write them.
#[test]
fn the_documented_headers_are_known() {
    for (cell, column) in [
        ("N° INE", Column::Ref),
        ("N° dossier", Column::Ref),
        ("Référence externe", Column::Ref),
        ("Nom de famille", Column::Last),
        ("Nom Prénom", Column::Full),
        ("PRÉNOM ", Column::First),
        ("Pseudonyme", Column::Uuid),
    ] {
        assert_eq!(column_of(cell), Some(column), "{cell}");
    }
    assert_eq!(column_of("Classe"), None);
}

#[test]
fn latin1_and_semicolons_and_quotes() {
    let bytes = b"Nom;Pr\xe9nom;N\xb0 dossier\r\n\r\n\"Dupont; fils\";Ren\xe9e;A12\r\nMartin;;\r\n";
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

/// (line, name, reference) of each entry.
fn read(r: &Roster) -> Vec<(usize, &str, Option<&str>)> {
    r.entries
        .iter()
        .map(|e| (e.line, e.name.as_str(), e.external_ref.as_deref()))
        .collect()
}

/// (line, key) of each problem.
fn problems(r: &Roster) -> Vec<(usize, &str)> {
    r.problems
        .iter()
        .map(|p| (p.line, p.msg.key.as_str()))
        .collect()
}

fn encoding(bytes: &[u8]) -> Encoding {
    match decode(bytes) {
        Ok((_, e)) => e,
        Err(p) => panic!("refused at line {}: {:?}", p.line, p.msg),
    }
}

/// The three trainees of the lists below, as the school wrote them.
const LEA_FRANCOIS: [(usize, &str, Option<&str>); 2] = [
    (2, "Léa Moreau", Some("A12")),
    (3, "François Noël", Some("A13")),
];

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    let text = "Nom;Prénom;Référence\r\nMoreau;Léa;A12\r\nNoël;François;A13\r\n";
    let plain = parse(text.as_bytes());
    assert_eq!(read(&plain), LEA_FRANCOIS, "{:?}", plain.problems);
    assert!(plain.problems.is_empty());
    let mut marked = b"\xEF\xBB\xBF".to_vec();
    marked.extend_from_slice(text.as_bytes());
    let r = parse(&marked);
    assert_eq!(read(&r), LEA_FRANCOIS, "{:?}", r.problems);
    assert!(r.problems.is_empty());
    assert_eq!(encoding(text.as_bytes()), Encoding::Utf8);
    assert_eq!(encoding(&marked), Encoding::Utf8);
}

/// Excel's "Texte Unicode": UTF-16LE with its mark, TAB-separated, CRLF.
#[test]
fn utf16_little_endian_with_a_mark_and_tabs() {
    let text = "Nom\tPrénom\tRéférence\r\nMoreau\tLéa\tA12\r\nNoël\tFrançois\tA13\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(&bytes[..6], &[0xFF, 0xFE, b'N', 0, b'o', 0]);
    let r = parse(&bytes);
    assert_eq!(read(&r), LEA_FRANCOIS, "{:?}", r.problems);
    assert!(r.problems.is_empty());
    assert_eq!(encoding(&bytes), Encoding::Utf16Le);
    // Without its mark, the NULs say it just as plainly.
    assert_eq!(read(&parse(&bytes[2..])), LEA_FRANCOIS);
    assert_eq!(encoding(&bytes[2..]), Encoding::Utf16Le);
    // Cut in the middle of a character on line 3: refused there, nobody taken.
    let cut = 2 + 2 * "Nom\tPrénom\tRéférence\r\nMoreau\tLéa\tA12\r\nNoël\tFran".len() + 1;
    let r = parse(&bytes[..cut]);
    assert!(r.entries.is_empty());
    assert_eq!(problems(&r), [(3, "roster-bad-utf16")]);
}

#[test]
fn utf16_big_endian_with_a_mark() {
    let text = "Nom;Prénom;Référence\nMoreau;Léa;A12\nNoël;François;A13\n";
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(&bytes[..6], &[0xFE, 0xFF, 0, b'N', 0, b'o']);
    let r = parse(&bytes);
    assert_eq!(read(&r), LEA_FRANCOIS, "{:?}", r.problems);
    assert_eq!(encoding(&bytes), Encoding::Utf16Be);
    assert_eq!(encoding(&bytes[2..]), Encoding::Utf16Be);
    // A lone high surrogate (0xD800) on line 2.
    let mut broken = bytes[..2 + 2 * "Nom;Prénom;Référence\nMor".len()].to_vec();
    broken.extend_from_slice(&[0xD8, 0x00, 0, b'x']);
    assert_eq!(problems(&parse(&broken)), [(2, "roster-bad-utf16")]);
}

/// Excel on a French Windows PC: "CSV (séparateur : point-virgule)".
#[test]
fn a_windows_1252_file() {
    let bytes =
        b"Nom;Pr\xe9nom;R\xe9f\xe9rence\r\nMoreau;L\xe9a;A12\r\nNo\xebl;Fran\xe7ois;A13\r\n\
LEF\xc8VRE;\xc9lodie;A14\r\nC\x9cur;Ana\xefs;\x93A15\x94\r\nD\x92Almeida;L\xe9a;A16\r\n";
    assert_eq!(encoding(bytes), Encoding::Windows1252);
    let r = parse(bytes);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        read(&r),
        [
            LEA_FRANCOIS[0],
            LEA_FRANCOIS[1],
            (4, "Élodie LEFÈVRE", Some("A14")),
            (5, "Anaïs Cœur", Some("“A15”")),
            (6, "Léa D’Almeida", Some("A16")),
        ]
    );
    // Here letter for letter Mac Roman scores as well ("PrÈnom", "DíAlmeida",
    // "LÈa"): a capital inside a word tells them apart.
    let r = parse(b"Nom;Pr\xe9nom\r\nD\x92Almeida;L\xe9a\r\n");
    assert_eq!(read(&r), [(2, "Léa D’Almeida", None)], "{:?}", r.problems);
}

/// Excel on an old Mac: Mac Roman, lone CR line ends.
#[test]
fn a_mac_roman_file() {
    let bytes = b"Nom;Pr\x8Enom;R\x8Ef\x8Erence\rMoreau;L\x8Ea;A12\rNo\x91l;Fran\x8Dois;A13\r\
DUPR\x83;J\x8Er\x99me;A14\rMartin;H\x8El\x8Fne;A15\rRoux;Ana\x95s;A16\r\x82elik;Ga\x91lle;A17\r";
    assert_eq!(encoding(bytes), Encoding::MacRoman);
    let r = parse(bytes);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        read(&r),
        [
            LEA_FRANCOIS[0],
            LEA_FRANCOIS[1],
            (4, "Jérôme DUPRÉ", Some("A14")),
            (5, "Hélène Martin", Some("A15")),
            (6, "Anaïs Roux", Some("A16")),
            (7, "Gaëlle Çelik", Some("A17")),
        ]
    );
}

/// A few code points checked by hand against Apple's ROMAN.TXT.
#[test]
fn mac_roman_table() {
    for (b, c) in [
        (0x41, 'A'),
        (0x80, 'Ä'),
        (0x82, 'Ç'),
        (0x83, 'É'),
        (0x88, 'à'),
        (0x8D, 'ç'),
        (0x8E, 'é'),
        (0x8F, 'è'),
        (0x90, 'ê'),
        (0x91, 'ë'),
        (0x94, 'î'),
        (0x95, 'ï'),
        (0x99, 'ô'),
        (0x9D, 'ù'),
        (0x9E, 'û'),
        (0x9F, 'ü'),
        (0xA0, '\u{2020}'),
        (0xA1, '\u{B0}'),
        (0xAE, '\u{C6}'),
        (0xB0, '\u{221E}'),
        (0xCA, '\u{A0}'),
        (0xCE, '\u{152}'),
        (0xCF, '\u{153}'),
        (0xD5, '\u{2019}'),
        (0xD9, '\u{178}'),
        (0xDB, '\u{20AC}'),
        (0xE9, '\u{C8}'),
        (0xF0, '\u{F8FF}'),
        (0xF5, '\u{131}'),
        (0xFF, '\u{2C7}'),
    ] {
        assert_eq!(mac_roman(b), c, "{b:#04X}");
    }
    let high: std::collections::BTreeSet<char> = (0x80..=0xFF).map(mac_roman).collect();
    assert_eq!(high.len(), 128);
    assert!(high.iter().all(|c| !c.is_ascii()));
}

/// One Latin-1 line pasted into a UTF-8 list: the whole file is refused at that line.
#[test]
fn utf8_with_one_latin1_line_is_refused_at_that_line() {
    let mut bytes = "Nom;Prénom;Référence\r\nMoreau;Léa;A12\r\n\r\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"No\xebl;Fran\xe7ois;A13\r\n");
    bytes.extend_from_slice("Roux;Inès;A14\r\n".as_bytes());
    let r = parse(&bytes);
    assert!(r.entries.is_empty(), "{:?}", r.entries);
    assert_eq!(problems(&r), [(4, "roster-mixed-encoding")]);
    assert!(
        r.problems[0]
            .msg
            .render(crate::i18n::Lang::Fr)
            .contains("CSV UTF-8")
    );
    // Lone CR ends count as lines too; a byte-order mark says UTF-8 on its own.
    let r = parse(b"\xEF\xBB\xBFNom;Pr\xe9nom\rMoreau;L\xe9a\r");
    assert_eq!(problems(&r), [(1, "roster-mixed-encoding")]);
    let mut bytes = "Nom;Prénom\rMoreau;Léa\r\r\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"No\xebl;Fran\xe7ois\r");
    assert_eq!(problems(&parse(&bytes)), [(4, "roster-mixed-encoding")]);
}

#[test]
fn lone_cr_crlf_and_lf_each_end_a_line() {
    let r = parse("Nom;Prénom\rMoreau;Léa\rRoux;Inès\r".as_bytes());
    assert_eq!(
        read(&r),
        [(2, "Léa Moreau", None), (3, "Inès Roux", None)],
        "{:?}",
        r.problems
    );
    assert!(r.problems.is_empty());
    // All three in one file, a quoted name over two lines, a blank line.
    let r = parse("Nom;Prénom\r\nMoreau;Léa\r\"Lefèvre\rdit Lulu\";Jean\n\r\nRoux;\r".as_bytes());
    assert_eq!(
        read(&r),
        [
            (2, "Léa Moreau", None),
            (3, "Jean Lefèvre dit Lulu", None),
            (6, "Roux", None)
        ],
        "{:?}",
        r.problems
    );
}

#[test]
fn separator_from_the_header_line() {
    let r = parse(b"Nom,Pr\xe9nom\rMoreau,L\xe9a\r");
    assert_eq!(read(&r), [(2, "Léa Moreau", None)]);
    let r = parse("Nom complet\tRéférence\nMoreau, Léa\tA12\n".as_bytes());
    assert_eq!(
        read(&r),
        [(2, "Moreau, Léa", Some("A12"))],
        "{:?}",
        r.problems
    );
    // Commas inside quotes do not count.
    let r = parse("\"Nom, Prénom, \";Référence\n\"Moreau, Léa\";A12\n".as_bytes());
    assert_eq!(
        read(&r),
        [(2, "Moreau, Léa", Some("A12"))],
        "{:?}",
        r.problems
    );
    assert!(r.problems.is_empty());
}

#[test]
fn header_cells_not_understood_are_reported() {
    let r = parse("Nom;PrŽnom;;Classe\nMoreau;Léa;;3A\n".as_bytes());
    assert_eq!(read(&r), [(2, "Moreau", None)]);
    assert_eq!(problems(&r), [(1, "roster-unknown-columns")]);
    assert_eq!(
        r.problems[0].msg.render(crate::i18n::Lang::Fr),
        "Colonne(s) non reconnue(s), donc non lue(s) : colonne 2 « PrŽnom »; colonne 4 « Classe ». \
Les colonnes lues : Nom, Prénom, Nom complet, Référence, Pseudonyme."
    );
    // The same column twice: the second is not read, and that is said.
    let r = parse("Nom;Prénom;Nom d'usage\nMoreau;Léa;Petit\n".as_bytes());
    assert_eq!(read(&r), [(2, "Léa Moreau", None)]);
    assert_eq!(problems(&r), [(1, "roster-same-column")]);
    // Only unknown columns: refused at the header.
    let r = parse("PrŽnom;RŽfŽrence\nLéa;A12\n".as_bytes());
    assert!(r.entries.is_empty());
    assert_eq!(problems(&r), [(1, "roster-no-header")]);
}

#[test]
fn a_list_that_gives_nobody_says_so() {
    let r = parse(b"Nom;Pr\xe9nom\r\n\r\n");
    assert_eq!(problems(&r), [(1, "roster-no-trainee")]);
    let r = parse(b"\r\nNom;Pr\xe9nom;R\xe9f\xe9rence\r\n;;A12\r\n");
    assert!(r.entries.is_empty());
    assert_eq!(
        problems(&r),
        [(3, "roster-no-name"), (2, "roster-no-trainee")]
    );
    assert_eq!(problems(&parse(b" \r\n\r\n")), [(1, "roster-empty")]);
}

#[test]
fn files_that_are_not_a_text_list_are_refused() {
    let r = parse(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml");
    assert_eq!(problems(&r), [(1, "roster-workbook")]);
    let r = parse(b"Nom;Pr\xe9nom\r\nMor\x00eau;L\xe9a\r\n");
    assert_eq!(problems(&r), [(2, "roster-not-text")]);
    // A quote that never closes: the lines before it are read, the rest is not.
    let r = parse("Nom;Prénom\nMoreau;Léa\nRoux;\"Inès\nBenali;Yacine\n".as_bytes());
    assert_eq!(read(&r), [(2, "Léa Moreau", None)]);
    assert_eq!(problems(&r), [(3, "roster-open-quote")]);
}
