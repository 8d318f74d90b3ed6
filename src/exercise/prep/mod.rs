//! Cable preparation: from a cable end to a fibre end ready for the splicer.
//!
//! The state is a model of the cable end (sheath, strength members, tubes, gel) and of
//! each fibre taken out (sleeve, coating, cleanliness, cleave). Gestures carry their
//! parameters (lengths, tools, force); their outcomes are drawn from the seed and from the
//! technique. The prepared fibre end ([`PreparedEnd`]) is what the splicing module consumes.

mod fibre;

pub use fibre::{CleaveResult, FibreRef, FibreState, Mistake, PreparedEnd, RecordedMistake};

use serde::{Deserialize, Serialize};

use serde_json::Value;

use super::{Action, Bench, Outcome, PrepAction, Progress, Refusal, Summary, Turn};
use crate::i18n::Msg;
use crate::limits;
use crate::physics::cable::{CableKind, Colour, ColourCode};
use crate::physics::cleave::{cleave_end, cleave_off_range_mm};
use crate::physics::handling::{self, StrengthCut};
pub use crate::physics::handling::{CleanMethod, Force, GelMethod, Tool};
use crate::rng::SimRng;
use crate::scenario::{Attachments, Mode, PrepSetup, PrepTask};

pub use crate::physics::splice::EndDefect;

/// Values drawn from the scenario's ranges for this attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrepDrawn {
    pub blade_wear: f64,
    pub hand_precision_mm: f64,
    pub tasks: Vec<FibreRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrengthMembers {
    pub keep_mm: f64,
    /// Aramid frayed by the wrong tool: loose yarn in the closure.
    pub frayed: bool,
}

/// The whole bench.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrepState {
    /// The set-up the bench was drawn from.
    pub setup: PrepSetup,
    pub drawn: PrepDrawn,
    pub cable: CableKind,
    pub colour_code: ColourCode,
    /// Sheath removed, mm (as actually cut).
    pub sheath_strip_mm: Option<f64>,
    pub strength: Option<StrengthMembers>,
    /// Tubes opened (positions; 1 for a flat drop's tube).
    pub tubes_open: Vec<u32>,
    /// Tubes whose gel has been removed.
    pub tubes_degelled: Vec<u32>,
    /// Tubes nicked by the sheath or tube gesture: their fibres are nicked.
    pub tubes_damaged: Vec<u32>,
    pub fibres: Vec<FibreState>,
    pub in_hand: Option<FibreRef>,
    pub shards_pending: u32,
    pub shards_total: u32,
    pub mistakes: Vec<RecordedMistake>,
    pub progress: Progress,
}

impl Bench for PrepState {
    type Setup = PrepSetup;

    fn generate(setup: &PrepSetup, _files: &Attachments, rng: &mut SimRng) -> PrepState {
        PrepState::draw(setup, rng)
    }

    fn apply(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Some(a) = action.prep() else {
            return Err(Refusal::wrong_module());
        };
        self.gesture(a, t)
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        Ok(self.next_gesture())
    }

    fn task_lines(&self) -> Vec<Msg> {
        let t = &self.setup.targets;
        let mut v: Vec<Msg> = self
            .drawn
            .tasks
            .iter()
            .map(|f| Msg::new("task-prepare-fibre").msg("fibre", self.describe_task(*f)))
            .collect();
        v.push(
            Msg::new("task-lengths")
                .num("sheath", t.sheath_strip_mm, 0)
                .num("keep", t.strength_member_keep_mm, 0)
                .num("coating", t.coating_strip_mm, 0)
                .num("cleave", t.cleave_length_mm, 0),
        );
        v
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: serde_json::to_value(&self.drawn).unwrap_or(Value::Null),
            key: "prepared_ends",
            result: serde_json::to_value(self.prepared_ends()).unwrap_or(Value::Null),
        }
    }
}

