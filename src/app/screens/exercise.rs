//! The exercise screen's egui part: the task, the clock, the tools and their parameters,
//! what happened. The cable itself is drawn by Bevy (`app::workbench`).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Current, Notice, Screen, Settings, UiCommand};
use crate::app::theme::{self, colour32, root_ui};
use crate::exercise::prep::{CleanMethod, Force, GelMethod, PrepState, Tool};
use crate::exercise::{Action, JobAction, ModuleState, PrepAction};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::cable::Colour;
use crate::scenario::Mode;

/// Width of the tools panel and height of the task bar, logical pixels. The workbench
/// lays itself out in what is left.
pub const PANEL_WIDTH: f32 = 390.0;
pub const TOP_HEIGHT: f32 = 110.0;

/// The parameters currently set on the tools.
#[derive(Resource)]
pub(super) struct Form {
    sheath_mm: f64,
    sheath_tool: Tool,
    keep_mm: f64,
    cut_tool: Tool,
    tube: Option<Colour>,
    tube_tool: Tool,
    gel: GelMethod,
    pick_tube: Option<Colour>,
    pick_fibre: Option<Colour>,
    coating_mm: f64,
    coating_tool: Tool,
    force: Force,
    clean: CleanMethod,
    cleave_mm: f64,
    /// The splicer's settings as being edited (taken from the splicer on first show).
    pub(super) splicer: Option<crate::physics::splice::SplicerSettings>,
    pub(super) loop_mm: f64,
}

impl Default for Form {
    fn default() -> Self {
        // Round values, not the targets: reading the task is part of the job.
        Form {
            sheath_mm: 1000.0,
            sheath_tool: Tool::Knife,
            keep_mm: 40.0,
            cut_tool: Tool::SideCutters,
            tube: None,
            tube_tool: Tool::TubeStripper,
            gel: GelMethod::DryWipe,
            pick_tube: None,
            pick_fibre: None,
            coating_mm: 30.0,
            coating_tool: Tool::CoatingStripper,
            force: Force::Normal,
            clean: CleanMethod::AlcoholWipe,
            cleave_mm: 10.0,
            splicer: None,
            loop_mm: 40.0,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Form>()
        .add_systems(OnEnter(Screen::Exercise), reset_form)
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Exercise)),
        );
}

fn reset_form(mut form: ResMut<Form>) {
    *form = Form::default();
}

/// The order in which colours lie in the tube: shuffled per attempt, so that position on
/// screen never gives the number away; only the colour does.
fn shuffled(seed: u64, salt: u64) -> Vec<Colour> {
    let mut v = crate::physics::cable::ColourCode::French.order().to_vec();
    let mut x = seed ^ (salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}

fn colour_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    colours: &[Colour],
    selected: &mut Option<Colour>,
) {
    ui.horizontal_wrapped(|ui| {
        for &c in colours {
            let size = egui::vec2(24.0, 24.0);
            let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
            let stroke = if *selected == Some(c) {
                egui::Stroke::new(3.0, egui::Color32::BLACK)
            } else {
                egui::Stroke::new(1.0, egui::Color32::GRAY)
            };
            ui.painter().rect_filled(rect, 12.0, colour32(c));
            ui.painter()
                .rect_stroke(rect, 12.0, stroke, egui::StrokeKind::Outside);
            // Names on hover only in practice: in an assessment the colour is the clue.
            let resp = if practice {
                resp.on_hover_text(c.name().render(lang))
            } else {
                resp
            };
            if resp.clicked() {
                *selected = Some(c);
            }
        }
    });
}

/// A drop-down choice among `options`, each shown by its message key.
fn choice<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    lang: Lang,
    id: &str,
    value: &mut T,
    options: &[(T, String)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, k)| tr(lang, k))
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .width(200.0)
        .show_ui(ui, |ui| {
            for (v, key) in options {
                ui.selectable_value(value, *v, tr(lang, key));
            }
        });
}

