//! Scenario files load through the Bevy asset loader and reload while a trainer edits
//! them; a broken file becomes an error entry in the catalogue, not a crash.
#![cfg(feature = "gui")]

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use fibrelab::app::flow::Catalogue;
use fibrelab::app::scenarios;

fn wait_until(app: &mut App, what: &str, ok: impl Fn(&Catalogue) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        app.update();
        if ok(app.world().resource::<Catalogue>()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "timed out waiting until {what}: {:?}",
        app.world()
            .resource::<Catalogue>()
            .entries
            .keys()
            .collect::<Vec<_>>()
    );
}

#[test]
fn edits_to_a_scenario_file_reach_the_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cable-prep/flat-drop-assessment.ron"),
    )
    .unwrap();
    let file = dir.join("drop.ron");
    std::fs::write(&file, &src).unwrap();

    let mut app = App::new();
    scenarios::register_source(&mut app, &dir);
    app.add_plugins(MinimalPlugins)
        .add_plugins(AssetPlugin {
            file_path: dir.display().to_string(),
            watch_for_changes_override: Some(true),
            ..default()
        })
        .insert_resource(Catalogue::default())
        .add_plugins(scenarios::plugin(dir.clone()));

    wait_until(&mut app, "the file is loaded", |c| {
        c.entries.get("drop.ron").is_some_and(|r| r.is_ok())
    });

    // The trainer saves a typo.
    std::fs::write(&file, src.replace("mode: Assessment,", "mode: Asessment,")).unwrap();
    wait_until(&mut app, "the error shows", |c| {
        c.entries.get("drop.ron").is_some_and(|r| r.is_err())
    });
    {
        let c = app.world().resource::<Catalogue>();
        let d = &c.entries["drop.ron"].as_ref().unwrap_err()[0];
        let text = d.render(fibrelab::i18n::Lang::En);
        assert!(text.contains("did you mean `Assessment`"), "{text}");
        assert!(text.contains(":14:11:"), "{text}");
    }

    // ... and fixes it with a new title.
    std::fs::write(
        &file,
        src.replace(
            "Évaluation : câble plat",
            "Évaluation corrigée : câble plat",
        ),
    )
    .unwrap();
    wait_until(&mut app, "the new title shows", |c| {
        c.entries
            .get("drop.ron")
            .and_then(|r| r.as_ref().ok())
            .is_some_and(|l| l.scenario.title.fr.starts_with("Évaluation corrigée"))
    });
}

/// Two files with one id are both refused in the app's list; once one is given an id of
/// its own (edited while the app runs), both are offered.
#[test]
fn two_files_with_one_id_are_refused_until_one_is_renamed() {
    let tmp = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cable-prep/flat-drop-assessment.ron"),
    )
    .unwrap();
    std::fs::write(tmp.path().join("a.ron"), &src).unwrap();
    std::fs::write(tmp.path().join("b.ron"), &src).unwrap();
    let mut c = Catalogue::from_dir(tmp.path());
    assert_eq!(c.valid().count(), 0);
    let err = c.entries["a.ron"].as_ref().unwrap_err();
    assert_eq!(err[0].msg.key, "val-duplicate-scenario-id");
    let renamed = src.replace(
        "id: \"prep-flat-drop-assessment\"",
        "id: \"prep-flat-drop-assessment-2\"",
    );
    std::fs::write(tmp.path().join("b.ron"), &renamed).unwrap();
    c.update(
        "b.ron".into(),
        fibrelab::scenario::load_file(&tmp.path().join("b.ron")),
    );
    assert_eq!(c.valid().count(), 2);
    assert!(c.find("prep-flat-drop-assessment").is_some());
    assert!(c.find("prep-flat-drop-assessment-2").is_some());
}