impl PrepState {
    /// Draws the bench: the cleaver's wear, the hand's precision, the fibres asked.
    pub fn draw(setup: &PrepSetup, rng: &mut SimRng) -> PrepState {
        let blade_wear = setup.cleaver.blade_wear.draw(rng).clamp(0.0, 1.0);
        let hand_precision_mm = setup.hand_precision_mm.draw(rng).max(0.0);
        let mut tasks: Vec<FibreRef> = Vec::new();
        let tubes = setup.cable.tube_count().max(1);
        let per = setup.cable.fibres_per_group().max(1);
        for task in &setup.tasks {
            let PrepTask::PrepareFibre { tube, fibre } = task;
            let mut r = FibreRef {
                tube: if setup.cable.tube_count() > 1 {
                    Some(tube.as_ref().map(|t| t.draw(rng)).unwrap_or(1))
                } else {
                    None
                },
                fibre: fibre.draw(rng),
            };
            // Two tasks drawing the same fibre: move to the next free one, in order.
            let mut guard = 0;
            while tasks.contains(&r) && guard < tubes * per {
                r.fibre = r.fibre % per + 1;
                if r.fibre == 1
                    && let Some(t) = r.tube.as_mut()
                {
                    *t = *t % tubes + 1;
                }
                guard += 1;
            }
            tasks.push(r);
        }
        PrepState {
            setup: setup.clone(),
            drawn: PrepDrawn {
                blade_wear,
                hand_precision_mm,
                tasks,
            },
            cable: setup.cable.clone(),
            colour_code: setup.colour_code,
            sheath_strip_mm: None,
            strength: None,
            tubes_open: Vec::new(),
            tubes_degelled: Vec::new(),
            tubes_damaged: Vec::new(),
            fibres: Vec::new(),
            in_hand: None,
            shards_pending: 0,
            shards_total: 0,
            mistakes: Vec::new(),
            progress: Progress::default(),
        }
    }

    /// The cable as it arrives at a splicing station that starts at the fibres: sheath
    /// stripped and strength members cut to the targets, every tube open and cleaned.
    pub fn opened(mut self) -> PrepState {
        self.sheath_strip_mm = Some(self.setup.targets.sheath_strip_mm);
        self.strength = Some(StrengthMembers {
            keep_mm: self.setup.targets.strength_member_keep_mm,
            frayed: false,
        });
        if self.cable.has_tubes() {
            let all: Vec<u32> = (1..=self.cable.tube_count().max(1)).collect();
            self.tubes_open = all.clone();
            self.tubes_degelled = all;
        }
        self
    }

    pub fn fibre(&self, id: FibreRef) -> Option<&FibreState> {
        self.fibres.iter().find(|f| f.id == id)
    }

    pub(crate) fn fibre_mut(&mut self, id: FibreRef) -> Option<&mut FibreState> {
        self.fibres.iter_mut().find(|f| f.id == id)
    }

    pub fn in_hand_state(&self) -> Option<&FibreState> {
        self.in_hand.and_then(|id| self.fibre(id))
    }

    /// The tube position that holds fibre `id` (1 for cables with one tube, none for
    /// tight-buffered cables).
    fn tube_of(&self, id: FibreRef) -> Option<u32> {
        if !self.cable.has_tubes() {
            None
        } else {
            Some(id.tube.unwrap_or(1))
        }
    }

    /// A task fibre named by its numbers only: the trainee must find it by colour.
    fn describe_task(&self, f: FibreRef) -> Msg {
        match f.tube {
            Some(t) => Msg::new("task-fibre-numbers").int("n", f.fibre).int("t", t),
            None => Msg::new("task-fibre-number").int("n", f.fibre),
        }
    }

    fn mistake(&mut self, action: usize, mistake: Mistake, out: &mut Outcome) {
        out.msgs.push(mistake.explain().fault());
        self.mistakes.push(RecordedMistake { action, mistake });
    }

    fn wrong_tool(&mut self, action: usize, tool: Tool, right: Tool, out: &mut Outcome) {
        if tool != right {
            self.mistake(action, Mistake::WrongTool { tool, right }, out);
        }
    }

