//! The broken-scenario corpus: each file gives `FILE:LINE:COL: message` at the right place,
//! in plain words, with exit status 1 and no panic.

#[path = "common/sandbox.rs"]
mod sandbox;
use std::path::Path;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_fibrelab")
}

/// (file, line, column, field path or "", words the message must contain)
const CORPUS: &[(&str, usize, usize, &str, &str)] = &[
    ("binary-garbage", 2, 3, "", "not a text file"),
    (
        "cleave-beyond-strip",
        23,
        13,
        "exercise.targets.cleave_length_mm",
        "shorter than the coating strip",
    ),
    (
        "colour-code-typo",
        18,
        22,
        "exercise.colour_code",
        "did you mean `French`",
    ),
    (
        "duplicate-criterion",
        36,
        14,
        "rubric.criteria[2].id",
        "used twice",
    ),
    ("empty", 1, 1, "", "The file is empty"),
    (
        "fibre-out-of-range",
        28,
        35,
        "exercise.tasks[0].fibre",
        "13 is out of range: allowed 1 to 12",
    ),
    (
        "format-2",
        3,
        5,
        "format",
        "Format version 2 is not supported",
    ),
    ("missing-comma", 13, 18, "difficulty", "Expected a comma"),
    ("missing-rubric", 31, 1, "", "Missing field `rubric`"),
    (
        "negative-length",
        20,
        13,
        "exercise.targets.sheath_strip_mm",
        "-1500 mm is out of range",
    ),
    (
        "number-for-text",
        6,
        13,
        "title.fr",
        "Expected text between double quotes",
    ),
    (
        "reversed-range",
        25,
        19,
        "exercise.cleaver.blade_wear",
        "first bound must not be above",
    ),
    (
        "sheath-shorter-than-kept",
        21,
        13,
        "exercise.targets.strength_member_keep_mm",
        "cannot be kept beyond",
    ),
    (
        "string-for-number",
        13,
        17,
        "difficulty",
        "Expected a whole number",
    ),
    (
        "time-in-practice",
        46,
        26,
        "rubric.criteria[12].check",
        "practice is not timed",
    ),
    (
        "truncated",
        28,
        33,
        "exercise.tasks[0].tube",
        "ends too early",
    ),
    (
        "tube-out-of-range",
        28,
        26,
        "exercise.tasks[0].tube",
        "This cable has 6 tubes",
    ),
    ("typo-field", 13, 5, "", "did you mean `difficulty`"),
    (
        "typo-nested-field",
        22,
        13,
        "exercise.targets",
        "did you mean `coating_strip_mm`",
    ),
    ("unclosed-string", 4, 9, "id", "no closing double quote"),
    ("unknown-mode", 14, 11, "mode", "did you mean `Practice`"),
    (
        "wear-out-of-range",
        25,
        19,
        "exercise.cleaver.blade_wear",
        "1.5 is out of range",
    ),
    (
        "otdr-check-of-another-module",
        46,
        27,
        "rubric.criteria[3].check",
        "belongs to the \"Cable preparation\" module",
    ),
    (
        "otdr-multimode-wavelength",
        31,
        29,
        "exercise.wavelengths[1]",
        "1300 nm: the instrument offers 1310, 1550, 1625 nm",
    ),
    (
        "otdr-positive-reflectance",
        25,
        48,
        "exercise.source.elements[3].reflectance_db",
        "5 dB is out of range: allowed -80 to -14 dB",
    ),
    (
        "otdr-splitter-ports",
        27,
        26,
        "exercise.source.elements[5].ports",
        "Splitter 1:6",
    ),
    (
        "splice-right-cable-lacks-the-fibre",
        28,
        17,
        "exercise.prep.tasks[0]",
        "right cable has no such fibre",
    ),
    (
        "splice-single-mode-to-multimode",
        35,
        13,
        "exercise.right.fibre",
        "cannot be spliced to a multimode",
    ),
    (
        "decimal-comma",
        23,
        39,
        "exercise.source.elements[1].loss_db",
        "Write numbers with a point: 12.5, not 12,5 (found 0,08)",
    ),
    (
        "range-name-typo",
        25,
        31,
        "exercise.cleaver.blade_wear",
        "Unknown value `Rnage`: did you mean `Range`?",
    ),
    (
        "range-as-list",
        25,
        19,
        "exercise.cleaver.blade_wear",
        "Expected a number, or Range(min, max), found [0.05, 0.25]",
    ),
    (
        "otdr-link-too-long",
        21,
        13,
        "exercise.source.elements",
        "up to 303.4 km long, launch and receive cables included: the instrument's longest range is 260 km",
    ),
    (
        "otdr-two-breaks",
        27,
        17,
        "exercise.source.elements[5]",
        "A second break: nothing is seen beyond the first one (element 2)",
    ),
    (
        "route-cable-thicker-than-duct",
        28,
        40,
        "exercise.site.ducts[1].inner_diameter_mm",
        "the cable does not go in",
    ),
    (
        "route-chamber-kind-typo",
        24,
        34,
        "exercise.site.chambers[2].kind",
        "did you mean `L0T`",
    ),
    (
        "route-chamber-too-small",
        23,
        28,
        "exercise.site.chambers[1].kind",
        "under the cable's bend radius (0.30 m)",
    ),
    (
        "route-check-without-its-task",
        43,
        26,
        "rubric.criteria[0].check",
        "judges a task the exercise does not give",
    ),
    (
        "route-task-field-typo",
        24,
        90,
        "exercise.tasks[0]",
        "did you mean `transition`",
    ),
    (
        "route-duct-route-typo",
        28,
        63,
        "exercise.site.ducts[1].route",
        "piece 5: \"X45\"",
    ),
    (
        "route-ducts-not-chained",
        28,
        18,
        "exercise.site.ducts[1].from",
        "while the previous one ends at `C2`",
    ),
    (
        "connect-check-without-task",
        16,
        50,
        "rubric.criteria[0].check",
        "about a task the scenario does not give",
    ),
    (
        "job-line-lead-holds-the-splice",
        61,
        64,
        "exercise.otdr.source.elements[1]",
        "only the way from connector A to that splice, without JobSplice",
    ),
    (
        "otdr-job-line-outside",
        17,
        9,
        "exercise.source",
        "only in a job with a connecting stage",
    ),
    (
        "connect-job-piece-outside-job",
        17,
        13,
        "exercise.link[1]",
        "belong in a job only",
    ),
    (
        "connect-link-connector-typo",
        16,
        13,
        "exercise.link[0]",
        "did you mean `PBO`",
    ),
    (
        "connect-mark-off-the-face",
        13,
        34,
        "exercise.connectors[0].port[0].r_um",
        "out of range",
    ),
    (
        "connect-three-cords-missing",
        17,
        25,
        "exercise.tasks[0].method",
        "3 test cord(s) needed, the kit has 2",
    ),
    (
        "route-span-without-pole",
        32,
        30,
        "exercise.site.spans[1].to",
        "There is no pole `P9`",
    ),
    // Absurd numbers: out of a physically sensible range, with the range and the reason.
    (
        "route-cable-expansion-absurd",
        33,
        114,
        "exercise.cable.alpha_per_k",
        "1e308 /K is out of range: allowed -0.000005 to 0.00003 /K. a fibre cable's thermal expansion",
    ),
    (
        "route-cable-bend-negative",
        44,
        17,
        "exercise.route.cable.bend_loaded_mm",
        "-90 mm is out of range: allowed 10 to 1000 mm. a cable's bend radius",
    ),
    (
        "route-chamber-off-the-plan",
        25,
        39,
        "exercise.site.chambers[2].x_m",
        "NaN m is out of range: allowed -5000 to 5000 m. a place on the site's plan",
    ),
    (
        "route-pole-off-the-plan",
        28,
        94,
        "exercise.site.poles[2].y_m",
        "-1e308 m is out of range: allowed -5000 to 5000 m.",
    ),
    (
        "route-house-off-the-plan",
        37,
        41,
        "exercise.route.site.houses[0].x_m",
        "inf m is out of range: allowed -5000 to 5000 m.",
    ),
    (
        "route-sag-tolerance-absurd",
        46,
        40,
        "rubric.criteria[0].check.tolerance_pct",
        "1e308 % is out of range: allowed 1 to 50 %. a sag is set to within a few percent",
    ),
    (
        "job-order-route-used",
        115,
        17,
        "exercise.order.order.route",
        "The work order as written must hold on the plan (each attempt draws its variants from it): FINT06",
    ),
    (
        "job-route-read-not-critical",
        183,
        13,
        "rubric.criteria[0].critical",
        "Criterion `route` (the route read against the plan) must be critical",
    ),
    (
        "job-audit-at-least",
        117,
        13,
        "exercise.audit.at_least",
        "`at_least` asks for 9 defects, but the list gives only 7.",
    ),
    (
        "job-sag-tolerance-negative",
        109,
        40,
        "rubric.criteria[2].check.tolerance_pct",
        "-25 % is out of range: allowed 1 to 50 %.",
    ),
    (
        "connect-mark-angle-absurd",
        27,
        42,
        "exercise.connectors[1].port[0].angle_deg",
        "1e308 ° is out of range: allowed 0 to 360 °. where a mark lies around the centre",
    ),
    // Texts shown to trainees: something visible, nothing that acts on the screen or hides.
    (
        "title-only-spaces",
        8,
        9,
        "title.en",
        "This text shows nothing: it is empty, or holds only spaces or invisible characters.",
    ),
    (
        "title-zero-width",
        7,
        9,
        "title.fr",
        "Character 1 of this text is U+200B, an invisible character",
    ),
    (
        "title-terminal-escape",
        8,
        9,
        "title.en",
        "Character 11 of this text is U+001B, a control character (a terminal escape",
    ),
    (
        "briefing-bidi-override",
        11,
        9,
        "briefing.fr",
        "Character 168 of this text is U+202E, a writing-direction control",
    ),
    (
        "connect-report-line-escape",
        100,
        24,
        "exercise.connect.tasks[3].line_id",
        "Character 13 of this text is U+0007, a control character",
    ),
    (
        "connect-place-invisible",
        89,
        60,
        "exercise.connect.link[3].place.fr",
        "Character 1 of this text is U+2060, an invisible character",
    ),
];

