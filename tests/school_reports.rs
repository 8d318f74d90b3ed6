//! The printed reports and their codes: an attempt's report, the OTDR report, the
//! cohort summary, one page each with Chromium, the relevé's date, the attestation.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::sandbox;
use common::*;

// ---------------------------------------------------------------- reports and codes

fn attempt_of(s: &School, who: &str, scenario: &str) -> i64 {
    let db = s.open();
    let t = db.trainee(who).unwrap();
    db.results(&Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.trainee_uuid.as_deref() == Some(t.uuid.as_str()) && r.scenario_id == scenario)
        .unwrap()
        .attempt
}

#[test]
fn an_attempts_report_shows_the_criteria_the_log_and_a_code_that_verify_checks() {
    let s = cohort_with_results();
    s.ok(&[
        "school",
        "set",
        "name",
        "Lycée Gustave Eiffel — plateau fibre",
    ]);
    let yacine = attempt_of(&s, "Yacine Benali", "connect-dirty-connector-assessment");
    s.ok(&[
        "review",
        &yacine.to_string(),
        "--decision",
        "redo",
        "--comment",
        "Nettoyer avant de brancher.",
    ]);
    let html_path = s.dir.join("releve.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "attempt",
        &yacine.to_string(),
        "--out",
        html_path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("Yacine Benali") && html.contains("Lycée Gustave Eiffel"));
    assert!(
        html.contains("<b>22,5</b> / 100"),
        "the score in French notation"
    );
    assert!(html.contains("ECF test") && html.contains("Promo test"));
    assert!(html.contains("à refaire") && html.contains("Nettoyer avant de brancher."));
    // The critical criteria missed come first.
    let first_critical = html.find("class=\"crit\"").unwrap();
    // Each criterion by its title, not its id.
    let time = html.find("<td>Dans le temps imparti").unwrap();
    assert!(first_critical < time);
    assert!(
        !html.contains("<td>time")
            && html.contains("<td>Verdict sur le lien <span class=\"small\">")
    );
    // One log line per action stored.
    let actions = s.open().actions(yacine).unwrap().len();
    let log = &html[html.find("class=\"log\"").unwrap()..];
    assert_eq!(log.matches("<tr><td class=\"num\">").count(), actions);
    // The printed code is checked by verify --code; a code copied wrong is not found.
    let code = html
        .split("class=\"code\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert!(code.starts_with("FL-") && code.len() == 20, "{code}");
    let out = s.run(&["verify", "--code", &code]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("confirmed by replay"));
    let out = s.run(&["verify", "--code", &code.to_lowercase().replace('-', " ")]);
    assert!(out.status.success(), "dashes and case do not count");
    // The attestation from the shipped template carries the same code.
    let att = s.dir.join("attestation.html");
    s.ok(&[
        "--lang",
        "fr",
        "attest",
        &yacine.to_string(),
        "--out",
        att.to_str().unwrap(),
    ]);
    let a = std::fs::read_to_string(&att).unwrap();
    assert!(a.contains("<b>Yacine Benali</b>") && a.contains(&code) && a.contains("22,5"));
    // A school's own template; a variable it misspells is named.
    let tpl = s.write(
        "mine.html",
        "<p>{{ name }} : {{ score }} ({{ code }})</p>".as_bytes(),
    );
    s.ok(&[
        "attest",
        &yacine.to_string(),
        "--template",
        tpl.to_str().unwrap(),
        "--out",
        att.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&att).unwrap(),
        format!("<p>Yacine Benali : 22.5 ({code})</p>")
    );
    let bad = s.write("bad.html", "<p>{{ nom }}</p>".as_bytes());
    let out = s.run(&[
        "attest",
        &yacine.to_string(),
        "--template",
        bad.to_str().unwrap(),
        "--out",
        att.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("`nom`"), "{}", text(&out));
    // One byte of the stored grade, or of an action, changed: the code no longer verifies.
    for sql in [
        format!(
            "UPDATE attempts SET grade_json = replace(grade_json, '\"points\":7.5', '\"points\":8.5') WHERE id = {yacine}"
        ),
        format!("UPDATE actions SET at_ms = at_ms + 1 WHERE attempt_id = {yacine} AND seq = 1"),
    ] {
        let copy = s.dir.join("tampered.db");
        let _ = std::fs::remove_file(&copy);
        rusqlite::Connection::open(&s.db)
            .unwrap()
            .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
            .unwrap();
        let n = rusqlite::Connection::open(&copy)
            .unwrap()
            .execute(&sql, [])
            .unwrap();
        assert_eq!(n, 1, "{sql}");
        let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
            .envs(sandbox::env())
            .args(["--lang", "en", "verify", "--code", &code, "--db"])
            .arg(&copy)
            .env("FIBRELAB_SCHOOL_KEY", &s.key)
            .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{sql}: {}", text(&out));
        // The code kept with the attempt finds it; its seals and its replay refuse it.
        assert!(
            text(&out).contains(&format!("attempt {yacine}: MISMATCH")),
            "{}",
            text(&out)
        );
    }
}

#[test]
fn an_otdr_attempts_report_draws_its_trace_and_the_cohort_summary_lists_who_has_not_passed() {
    let s = cohort_with_results();
    s.ok(&[
        "play",
        "otdr-first-trace-practice",
        "--seed",
        "1",
        "--actions",
        root()
            .join("tests/scripts/otdr-first-trace-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    let id = s.open().attempts().unwrap().last().unwrap().id;
    let html_path = s.dir.join("otdr.html");
    s.ok(&[
        "report",
        "attempt",
        &id.to_string(),
        "--out",
        html_path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(
        html.contains("<svg") && html.contains("<polyline"),
        "the trace as a picture"
    );
    let points = html
        .split("points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .count();
    assert!(points > 200, "{points} points");
    let cohort = s.dir.join("promo.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "cohort",
        "ecf-test",
        "--out",
        cohort.to_str().unwrap(),
    ]);
    let c = std::fs::read_to_string(&cohort).unwrap();
    assert_eq!(c.matches("class=\"cell-passed\"").count(), 2);
    assert_eq!(c.matches("class=\"cell-critical\"").count(), 1);
    let not_passed = c
        .split("Pas encore réussi ou pas fait</h2><p>")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    assert_eq!(not_passed, "Inès Roux, Yacine Benali");
}

/// The months as a French page writes them: a printed date is never ISO.
const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Whether `text` holds a moment written for machines (`2026-12-06T01:23:11Z`).
fn has_iso_moment(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(11).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-' && w[10] == b'T'
    })
}

/// The page's footer on page `i` of `n`: who, and "Page i / n".
fn assert_footer(p: &Printed, i: usize, who: &str, code: Option<&str>) {
    let n = p.pages.len();
    let page = p.plain(i);
    assert!(
        page.contains(&format!("Page {} / {n}", i + 1)),
        "{}: page {} of {n} without its number: {page}",
        p.pdf.display(),
        i + 1
    );
    assert!(
        page.contains(who),
        "{}: page {}: {page}",
        p.pdf.display(),
        i + 1
    );
    if let Some(code) = code {
        assert!(
            page.contains(code),
            "{}: page {}: {page}",
            p.pdf.display(),
            i + 1
        );
    }
}

/// What the school prints, printed by headless Chromium as it prints it (A4, the
/// browser's header and footer off), read back with pdftotext: a single exercise's
/// relevé, its attestation and an OTDR recette on one page; a 12-fibre job's relevé on
/// several, each with the trainee's name, the code and "Page i / n"; the synthèse with
/// its criteria whole.
#[test]
fn the_reports_print_to_one_page_with_chromium() {
    if !asked("FIBRELAB_REPORT_TESTS") {
        return;
    }
    let s = cohort_with_results();
    s.ok(&["school", "set", "time-zone", "Europe/Paris"]);
    let lea = attempt_of(&s, "Léa Moreau", "prep-loose-tube-fr-practice");
    let code = s.open().code_of(lea).unwrap().unwrap();
    let out_dir = std::env::var("FIBRELAB_REPORT_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| s.dir.clone());
    let report = |lang: &str, id: i64, name: &str| -> PathBuf {
        let html = out_dir.join(format!("{name}.html"));
        s.ok(&[
            "--lang",
            lang,
            "report",
            "attempt",
            &id.to_string(),
            "--out",
            html.to_str().unwrap(),
        ]);
        html
    };
    // A single exercise: one page, the code whole on it (in the body and the footer),
    // the name, "Page 1 / 1", a date in words.
    for (lang, kind) in [("fr", "attempt"), ("en", "attempt"), ("fr", "attest")] {
        let html = if kind == "attempt" {
            report(lang, lea, &format!("attempt-{lang}"))
        } else {
            let html = out_dir.join(format!("attest-{lang}.html"));
            s.ok(&[
                "--lang",
                lang,
                "attest",
                &lea.to_string(),
                "--out",
                html.to_str().unwrap(),
            ]);
            html
        };
        let p = print_to_pdf(&html);
        p.assert_a4();
        assert_eq!(p.pages.len(), 1, "{kind} {lang}: {} pages", p.pages.len());
        let page = p.plain(0);
        assert!(
            page.matches(code.as_str()).count() >= 2,
            "{kind} {lang}: the code whole in the page and its footer: {page}"
        );
        assert_footer(&p, 0, "Léa Moreau", Some(&code));
        assert!(!has_iso_moment(&page), "{kind} {lang}: {page}");
        if lang == "fr" {
            assert!(
                MOIS.iter().any(|m| page.contains(&format!(" {m} 20"))),
                "{page}"
            );
        }
    }
    // An OTDR exercise: its trace drawn, still one page.
    s.ok(&[
        "play",
        "otdr-first-trace-practice",
        "--seed",
        "1",
        "--trainee",
        "Léa Moreau",
        "--actions",
        root()
            .join("tests/scripts/otdr-first-trace-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    let otdr = s.open().attempts().unwrap().last().unwrap().id;
    let p = print_to_pdf(&report("fr", otdr, "attempt-otdr-fr"));
    p.assert_a4();
    assert_eq!(p.pages.len(), 1, "the OTDR relevé: {} pages", p.pages.len());
    // Single exercises done with mistakes (longer feedback): the relevé itself on its
    // first page, a log of more than 14 gestures in full in an annex from page 2.
    let mut singles = vec![(
        "connect-dirty-connector-assessment",
        attempt_of(&s, "Yacine Benali", "connect-dirty-connector-assessment"),
    )];
    for id in ["otdr-first-trace-practice", "splice-bad-cleaver-practice"] {
        s.ok(&[
            "play",
            id,
            "--seed",
            "1",
            "--trainee",
            "Léa Moreau",
            "--actions",
            root()
                .join(format!("tests/scripts/{id}.mistakes.ron"))
                .to_str()
                .unwrap(),
        ]);
        singles.push((id, s.open().attempts().unwrap().last().unwrap().id));
    }
    for (id, attempt) in singles {
        let who = if id.starts_with("connect") {
            "Yacine Benali"
        } else {
            "Léa Moreau"
        };
        let code = s.open().code_of(attempt).unwrap().unwrap();
        let gestures = s.open().actions(attempt).unwrap().len();
        let p = print_to_pdf(&report("fr", attempt, &format!("attempt-{id}-mistakes-fr")));
        p.assert_a4();
        let n = p.pages.len();
        assert!(
            p.plain(0).contains("fibrelab verify --code"),
            "{id}: the relevé on one page: {}",
            p.plain(0)
        );
        // The log on the first page when it fits beside the criteria; else in an
        // annex (a log of more than 14 gestures always).
        if n == 1 {
            assert!(gestures <= 14, "{id}: {gestures} gestures on one page");
        } else {
            assert!(
                n >= 2 && p.plain(1).starts_with("Annexe"),
                "{id}: {}",
                p.plain(1)
            );
        }
        for i in 0..n {
            assert_footer(&p, i, who, Some(&code));
        }
    }
    // The 12-fibre job: 338 gestures. Its first page holds the relevé itself (the code
    // and how to check it), the whole log follows in an annex, its header on each page;
    // every page says whose it is, its code and its number.
    s.ok(&[
        "play",
        "job-closure-12-fibres-practice",
        "--seed",
        "1",
        "--trainee",
        "Léa Moreau",
        "--actions",
        root()
            .join("tests/scripts/job-closure-12-fibres-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    let job = s.open().attempts().unwrap().last().unwrap().id;
    let job_code = s.open().code_of(job).unwrap().unwrap();
    for lang in ["fr", "en"] {
        let html_path = report(lang, job, &format!("attempt-job-{lang}"));
        let html = std::fs::read_to_string(&html_path).unwrap();
        let actions = s.open().actions(job).unwrap().len();
        assert_eq!(actions, 338);
        let annex = &html[html.find("class=\"annex\"").expect("an annex")..];
        assert_eq!(
            annex.matches("<tr><td class=\"num\">").count()
                + annex
                    .matches("<tr class=\"refused\"><td class=\"num\">")
                    .count(),
            actions
        );
        let p = print_to_pdf(&html_path);
        p.assert_a4();
        let n = p.pages.len();
        assert!(n > 2, "{lang}: {n} pages");
        // The relevé itself (its criteria, its key moments, the decision, the code and
        // how to check it), then the annex from the top of a page of its own.
        let annex_word = if lang == "fr" { "Annexe" } else { "Annex" };
        let annex = (0..n)
            .find(|&i| p.plain(i).starts_with(annex_word))
            .unwrap_or_else(|| panic!("{lang}: the annex at the top of a page"));
        let how = (0..n)
            .find(|&i| p.plain(i).contains("fibrelab verify --code"))
            .expect("how to check the code");
        assert!(
            0 < annex && how < annex,
            "{lang}: the code on page {how}, the annex from page {annex}"
        );
        assert!(p.plain(0).contains("100,0 / 100") || p.plain(0).contains("100.0 / 100"));
        for i in 0..n {
            assert_footer(&p, i, "Léa Moreau", Some(&job_code));
        }
        // The log's header row, repeated at the top of the annex's last page.
        let header = if lang == "fr" {
            "Temps Geste Constat"
        } else {
            "Time Gesture Observed"
        };
        assert!(
            p.plain(n - 1).contains(header),
            "{lang}: {}",
            p.plain(n - 1)
        );
    }
    // The synthèse: A4, numbered, each word of a criterion whole (a column wide enough
    // to break between words, never inside one).
    let cohort = out_dir.join("cohort-fr.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "cohort",
        "ecf-test",
        "--out",
        cohort.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&cohort).unwrap();
    let p = print_to_pdf(&cohort);
    p.assert_a4();
    let all: String = (0..p.pages.len())
        .map(|i| p.plain(i))
        .collect::<Vec<_>>()
        .join(" ");
    let stats = &html[html.find("class=\"crit-stats\"").unwrap()..];
    let mut words = 0;
    for row in stats.split("<tr><td>").skip(1) {
        let cell = row
            .split("</td><td>")
            .nth(1)
            .unwrap()
            .split("</td>")
            .next()
            .unwrap()
            // The title, not the mark of a critical criterion after it.
            .split('<')
            .next()
            .unwrap();
        for w in cell.split_whitespace().filter(|w| w.chars().count() >= 4) {
            assert!(
                all.contains(w),
                "`{w}` whole in the printed synthèse: {all}"
            );
            words += 1;
        }
    }
    assert!(words >= 3, "{words} words checked");
    assert_footer(&p, 0, "ECF test", None);
    assert!(!has_iso_moment(&all), "{all}");
}

/// A printed relevé says when the attempt began in the school's time zone, as a person
/// reads it: Réunion is UTC+4 all year, worked out here from the stored UTC moment.
#[test]
fn the_releve_says_its_date_in_words_in_the_schools_time_zone() {
    let s = school();
    s.ok(&["school", "set", "time-zone", "Indian/Reunion"]);
    s.ok(&[
        "play",
        "otdr-first-trace-practice",
        "--seed",
        "1",
        "--actions",
        root()
            .join("tests/scripts/otdr-first-trace-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    let db = s.open();
    let id = db.attempts().unwrap().last().unwrap().id;
    let started = db
        .results(&Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.attempt == id)
        .unwrap()
        .started_at_ms;
    drop(db);
    // Days since 1970 to a civil date (Howard Hinnant's algorithm), at UTC+4.
    let local_s = started / 1000 + 4 * 3600;
    let (days, secs) = (local_s.div_euclid(86_400), local_s.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let day = if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    };
    let expected = format!(
        "{day} {} {year} à {:02}:{:02}",
        MOIS[(month - 1) as usize],
        secs / 3600,
        secs % 3600 / 60
    );
    let html_path = s.dir.join("releve.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "attempt",
        &id.to_string(),
        "--out",
        html_path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains(&expected), "{expected} in {html}");
    assert!(!has_iso_moment(&html));
}

/// An attestation of free practice by a trainee of no cohort reads as a sentence: no
/// empty cohort between two commas, no "as part of « free practice »", a date in words.
#[test]
fn an_attestation_of_free_practice_without_a_cohort_reads_naturally() {
    let s = school();
    s.ok(&["school", "set", "time-zone", "Europe/Paris"]);
    s.ok(&["trainee", "add", "Noé Petit"]);
    s.ok(&[
        "play",
        "otdr-first-trace-practice",
        "--seed",
        "1",
        "--trainee",
        "Noé Petit",
        "--actions",
        root()
            .join("tests/scripts/otdr-first-trace-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    let id = s.open().attempts().unwrap().last().unwrap().id;
    let att = s.dir.join("attestation.html");
    s.ok(&[
        "--lang",
        "fr",
        "attest",
        &id.to_string(),
        "--out",
        att.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&att).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    let sentence = body
        .split("Nous attestons que")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        sentence.starts_with(" <b>Noé Petit</b> a réalisé le ")
            || sentence.starts_with("<b>Noé Petit</b> a réalisé le "),
        "{sentence}"
    );
    assert!(sentence.ends_with("en entraînement libre."), "{sentence}");
    assert!(
        !sentence.contains("promotion") && !sentence.contains(", ,"),
        "{sentence}"
    );
    assert!(
        MOIS.iter().any(|m| sentence.contains(&format!(" {m} 20"))),
        "{sentence}"
    );
    assert!(!has_iso_moment(body), "{body}");
    // Guillemets hold to the title they quote (narrow no-break spaces, U+202F).
    assert!(
        sentence.contains("«&#8239;") && sentence.contains("&#8239;»"),
        "{sentence}"
    );
    // The name and the code at the foot of every printed page.
    let code = s.open().code_of(id).unwrap().unwrap();
    assert!(
        html.contains("@bottom-left")
            && html.contains(&format!("Noé Petit · Code de vérification\u{202F}: {code}")),
        "{html}"
    );
    // Sat in an assessment by a trainee of a cohort: the other variant.
    let c = cohort_with_results();
    let lea = attempt_of(&c, "Léa Moreau", "prep-loose-tube-fr-practice");
    let att = c.dir.join("attestation.html");
    c.ok(&[
        "--lang",
        "fr",
        "attest",
        &lea.to_string(),
        "--out",
        att.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&att).unwrap();
    assert!(
        html.contains(
            "<b>Léa Moreau</b>, stagiaire de la promotion <b style=\"white-space: nowrap\">Promo test</b>,\na réalisé le "
        ),
        "{html}"
    );
    assert!(
        html.contains("dans le cadre de l'évaluation «&#8239;ECF test&#8239;»."),
        "{html}"
    );
}