fn tool_combo(ui: &mut egui::Ui, lang: Lang, id: &str, tool: &mut Tool) {
    let options: Vec<(Tool, String)> = Tool::ALL.iter().map(|t| (*t, t.name().key)).collect();
    choice(ui, lang, id, tool, &options);
}

fn mm(ui: &mut egui::Ui, v: &mut f64, max: f64, step: f64) {
    ui.add(
        egui::DragValue::new(v)
            .range(0.0..=max)
            .speed(step)
            .suffix(" mm"),
    );
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    current: Res<Current>,
    notice: Res<Notice>,
    mut form: ResMut<Form>,
    mut cmds: MessageWriter<UiCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let Some(live) = current.live.as_ref() else {
        return Ok(());
    };
    let ex = &live.session.exercise;
    // The OTDR has its own screen (`screens::otdr`); splicing shows the bench of the
    // cable in hand beside the splicer.
    let (st, splice) = match (&ex.state, ex.state.splicing()) {
        (ModuleState::CablePrep(st), _) => (st, None),
        (_, Some(sp)) => (&sp.benches[sp.active.index()], Some(sp)),
        _ => return Ok(()),
    };
    let job = matches!(ex.state, ModuleState::Job(_));
    let practice = ex.scenario.mode == Mode::Practice;
    let mut act = |a: Action| {
        cmds.write(UiCommand::Act {
            action: a,
            at_ms: None,
        });
    };
    let mut root = root_ui(ctx);
    egui::Panel::top("task")
        .exact_size(TOP_HEIGHT)
        .resizable(false)
        .show_separator_line(false)
        .show(&mut root, |ui| top_bar(ui, lang, live, Some(st)));
    egui::Panel::right("tools")
        .exact_size(PANEL_WIDTH)
        .resizable(false)
        .show_separator_line(false)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some(sp) = splice {
                    super::splice::side_picker(ui, lang, sp, &mut act);
                }
                tools(ui, lang, practice, ex.seed, st, &mut form, &mut act);
                if job {
                    ui.add_space(4.0);
                    let next = egui::RichText::new(tr(lang, "app-job-next-stage")).strong();
                    if ui.button(next).clicked() {
                        act(Action::Job(JobAction::NextStage));
                    }
                }
                ui.separator();
                ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
                what_happened(ui, lang, live, &notice, 14);
            });
        });
    if let Some(sp) = splice {
        // Below the splicer's monitor (drawn by Bevy, `app::splicer_view`).
        let vr = ctx.viewport_rect();
        let rect = egui::Rect::from_min_max(
            egui::pos2(
                vr.left() + 10.0,
                vr.top() + TOP_HEIGHT + crate::app::splicer_view::MONITOR_HEIGHT + 20.0,
            ),
            egui::pos2(vr.right() - PANEL_WIDTH - 20.0, vr.bottom() - 4.0),
        );
        let mut ui = root.new_child(egui::UiBuilder::new().max_rect(rect));
        egui::ScrollArea::vertical()
            .id_salt("splicer")
            .show(&mut ui, |ui| {
                super::splice::splicer_panel(ui, lang, sp, &mut form, &mut act)
            });
    }
    // Free the rest of the window for the workbench.
    Ok(())
}

/// The last `n` outcomes and refusals, newest first, and any recording problem.
pub(super) fn what_happened(
    ui: &mut egui::Ui,
    lang: Lang,
    live: &crate::app::flow::Live,
    notice: &Notice,
    n: usize,
) {
    for line in live.log.iter().rev().take(n) {
        let colour = if line.refused {
            theme::BAD
        } else {
            egui::Color32::from_gray(40)
        };
        ui.colored_label(colour, line.msg.render(lang));
    }
    if let Some(e) = &live.record_error {
        ui.colored_label(theme::BAD, e.render(lang));
    }
    if let Some(n) = &notice.0 {
        ui.colored_label(theme::BAD, n.render(lang));
    }
}