    /// Applies one gesture (also for a splicing bench's cable). In an assessment the
    /// trainee is told what visibly happened but not which mistakes were made: those
    /// come with the grade, as from an examiner.
    pub(crate) fn gesture(&mut self, a: &PrepAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let mut out = self.apply_gesture(a, t)?;
        if t.mode == Mode::Assessment {
            out.msgs.retain(|m| !m.key.starts_with("mistake-"));
        }
        Ok(out)
    }

    fn apply_gesture(&mut self, action: &PrepAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let index = t.index;
        let rng = &mut *t.rng;
        let mut out = Outcome::default();
        let hand = self.drawn.hand_precision_mm;
        let refuse = |key: &str| Err(Refusal::new(Msg::new(key)));
        match *action {
            PrepAction::StripSheath { length_mm, tool } => {
                if !limits::SHEATH_STRIP_MM.contains(length_mm) {
                    return Err(bad_length(length_mm, &limits::SHEATH_STRIP_MM));
                }
                if self.sheath_strip_mm.is_some() {
                    return refuse("refuse-sheath-done");
                }
                let right = handling::sheath_tool(matches!(self.cable, CableKind::FlatDrop { .. }));
                let Some(nick_p) = handling::sheath_nick_p(tool, right) else {
                    return refuse("refuse-tool-cannot-sheath");
                };
                self.wrong_tool(index, tool, right, &mut out);
                let actual = (length_mm + rng.gauss(hand * handling::SHEATH_HAND))
                    .max(handling::MIN_SHEATH_MM);
                self.sheath_strip_mm = Some(actual);
                out.msgs
                    .push(Msg::new("out-sheath-stripped").num("mm", actual, 0));
                if rng.chance(nick_p) {
                    // Which tube (or buffered fibre bundle) the blade reached.
                    let victim = rng.range_u32(1, self.cable.tube_count().max(1));
                    self.tubes_damaged.push(victim);
                    out.msgs.push(Msg::new("out-tube-nicked").fault());
                }
            }
            PrepAction::CutStrengthMembers { keep_mm, tool } => {
                let Some(sheath) = self.sheath_strip_mm else {
                    return refuse("refuse-sheath-first");
                };
                // Never more than the sheath taken off: the members end inside it.
                let allowed = limits::Limit {
                    max: limits::STRENGTH_KEEP_MM.max.min(sheath),
                    ..limits::STRENGTH_KEEP_MM
                };
                if !allowed.contains(keep_mm) {
                    return Err(bad_length(keep_mm, &allowed));
                }
                if self.strength.is_some() {
                    return refuse("refuse-strength-done");
                }
                let rigid = self.cable.rigid_strength_members();
                let right = handling::strength_tool(rigid);
                let frayed = match handling::strength_cut(tool, rigid) {
                    StrengthCut::Clean => false,
                    StrengthCut::Frayed => true,
                    StrengthCut::TooHard => return refuse("refuse-tool-cannot-cut-rigid"),
                    StrengthCut::Cannot => return refuse("refuse-tool-cannot-cut"),
                };
                self.wrong_tool(index, tool, right, &mut out);
                let actual = (keep_mm + rng.gauss(hand * handling::STRENGTH_HAND)).max(0.0);
                self.strength = Some(StrengthMembers {
                    keep_mm: actual,
                    frayed,
                });
                out.msgs
                    .push(Msg::new("out-strength-cut").num("mm", actual, 0));
                if frayed {
                    out.msgs.push(Msg::new("out-aramid-frayed").fault());
                }
            }
            PrepAction::OpenTube { tube, tool } => {
                if self.sheath_strip_mm.is_none() {
                    return refuse("refuse-sheath-first");
                }
                let pos = match (&self.cable, tube) {
                    (CableKind::TightBuffered { .. }, _) => return refuse("refuse-no-tube"),
                    (CableKind::FlatDrop { .. }, _) => 1,
                    (_, None) => return refuse("refuse-which-tube"),
                    (_, Some(c)) => {
                        let p = self.colour_code.position(c);
                        if p == 0 || p > self.cable.tube_count() {
                            return Err(Refusal::new(
                                Msg::new("refuse-no-such-tube").msg("colour", c.name()),
                            ));
                        }
                        p
                    }
                };
                if self.tubes_open.contains(&pos) {
                    return refuse("refuse-tube-open");
                }
                let Some((nick_p, break_p)) = handling::tube_damage_p(tool) else {
                    return refuse("refuse-tool-cannot-tube");
                };
                self.wrong_tool(index, tool, Tool::TubeStripper, &mut out);
                self.tubes_open.push(pos);
                out.msgs.push(Msg::new("out-tube-opened"));
                if rng.chance(break_p) || rng.chance(nick_p) {
                    self.tubes_damaged.push(pos);
                    out.msgs.push(Msg::new("out-tube-fibres-nicked").fault());
                }
                if self.cable.gel() {
                    out.msgs.push(Msg::new("out-gel-visible"));
                }
            }
            PrepAction::RemoveGel { method } => {
                if !self.cable.gel() {
                    return refuse("refuse-no-gel");
                }
                let pending: Vec<u32> = self
                    .tubes_open
                    .iter()
                    .copied()
                    .filter(|t| !self.tubes_degelled.contains(t))
                    .collect();
                if pending.is_empty() {
                    return refuse("refuse-no-open-tube");
                }
                let residue = rng.chance(handling::gel_residue_p(method));
                if !residue {
                    self.tubes_degelled.extend(pending);
                    out.msgs.push(Msg::new("out-gel-removed"));
                } else {
                    out.msgs.push(Msg::new("out-gel-residue").fault());
                }
                // Wiping gel off fibres already in hand touches their glass.
                for f in self.fibres.iter_mut() {
                    if f.coating_strip_mm.is_some() {
                        f.touched();
                    }
                }
            }
            PrepAction::PickFibre { tube, fibre } => {
                let id = self.find_fibre(tube, fibre)?;
                if let Some(t) = self.tube_of(id) {
                    if !self.tubes_open.contains(&t) {
                        return refuse("refuse-tube-closed");
                    }
                } else if self.sheath_strip_mm.is_none() {
                    return refuse("refuse-sheath-first");
                }
                if self.fibre(id).is_none() {
                    let mut f = FibreState::new(id);
                    if self
                        .tube_of(id)
                        .is_some_and(|t| self.tubes_damaged.contains(&t))
                        || (!self.cable.has_tubes()
                            && !self.tubes_damaged.is_empty()
                            && rng.chance(handling::LOOSE_FIBRE_NICK_P))
                    {
                        f.nicked = true;
                    }
                    self.fibres.push(f);
                }
                self.in_hand = Some(id);
                out.msgs.push(
                    Msg::new("out-fibre-in-hand").msg("fibre", id.describe(self.colour_code)),
                );
            }
            PrepAction::SlideSleeve => {
                let Some(id) = self.in_hand else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                let f = self
                    .fibre(id)
                    .cloned()
                    .ok_or_else(|| Refusal::new(Msg::new("refuse-no-fibre-in-hand")))?;
                if f.sleeve {
                    return refuse("refuse-sleeve-on");
                }
                let cleaved = f.cleave.is_some();
                let bare = f.coating_strip_mm.is_some();
                if let Some(fm) = self.fibre_mut(id) {
                    fm.sleeve = true;
                    fm.sleeve_after_cleave = cleaved;
                    if bare {
                        fm.touched();
                    }
                }
                out.msgs.push(Msg::new("out-sleeve-on"));
                if cleaved {
                    self.mistake(index, Mistake::SleeveAfterCleave, &mut out);
                } else if bare && f.glass_clean {
                    self.mistake(index, Mistake::TouchedCleanGlass, &mut out);
                }
            }
            PrepAction::StripCoating {
                length_mm,
                tool,
                force,
            } => {
                let Some(id) = self.in_hand else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                if !limits::COATING_STRIP_MM.contains(length_mm) {
                    return Err(bad_length(length_mm, &limits::COATING_STRIP_MM));
                }
                let Some((nick_p, break_p, residue_p)) = handling::coating_strip_p(tool, force)
                else {
                    return refuse("refuse-tool-cannot-coating");
                };
                self.wrong_tool(index, tool, Tool::CoatingStripper, &mut out);
                let gel_pending = self.cable.gel()
                    && self
                        .tube_of(id)
                        .is_some_and(|t| !self.tubes_degelled.contains(&t));
                if gel_pending {
                    self.mistake(index, Mistake::StripBeforeGel, &mut out);
                }
                let actual = (length_mm + rng.gauss(hand * handling::COATING_HAND)).max(1.0);
                let broke = rng.chance(break_p);
                let nicked = rng.chance(nick_p);
                let residue = rng.chance(residue_p);
                let Some(f) = self.fibre_mut(id) else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                if broke {
                    // The glass snaps in the stripper: the stripped length is lost and the
                    // fibre must be stripped again further back.
                    f.breaks += 1;
                    f.lost_mm += actual;
                    f.coating_strip_mm = None;
                    f.cleave = None;
                    f.glass_clean = false;
                    f.end_dirty = false;
                    out.msgs.push(Msg::new("out-fibre-broke").fault());
                } else {
                    f.touched();
                    f.coating_strip_mm = Some(actual);
                    f.cleave = None;
                    f.end_dirty = false;
                    f.nicked |= nicked;
                    f.coating_residue = residue;
                    f.gel_residue = gel_pending;
                    out.msgs
                        .push(Msg::new("out-coating-stripped").num("mm", actual, 1));
                    if nicked {
                        out.msgs.push(Msg::new("out-fibre-nicked").fault());
                    }
                    if residue {
                        out.msgs.push(Msg::new("out-coating-residue").fault());
                    }
                }
            }
            PrepAction::Clean { method } => {
                let Some(id) = self.in_hand else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                let Some(f) = self.fibre(id).cloned() else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                if f.coating_strip_mm.is_none() {
                    return refuse("refuse-clean-coated");
                }
                let clean = !rng.chance(handling::clean_dirty_p(method))
                    && !rng.chance(handling::residue_stays_p(f.gel_residue, f.coating_residue));
                let cleaved = f.cleave.is_some();
                let chip = cleaved && rng.chance(handling::WIPED_END_CHIP_P);
                if let Some(fm) = self.fibre_mut(id) {
                    fm.glass_clean = clean;
                    if clean {
                        fm.gel_residue = false;
                        fm.coating_residue = false;
                    }
                    if let Some(c) = fm.cleave.as_mut() {
                        // Wiping a cleaved end drags dust across it and can chip the edge.
                        fm.end_dirty = true;
                        if chip && !c.defects.contains(&EndDefect::Chip) {
                            c.defects.push(EndDefect::Chip);
                        }
                    }
                }
                if cleaved {
                    self.mistake(index, Mistake::CleanAfterCleave, &mut out);
                }
                out.msgs.push(if clean {
                    Msg::new("out-clean")
                } else {
                    Msg::new("out-still-dirty").fault()
                });
            }
            PrepAction::Cleave { length_mm } => {
                let Some(id) = self.in_hand else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                let Some(f) = self.fibre(id).cloned() else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                let Some(bare) = f.coating_strip_mm else {
                    return refuse("refuse-cleave-coated");
                };
                let bare_now = f.cleave.as_ref().map(|c| c.length_mm).unwrap_or(bare);
                if !limits::CLEAVE_LENGTH_MM.contains(length_mm) {
                    return Err(bad_length(length_mm, &limits::CLEAVE_LENGTH_MM));
                }
                if length_mm >= bare_now {
                    return Err(Refusal::new(
                        Msg::new("refuse-cleave-on-coating")
                            .num("cleave", length_mm, 1)
                            .num("bare", bare_now, 1),
                    ));
                }
                if !f.glass_clean {
                    self.mistake(index, Mistake::CleaveUncleaned, &mut out);
                }
                let off_range_mm = cleave_off_range_mm(length_mm, self.cable.tight_buffered());
                let (angle, defects) = cleave_end(
                    rng,
                    self.drawn.blade_wear,
                    self.setup.cleaver.tension,
                    off_range_mm,
                    f.coating_residue || f.gel_residue,
                );
                // A nicked fibre may snap at the nick when tensioned.
                let snapped = f.nicked && rng.chance(handling::NICK_SNAPS_P);
                // Never past the bare glass; `clamp` would panic on a very short strip.
                let actual = (length_mm + rng.gauss(handling::CLEAVE_SCATTER_MM))
                    .max(limits::CLEAVE_LENGTH_MM.min)
                    .min(bare_now - 0.05);
                self.shards_pending += 1;
                self.shards_total += 1;
                let Some(fm) = self.fibre_mut(id) else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                if snapped {
                    fm.breaks += 1;
                    fm.lost_mm += bare;
                    fm.coating_strip_mm = None;
                    fm.cleave = None;
                    fm.glass_clean = false;
                    fm.nicked = false;
                    out.msgs.push(Msg::new("out-snapped-at-nick").fault());
                } else {
                    fm.end_dirty = !fm.glass_clean;
                    fm.cleave = Some(CleaveResult {
                        length_mm: actual,
                        angle_deg: angle,
                        defects: defects.clone(),
                    });
                    out.msgs.push(
                        Msg::new("out-cleaved")
                            .num("mm", actual, 1)
                            .num("angle", angle, 1),
                    );
                    for d in defects {
                        out.msgs
                            .push(Msg::new("out-defect").msg("defect", d.name()).fault());
                    }
                }
                out.msgs.push(Msg::new("out-shard"));
            }
            PrepAction::DisposeShard => {
                if self.shards_pending == 0 {
                    return refuse("refuse-no-shard");
                }
                self.shards_pending -= 1;
                out.msgs.push(Msg::new("out-shard-disposed"));
            }
            PrepAction::LayOnBench => {
                let Some(id) = self.in_hand else {
                    return refuse("refuse-no-fibre-in-hand");
                };
                let was_clean = self
                    .fibre(id)
                    .map(|f| f.glass_clean || (f.cleave.is_some() && !f.end_dirty))
                    .unwrap_or(false);
                if let Some(f) = self.fibre_mut(id)
                    && f.coating_strip_mm.is_some()
                {
                    f.touched();
                }
                self.in_hand = None;
                out.msgs.push(Msg::new("out-laid-down"));
                if was_clean {
                    self.mistake(index, Mistake::TouchedCleanGlass, &mut out);
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn find_fibre(
        &self,
        tube: Option<Colour>,
        fibre: Colour,
    ) -> Result<FibreRef, Refusal> {
        let code = self.colour_code;
        let n = code.position(fibre);
        if n == 0 || n > self.cable.fibres_per_group() {
            return Err(Refusal::new(
                Msg::new("refuse-no-such-fibre").msg("colour", fibre.name_f()),
            ));
        }
        let tube_pos = if self.cable.tube_count() > 1 {
            let Some(tc) = tube else {
                return Err(Refusal::new(Msg::new("refuse-which-tube")));
            };
            let t = code.position(tc);
            if t == 0 || t > self.cable.tube_count() {
                return Err(Refusal::new(
                    Msg::new("refuse-no-such-tube").msg("colour", tc.name()),
                ));
            }
            Some(t)
        } else {
            None
        };
        Ok(FibreRef {
            tube: tube_pos,
            fibre: n,
        })
    }

    /// The next sensible step, in plain words (practice mode).
    pub fn next_gesture(&self) -> Msg {
        let t = &self.setup.targets;
        let flat = matches!(self.cable, CableKind::FlatDrop { .. });
        if self.sheath_strip_mm.is_none() {
            let tool = handling::sheath_tool(flat);
            return Msg::new("hint-strip-sheath")
                .num("mm", t.sheath_strip_mm, 0)
                .msg("tool", tool.name());
        }
        if self.strength.is_none() {
            let tool = handling::strength_tool(self.cable.rigid_strength_members());
            return Msg::new("hint-cut-strength")
                .num("mm", t.strength_member_keep_mm, 0)
                .msg("tool", tool.name());
        }
        // A fibre broken, or a bad cleave, on the fibre in hand: say so before anything else.
        if let Some(f) = self.in_hand_state() {
            if f.broken() {
                return Msg::new("hint-strip-again").num("mm", t.coating_strip_mm, 0);
            }
            if let Some(c) = f
                .cleave
                .as_ref()
                .filter(|c| c.angle_deg > 1.0 || !c.defects.is_empty())
            {
                return Msg::new("hint-recleave").num("angle", c.angle_deg, 1).num(
                    "mm",
                    t.coating_strip_mm,
                    0,
                );
            }
            if f.cleave.is_some() && f.end_dirty {
                return Msg::new("hint-recleave-dirty").num("mm", t.coating_strip_mm, 0);
            }
        }
        let next = self.drawn.tasks.iter().copied().find(|id| {
            self.fibre(*id)
                .is_none_or(|f| f.cleave.is_none() || !f.sleeve)
        });
        if let Some(id) = next {
            if let Some(tube) = self.tube_of(id) {
                if !self.tubes_open.contains(&tube) {
                    let colour = self
                        .colour_code
                        .colour(tube)
                        .map(Colour::name)
                        .unwrap_or_else(|| Msg::new("colour-unknown"));
                    return Msg::new("hint-open-tube")
                        .msg("colour", colour)
                        .int("t", tube);
                }
                if self.cable.gel() && !self.tubes_degelled.contains(&tube) {
                    return Msg::new("hint-remove-gel");
                }
            }
            if self.in_hand != Some(id) {
                return Msg::new("hint-pick").msg("fibre", id.describe(self.colour_code));
            }
            let f = self.fibre(id);
            if !f.is_some_and(|f| f.sleeve) {
                return Msg::new("hint-sleeve");
            }
            if f.and_then(|f| f.coating_strip_mm).is_none() {
                return Msg::new("hint-strip-coating").num("mm", t.coating_strip_mm, 0);
            }
            if !f.is_some_and(|f| f.glass_clean) {
                return Msg::new("hint-clean");
            }
            return Msg::new("hint-cleave").num("mm", t.cleave_length_mm, 0);
        }
        if self.shards_pending > 0 {
            return Msg::new("hint-shard");
        }
        Msg::new("hint-finish")
    }

    /// The next gesture on the fibre in hand, up to its cleave (the splicing station's
    /// preparation): strip again after a break, recleave a bad or dirty face, strip,
    /// clean, cleave. `None`: no fibre in hand, or it is cleaved well.
    pub fn in_hand_gesture(&self) -> Option<Msg> {
        let t = &self.setup.targets;
        let f = self.in_hand_state()?;
        if f.broken() {
            return Some(Msg::new("hint-strip-again").num("mm", t.coating_strip_mm, 0));
        }
        if let Some(c) = &f.cleave {
            if c.angle_deg > 1.0 || !c.defects.is_empty() {
                return Some(Msg::new("hint-recleave").num("angle", c.angle_deg, 1).num(
                    "mm",
                    t.coating_strip_mm,
                    0,
                ));
            }
            if f.end_dirty {
                return Some(Msg::new("hint-recleave-dirty").num("mm", t.coating_strip_mm, 0));
            }
            return None;
        }
        if f.coating_strip_mm.is_none() {
            return Some(Msg::new("hint-strip-coating").num("mm", t.coating_strip_mm, 0));
        }
        if !f.glass_clean {
            return Some(Msg::new("hint-clean"));
        }
        Some(Msg::new("hint-cleave").num("mm", t.cleave_length_mm, 0))
    }

    /// Prepared ends of the fibres that were cleaved, in the order they were taken.
    pub fn prepared_ends(&self) -> Vec<PreparedEnd> {
        self.fibres
            .iter()
            .filter_map(FibreState::prepared_end)
            .collect()
    }
}

fn bad_length(found: f64, l: &limits::Limit) -> Refusal {
    Refusal::new(
        Msg::new("refuse-length")
            .num("found", found, 1)
            .num("min", l.min, 1)
            .num("max", l.max, 1),
    )
}

#[cfg(test)]
mod tests;