#[test]
fn corpus_is_complete() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/broken")
        .flatten()
        .map(|e| {
            e.path()
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|c| c.0.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every corpus file has an expectation and vice versa"
    );
    assert!(files.len() >= 15);
}

#[test]
fn each_broken_file_is_reported_at_its_position() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    for (name, line, col, path, words) in CORPUS {
        let file = dir.join(format!("{name}.ron"));
        let out = Command::new(bin())
            .envs(sandbox::env())
            .args(["--lang", "en", "validate"])
            .arg(&file)
            .output()
            .expect("run fibrelab");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: exit status, output:\n{stdout}"
        );
        let first = stdout.lines().next().unwrap_or_default();
        let prefix = format!("{}:{line}:{col}: ", file.display());
        assert!(
            first.starts_with(&prefix),
            "{name}: expected `{prefix}...`, got `{first}`"
        );
        if !path.is_empty() {
            assert!(
                first.contains(&format!("`{path}`: ")),
                "{name}: field path `{path}` in `{first}`"
            );
        }
        assert!(first.contains(words), "{name}: `{words}` in `{first}`");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{name} panicked"
        );
        // What the trainer reads acts on nothing and stays short: no escape sent to the
        // terminal, no number written out in hundreds of digits.
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: a control character in `{stdout}`"
        );
        let longest_digits = stdout
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(longest_digits < 20, "{name}: `{first}`");
    }
}

