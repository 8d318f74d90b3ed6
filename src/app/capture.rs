//! `--screen`, `--scenario`, `--actions` open any screen without a person, and
//! `--screenshot FILE --frames N` writes it to a PNG and exits: for tests and the README.
//! `--then SCENARIO --then-actions FILE` plays a second exercise after the first in the
//! same app, through the first one's debrief and the list, as a trainee goes.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::window::screenshot::{Screenshot, save_to_disk};

use super::flow::{Screen, Settings, UiCommand};
use crate::cli::AppArgs;
use crate::exercise::script::ActionList;

#[derive(Resource)]
struct Capture {
    path: Option<PathBuf>,
    frames: u32,
    frame: u32,
    taken_at: Option<u32>,
    press: Vec<String>,
    open: Option<String>,
    /// A mouse drag (or a click, both ends the same), window coordinates.
    drag: Option<(Vec2, Vec2)>,
    /// The frame at which `--press`, `--drag` and `--open` act.
    press_at: u32,
    /// The second exercise (`--then`): its scenario and seed.
    then: Option<(String, u64)>,
    /// The actions played at [`THEN_START`] (`--then-actions`): on the second exercise,
    /// or without `--then` on the first one.
    then_actions: Option<PathBuf>,
}

/// The frame at which `--press` keys go down (the screen is up by then), and up after.
const PRESS_FRAME: u32 = 6;

/// With `--then`: the frames at which the trainee finishes the first exercise (drawn by
/// then), leaves its debrief for the list, chooses the second scenario (its briefing)
/// and starts it.
const THEN_FINISH: u32 = 4;
const THEN_LIST: u32 = 8;
const THEN_CHOOSE: u32 = 10;
const THEN_START: u32 = 12;

pub fn plugin(args: AppArgs) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Capture {
            path: args.screenshot.clone(),
            frames: args.frames.max(1),
            frame: 0,
            taken_at: None,
            press: args.press.clone(),
            open: args.open.clone(),
            drag: args
                .drag
                .map(|(a, b)| (Vec2::new(a.0, a.1), Vec2::new(b.0, b.1))),
            // The gestures of a --then run are made on the second exercise.
            press_at: PRESS_FRAME + if args.then.is_some() { THEN_START } else { 0 },
            then: args.then.clone().map(|id| (id, args.seed)),
            then_actions: args.then_actions.clone(),
        });
        let nav = args.clone();
        app.add_systems(
            Startup,
            move |mut cmds: MessageWriter<UiCommand>, settings: Res<Settings>| {
                navigate(&nav, &settings, &mut cmds)
            },
        );
        app.add_systems(
            Update,
            (count_frame, then_steps, press_keys, drag_mouse, screenshot).chain(),
        );
        app.add_systems(
            bevy_egui::EguiPrimaryContextPass,
            (open_window, write_layout),
        );
    }
}

fn navigate(args: &AppArgs, settings: &Settings, cmds: &mut MessageWriter<UiCommand>) {
    let Some(screen) = args.screen.as_deref() else {
        return;
    };
    let scenario = args.scenario.clone();
    if settings.trainee.is_empty() {
        cmds.write(UiCommand::SetTrainee("Démo".into()));
    }
    match screen {
        "home" => {}
        "select" => {
            cmds.write(UiCommand::Go(Screen::Select));
        }
        "history" => {
            cmds.write(UiCommand::Go(Screen::History));
        }
        "identify" => {
            cmds.write(UiCommand::Go(Screen::Identify));
        }
        // An attempt's debrief as the trainee sees it (the assessment's feedback policy).
        "review" => match args.attempt {
            Some(id) => {
                cmds.write(UiCommand::Review(id));
            }
            None => warn!("--screen review needs --attempt"),
        },
        // The school's screens for screenshots: the trainee of --trainee on the school's
        // list, the trainer's mode (PIN in FIBRELAB_TRAINER_PIN when trainers have one).
        "assessments" => {
            cmds.write(UiCommand::IdentifyByName(
                args.trainee.clone().unwrap_or_default(),
            ));
        }
        // An assessment item's briefing, as the trainee of --trainee opens it.
        "assessment-briefing" => {
            cmds.write(UiCommand::IdentifyByName(
                args.trainee.clone().unwrap_or_default(),
            ));
            cmds.write(UiCommand::BriefScenario(scenario.unwrap_or_default()));
        }
        // An assessment item started from its briefing by the trainee of --trainee (on a
        // room's seat, their PIN in FIBRELAB_TRAINEE_PIN), its --actions played, and for
        // the debrief finished.
        "assessment-exercise" | "assessment-debrief" => {
            cmds.write(UiCommand::IdentifyByName(
                args.trainee.clone().unwrap_or_default(),
            ));
            cmds.write(UiCommand::BriefScenario(scenario.unwrap_or_default()));
            cmds.write(UiCommand::StartBriefed);
            if let Some(path) = &args.actions {
                play(path, settings, cmds);
            }
            if screen == "assessment-debrief" {
                cmds.write(UiCommand::Act {
                    action: crate::exercise::Action::Finish,
                    at_ms: None,
                });
            }
        }
        "trainer" => {
            cmds.write(UiCommand::TrainerLogin(
                std::env::var("FIBRELAB_TRAINER_PIN").unwrap_or_default(),
            ));
        }
        "briefing" | "exercise" | "debrief" => {
            let Some(id) = scenario else {
                warn!("--screen {screen} needs --scenario");
                return;
            };
            cmds.write(UiCommand::Choose(id));
            if screen == "briefing" {
                return;
            }
            cmds.write(UiCommand::Start {
                seed: Some(args.seed),
            });
            if let Some(path) = &args.actions {
                play(path, settings, cmds);
            }
            if screen == "debrief" {
                cmds.write(UiCommand::Act {
                    action: crate::exercise::Action::Finish,
                    at_ms: None,
                });
            }
        }
        other => warn!(
            "unknown screen {other}: home, select, briefing, exercise, debrief, history, identify, assessments, assessment-briefing, assessment-exercise, assessment-debrief, trainer, review"
        ),
    }
}

