//! Every message key the program uses exists in French and in English, and the two
//! catalogues hold the same keys, file by file (one file per module and one shared), each
//! key defined once.

use std::collections::BTreeSet;
use std::path::Path;

/// The catalogue's files of a language, by name, with their keys.
fn files(lang: &str) -> Vec<(String, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/{lang}"));
    let mut out: Vec<(String, Vec<String>)> = std::fs::read_dir(dir)
        .expect("locale folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("ftl");
            let keys = text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
                .map(|l| l.split(" = ").next().unwrap_or("").trim().to_string())
                .collect();
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, keys)
        })
        .collect();
    out.sort();
    out
}

fn catalogue(lang: &str) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for (file, keys) in files(lang) {
        for k in keys {
            assert!(
                all.insert(k.clone()),
                "{lang}: `{k}` defined twice ({file})"
            );
        }
    }
    all
}

#[test]
fn one_file_per_module_in_both_languages() {
    let names = |lang| files(lang).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names("fr-FR"), names("en-US"));
    for module in [
        "common", "prep", "otdr", "splice", "job", "routing", "connect", "school",
    ] {
        assert!(
            names("en-US").contains(&format!("{module}.ftl")),
            "{module}.ftl"
        );
    }
    for ((fr_file, fr), (en_file, en)) in files("fr-FR").into_iter().zip(files("en-US")) {
        assert_eq!(fr_file, en_file);
        assert_eq!(fr, en, "{fr_file}: the same keys in the same order");
    }
}

#[test]
fn french_and_english_have_the_same_keys() {
    let fr = catalogue("fr-FR");
    let en = catalogue("en-US");
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "only fr: {only_fr:?}, only en: {only_en:?}"
    );
    assert!(fr.len() > 200);
}

fn literal_keys(dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("src").flatten() {
        let p = e.path();
        if p.is_dir() {
            literal_keys(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            for part in text
                .split("Msg::new(\"")
                .skip(1)
                .chain(text.split("tr(lang, \"").skip(1))
                .chain(text.split("t(\"").skip(1))
            {
                let key: String = part.chars().take_while(|c| *c != '"').collect();
                if key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && key.contains('-')
                {
                    out.insert(key);
                }
            }
        }
    }
}

#[test]
fn every_key_in_the_source_is_translated() {
    let mut used = BTreeSet::new();
    literal_keys(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(used.len() > 150, "found {} keys", used.len());
    let fr = catalogue("fr-FR");
    let missing: Vec<_> = used.iter().filter(|k| !fr.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "missing from the catalogues: {missing:?}"
    );
}

#[test]
fn generated_keys_are_translated() {
    use fibrelab::exercise::prep::{EndDefect, Tool};
    use fibrelab::physics::cable::ColourCode;
    for c in ColourCode::StandardOrange.order() {
        assert!(c.name().exists_in_all_languages(), "{c:?}");
        assert!(c.name_f().exists_in_all_languages(), "{c:?}");
    }
    for t in Tool::ALL {
        assert!(t.name().exists_in_all_languages(), "{t:?}");
    }
    for d in [EndDefect::Hackle, EndDefect::Lip, EndDefect::Chip] {
        assert!(d.name().exists_in_all_languages(), "{d:?}");
    }
    for w in [
        "what-sheath",
        "what-strength",
        "what-coating",
        "what-cleave",
    ] {
        assert!(fibrelab::i18n::Msg::new(format!("{w}-why")).exists_in_all_languages());
    }
}

#[test]
fn french_reads_french() {
    use fibrelab::exercise::prep::FibreRef;
    use fibrelab::i18n::Lang;
    use fibrelab::physics::cable::ColourCode;
    let f = FibreRef {
        tube: Some(3),
        fibre: 5,
    };
    // Fibre 5 is violet, tube 3 green (French code): the adjective agrees with "fibre".
    assert_eq!(
        f.describe(ColourCode::StandardOrange).render(Lang::Fr),
        "la fibre violette (n° 5) du tube vert (n° 3)"
    );
    assert_eq!(
        f.describe(ColourCode::StandardOrange).render(Lang::En),
        "the violet fibre (no. 5) of the green tube (no. 3)"
    );
}
