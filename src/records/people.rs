//! The school's people and what a command about them can meet: a trainee, a cohort, a
//! trainer's decision and review, an audit line, a PIN's shape, a school command's error.

use serde::Serialize;

use super::RecordsError;
use crate::i18n::Msg;

/// A line of the audit log: when, who (a trainer's pseudonym), what, to what.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub who: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// A trainee as the school knows them. `name` is `None` once erased.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trainee {
    pub id: i64,
    pub uuid: String,
    pub name: Option<String>,
    pub external_ref: Option<String>,
    pub has_pin: bool,
    pub cohorts: Vec<String>,
    pub archived: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cohort {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub site: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub members: i64,
    pub archived: bool,
}

/// A trainer's decision on an attempt, kept beside the machine's grade (never over it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Decision {
    Validated,
    NotValidated,
    Redo,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Validated => "validated",
            Decision::NotValidated => "not_validated",
            Decision::Redo => "redo",
        }
    }
    pub fn parse(s: &str) -> Option<Decision> {
        let s = s.trim().replace('-', "_");
        [Decision::Validated, Decision::NotValidated, Decision::Redo]
            .into_iter()
            .find(|d| d.code() == s)
    }
}

/// A review as stored: who (a trainer's pseudonym), what, when.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    pub attempt: i64,
    pub trainer: String,
    pub decision: Decision,
    pub comment: Option<String>,
    pub at_ms: i64,
}

/// A PIN: 4 to 12 digits.
pub fn valid_pin(pin: &str) -> bool {
    let p = pin.trim();
    (4..=12).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
}

/// What a school command can meet: a store error, or something the trainer asked that
/// cannot be done (said in their words).
#[derive(Debug)]
pub enum SchoolError {
    Records(RecordsError),
    Invalid(Msg),
}

impl From<RecordsError> for SchoolError {
    fn from(e: RecordsError) -> Self {
        SchoolError::Records(e)
    }
}

impl From<super::sql::Error> for SchoolError {
    fn from(e: super::sql::Error) -> Self {
        SchoolError::Records(RecordsError::Sql(e))
    }
}

impl SchoolError {
    pub fn msg(&self) -> Msg {
        match self {
            SchoolError::Records(e) => e.msg(),
            SchoolError::Invalid(m) => m.clone(),
        }
    }
}