/// Plays an action list's steps at their times.
fn play(path: &std::path::Path, settings: &Settings, cmds: &mut MessageWriter<UiCommand>) {
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| {
            ActionList::parse(&b, &path.display().to_string()).map_err(|d| d.render(settings.lang))
        }) {
        Ok(list) => {
            for (at, action) in list.timed() {
                cmds.write(UiCommand::Act {
                    action,
                    at_ms: Some(at),
                });
            }
        }
        Err(e) => warn!("{e}"),
    }
}

fn count_frame(mut cap: ResMut<Capture>) {
    cap.frame = cap.frame.saturating_add(1);
}

/// `--then`: from the first exercise's debrief, back to the list, the second scenario's
/// briefing, then its exercise and its actions, a few frames apart as a trainee clicks.
fn then_steps(cap: Res<Capture>, settings: Res<Settings>, mut cmds: MessageWriter<UiCommand>) {
    let Some((id, seed)) = cap.then.as_ref() else {
        // More actions on the first exercise, once it is drawn.
        if let Some(path) = cap
            .then_actions
            .as_ref()
            .filter(|_| cap.frame == THEN_START)
        {
            play(path, &settings, &mut cmds);
        }
        return;
    };
    match cap.frame {
        // The first exercise is finished once drawn, and its debrief shown.
        THEN_FINISH => {
            cmds.write(UiCommand::Act {
                action: crate::exercise::Action::Finish,
                at_ms: None,
            });
        }
        THEN_LIST => {
            cmds.write(UiCommand::Go(Screen::Select));
        }
        THEN_CHOOSE => {
            cmds.write(UiCommand::Choose(id.clone()));
        }
        THEN_START => {
            cmds.write(UiCommand::Start { seed: Some(*seed) });
            if let Some(path) = &cap.then_actions {
                play(path, &settings, &mut cmds);
            }
        }
        _ => {}
    }
}

/// Presses the `--press` keys as a person would: down at one frame, up at the next.
fn press_keys(
    cap: Res<Capture>,
    windows: Query<Entity, With<bevy::window::PrimaryWindow>>,
    mut keys: MessageWriter<bevy::input::keyboard::KeyboardInput>,
) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    let state = match cap.frame {
        f if f == cap.press_at => ButtonState::Pressed,
        f if f == cap.press_at + 1 => ButtonState::Released,
        _ => return,
    };
    let Ok(window) = windows.single() else {
        return;
    };
    for name in &cap.press {
        let (key_code, logical_key) = match name.to_lowercase().as_str() {
            "escape" | "esc" => (KeyCode::Escape, Key::Escape),
            "enter" => (KeyCode::Enter, Key::Enter),
            other => {
                warn!("--press {other}: escape or enter");
                continue;
            }
        };
        keys.write(KeyboardInput {
            key_code,
            logical_key,
            state,
            text: None,
            repeat: false,
            window,
        });
    }
}

/// Steps of a `--drag`: the pointer comes over the start at the press frame, the button
/// goes down on the next (a window's pointer moved by the system reaches egui a frame
/// later), the pointer moves in these many frames, the button comes up on the next.
const DRAG_STEPS: u32 = 5;

