//! Every limit a value is held to, written once, as data. Validation refuses a scenario
//! whose set-up lies outside them, the engine refuses a gesture outside them, and the
//! app's controls stop at them: the three always agree.
//!
//! Two kinds of limit: what a hand or an instrument can do (a gesture's length, a
//! splicer setting, an OTDR set-up: a trainee's mistake inside these is graded, not
//! refused), and the targets a trainer may set (narrower: a plausible job).

use std::ops::RangeInclusive;

/// The unit a limit is written in, as shown after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    Mm,
    M,
    Um,
    Db,
    Deg,
    Pct,
    Ms,
    S,
    Min,
    Nm,
    /// Newtons.
    N,
    Pa,
    Kv,
    Bar,
    Dbm,
    /// Per kelvin (a thermal expansion coefficient).
    PerK,
}

impl Unit {
    /// The unit after a number, with its space (`" mm"`), or nothing.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Mm => " mm",
            Unit::M => " m",
            Unit::Um => " µm",
            Unit::Db => " dB",
            Unit::Deg => " °",
            Unit::Pct => " %",
            Unit::Ms => " ms",
            Unit::S => " s",
            Unit::Min => " min",
            Unit::Nm => " nm",
            Unit::N => " N",
            Unit::Pa => " Pa",
            Unit::Kv => " kV",
            Unit::Bar => " bar",
            Unit::Dbm => " dBm",
            Unit::PerK => " /K",
        }
    }
}

/// A closed interval of allowed values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub min: f64,
    pub max: f64,
    pub unit: Unit,
}

impl Limit {
    pub const fn new(min: f64, max: f64, unit: Unit) -> Limit {
        Limit { min, max, unit }
    }

    /// A finite value within the bounds.
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite() && v >= self.min && v <= self.max
    }

    /// The bounds, for a control's range.
    pub fn range(&self) -> RangeInclusive<f64> {
        self.min..=self.max
    }
}

// --- Cable preparation: gestures ---

/// Sheath removed in one gesture.
pub const SHEATH_STRIP_MM: Limit = Limit::new(1.0, 3000.0, Unit::Mm);
/// Strength members kept beyond the sheath cut (and never more than the sheath removed).
pub const STRENGTH_KEEP_MM: Limit = Limit::new(0.0, 200.0, Unit::Mm);
/// Coating stripped from a fibre end: a three-hole stripper takes up to about 60 mm.
pub const COATING_STRIP_MM: Limit = Limit::new(1.0, 60.0, Unit::Mm);
/// Bare glass left by the cleave (and always less than the glass stripped).
pub const CLEAVE_LENGTH_MM: Limit = Limit::new(2.0, 30.0, Unit::Mm);

// --- Cable preparation: a trainer's targets ---

pub const SHEATH_STRIP_TARGET_MM: Limit = Limit::new(20.0, 3000.0, Unit::Mm);
pub const STRENGTH_KEEP_TARGET_MM: Limit = STRENGTH_KEEP_MM;
pub const COATING_STRIP_TARGET_MM: Limit = Limit::new(5.0, 60.0, Unit::Mm);
pub const CLEAVE_LENGTH_TARGET_MM: Limit = Limit::new(3.0, 30.0, Unit::Mm);
/// Cleaver blade wear: 0 new, 1 worn out.
pub const BLADE_WEAR: Limit = Limit::new(0.0, 1.0, Unit::None);
/// How far a careful hand lands from the mark, 1 sigma.
pub const HAND_PRECISION_MM: Limit = Limit::new(0.0, 10.0, Unit::Mm);

// --- Fusion splicer settings (REFERENCE B.3, B.5) ---

