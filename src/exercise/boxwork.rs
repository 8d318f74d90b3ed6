//! Working a box to its plan (issue 28): the trainee opens the cable in mid-span, cuts
//! the tube the plan cuts and lays the others whole in the basket, routes each free
//! fibre to its position (a drop's fibre on a position's second side is spliced to the
//! fibre on its first), coils each fibre in its splice cassette, and closes and labels
//! the box. The red light, shone from the exchange's end into a fibre of the cable,
//! shows where that fibre now goes: at a customer's outlet, at an end in the box, or on
//! through the box. Nothing is announced: a crossed drop, a tube cut that should have
//! passed, a coil too tight are what the light, the plan and the auditor find.

use serde::Serialize;

use super::{JobAction, Outcome, Refusal};
use crate::i18n::Msg;
use crate::physics::cable::ColourCode;
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::scenario::closure::Plan;
use crate::scenario::closure::plan::{Fibre, Function};
use crate::scenario::closure::work::{
    Built, LiveLine, WorkSetup, express_tubes, in_splice_cassette, is_drop, through_cable,
};

mod nick;
pub use nick::{Damage, KINK_RADIUS_MM, KINK_TURNS, Nick, TUBE_WALL_PCT, nicks_of_stroke};

/// A position of the plan as the trainee works it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkRow {
    pub ps_code: String,
    /// The fibre on the position's first side (the distribution cable's), if any.
    pub ps_1: Option<String>,
    /// The fibre on its second side: a drop's fibre spliced to the first, or an express
    /// fibre's downstream length.
    pub ps_2: Option<String>,
    /// The coil's diameter in its splice cassette (mm); none until coiled, and none in
    /// the basket (which stores at its own radius).
    pub coil_mm: Option<f64>,
}