/// Drags the mouse as a person would: over the start, down, a few moves, up at the end.
fn drag_mouse(
    cap: Res<Capture>,
    mut windows: Query<(Entity, &mut Window), With<bevy::window::PrimaryWindow>>,
    mut buttons: MessageWriter<bevy::input::mouse::MouseButtonInput>,
    mut window_events: MessageWriter<bevy::window::WindowEvent>,
) {
    use bevy::input::ButtonState;
    use bevy::input::mouse::MouseButtonInput;
    use bevy::window::{CursorMoved, WindowEvent};
    let Some((from, to)) = cap.drag else {
        return;
    };
    let Some(k) = cap
        .frame
        .checked_sub(cap.press_at)
        .filter(|k| *k <= DRAG_STEPS + 2)
    else {
        return;
    };
    let Ok((entity, mut window)) = windows.single_mut() else {
        return;
    };
    let t = (k.saturating_sub(1).min(DRAG_STEPS) as f32) / DRAG_STEPS as f32;
    let at = from + (to - from) * t;
    window.set_cursor_position(Some(at));
    // egui reads the window's own event stream, Bevy's drawings the input messages.
    window_events.write(WindowEvent::CursorMoved(CursorMoved {
        window: entity,
        position: at,
        delta: None,
    }));
    let state = match k {
        1 => ButtonState::Pressed,
        k if k == DRAG_STEPS + 2 => ButtonState::Released,
        _ => return,
    };
    let input = MouseButtonInput {
        button: MouseButton::Left,
        state,
        window: entity,
    };
    window_events.write(WindowEvent::MouseButtonInput(input));
    buttons.write(input);
}

/// Opens the `--open` window at the frame the keys would be pressed.
fn open_window(
    cap: Res<Capture>,
    mut contexts: bevy_egui::EguiContexts,
    mut cmds: MessageWriter<UiCommand>,
) -> Result {
    let Some(name) = cap.open.as_deref() else {
        return Ok(());
    };
    if cap.frame != cap.press_at {
        return Ok(());
    }
    if name == "pause" {
        cmds.write(UiCommand::Pause);
    } else if ["status", "criteria", "trainee"].contains(&name) {
        cmds.write(UiCommand::TrainerTab(name.to_string()));
    } else if !super::widgets::open_dialog(contexts.ctx_mut()?, name) {
        warn!(
            "--open {name}: menu, finish, abandon, pause; on the trainer's screen status, criteria, trainee"
        );
    }
    Ok(())
}

/// Beside the screenshot, `FILE.layout.json`: the window's size and where the named
/// controls were drawn (logical pixels), written on the frame the screenshot is taken.
fn write_layout(cap: Res<Capture>, mut contexts: bevy_egui::EguiContexts) -> Result {
    let Some(path) = cap.path.as_ref() else {
        return Ok(());
    };
    if cap.frame != cap.frames {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let window = ctx.content_rect();
    let controls = ctx
        .data(|d| d.get_temp::<Vec<(String, bevy_egui::egui::Rect)>>(super::widgets::controls_id()))
        .unwrap_or_default();
    let mut map = serde_json::Map::new();
    for (name, r) in controls {
        map.insert(
            name,
            serde_json::json!([r.min.x, r.min.y, r.max.x, r.max.y]),
        );
    }
    let values = ctx
        .data(|d| d.get_temp::<Vec<(String, f64)>>(super::widgets::values_id()))
        .unwrap_or_default();
    let values: serde_json::Map<String, serde_json::Value> = values
        .into_iter()
        .map(|(k, v)| (k, serde_json::json!(v)))
        .collect();
    let json = serde_json::json!({
        "window": [window.width(), window.height()],
        "controls": map,
        "values": values,
    });
    let out = path.with_extension("layout.json");
    if let Err(e) = std::fs::write(&out, json.to_string()) {
        warn!("{}: {e}", out.display());
    }
    Ok(())
}

fn screenshot(mut commands: Commands, mut cap: ResMut<Capture>, mut exit: MessageWriter<AppExit>) {
    let Some(path) = cap.path.clone() else { return };
    if cap.frame == cap.frames {
        let _ = std::fs::remove_file(&path);
    }
    if path.exists() && cap.taken_at.is_some() {
        exit.write(AppExit::Success);
        return;
    }
    // Saving happens a few frames later, on another thread; a request made before the
    // renderer knows the window is dropped, so ask again until the file is there.
    let due = match cap.taken_at {
        None => cap.frame >= cap.frames,
        Some(t) => cap.frame >= t + 30,
    };
    if due {
        if cap.frame > cap.frames + 300 {
            error!("screenshot not written to {}", path.display());
            exit.write(AppExit::error());
            return;
        }
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path.clone()));
        cap.taken_at = Some(cap.frame);
    }
}