pub(super) fn top_bar(
    ui: &mut egui::Ui,
    lang: Lang,
    live: &crate::app::flow::Live,
    st: Option<&PrepState>,
) {
    let ex = &live.session.exercise;
    let s = &ex.scenario;
    let elapsed_s = live.now_ms() / 1000;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s.title.get(lang)).size(19.0).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let clock = format!("{:02}:{:02}", elapsed_s / 60, elapsed_s % 60);
            if s.mode == Mode::Assessment {
                let limit = (s.duration_min * 60.0) as u64;
                let colour = if elapsed_s > limit {
                    theme::BAD
                } else {
                    egui::Color32::from_gray(30)
                };
                ui.label(
                    egui::RichText::new(format!("⏱ {clock} / {:02}:00", limit / 60))
                        .size(20.0)
                        .monospace()
                        .color(colour),
                );
            } else {
                ui.label(
                    egui::RichText::new(format!("⏱ {clock}"))
                        .size(20.0)
                        .monospace(),
                );
            }
            ui.colored_label(
                if s.mode == Mode::Practice {
                    theme::OK
                } else {
                    theme::WARN
                },
                s.mode.name().render(lang),
            );
        });
    });
    // More lines than the bar holds (a job) scroll rather than hide under the bench.
    egui::ScrollArea::vertical()
        .id_salt("task_lines")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for line in ex.task_lines() {
                ui.label(line.render(lang));
            }
            if let Some(st) = st
                && let Some(f) = st.in_hand_state()
            {
                ui.colored_label(
                    theme::ACCENT,
                    Msg::new("out-fibre-in-hand")
                        .msg("fibre", f.id.describe(st.colour_code))
                        .render(lang),
                );
            }
        });
}

