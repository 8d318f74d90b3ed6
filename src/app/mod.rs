//! The desktop app: a view of the exercise state and a translator from mouse and keyboard
//! to actions. It decides no physics and no scores.

pub mod capture;
pub mod flow;
pub mod modules;
pub mod painter;
pub mod scenarios;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;

use crate::cli::AppArgs;
use crate::i18n::Lang;
use crate::records::default_db_path;
use crate::scenario::load::default_scenarios_dir;
use flow::{Catalogue, Records, Settings};

pub fn run(args: AppArgs, db: Option<std::path::PathBuf>, lang: Lang) -> ExitCode {
    let dir = args.scenarios.clone().unwrap_or_else(default_scenarios_dir);
    let db_path = db.unwrap_or_else(default_db_path);
    let mut app = App::new();
    scenarios::register_source(&mut app, &dir);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "FibreLab".into(),
                    resolution: {
                        let (w, h) = args.window.unwrap_or((1280, 800));
                        WindowResolution::new(w, h)
                    },
                    ..default()
                }),
                ..default()
            })
            // The default asset folder is not used (messages are built in); pointing it at
            // the scenarios keeps Bevy from warning about a missing `assets` folder.
            .set(AssetPlugin {
                file_path: std::fs::canonicalize(&dir)
                    .unwrap_or_else(|_| dir.clone())
                    .display()
                    .to_string(),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,fibrelab=info".into(),
                ..default()
            }),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(theme::BENCH))
    .insert_resource(flow::ScenarioDir(dir.clone()))
    .insert_resource(Settings {
        lang,
        trainee: args.trainee.clone().unwrap_or_default(),
        identity: None,
        trainer: None,
        text_scale: theme::text_scale_of(args.text_size),
    })
    .insert_resource(Catalogue::from_dir(&dir))
    .insert_resource(Records::open(&db_path))
    .add_plugins((plugin, scenarios::plugin(dir), capture::plugin(args)));
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// What runs each frame, in this order: the trainee's commands are applied (and the
/// screen and view they call for entered), the views take in the exercise's new state,
/// then the bench is drawn again. The egui panels are built after these, in egui's pass.
#[derive(SystemSet, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AppSet {
    Apply,
    Sync,
    Redraw,
}

/// The app: screens, module views, flow, theme.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (AppSet::Apply, AppSet::Sync, AppSet::Redraw).chain(),
    )
    .add_plugins((
        flow::plugin,
        theme::plugin,
        screens::plugin,
        modules::plugin,
    ))
    .add_systems(Startup, spawn_camera);
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