#[test]
fn messages_exist_in_french_too() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/typo-field.ron");
    let out = Command::new(bin())
        .envs(sandbox::env())
        .args(["--lang", "fr", "validate"])
        .arg(&file)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Champ inconnu `dificulty` : vouliez-vous écrire `difficulty` ?"),
        "{stdout}"
    );
    for (name, words) in [
        (
            "title-terminal-escape",
            "Le caractère 11 de ce texte est U+001B, un caractère de commande",
        ),
        (
            "route-cable-expansion-absurd",
            "1e308 /K est hors limites : de -0,000005 à 0,00003 /K.",
        ),
    ] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/broken/{name}.ron"));
        let out = Command::new(bin())
            .envs(sandbox::env())
            .args(["--lang", "fr", "validate"])
            .arg(&file)
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(words), "{name}: {stdout}");
    }
}

#[test]
fn a_folder_with_one_broken_file_fails_and_lists_only_that_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("scenarios/cable-prep/flat-drop-assessment.ron"),
        tmp.path().join("good.ron"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/broken/unknown-mode.ron"),
        tmp.path().join("bad.ron"),
    )
    .unwrap();
    let out = Command::new(bin())
        .envs(sandbox::env())
        .args(["--lang", "en", "validate"])
        .arg(tmp.path())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("bad.ron:14:11:"));
}

mod never_panics {
    use fibrelab::scenario::load::load_bytes;
    use proptest::prelude::*;

    fn base() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/cable-prep/loose-tube-fr-practice.ron"
        ))
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = load_bytes(&bytes, "fuzz.ron");
        }

        #[test]
        fn cut_or_corrupted_scenario(cut in 0usize..3000, at in 0usize..3000, byte in any::<u8>()) {
            let mut b = base();
            if at < b.len() { b[at] = byte; }
            b.truncate(cut.min(b.len()));
            match load_bytes(&b, "fuzz.ron") {
                Ok(_) => {}
                Err(ds) => {
                    prop_assert!(!ds.is_empty());
                    for d in ds {
                        prop_assert!(d.pos.line >= 1 && d.pos.col >= 1);
                        let lines = String::from_utf8_lossy(&b).lines().count().max(1);
                        prop_assert!(d.pos.line <= lines + 1, "line {} of {}", d.pos.line, lines);
                    }
                }
            }
        }
    }
}