impl WorkRow {
    /// Whether the position holds what its plan row names, on both sides.
    pub fn follows(&self, p: &crate::scenario::closure::plan::PositionRow) -> bool {
        self.ps_1.as_deref() == Some(p.ps_1.as_str()) && self.ps_2 == p.ps_2
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoxWork {
    pub plan: Plan,
    pub min_coil_mm: f64,
    /// The window's length in the sheath (mm), once opened.
    pub window_mm: Option<f64>,
    /// The opened cable's tubes cut in the window, and those laid whole in the basket.
    pub cut: Vec<u32>,
    pub passed: Vec<u32>,
    /// Every position of the plan, in the plan's order.
    pub rows: Vec<WorkRow>,
    pub closed: bool,
    /// The label written on the box as it was closed.
    pub label: Option<String>,
    /// The neighbour tubes the shaver's blade scored, one per tube (the deepest).
    pub nicks: Vec<Nick>,
    /// The lines in service beyond the box, as the scenario gives them.
    pub live: Vec<LiveLine>,
    /// The lines in service the work took down at some point (their identifiers, in the
    /// order they went down), even where the fibre was put back after.
    pub outages: Vec<String>,
    /// Whether the box was already built (the job works it again).
    pub built: bool,
    /// The drops this job connects in a box already built (none: the box is built).
    pub connect: Vec<String>,
}

/// The loss of a fusion splice made in the box, dB, at both wavelengths: the box's
/// gestures do not fuse (the splicing bench does), so a splice there is a good one
/// (FTTH-JOBS §5.1: about 0.05 dB between G.657.A and G.652 fibres ~, 0.02 dB between
/// like fibres ~; the worked example of §5.2 uses 0.05) [U].
pub const BOX_SPLICE_LOSS_DB: f64 = 0.05;

/// A fall in a line's level the supervision flags, dB [U]: an ONT's reading wanders by a
/// few tenths; half a decibel is a fibre touched (a neighbour's coil tightened, a tube
/// dented).
pub const LEVEL_FALL_DB: f64 = 0.5;

/// Whether the supervision raises a line's alarm: down, or fallen by more than
/// [`LEVEL_FALL_DB`] from its level before the work (`now`, as [`BoxWork::live_levels`]
/// reads it).
pub fn line_alarm(l: &LiveLine, now: Option<f64>) -> bool {
    now.is_none_or(|v| l.level_dbm - v > LEVEL_FALL_DB)
}

/// The downstream wavelength of a PON, at which an ONT's level is read (FTTH-JOBS §7).
pub const PON_DOWN_NM: f64 = 1490.0;

/// Where the red light shows, shone into a fibre from the exchange's end.
#[derive(Clone, Debug, PartialEq)]
pub enum Glow {
    /// At the outlet of the premises a drop serves (its SUF where the plan names it, and
    /// the drop's cable).
    Outlet { suf: Option<String>, drop: String },
    /// At the fibre's end in a cassette or the basket: at a position, alone.
    AtPosition { position: String },
    /// At a loose end in the window.
    Loose,
    /// On through the box (a fibre passed whole, or spliced to a downstream one).
    Through,
    /// On through the box, but leaking red through the wall of its tube in the window,
    /// where the shaver dented it.
    Leaks { tube: u32 },
    /// Stopped in the window, at a break in its tube where the shaver went through.
    Broken { tube: u32 },
}

impl BoxWork {
    pub fn new(setup: &WorkSetup) -> BoxWork {
        let mut w = BoxWork {
            plan: setup.plan.clone(),
            min_coil_mm: setup.min_coil_mm,
            window_mm: None,
            cut: Vec::new(),
            passed: Vec::new(),
            rows: setup
                .plan
                .positions
                .iter()
                .map(|p| WorkRow {
                    ps_code: p.ps_code.clone(),
                    ps_1: None,
                    ps_2: None,
                    coil_mm: None,
                })
                .collect(),
            closed: false,
            label: None,
            nicks: Vec::new(),
            live: setup.live.clone(),
            outages: Vec::new(),
            built: false,
            connect: Vec::new(),
        };
        if let Some(b) = &setup.built {
            w.as_built(b);
        }
        w
    }

    /// The box as its builder left it: the window open, the tubes cut and passed as the
    /// plan has them, every position as its row but the drops to connect, each cassette
    /// position coiled, the lid closed under the plan's label.
    fn as_built(&mut self, b: &Built) {
        let express = express_tubes(&self.plan);
        self.window_mm = Some(b.window_mm);
        self.cut = (1..=self.tubes())
            .filter(|t| !express.contains(t))
            .collect();
        self.passed = express;
        self.built = true;
        self.connect = b.connect.clone();
        let starts: Vec<_> = self
            .plan
            .positions
            .iter()
            .map(|p| self.start_of(p))
            .collect();
        for ((p, r), start) in self
            .plan
            .positions
            .iter()
            .zip(self.rows.iter_mut())
            .zip(starts)
        {
            (r.ps_1, r.ps_2) = start.unwrap_or_default();
            if in_splice_cassette(&self.plan, &p.ps_code) {
                r.coil_mm = Some(b.coil_mm);
            }
        }
        self.closed = true;
        self.label = Some(self.plan.boxed.bp_etiquet.clone());
    }

    /// What a position holds as the builder left it (a box already built): the plan's
    /// row but for a drop this job connects; none for a box built from scratch.
    pub fn start_of(
        &self,
        p: &crate::scenario::closure::plan::PositionRow,
    ) -> Option<(Option<String>, Option<String>)> {
        self.built.then(|| {
            (
                Some(p.ps_1.clone()),
                p.ps_2.clone().filter(|d| !self.connect.contains(d)),
            )
        })
    }

    /// Whether a line in service rides a drop spliced in this box (its plan row splices
    /// its fibre to a drop), not a fibre passing through.
    pub fn spliced_line(&self, l: &LiveLine) -> bool {
        self.plan.positions.iter().any(|p| {
            p.ps_1 == l.fibre
                && p.ps_2
                    .as_deref()
                    .and_then(|d| self.plan.fibre(d))
                    .is_some_and(|d| is_drop(&self.plan, &d))
        })
    }

    /// Whether a line in service still has its light: its fibre whole through the box
    /// (its tube not cut, nor cut through by the shaver), or, in a tube cut, spliced in
    /// the box as its plan row splices it.
    pub fn line_up(&self, l: &LiveLine) -> bool {
        let Some(f) = self.plan.fibre(&l.fibre) else {
            return false;
        };
        if self
            .nick_on(f.fo_numtub)
            .is_some_and(|n| n.depth_pct > TUBE_WALL_PCT)
        {
            return false;
        }
        if !self.cut.contains(&f.fo_numtub) {
            return true;
        }
        self.plan.positions.iter().zip(&self.rows).any(|(p, r)| {
            p.ps_1 == l.fibre
                && p.ps_2.is_some()
                && r.ps_1.as_deref() == Some(l.fibre.as_str())
                && r.ps_2 == p.ps_2
        })
    }

    /// The nick on tube `tube`, if the shaver scored it.
    pub fn nick_on(&self, tube: u32) -> Option<&Nick> {
        self.nicks.iter().find(|n| n.tube == tube)
    }

    /// Each line in service beyond the box with the level its ONT now receives at
    /// 1490 nm, dBm, as the OLT reads it: none where its fibre is cut (its tube cut in
    /// the window, or through by the shaver's blade), less a kink's loss where the blade
    /// dented its tube. `fibre`: the cable's.
    pub fn live_levels(&self, fibre: FibreType) -> Vec<(&LiveLine, Option<f64>)> {
        self.live
            .iter()
            .map(|l| {
                let f = self.plan.fibre(&l.fibre).filter(|_| self.line_up(l));
                let Some(f) = f else {
                    return (l, None);
                };
                let mut loss = self
                    .nick_on(f.fo_numtub)
                    .and_then(|n| n.element(fibre).loss_db(PON_DOWN_NM))
                    .unwrap_or(0.0);
                // A drop's line through its coil in the cassette (one turn, as the
                // recette counts it).
                if let Some(mm) = self
                    .rows
                    .iter()
                    .find(|r| r.ps_1.as_deref() == Some(l.fibre.as_str()) && r.ps_2.is_some())
                    .and_then(|r| r.coil_mm)
                {
                    loss += Element::macrobend_loss_db(
                        fibre.bend_loss_1550_db(mm / 2.0, 1.0),
                        PON_DOWN_NM,
                    );
                }
                (l, Some(l.level_dbm - loss))
            })
            .collect()
    }

    /// The opened cable's tube count.
    pub fn tubes(&self) -> u32 {
        through_cable(&self.plan)
            .map(|(a, _)| a.cb_capafo.div_ceil(a.cb_modulo.max(1)))
            .unwrap_or(0)
    }

    fn open(&self) -> Result<(), Refusal> {
        if self.closed {
            return Err(Refusal::new(Msg::new("refuse-box-closed")));
        }
        Ok(())
    }

    fn window_open(&self) -> Result<(), Refusal> {
        self.open()?;
        if self.window_mm.is_none() {
            return Err(Refusal::new(Msg::new("refuse-box-no-window")));
        }
        Ok(())
    }

    fn tube_free(&self, tube: u32) -> Result<(), Refusal> {
        if through_cable(&self.plan).is_none() {
            return Err(Refusal::new(Msg::new("refuse-box-no-through-cable")));
        }
        if tube == 0 || tube > self.tubes() {
            return Err(Refusal::new(
                Msg::new("refuse-box-no-tube")
                    .int("tube", tube)
                    .int("n", self.tubes()),
            ));
        }
        if self.cut.contains(&tube) || self.passed.contains(&tube) {
            return Err(Refusal::new(
                Msg::new("refuse-box-tube-done").int("tube", tube),
            ));
        }
        Ok(())
    }

    /// A gesture at the box (`code`: the cable's colour order).
    pub fn apply(&mut self, a: &JobAction, code: ColourCode) -> Result<Outcome, Refusal> {
        let up: Vec<bool> = self.live.iter().map(|l| self.line_up(l)).collect();
        let mut out = self.gesture(a, code)?;
        // The red light goes in at the PM: a fibre in service is unplugged from its
        // customer's cord for it, their line down while it shines.
        if let JobAction::RedLight { fibre } = a
            && let Some(l) = self.live.iter().find(|l| &l.fibre == fibre)
            && self.line_up(l)
        {
            out.msgs.push(
                Msg::new("out-box-light-unplugged")
                    .text("line", l.line.as_str())
                    .fault(),
            );
            if !self.outages.contains(&l.line) {
                self.outages.push(l.line.clone());
            }
        }
        let down: Vec<String> = self
            .live
            .iter()
            .zip(up)
            .filter(|(l, was)| *was && !self.line_up(l) && !self.outages.contains(&l.line))
            .map(|(l, _)| l.line.clone())
            .collect();
        self.outages.extend(down);
        Ok(out)
    }

    fn gesture(&mut self, a: &JobAction, code: ColourCode) -> Result<Outcome, Refusal> {
        match a {
            JobAction::OpenWindow { length_mm } => self.open_window(*length_mm),
            JobAction::CutTube { tube, stroke } => self.cut_tube(*tube, stroke, code),
            JobAction::PassTube { tube } => self.pass_tube(*tube, code),
            JobAction::PlaceFibre { fibre, position } => self.place(fibre, position),
            JobAction::CoilFibre {
                position,
                diameter_mm,
            } => self.coil(position, *diameter_mm),
            JobAction::CloseBox { label } => self.close(label),
            JobAction::OpenBox => self.reopen(),
            JobAction::RedLight { fibre } => self.red_light(fibre),
            JobAction::NextStage
            | JobAction::TestFibre { .. }
            | JobAction::LocateFibre { .. }
            | JobAction::ReportRoute { .. }
            | JobAction::FileDefect { .. }
            | JobAction::WithdrawDefect { .. } => {
                Err(Refusal::new(Msg::new("refuse-box-not-here")))
            }
        }
    }

    /// Opens the window in the cable's sheath.
    pub fn open_window(&mut self, length_mm: f64) -> Result<Outcome, Refusal> {
        self.open()?;
        if self.window_mm.is_some() {
            return Err(Refusal::new(Msg::new("refuse-box-window-open")));
        }
        let Some((a, _)) = through_cable(&self.plan) else {
            return Err(Refusal::new(Msg::new("refuse-box-no-through-cable")));
        };
        self.window_mm = Some(length_mm);
        Ok(Outcome::of(vec![
            Msg::new("out-box-window")
                .num("mm", length_mm, 0)
                .text("cable", a.cb_etiquet.as_str())
                .int("tubes", self.tubes()),
        ]))
    }

    /// Opens a tube with the shaver along the window and cuts it: its fibres' ends
    /// upstream and downstream come free. Where the stroke strays past the tube's edge,
    /// the blade scores the neighbour ([`nicks_of_stroke`]): the slip is seen, what it
    /// did to the fibres only the light in them says.
    pub fn cut_tube(
        &mut self,
        tube: u32,
        stroke: &[i32],
        code: ColourCode,
    ) -> Result<Outcome, Refusal> {
        self.window_open()?;
        self.tube_free(tube)?;
        if stroke.len() > crate::limits::SHAVER_STROKE_STEPS {
            return Err(Refusal::new(
                Msg::new("refuse-box-stroke-long")
                    .int("n", stroke.len() as u32)
                    .int("max", crate::limits::SHAVER_STROKE_STEPS as u32),
            ));
        }
        self.cut.push(tube);
        let mut lines = vec![
            Msg::new("out-box-tube-cut")
                .int("tube", tube)
                .msg("colour", colour_name(code, tube)),
        ];
        for n in nicks_of_stroke(tube, self.tubes(), stroke) {
            // The hand sees the blade slip onto the neighbour (what it did to the fibres
            // inside, only the light in them tells).
            lines.push(
                Msg::new("out-box-shaver-slipped")
                    .int("tube", n.tube)
                    .msg("colour", colour_name(code, n.tube))
                    .fault(),
            );
            match self.nicks.iter_mut().find(|m| m.tube == n.tube) {
                Some(m) if m.depth_pct >= n.depth_pct => {}
                Some(m) => *m = n,
                None => self.nicks.push(n),
            }
        }
        Ok(Outcome::of(lines))
    }

    /// Lays a tube whole in the basket: its fibres pass the box uncut, on the plan's
    /// passage rows where it has them.
    pub fn pass_tube(&mut self, tube: u32, code: ColourCode) -> Result<Outcome, Refusal> {
        self.window_open()?;
        self.tube_free(tube)?;
        self.passed.push(tube);
        let Some((a, b)) = through_cable(&self.plan) else {
            return Err(Refusal::new(Msg::new("refuse-box-no-through-cable")));
        };
        let (a, b) = (a.clone(), b.clone());
        for f in a.fibres().iter().filter(|f| f.fo_numtub == tube) {
            let down = b.fibre(f.fo_nincab).map(|x| x.fo_code);
            let plan_row = self
                .plan
                .positions
                .iter()
                .position(|p| p.ps_fonct == Function::PA && p.ps_1 == f.fo_code);
            if let Some(i) = plan_row {
                self.rows[i].ps_1 = Some(f.fo_code.clone());
                self.rows[i].ps_2 = down;
            }
        }
        Ok(Outcome::of(vec![
            Msg::new("out-box-tube-passed")
                .int("tube", tube)
                .msg("colour", colour_name(code, tube)),
        ]))
    }

    /// Whether a fibre's end is free to route: a drop's, or one of a tube cut in the
    /// window.
    fn free_end(&self, f: &Fibre) -> bool {
        is_drop(&self.plan, f) || self.cut.contains(&f.fo_numtub)
    }

    /// Routes a free fibre to a position: a drop's fibre on the position's second side
    /// (spliced to the fibre on its first), any other on its first. A fibre already
    /// routed elsewhere is taken from there; one already on that side is taken out,
    /// loose.
    pub fn place(&mut self, fibre: &str, position: &str) -> Result<Outcome, Refusal> {
        self.open()?;
        let Some(f) = self.plan.fibre(fibre) else {
            return Err(Refusal::new(
                Msg::new("refuse-box-no-fibre").text("fibre", fibre),
            ));
        };
        let Some(i) = self
            .plan
            .positions
            .iter()
            .position(|p| p.ps_code == position)
        else {
            return Err(Refusal::new(
                Msg::new("refuse-order-no-position").text("position", position),
            ));
        };
        if self.plan.positions[i].ps_fonct == Function::PA {
            return Err(Refusal::new(
                Msg::new("refuse-box-passage-row").text("position", position),
            ));
        }
        if !self.free_end(&f) {
            if self.window_mm.is_none() {
                return Err(Refusal::new(Msg::new("refuse-box-no-window")));
            }
            return Err(Refusal::new(
                Msg::new("refuse-box-tube-whole")
                    .text("fibre", fibre)
                    .int("tube", f.fo_numtub),
            ));
        }
        let second = is_drop(&self.plan, &f);
        for r in &mut self.rows {
            for side in [&mut r.ps_1, &mut r.ps_2] {
                if side.as_deref() == Some(fibre) {
                    *side = None;
                }
            }
        }
        let row = &mut self.rows[i];
        let side = if second { &mut row.ps_2 } else { &mut row.ps_1 };
        let out = side.replace(fibre.to_string());
        // A position that takes a fibre is coiled anew.
        row.coil_mm = None;
        let first = row.ps_1.clone().filter(|_| second);
        let mut lines = vec![match first {
            Some(other) => Msg::new("out-box-spliced")
                .text("fibre", fibre)
                .text("position", position)
                .text("other", other),
            None => Msg::new("out-box-placed")
                .text("fibre", fibre)
                .text("position", position),
        }];
        if let Some(o) = out.filter(|o| o != fibre) {
            lines.push(Msg::new("out-box-taken-out").text("fibre", o).fault());
        }
        Ok(Outcome::of(lines))
    }

    /// Coils the fibres at a position of a splice cassette at a diameter.
    pub fn coil(&mut self, position: &str, diameter_mm: f64) -> Result<Outcome, Refusal> {
        self.open()?;
        let Some(i) = self.rows.iter().position(|r| r.ps_code == position) else {
            return Err(Refusal::new(
                Msg::new("refuse-order-no-position").text("position", position),
            ));
        };
        if !in_splice_cassette(&self.plan, position) {
            return Err(Refusal::new(
                Msg::new("refuse-box-coil-basket").text("position", position),
            ));
        }
        let r = &mut self.rows[i];
        if r.ps_1.is_none() && r.ps_2.is_none() {
            return Err(Refusal::new(
                Msg::new("refuse-box-coil-empty").text("position", position),
            ));
        }
        r.coil_mm = Some(diameter_mm);
        Ok(Outcome::of(vec![
            Msg::new("out-box-coiled")
                .text("position", position)
                .num("mm", diameter_mm, 0),
        ]))
    }

    /// Closes the box and writes its label.
    pub fn close(&mut self, label: &str) -> Result<Outcome, Refusal> {
        self.open()?;
        if label.trim().is_empty() {
            return Err(Refusal::new(Msg::new("refuse-box-label-empty")));
        }
        self.closed = true;
        self.label = Some(label.trim().to_string());
        Ok(Outcome::of(vec![
            Msg::new("out-box-closed").text("label", label.trim()),
        ]))
    }

    /// Opens the lid of a box closed before.
    pub fn reopen(&mut self) -> Result<Outcome, Refusal> {
        if !self.closed {
            return Err(Refusal::new(Msg::new("refuse-box-not-closed")));
        }
        self.closed = false;
        Ok(Outcome::of(vec![
            Msg::new("out-box-reopened").text("box", self.plan.boxed.bp_etiquet.as_str()),
        ]))
    }

    /// Where the red light shows, shone into `fibre` of the opened cable from the
    /// exchange's end (its upstream length).
    pub fn glow(&self, f: &Fibre) -> Glow {
        if !self.cut.contains(&f.fo_numtub) {
            return match self
                .nick_on(f.fo_numtub)
                .map(|n| n.depth_pct > TUBE_WALL_PCT)
            {
                None => Glow::Through,
                Some(false) => Glow::Leaks { tube: f.fo_numtub },
                Some(true) => Glow::Broken { tube: f.fo_numtub },
            };
        }
        let Some(r) = self
            .rows
            .iter()
            .find(|r| r.ps_1.as_deref() == Some(f.fo_code.as_str()))
        else {
            return Glow::Loose;
        };
        match r.ps_2.as_deref().and_then(|c| self.plan.fibre(c)) {
            Some(other) if is_drop(&self.plan, &other) => Glow::Outlet {
                suf: self.suf_of(&other.fo_code),
                drop: self
                    .plan
                    .cables
                    .iter()
                    .find(|c| c.cb_code == other.fo_cb_code)
                    .map(|c| c.cb_etiquet.clone())
                    .unwrap_or(other.fo_cb_code),
            },
            Some(_) => Glow::Through,
            None => Glow::AtPosition {
                position: r.ps_code.clone(),
            },
        }
    }

    /// The premises a drop's fibre serves: the route optique that names it, else the
    /// pre-assignment of the plan's row that splices it.
    fn suf_of(&self, drop_fibre: &str) -> Option<String> {
        self.plan
            .routes
            .iter()
            .find(|r| r.rt_fo_code == drop_fibre)
            .map(|r| r.rt_code.trim_start_matches("RT-").to_string())
            .or_else(|| {
                self.plan
                    .positions
                    .iter()
                    .find(|p| p.ps_2.as_deref() == Some(drop_fibre))
                    .and_then(|p| p.ps_preaff.clone())
            })
    }

    /// The red light shone into a fibre of the opened cable from the exchange.
    pub fn red_light(&self, fibre: &str) -> Result<Outcome, Refusal> {
        let Some((a, _)) = through_cable(&self.plan) else {
            return Err(Refusal::new(Msg::new("refuse-box-no-through-cable")));
        };
        let Some(f) = self.plan.fibre(fibre).filter(|f| f.fo_cb_code == a.cb_code) else {
            return Err(Refusal::new(
                Msg::new("refuse-box-light-upstream")
                    .text("fibre", fibre)
                    .text("cable", a.cb_code.as_str()),
            ));
        };
        let m = match self.glow(&f) {
            Glow::Outlet { suf, drop } => Msg::new("out-box-light-outlet")
                .text("fibre", fibre)
                .text("suf", suf.unwrap_or_else(|| "—".into()))
                .text("drop", drop),
            Glow::AtPosition { position } => Msg::new("out-box-light-position")
                .text("fibre", fibre)
                .text("position", position),
            Glow::Loose => Msg::new("out-box-light-loose").text("fibre", fibre),
            Glow::Through => Msg::new("out-box-light-through").text("fibre", fibre),
            Glow::Leaks { tube } => Msg::new("out-box-light-leaks")
                .text("fibre", fibre)
                .int("tube", tube),
            Glow::Broken { tube } => Msg::new("out-box-light-broken")
                .text("fibre", fibre)
                .int("tube", tube),
        };
        Ok(Outcome::of(vec![m]))
    }

    /// The plan's tables as the box was left: each position's fibres as routed, a
    /// splice (EP) where both sides hold one and the plan's row was not a passage, a
    /// waiting fibre (AT) where only the first does; positions left empty are not
    /// written (nothing is there).
    pub fn plan_as_left(&self) -> Plan {
        let mut plan = self.plan.clone();
        let rows = plan
            .positions
            .iter()
            .zip(&self.rows)
            .filter_map(|(p, r)| {
                let ps_1 = r.ps_1.clone()?;
                let mut p = p.clone();
                if p.ps_fonct != Function::PA {
                    p.ps_fonct = if r.ps_2.is_some() {
                        Function::EP
                    } else {
                        Function::AT
                    };
                    if p.ps_fonct == Function::AT {
                        p.ps_type = None;
                    } else if p.ps_type.is_none() {
                        p.ps_type = Some(crate::scenario::closure::plan::PositionKind::SFU);
                    }
                }
                p.ps_1 = ps_1;
                p.ps_2 = r.ps_2.clone();
                Some(p)
            })
            .collect();
        plan.positions = rows;
        plan
    }

    /// What the trainee is asked.
    pub fn task_lines(&self) -> Vec<Msg> {
        let placed = self
            .rows
            .iter()
            .filter(|r| r.ps_1.is_some() || r.ps_2.is_some())
            .count();
        let first = if self.connect.is_empty() {
            Msg::new("task-box-work").text("box", self.plan.boxed.bp_etiquet.as_str())
        } else {
            let cables: Vec<String> = self
                .connect
                .iter()
                .filter_map(|c| self.plan.fibre(c))
                .filter_map(|f| {
                    self.plan
                        .cables
                        .iter()
                        .find(|c| c.cb_code == f.fo_cb_code)
                        .map(|c| c.cb_etiquet.clone())
                })
                .collect();
            Msg::new("task-box-connect")
                .text("box", self.plan.boxed.bp_etiquet.as_str())
                .text("drops", cables.join(", "))
        };
        let count = if self.connect.is_empty() {
            Msg::new("task-box-rows")
                .int("done", placed as u32)
                .int("n", self.rows.len() as u32)
        } else {
            let done = self
                .connect
                .iter()
                .filter(|d| {
                    self.plan
                        .positions
                        .iter()
                        .zip(&self.rows)
                        .any(|(p, r)| p.ps_2.as_ref() == Some(*d) && r.follows(p))
                })
                .count();
            Msg::new("task-box-connected")
                .int("done", done as u32)
                .int("n", self.connect.len() as u32)
        };
        vec![first, count]
    }

    /// The next sensible step, in the trade's order.
    pub fn next_step(&self, code: ColourCode) -> Msg {
        if self.closed {
            let todo = self
                .plan
                .positions
                .iter()
                .zip(&self.rows)
                .any(|(p, r)| p.ps_fonct != Function::PA && !r.follows(p));
            return Msg::new(if todo {
                "hint-box-reopen"
            } else {
                "hint-box-finish"
            });
        }
        if self.window_mm.is_none() {
            return Msg::new("hint-box-window")
                .num("min", crate::scenario::closure::work::WINDOW_MM.0, 0)
                .num("max", crate::scenario::closure::work::WINDOW_MM.1, 0);
        }
        let express = crate::scenario::closure::work::express_tubes(&self.plan);
        if let Some(t) = (1..=self.tubes())
            .find(|t| !self.cut.contains(t) && !self.passed.contains(t) && !express.contains(t))
        {
            return Msg::new("hint-box-cut")
                .int("tube", t)
                .msg("colour", colour_name(code, t));
        }
        if let Some(t) = express
            .iter()
            .find(|t| !self.cut.contains(t) && !self.passed.contains(t))
        {
            return Msg::new("hint-box-pass")
                .int("tube", *t)
                .msg("colour", colour_name(code, *t));
        }
        for (p, r) in self.plan.positions.iter().zip(&self.rows) {
            if p.ps_fonct == Function::PA {
                continue;
            }
            if r.ps_1.is_none() {
                return Msg::new("hint-box-place")
                    .text("fibre", p.ps_1.as_str())
                    .text("position", p.ps_code.as_str());
            }
            if let Some(d) = &p.ps_2
                && r.ps_2.is_none()
            {
                return Msg::new("hint-box-splice")
                    .text("fibre", d.as_str())
                    .text("position", p.ps_code.as_str());
            }
            if in_splice_cassette(&self.plan, &p.ps_code) && r.coil_mm.is_none() {
                return Msg::new("hint-box-coil")
                    .text("position", p.ps_code.as_str())
                    .num("min", self.min_coil_mm, 0);
            }
        }
        Msg::new("hint-box-close").text("label", self.plan.boxed.bp_etiquet.as_str())
    }

    /// As data, for the attempt's summary and reports.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "box": self.plan.boxed.bp_code,
            "window_mm": self.window_mm,
            "cut": self.cut,
            "passed": self.passed,
            "rows": serde_json::to_value(&self.rows).unwrap_or(serde_json::Value::Null),
            "closed": self.closed,
            "label": self.label,
            "nicks": serde_json::to_value(&self.nicks).unwrap_or(serde_json::Value::Null),
            "outages": self.outages,
        })
    }
}

/// A tube's colour in the cable's order, by name (its number where the order has none).
pub fn colour_name(code: ColourCode, tube: u32) -> Msg {
    match code.colour(tube) {
        Some(c) => c.name(),
        None => Msg::new("box-tube-number").int("tube", tube),
    }
}