pub const CLEAVE_LIMIT_DEG: Limit = Limit::new(0.1, 5.0, Unit::Deg);
pub const ARC_POWER_PCT: Limit = Limit::new(50.0, 150.0, Unit::Pct);
pub const ARC_TIME_MS: Limit = Limit::new(100.0, 10_000.0, Unit::Ms);
pub const PREFUSE_MS: Limit = Limit::new(0.0, 2000.0, Unit::Ms);
pub const GAP_UM: Limit = Limit::new(5.0, 200.0, Unit::Um);
pub const OVERLAP_UM: Limit = Limit::new(0.0, 40.0, Unit::Um);
/// The heat-shrink oven's cycle.
pub const OVEN_CYCLE_S: Limit = Limit::new(10.0, 300.0, Unit::S);

// --- Splice tray ---

/// The loop a splice is stored with in the tray (a gesture).
pub const TRAY_LOOP_MM: Limit = Limit::new(10.0, 300.0, Unit::Mm);
/// The window opened in a cable's sheath for a mid-span box (a gesture).
pub const WINDOW_MM: Limit = Limit::new(100.0, 4000.0, Unit::Mm);
/// The tube shaver's blade off the tube it rides, in hundredths of a tube's width (a
/// gesture: a hand drawing the shaver along the window).
pub const SHAVER_OFFSET_PCT: Limit = Limit::new(-300.0, 300.0, Unit::Pct);
/// A stroke of the tube shaver: how many steps along the window it is told in.
pub const SHAVER_STROKE_STEPS: usize = 64;
/// The smallest loop a trainer's acceptance rules may ask for.
pub const MIN_LOOP_TARGET_MM: Limit = Limit::new(15.0, 200.0, Unit::Mm);

// --- OTDR set-up ---

/// Distance range: the instrument's shortest and longest (the longest of its ladder).
pub const OTDR_RANGE_M: Limit = Limit::new(100.0, 260_000.0, Unit::M);
pub const AVERAGING_S: Limit = Limit::new(1.0, 600.0, Unit::S);
/// Group index (IOR) setting.
pub const IOR: Limit = Limit::new(1.40, 1.60, Unit::None);
/// Backscatter coefficient setting, dB at 1 ns.
pub const BACKSCATTER_DB: Limit = Limit::new(-95.0, -50.0, Unit::Db);

// --- OTDR acceptance report: what a line may say ---

pub const REPORT_DISTANCE_M: Limit = Limit::new(-10.0, 300_000.0, Unit::M);
pub const REPORT_LOSS_DB: Limit = Limit::new(-10.0, 60.0, Unit::Db);
pub const REPORT_REFLECTANCE_DB: Limit = Limit::new(-100.0, 0.0, Unit::Db);
pub const REPORT_LINK_LENGTH_M: Limit = Limit::new(0.0, 300_000.0, Unit::M);
pub const REPORT_TOTAL_LOSS_DB: Limit = Limit::new(-10.0, 100.0, Unit::Db);

