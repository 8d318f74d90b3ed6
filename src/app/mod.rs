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
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::{UpdateMode, WinitSettings};
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
    .insert_resource(ClearColor(theme::MAT))
    .insert_resource(flow::ScenarioDir(dir.clone()))
    .insert_resource(Settings {
        lang,
        trainee: args.trainee.clone().unwrap_or_default(),
        identity: None,
        trainer: None,
    })
    .insert_resource(theme::TextScale(theme::text_scale_of(args.text_size)))
    .insert_resource(Catalogue::from_dir(&dir))
    .insert_resource(Records::open(&db_path));
    if args.screenshot.is_some() {
        // A capture counts frames: they come one after the other.
        app.insert_resource(WinitSettings::continuous());
    } else {
        app.insert_resource(pace_settings(IDLE_WAIT))
            .add_systems(Last, pace)
            .add_systems(
                PreUpdate,
                quiet_modifiers
                    .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                    .before(bevy_egui::EguiPreUpdateSet::BeginPass),
            );
    }
    app.add_plugins((plugin, scenarios::plugin(dir), capture::plugin(args)));
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

/// The app: the frame's sets in their order, the flow (the screens' state, the attempt
/// in play, the trainee's commands applied to the store), the theme, the screens and the
/// module views. `tests/app_flow.rs` runs it headless.
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

/// The longest the app sleeps without input: a scenario file edited by a trainer shows
/// within about this much (its reload needs a frame or two).
const IDLE_WAIT: Duration = Duration::from_secs(2);

/// A frame's time while something moves.
const FRAME: Duration = Duration::from_millis(16);

/// How long frames keep coming after the bench was last drawn again: a drawing that moves
/// (a pull's dynamometer, the splicer's arc) is drawn again at least this often.
const MOVING_TAIL: Duration = Duration::from_millis(500);

/// The app wakes on input and after `wait` at the latest; unfocused, mouse moves over
/// other windows do not wake it.
fn pace_settings(wait: Duration) -> WinitSettings {
    WinitSettings {
        focused_mode: UpdateMode::reactive(wait),
        unfocused_mode: UpdateMode::reactive_low_power(wait),
    }
}

/// The app sleeps until input or until something must move on screen: frame after
/// frame while the bench's drawing moves (drawn again within [`MOVING_TAIL`]), at the
/// next whole second of a running exercise clock, else after [`IDLE_WAIT`]. egui asks for
/// its own frames (the OTDR's live averaging, a hover's fade) through `RequestRedraw`.
fn pace(
    current: Res<flow::Current>,
    screen: Res<State<flow::Screen>>,
    drawn: Query<(), Added<painter::BenchItem>>,
    mut last_drawn: Local<Option<Instant>>,
    mut winit: ResMut<WinitSettings>,
) {
    let now = Instant::now();
    if !drawn.is_empty() {
        *last_drawn = Some(now);
    }
    let moving = last_drawn.is_some_and(|t| now.duration_since(t) < MOVING_TAIL);
    let clock = current
        .live
        .as_ref()
        .filter(|live| *screen.get() == flow::Screen::Exercise && live.report.is_none())
        .filter(|live| !matches!(live.paused, Some((_, true))))
        .map(|live| Duration::from_millis(1000 - live.now_ms() % 1000 + 2));
    let wait = if moving {
        FRAME
    } else {
        clock.map_or(IDLE_WAIT, |c| c.min(IDLE_WAIT))
    };
    let want = pace_settings(wait);
    if winit.focused_mode != want.focused_mode {
        *winit = want;
    }
}

/// bevy_egui tells egui the modifier keys every frame, which egui takes as input asking
/// for another frame at once: the app would never sleep. Only a change is passed on.
fn quiet_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<bevy_egui::egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|e| {
            let bevy_egui::egui::Event::ModifiersChanged(m) = e else {
                return true;
            };
            let changed = *last != Some(*m);
            *last = Some(*m);
            changed
        });
    }
}
