//! The broken-scenario corpus: each file gives `FILE:LINE:COL: message` at the right place,
//! in plain words, with exit status 1 and no panic.

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
    }
}

#[test]
fn messages_exist_in_french_too() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/typo-field.ron");
    let out = Command::new(bin())
        .args(["--lang", "fr", "validate"])
        .arg(&file)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Champ inconnu `dificulty` : vouliez-vous écrire `difficulty` ?"),
        "{stdout}"
    );
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
