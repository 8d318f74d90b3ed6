//! A fibre taken out of the cable and what was done to it: its place in the cable, its
//! state (sleeve, coating, cleanliness, cleave), the prepared end handed to the splicer,
//! and the mistakes noted on the way.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::physics::cable::{Colour, ColourCode};
pub use crate::physics::handling::Tool;
use crate::physics::splice::EndDefect;

/// A fibre's place in the cable: tube number (none for cables without numbered tubes)
/// and fibre number, both 1-based positions in the colour order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FibreRef {
    pub tube: Option<u32>,
    pub fibre: u32,
}

impl FibreRef {
    /// "fibre orange du tube vert" / "orange fibre of the green tube".
    pub fn describe(&self, code: ColourCode) -> Msg {
        let fibre = code
            .colour(self.fibre)
            .map(Colour::name_f)
            .unwrap_or_else(|| Msg::new("colour-unknown"));
        match self.tube.and_then(|t| code.colour(t)) {
            Some(tc) => Msg::new("fibre-in-tube")
                .msg("fibre", fibre)
                .int("n", self.fibre)
                .msg("tube", tc.name())
                .int("t", self.tube.unwrap_or(0)),
            None => Msg::new("fibre-alone")
                .msg("fibre", fibre)
                .int("n", self.fibre),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CleaveResult {
    /// Bare glass from the coating edge to the end face, mm.
    pub length_mm: f64,
    /// End-face angle from perpendicular, degrees.
    pub angle_deg: f64,
    pub defects: Vec<EndDefect>,
}

/// One fibre taken out of the cable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FibreState {
    pub id: FibreRef,
    pub sleeve: bool,
    pub sleeve_after_cleave: bool,
    /// Coating stripped from the end, mm (as actually cut).
    pub coating_strip_mm: Option<f64>,
    pub nicked: bool,
    pub breaks: u32,
    /// Fibre length lost to breaks, mm.
    pub lost_mm: f64,
    pub coating_residue: bool,
    pub gel_residue: bool,
    /// Bare glass cleaned and touched by nothing since.
    pub glass_clean: bool,
    pub cleave: Option<CleaveResult>,
    /// End face contaminated (cleaved dirty, or touched after the cleave).
    pub end_dirty: bool,
}

impl FibreState {
    pub(crate) fn new(id: FibreRef) -> FibreState {
        FibreState {
            id,
            sleeve: false,
            sleeve_after_cleave: false,
            coating_strip_mm: None,
            nicked: false,
            breaks: 0,
            lost_mm: 0.0,
            coating_residue: false,
            gel_residue: false,
            glass_clean: false,
            cleave: None,
            end_dirty: false,
        }
    }

    /// The glass snapped (in the stripper, or at a nick in the cleaver) and nothing was
    /// stripped since: the end is coated fibre again, to strip anew.
    pub fn broken(&self) -> bool {
        self.breaks > 0 && self.coating_strip_mm.is_none()
    }

    /// The end as the splicer will receive it, once cleaved.
    pub fn prepared_end(&self) -> Option<PreparedEnd> {
        let c = self.cleave.as_ref()?;
        Some(PreparedEnd {
            fibre: self.id,
            strip_length_mm: self.coating_strip_mm.unwrap_or(0.0),
            cleave_length_mm: c.length_mm,
            cleave_angle_deg: c.angle_deg,
            defects: c.defects.clone(),
            clean: !self.end_dirty,
            nicked: self.nicked,
            sleeve_on: self.sleeve,
        })
    }

    /// The splice at this end was cut out: the stripped and cleaved glass goes with it,
    /// the coated fibre is prepared again. A sleeve that was over the splice goes too.
    pub(crate) fn cut_back(&mut self, sleeve_lost: bool) {
        self.lost_mm += self.coating_strip_mm.unwrap_or(0.0) + 10.0;
        self.coating_strip_mm = None;
        self.cleave = None;
        self.glass_clean = false;
        self.end_dirty = false;
        self.nicked = false;
        self.coating_residue = false;
        self.gel_residue = false;
        if sleeve_lost {
            self.sleeve = false;
            self.sleeve_after_cleave = false;
        }
    }

    /// Something touched the bare glass.
    pub(crate) fn touched(&mut self) {
        self.glass_clean = false;
        if self.cleave.is_some() {
            self.end_dirty = true;
        }
    }
}

/// A prepared fibre end: the value the splicing module consumes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreparedEnd {
    pub fibre: FibreRef,
    pub strip_length_mm: f64,
    pub cleave_length_mm: f64,
    pub cleave_angle_deg: f64,
    pub defects: Vec<EndDefect>,
    pub clean: bool,
    pub nicked: bool,
    pub sleeve_on: bool,
}

/// Mistakes of technique recorded as they happen (graded later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Mistake {
    WrongTool {
        tool: Tool,
        right: Tool,
    },
    /// The bare glass was cleaved without being cleaned first.
    CleaveUncleaned,
    /// The sleeve was slid over an already cleaved end.
    SleeveAfterCleave,
    /// Coating stripped through gel not yet removed.
    StripBeforeGel,
    /// A cleaved end was wiped.
    CleanAfterCleave,
    /// Clean glass laid down or touched.
    TouchedCleanGlass,
}

impl Mistake {
    /// Mistakes of sequence and handling (everything but a wrong tool).
    pub fn is_order(&self) -> bool {
        !matches!(self, Mistake::WrongTool { .. })
    }

    pub fn explain(&self) -> Msg {
        match self {
            Mistake::WrongTool { tool, right } => Msg::new("mistake-wrong-tool")
                .msg("tool", tool.name())
                .msg("right", right.name()),
            Mistake::CleaveUncleaned => Msg::new("mistake-cleave-uncleaned"),
            Mistake::SleeveAfterCleave => Msg::new("mistake-sleeve-after-cleave"),
            Mistake::StripBeforeGel => Msg::new("mistake-strip-before-gel"),
            Mistake::CleanAfterCleave => Msg::new("mistake-clean-after-cleave"),
            Mistake::TouchedCleanGlass => Msg::new("mistake-touched-clean"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedMistake {
    /// Index of the action in the log.
    pub action: usize,
    pub mistake: Mistake,
}
