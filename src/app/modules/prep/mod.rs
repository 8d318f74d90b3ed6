//! The cable-preparation view: the task bar, the tools and their settings on the right,
//! what happened; the cable end and the fibre in hand are drawn by Bevy on the left
//! (`bench`). The tools serve the splicing view too, on the cable in hand.

mod bench;
mod cable;
mod canvas;

pub(super) use cable::{EndView, draw_end, fibre_cue};

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, View, choice, colour_picker, length, sender, shuffled, side_panel,
    task_bar, tool_combo, what_happened,
};
use crate::exercise::prep::{CleanMethod, Force, GelMethod, PrepState, Tool};
use crate::exercise::{Action, ModuleState, PrepAction};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::cable::Colour;
use crate::scenario::Mode;

/// The parameters currently set on the tools.
#[derive(Resource)]
pub(super) struct PrepForm {
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
}

impl Default for PrepForm {
    fn default() -> Self {
        // Round values, not the targets: reading the task is part of the job.
        PrepForm {
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
        }
    }
}

impl PrepForm {
    /// A length marked on a fibre's ruler: the coating's strip, or the cleave once the
    /// fibre is stripped.
    pub(super) fn mark_glass(&mut self, stripped: bool, mm: f64) {
        if stripped {
            self.cleave_mm = mm;
        } else {
            self.coating_mm = mm;
        }
    }

    /// The coating's strip and the cleave lengths set, mm.
    pub(super) fn glass_mm(&self) -> (f64, f64) {
        (self.coating_mm, self.cleave_mm)
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<PrepForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        ui.run_if(in_state(ModuleView::Prep)),
    )
    .add_plugins(bench::plugin);
}

fn ui(mut view: View, mut form: ResMut<PrepForm>) -> Result {
    let Some(Frame {
        mut root,
        lang,
        live,
        notice,
        cmds,
        ..
    }) = view.frame()?
    else {
        return Ok(());
    };
    let ex = &live.session.exercise;
    // This view is shown for a cable-preparation exercise only (`modules::view_of`).
    let ModuleState::CablePrep(st) = &ex.state else {
        return Ok(());
    };
    let practice = ex.scenario.mode == Mode::Practice;
    task_bar(&mut root, lang, live, Some(st), cmds);
    let mut act = sender(cmds);
    side_panel(&mut root, "tools", PANEL_WIDTH, live, |ui| {
        tools(ui, lang, practice, ex.seed, st, &mut form, &mut act);
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
        what_happened(ui, lang, live, notice, 14);
    });
    // Free the rest of the window for the workbench.
    Ok(())
}

/// The tools of the bench and their settings, for the cable in hand.
pub(super) fn tools(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    seed: u64,
    st: &PrepState,
    form: &mut PrepForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let section = |ui: &mut egui::Ui, key: &str| {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(tr(lang, key)).strong());
    };

    section(ui, "act-strip-sheath");
    ui.horizontal_wrapped(|ui| {
        length(ui, lang, &mut form.sheath_mm, &limits::SHEATH_STRIP_MM, 5.0);
        tool_combo(ui, lang, "sheath-tool", &mut form.sheath_tool);
    });
    if ui.button(t("app-do-strip")).clicked() {
        act(Action::Prep(PrepAction::StripSheath {
            length_mm: form.sheath_mm,
            tool: form.sheath_tool,
        }));
    }

    section(ui, "act-cut-strength");
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-keep"));
        length(ui, lang, &mut form.keep_mm, &limits::STRENGTH_KEEP_MM, 1.0);
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
        ui.horizontal_wrapped(|ui| {
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
        ui.horizontal_wrapped(|ui| {
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
    ui.horizontal_wrapped(|ui| {
        length(
            ui,
            lang,
            &mut form.coating_mm,
            &limits::COATING_STRIP_MM,
            0.5,
        );
        tool_combo(ui, lang, "coating-tool", &mut form.coating_tool);
    });
    ui.horizontal_wrapped(|ui| {
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
    ui.horizontal_wrapped(|ui| {
        length(
            ui,
            lang,
            &mut form.cleave_mm,
            &limits::CLEAVE_LENGTH_MM,
            0.5,
        );
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
}