fn tools(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    seed: u64,
    st: &PrepState,
    form: &mut Form,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let section = |ui: &mut egui::Ui, key: &str| {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(tr(lang, key)).strong());
    };

    section(ui, "act-strip-sheath");
    ui.horizontal(|ui| {
        mm(ui, &mut form.sheath_mm, 3000.0, 5.0);
        tool_combo(ui, lang, "sheath-tool", &mut form.sheath_tool);
    });
    if ui.button(t("app-do-strip")).clicked() {
        act(Action::Prep(PrepAction::StripSheath {
            length_mm: form.sheath_mm,
            tool: form.sheath_tool,
        }));
    }

    section(ui, "act-cut-strength");
    ui.horizontal(|ui| {
        ui.label(t("app-keep"));
        mm(ui, &mut form.keep_mm, 200.0, 1.0);
        tool_combo(ui, lang, "cut-tool", &mut form.cut_tool);
    });
    if ui.button(t("app-do-cut")).clicked() {
        act(Action::Prep(PrepAction::CutStrengthMembers {
            keep_mm: form.keep_mm,
            tool: form.cut_tool,
        }));
    }

    let n_tubes = st.cable.tube_count();
    let tubes: Vec<Colour> = shuffled(seed, 1)
        .into_iter()
        .filter(|c| (1..=n_tubes).contains(&st.colour_code.position(*c)))
        .collect();
    if st.cable.has_tubes() {
        section(ui, "act-open-tube");
        if n_tubes > 1 {
            colour_picker(ui, lang, practice, &tubes, &mut form.tube);
        }
        ui.horizontal(|ui| {
            tool_combo(ui, lang, "tube-tool", &mut form.tube_tool);
            if ui.button(t("app-do-open")).clicked() {
                act(Action::Prep(PrepAction::OpenTube {
                    tube: if n_tubes > 1 { form.tube } else { None },
                    tool: form.tube_tool,
                }));
            }
        });
    }
    if st.cable.gel() {
        section(ui, "act-remove-gel");
        ui.horizontal(|ui| {
            let gels = [
                (GelMethod::GelCleaner, "app-gel-cleaner".to_string()),
                (GelMethod::Alcohol, "app-gel-alcohol".to_string()),
                (GelMethod::DryWipe, "app-gel-dry".to_string()),
            ];
            choice(ui, lang, "gel", &mut form.gel, &gels);
            if ui.button(t("app-do-degel")).clicked() {
                act(Action::Prep(PrepAction::RemoveGel { method: form.gel }));
            }
        });
    }

    section(ui, "act-pick-fibre");
    if n_tubes > 1 {
        ui.label(t("app-tube"));
        colour_picker(ui, lang, practice, &tubes, &mut form.pick_tube);
    }
    let per = st.cable.fibres_per_group();
    let fibres: Vec<Colour> = shuffled(seed, 2)
        .into_iter()
        .filter(|c| (1..=per).contains(&st.colour_code.position(*c)))
        .collect();
    ui.label(t("app-fibre"));
    colour_picker(ui, lang, practice, &fibres, &mut form.pick_fibre);
    if ui
        .add_enabled(
            form.pick_fibre.is_some(),
            egui::Button::new(t("app-do-pick")),
        )
        .clicked()
        && let Some(fibre) = form.pick_fibre
    {
        act(Action::Prep(PrepAction::PickFibre {
            tube: if n_tubes > 1 { form.pick_tube } else { None },
            fibre,
        }));
    }
    if ui.button(t("act-slide-sleeve")).clicked() {
        act(Action::Prep(PrepAction::SlideSleeve));
    }
    if ui.button(t("act-lay-on-bench")).clicked() {
        act(Action::Prep(PrepAction::LayOnBench));
    }

    section(ui, "act-strip-coating");
    ui.horizontal(|ui| {
        mm(ui, &mut form.coating_mm, 60.0, 0.5);
        tool_combo(ui, lang, "coating-tool", &mut form.coating_tool);
    });
    ui.horizontal(|ui| {
        for (f, key) in [
            (Force::Light, "app-force-light"),
            (Force::Normal, "app-force-normal"),
            (Force::Hard, "app-force-hard"),
        ] {
            ui.radio_value(&mut form.force, f, t(key));
        }
    });
    if ui.button(t("app-do-strip-coating")).clicked() {
        act(Action::Prep(PrepAction::StripCoating {
            length_mm: form.coating_mm,
            tool: form.coating_tool,
            force: form.force,
        }));
    }

    section(ui, "act-clean");
    // The method's name is long: the button goes on its own line so it never leaves
    // the panel.
    let methods = [
        (CleanMethod::AlcoholWipe, "app-clean-alcohol".to_string()),
        (CleanMethod::DryWipe, "app-clean-dry".to_string()),
        (CleanMethod::Cloth, "app-clean-cloth".to_string()),
    ];
    choice(ui, lang, "clean", &mut form.clean, &methods);
    if ui.button(t("app-do-clean")).clicked() {
        act(Action::Prep(PrepAction::Clean { method: form.clean }));
    }

    section(ui, "act-cleave");
    ui.horizontal(|ui| {
        mm(ui, &mut form.cleave_mm, 30.0, 0.5);
        if ui.button(t("app-do-cleave")).clicked() {
            act(Action::Prep(PrepAction::Cleave {
                length_mm: form.cleave_mm,
            }));
        }
        let shard_label = Msg::new("app-do-shard")
            .int("n", st.shards_pending)
            .render(lang);
        if ui
            .add_enabled(st.shards_pending > 0, egui::Button::new(shard_label))
            .clicked()
        {
            act(Action::Prep(PrepAction::DisposeShard));
        }
    });

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if practice && ui.button(format!("💡 {}", t("act-ask-hint"))).clicked() {
            act(Action::AskHint);
        }
        if ui
            .button(egui::RichText::new(t("act-finish")).strong())
            .clicked()
        {
            act(Action::Finish);
        }
    });
}