// --- Aerial and underground routing ---
/// A span between two poles, m.
pub const SPAN_M: Limit = Limit::new(5.0, 300.0, Unit::M);
/// A pole's height above the ground, m.
pub const POLE_HEIGHT_M: Limit = Limit::new(3.0, 20.0, Unit::M);
/// A pole's diameters, m.
pub const POLE_DIAMETER_M: Limit = Limit::new(0.05, 1.0, Unit::M);
/// A pole's nominal head force, N.
pub const POLE_NOMINAL_N: Limit = Limit::new(100.0, 100_000.0, Unit::N);
/// A line's deviation at a pole, degrees.
pub const DEVIATION_DEG: Limit = Limit::new(0.0, 180.0, Unit::Deg);
/// A cable tension, as a trainee sets it or a scenario gives it, N.
pub const CABLE_TENSION_N: Limit = Limit::new(1.0, 50_000.0, Unit::N);
/// A cable's diameter, mm.
pub const CABLE_DIAMETER_MM: Limit = Limit::new(1.0, 40.0, Unit::Mm);
/// A cable's weight, N/m.
pub const CABLE_WEIGHT_N_PER_M: Limit = Limit::new(0.01, 50.0, Unit::None);
/// A wind pressure of a climatic hypothesis, Pa.
pub const WIND_PA: Limit = Limit::new(0.0, 2000.0, Unit::Pa);
/// A radial ice thickness, mm.
pub const ICE_MM: Limit = Limit::new(0.0, 60.0, Unit::Mm);
/// A temperature change from the laying state, K.
pub const DELTA_T_K: Limit = Limit::new(-80.0, 80.0, Unit::None);
/// A friction coefficient between cable and duct.
pub const FRICTION: Limit = Limit::new(0.02, 2.0, Unit::None);
/// A duct's inside diameter, mm.
pub const DUCT_ID_MM: Limit = Limit::new(3.0, 200.0, Unit::Mm);
/// A power line's voltage, kV.
pub const LINE_KV: Limit = Limit::new(0.1, 500.0, Unit::Kv);
/// A distance on site (a power line from the working point, a tool's reach, a figure-eight's
/// lobe), m.
pub const SITE_DISTANCE_M: Limit = Limit::new(0.0, 100.0, Unit::M);
/// A breakaway swivel's rating, N.
pub const SWIVEL_N: Limit = Limit::new(10.0, 50_000.0, Unit::N);
/// A pole's utilisation as read in a load study, percent.
pub const UTILISATION_PCT: Limit = Limit::new(0.0, 1000.0, Unit::Pct);
/// An air pressure, bar.
pub const PRESSURE_BAR: Limit = Limit::new(0.0, 30.0, Unit::Bar);
/// A route a cable is blown along, end to end, m.
pub const BLOW_LENGTH_M: Limit = Limit::new(1.0, 10_000.0, Unit::M);
/// A depth below the surface or a spacing in a trench, m.
pub const TRENCH_DEPTH_M: Limit = Limit::new(0.0, 3.0, Unit::M);
/// The bends of a route in all, degrees.
pub const BENDS_DEG: Limit = Limit::new(0.0, 36_000.0, Unit::Deg);
/// A target sag, percent of the span.
pub const SAG_PCT: Limit = Limit::new(0.1, 10.0, Unit::Pct);
/// How far from its target a span's sag may be, percent of the target: a dynamometer and a
/// sighting give the sag within a few percent; past half the target the check no longer
/// tells a right tension from a wrong one.
pub const SAG_TOLERANCE_PCT: Limit = Limit::new(1.0, 50.0, Unit::Pct);
/// How far from the study's a pole's utilisation may be read, percentage points.
pub const READING_TOLERANCE_PCT: Limit = Limit::new(0.5, 50.0, Unit::Pct);
/// A cable's thermal expansion coefficient, per kelvin. Its strength members set it: an
/// aramid-reinforced self-supporting cable is near zero, some slightly negative (aramid
/// shrinks as it warms; pole-line databases take such values with their sign), glass-
/// reinforced plastic about 5e-6, a steel messenger about 1.2e-5, a cable whose
/// polyethylene dominates up to about 3e-5 (the catalogue's teaching value: 1e-5).
pub const CABLE_ALPHA_PER_K: Limit = Limit::new(-5.0e-6, 3.0e-5, Unit::PerK);
/// A cable's axial stiffness E·A, N (a drop cable's few kN to a large self-supporting
/// cable's tens of MN, with room either side).
pub const CABLE_EA_N: Limit = Limit::new(1.0e3, 1.0e9, Unit::N);
/// A cable's smallest bend radius, at rest or under tension, mm: 10 to 20 times its
/// diameter (`CABLE_DIAMETER_MM`).
pub const CABLE_BEND_MM: Limit = Limit::new(10.0, 1000.0, Unit::Mm);
/// Where a pole, a chamber or a house stands on the site's plan, m east or north of its
/// origin (negative: west or south): a site is a few spans, a few duct sections, a street
/// or two (a blown route is 10 km at most, `BLOW_LENGTH_M`: 5 km either side).
pub const SITE_PLAN_M: Limit = Limit::new(-5000.0, 5000.0, Unit::M);

// --- Connecting and measuring ---

