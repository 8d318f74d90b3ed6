//! Assessment sessions: a trainer gives a cohort scenarios to do within a window, under a
//! time limit, a number of attempts, a seed policy and a feedback policy. Written as a RON
//! file (`assessments/*.ron`) and checked like a scenario, or made from the command line.
//!
//! The scenarios are pinned when the first attempt starts: their text and hash are kept
//! with the assessment, and every attempt of it plays that text.

mod store;

use serde::{Deserialize, Serialize};

use super::dates::parse_moment;
use super::people::SchoolError;
use super::seal::sha256;
use crate::i18n::Msg;
use crate::limits::{MAX_ASSESSMENT_ATTEMPTS, MAX_ASSESSMENT_ITEMS, MAX_TIME_LIMIT_MIN};
use crate::scenario::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Practice,
    Formative,
    Ecf,
    Final,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Practice => "practice",
            Kind::Formative => "formative",
            Kind::Ecf => "ecf",
            Kind::Final => "final",
        }
    }
    fn parse(s: &str) -> Option<Kind> {
        [Kind::Practice, Kind::Formative, Kind::Ecf, Kind::Final]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// How each attempt's seed is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeedPolicy {
    /// The base seed for everyone: one variant the cohort can be compared on.
    Fixed,
    /// One per trainee, from the assessment, the item and the trainee's pseudonym: the
    /// neighbour has another variant, and the assessment re-created from its file gives
    /// the same seeds.
    #[default]
    PerTrainee,
    /// One per attempt: a retry is a new variant.
    PerAttempt,
}

impl SeedPolicy {
    pub fn code(self) -> &'static str {
        match self {
            SeedPolicy::Fixed => "fixed",
            SeedPolicy::PerTrainee => "per_trainee",
            SeedPolicy::PerAttempt => "per_attempt",
        }
    }
    pub fn parse(s: &str) -> Option<SeedPolicy> {
        let s = s.replace('-', "_");
        [
            SeedPolicy::Fixed,
            SeedPolicy::PerTrainee,
            SeedPolicy::PerAttempt,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// When the trainee sees the grade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feedback {
    Immediate,
    #[default]
    AfterClose,
    None,
}

impl Feedback {
    pub fn code(self) -> &'static str {
        match self {
            Feedback::Immediate => "immediate",
            Feedback::AfterClose => "after_close",
            Feedback::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Feedback> {
        let s = s.replace('-', "_");
        [Feedback::Immediate, Feedback::AfterClose, Feedback::None]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

fn one() -> u32 {
    1
}

fn practice() -> Kind {
    Kind::Formative
}

/// An assessment as a trainer writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Assessment")]
pub struct AssessmentSpec {
    /// A short name of the assessment's own, `ecf-mesure-2026-12`: it makes its identity
    /// and its seeds, so the file created again gives the same ones.
    pub id: String,
    pub title: String,
    /// The cohort's name; `assess create --cohort` may give it instead.
    #[serde(default)]
    pub cohort: Option<String>,
    #[serde(default = "practice")]
    pub kind: Kind,
    /// Scenario ids, in the order they are done.
    pub scenarios: Vec<String>,
    /// When it opens and closes, `2026-12-07T08:30+01:00`.
    #[serde(default)]
    pub opens: Option<String>,
    #[serde(default)]
    pub closes: Option<String>,
    /// Minutes per attempt (extra time is given per trainee).
    #[serde(default)]
    pub time_limit_min: Option<u32>,
    #[serde(default = "one")]
    pub attempts: u32,
    #[serde(default)]
    pub seed: SeedPolicy,
    /// The seed the others are drawn from; by default one made from the id.
    #[serde(default)]
    pub base_seed: Option<u64>,
    #[serde(default)]
    pub feedback: Feedback,
}

fn id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl AssessmentSpec {
    /// Problems with the file's values, as (field path, message).
    pub fn problems(&self, known_scenarios: &dyn Fn(&str) -> bool) -> Vec<(String, Msg)> {
        let mut out = Vec::new();
        if !id_ok(&self.id) {
            out.push((
                "id".into(),
                Msg::new("assess-bad-id").text("found", self.id.clone()),
            ));
        }
        if self.title.trim().is_empty() {
            out.push(("title".into(), Msg::new("assess-no-title")));
        }
        if self.scenarios.is_empty() || self.scenarios.len() > MAX_ASSESSMENT_ITEMS {
            out.push((
                "scenarios".into(),
                Msg::new("assess-item-count").int("max", MAX_ASSESSMENT_ITEMS as i64),
            ));
        }
        for (i, s) in self.scenarios.iter().enumerate() {
            if !known_scenarios(s) {
                out.push((
                    format!("scenarios[{i}]"),
                    Msg::new("assess-unknown-scenario").text("id", s.clone()),
                ));
            }
            if self.scenarios[..i].contains(s) {
                out.push((
                    format!("scenarios[{i}]"),
                    Msg::new("assess-scenario-twice").text("id", s.clone()),
                ));
            }
        }
        let mut moment = |field: &str, v: &Option<String>| -> Option<i64> {
            let s = v.as_ref()?;
            match parse_moment(s) {
                Ok(t) => Some(t),
                Err(m) => {
                    out.push((field.to_string(), m));
                    None
                }
            }
        };
        let (opens, closes) = (moment("opens", &self.opens), moment("closes", &self.closes));
        if let (Some(a), Some(b)) = (opens, closes)
            && a >= b
        {
            out.push(("closes".into(), Msg::new("assess-closes-before")));
        }
        if let Some(m) = self.time_limit_min
            && !(1..=MAX_TIME_LIMIT_MIN).contains(&m)
        {
            out.push((
                "time_limit_min".into(),
                Msg::new("assess-bad-limit").int("max", MAX_TIME_LIMIT_MIN as i64),
            ));
        }
        if !(1..=MAX_ASSESSMENT_ATTEMPTS).contains(&self.attempts) {
            out.push((
                "attempts".into(),
                Msg::new("assess-bad-attempts").int("max", MAX_ASSESSMENT_ATTEMPTS as i64),
            ));
        }
        out
    }

    /// The seed everything is drawn from.
    pub fn base_seed(&self) -> u64 {
        self.base_seed.unwrap_or_else(|| {
            seed_of(&sha256(
                format!("fibrelab assessment base seed {}", self.id).as_bytes(),
            ))
        })
    }
}

/// Reads and checks an assessment file: every problem as FILE:LINE:COL.
pub fn parse_spec(
    bytes: &[u8],
    file: &str,
    known_scenarios: &dyn Fn(&str) -> bool,
) -> std::result::Result<AssessmentSpec, Vec<Diagnostic>> {
    let src = crate::scenario::load::text_of(bytes, file).map_err(|d| vec![d])?;
    let spec: AssessmentSpec = crate::scenario::load::parse_ron(src, file).map_err(|d| vec![d])?;
    let problems = spec.problems(known_scenarios);
    if problems.is_empty() {
        return Ok(spec);
    }
    Err(crate::scenario::load::placed(src, file, problems))
}

/// An assessment as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub uuid: String,
    pub key: String,
    pub cohort: String,
    pub cohort_id: i64,
    pub title: String,
    pub kind: Kind,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub time_limit_s: Option<i64>,
    pub attempts_allowed: u32,
    pub seed: SeedPolicy,
    pub base_seed: u64,
    pub feedback: Feedback,
    pub locked: bool,
    pub closed: bool,
    pub scenarios: Vec<String>,
}

impl Assessment {
    /// Whether the window lets an attempt start at `now`.
    pub fn open_at(&self, now: i64) -> bool {
        !self.closed
            && self.opens_at.is_none_or(|t| now >= t)
            && self.closes_at.is_none_or(|t| now < t)
    }

    /// Whether the trainee may see a grade of it at `now`.
    pub fn feedback_shown(&self, now: i64) -> bool {
        match self.feedback {
            Feedback::Immediate => true,
            Feedback::AfterClose => self.closed || self.closes_at.is_some_and(|t| now >= t),
            Feedback::None => false,
        }
    }
}

/// One trainee's item of an assessment, with what they did of it.
#[derive(Clone, Debug, Serialize)]
pub struct Assignment {
    pub id: i64,
    pub uuid: String,
    pub assessment_id: i64,
    pub position: u32,
    pub scenario_id: String,
    pub trainee_id: i64,
    pub trainee_uuid: String,
    pub extra_time_s: i64,
    /// The seed of the trainee's next attempt (for the trainer only).
    pub seed: u64,
    pub attempts_used: u32,
}

/// The seed of a trainee's attempt at an item, by the assessment's policy: SHA-256 of the
/// base seed, the assessment's key, the item and the trainee's pseudonym (and the attempt
/// number when each attempt has its own), its first 8 bytes.
///
/// A retry is always a new draw, whatever the policy: a first attempt at the very draw
/// of the second would be its rehearsal (its measurements, the second's answer key). The
/// policies differ in who shares a draw: everyone at the same attempt number (`Fixed`),
/// nobody (`PerTrainee`, `PerAttempt`, which differ in the first attempt's formula only).
pub fn seed_for(a: &Assessment, position: u32, trainee_uuid: &str, attempt_no: u32) -> u64 {
    let retry = attempt_no > 1;
    let text = match a.seed {
        SeedPolicy::Fixed if !retry => return a.base_seed,
        SeedPolicy::Fixed => format!(
            "{}|{}|{}|retry|{}",
            a.base_seed, a.key, position, attempt_no
        ),
        SeedPolicy::PerTrainee if !retry => {
            format!("{}|{}|{}|{}", a.base_seed, a.key, position, trainee_uuid)
        }
        SeedPolicy::PerTrainee | SeedPolicy::PerAttempt => format!(
            "{}|{}|{}|{}|{}",
            a.base_seed, a.key, position, trainee_uuid, attempt_no
        ),
    };
    seed_of(&sha256(text.as_bytes()))
}

/// An assessment file's text with its base seed's digits taken out (the seed itself is
/// kept under the school's key).
fn without_base_seed(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("base_seed") {
            Some(i) => {
                let (head, tail) = line.split_at(i);
                let tail: String = tail
                    .chars()
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect();
                format!("{head}{tail}")
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A seed from a digest: its first 8 bytes, little-endian.
fn seed_of(h: &[u8; 32]) -> u64 {
    u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]])
}

/// Why an assessment attempt cannot start.
fn refuse(key: &str) -> SchoolError {
    SchoolError::Invalid(Msg::new(key))
}

/// What a trainee may see of an attempt's grade now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FeedbackView {
    /// Everything: the grade, each criterion, the true values beside theirs.
    #[default]
    Full,
    /// The score and the verdict only: a classmate may still sit the same draw (a
    /// `Fixed` assessment still open), and the detail would be their answer key.
    ScoreOnly,
    /// Nothing yet (the assessment gives its results after it closes, or never).
    Hidden,
}

impl Assessment {
    /// What a trainee may see of a grade of this assessment at `now`: nothing before the
    /// policy allows; the score only while a classmate may still sit the very same draw
    /// (`Fixed`: the detail would be their answer key); everything otherwise (a retry is
    /// always a new draw, [`seed_for`]).
    pub fn feedback_view(&self, now: i64) -> FeedbackView {
        if !self.feedback_shown(now) {
            FeedbackView::Hidden
        } else if self.seed == SeedPolicy::Fixed && self.open_at(now) {
            FeedbackView::ScoreOnly
        } else {
            FeedbackView::Full
        }
    }
}

/// Where one assignment stands, for the trainer's live view.
#[derive(Clone, Debug, Serialize)]
pub struct AssignmentState {
    pub assignment: Assignment,
    pub trainee_name: Option<String>,
    /// The last attempt made for it.
    pub last: Option<LastAttempt>,
}

/// An assignment's last attempt, as the trainer's live tab shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LastAttempt {
    pub id: i64,
    pub status: super::Status,
    /// When it started, by the store's clock (ms since 1970).
    pub started_at: i64,
    pub actions: i64,
    pub score: Option<f64>,
    /// Its deadline (extra time included), when the assessment has a time limit.
    pub deadline_at: Option<i64>,
    /// When the trainee last did something (the last action recorded, or the start).
    pub active_at: i64,
    /// On the school's server: the actions its seat handed over after losing the server.
    pub offline_actions: i64,
    /// On the school's server: its actions reached the server much faster than its log
    /// says they were made ([`Db::too_fast`]).
    pub too_fast: bool,
}

impl LastAttempt {
    /// Whether an attempt under way has seen nothing done for `IDLE_AFTER_MS` at `now`.
    pub fn idle(&self, now: i64) -> bool {
        self.status == super::Status::Open
            && now - self.active_at >= crate::limits::IDLE_AFTER_MS as i64
    }
}

/// The seed of an assessment attempt is never shown to the trainee: an assessment
/// scenario's attempts show this instead.
pub const HIDDEN: &str = "—";