/// Where a mark lies on an end face, from the fibre's centre (the ferrule's face), µm.
pub const MARK_R_UM: Limit = Limit::new(0.0, 1250.0, Unit::Um);
/// Where a mark lies around the face's centre, degrees (a full turn).
pub const MARK_ANGLE_DEG: Limit = Limit::new(0.0, 360.0, Unit::Deg);
/// A mark's size (a scratch's width), µm.
pub const MARK_SIZE_UM: Limit = Limit::new(0.1, 200.0, Unit::Um);
/// Dust grains the seed scatters on one face.
pub const DUST_GRAINS: Limit = Limit::new(0.0, 50.0, Unit::None);
/// A clean mated pair's loss, a cord's coupling at the source, dB.
pub const CONNECTION_LOSS_DB: Limit = Limit::new(0.0, 3.0, Unit::Db);
/// A fibre length in a measured link, m.
pub const LINK_FIBRE_M: Limit = Limit::new(0.1, 100_000.0, Unit::M);
/// A splice's or a fault's loss, dB.
pub const EVENT_LOSS_DB: Limit = Limit::new(0.0, 20.0, Unit::Db);
/// A splitter's loss, dB.
pub const SPLITTER_LOSS_DB: Limit = Limit::new(0.0, 30.0, Unit::Db);
/// A light source's output, an OLT's launched level, a window's bounds, dBm.
pub const POWER_DBM: Limit = Limit::new(-50.0, 25.0, Unit::Dbm);
/// A loss budget or a loss limit, dB.
pub const BUDGET_DB: Limit = Limit::new(0.0, 60.0, Unit::Db);
/// A fibre attenuation in a budget, dB/km.
pub const ATTENUATION_DB_PER_KM: Limit = Limit::new(0.1, 5.0, Unit::None);
/// A field connector's cleave gauge, mm.
pub const FIELD_GAUGE_MM: Limit = Limit::new(3.0, 30.0, Unit::Mm);
/// A criterion's tolerance on a loss, dB.
pub const LOSS_TOLERANCE_DB: Limit = Limit::new(0.01, 5.0, Unit::Db);

// --- Attempts ---

/// The longest an attempt's clock runs, ms (10 000 hours of work): a later time is
/// refused, so that every stored time fits the store and reads back as written.
pub const MAX_ATTEMPT_MS: u64 = 10_000 * 3_600_000;

/// An attempt under way with nothing done for this long is shown idle on the trainer's
/// live tab, ms (5 minutes: a trainee at work acts every minute or two).
pub const IDLE_AFTER_MS: u64 = 5 * 60_000;

/// How far a seat's clock may stand from the receiving store's when a bundled assessment
/// attempt is held to its assignment, ms (2 minutes): an attempt that ends a little after
/// the receiving PC's "now", starts a little before the assessment was created there, or
/// lasts a little past its limit by the wall clock is two clocks' drift, not a forgery.
/// (The log's own times, `at_ms`, are held to the limit exactly: the seat kept them.)
pub const BUNDLE_CLOCK_SKEW_MS: u64 = 2 * 60_000;

/// The fewest characters of a login's password on the school's server (a trainer's login
/// reads the school's key; a room's is shared by its seats). The room's is held to the
/// same number by `src/records/pg/seat_room.sql`.
pub const MIN_SERVER_PASSWORD_CHARS: usize = 12;

/// A seat's attempt whose log claims at least this long, ms (1 minute), is held to the
/// server's clock: when its actions reached the server in less than half the time the
/// log says they took ([`SEAT_PACE_RATIO`]), they were sent faster than made (a script,
/// a rehearsal played again) and the trainer is told.
pub const SEAT_PACE_MIN_MS: i64 = 60_000;
/// How many times shorter than its log's own span a seat's attempt may reach the server.
pub const SEAT_PACE_RATIO: i64 = 2;

/// While a seat has lost the school's server, how long it waits between two tries to
/// reach it again, ms (10 s): each try may wait [`SERVER_CONNECT_TIMEOUT_MS`], and the
/// trainee's gestures between two tries are kept on the seat without waiting.
pub const SEAT_RETRY_MS: u64 = 10_000;
/// How long a connection to the school's server may take to open, ms (5 s), unless its
/// URL says otherwise (`connect_timeout`): past it, a seat counts the server as lost.
pub const SERVER_CONNECT_TIMEOUT_MS: u64 = 5_000;
/// How long a request may stay unanswered on an open connection before it is counted
/// lost, ms (15 s; TCP's own wait is several minutes): a cable pulled out mid-attempt.
pub const SERVER_TCP_TIMEOUT_MS: u64 = 15_000;

/// Attempts whose records, logs and files a check of the whole store's seals reads at
/// once (`verify`, `results`): three queries a run instead of three an attempt (each a
/// round trip to a school's server), and no more than a run's logs in memory.
pub const SEAL_CHECK_RUN: usize = 500;

/// An assessment's time limit per attempt, minutes (a working day at most).
pub const MAX_TIME_LIMIT_MIN: u32 = 600;
/// Scenarios one assessment may give.
pub const MAX_ASSESSMENT_ITEMS: usize = 50;
/// Attempts an assessment may allow at each scenario.
pub const MAX_ASSESSMENT_ATTEMPTS: u32 = 20;

// --- Printed documents ---
/// A relevé prints its whole log on its first page up to this many gestures; a longer
/// log is summed up there (its key moments) and printed in full in an annex.
pub const REPORT_LOG_INLINE_MAX: usize = 14;
/// The key moments a long log shows on a relevé's first page (fewer when its criteria
/// leave less room).
pub const REPORT_LOG_KEY_MOMENTS: usize = 8;
/// A relevé's first page, measured on relevés printed by Chromium (A4, 9 pt): the
/// height (mm) its criteria, trace and log have beside its header, headings, decision and
/// signatures; each criterion row's padding and each line of its text; an OTDR trace; a
/// row of the log (8 pt); and the summary of a log sent to the annex, in log rows.
pub const REPORT_ROOM_MM: f64 = 172.0;
pub const REPORT_ROW_MM: f64 = 1.6;
pub const REPORT_LINE_MM: f64 = 4.4;
pub const REPORT_TRACE_MM: f64 = 39.0;
pub const REPORT_LOG_ROW_MM: f64 = 4.2;
pub const REPORT_SUMMARY_ROWS: usize = 3;
/// Characters on a line of a relevé's criterion column (31 % of the width, 9 pt).
pub const REPORT_TITLE_CHARS: usize = 28;
/// Characters on a line of a relevé's feedback column (60 % of the width, 9 pt).
pub const REPORT_FEEDBACK_CHARS: usize = 55;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_holds_its_bounds_and_refuses_what_is_not_a_number() {
        assert!(COATING_STRIP_MM.contains(1.0) && COATING_STRIP_MM.contains(60.0));
        assert!(!COATING_STRIP_MM.contains(60.5) && !COATING_STRIP_MM.contains(0.5));
        assert!(!COATING_STRIP_MM.contains(f64::NAN));
        assert!(!COATING_STRIP_MM.contains(f64::INFINITY));
    }

    #[test]
    fn a_trainers_targets_lie_within_what_a_hand_can_do() {
        for (target, gesture) in [
            (SHEATH_STRIP_TARGET_MM, SHEATH_STRIP_MM),
            (STRENGTH_KEEP_TARGET_MM, STRENGTH_KEEP_MM),
            (COATING_STRIP_TARGET_MM, COATING_STRIP_MM),
            (CLEAVE_LENGTH_TARGET_MM, CLEAVE_LENGTH_MM),
            (MIN_LOOP_TARGET_MM, TRAY_LOOP_MM),
        ] {
            assert!(gesture.contains(target.min) && gesture.contains(target.max));
            assert_eq!(target.unit, gesture.unit);
        }
    }
}
