//! Who may do what at a seat: the trainers' PINs, the trainees' PINs where the school
//! wants them, and how a store that has no trainer (a seat) refuses the school's
//! commands.
//!
//! A wrong PIN is written in the audit log, and after [`FREE_TRIES`] wrong ones in a row
//! each try must wait, doubling from [`FIRST_WAIT_S`] up to [`MAX_WAIT_S`], whoever tries
//! (a seat's trainee at the command line, a classmate at the app). With the PIN's hash as
//! dear as it is (`seal::hash_pin`), a 4-digit PIN takes days to find by trying, a
//! 6-digit one years; and the hash alone, from a copy of the store, hours for 6 digits.

use super::sql::{OptionalExtension, params};
use serde::Serialize;

use super::people::{Cohort, SchoolError, Trainee, valid_pin};
use super::{Db, Result, chain};
use crate::i18n::Msg;

/// Wrong PINs in a row tried without waiting.
pub const FREE_TRIES: u32 = 3;
/// The wait after the first wrong PIN past the free ones, in seconds (then doubled).
pub const FIRST_WAIT_S: i64 = 5;
/// The longest wait between two tries, in seconds.
pub const MAX_WAIT_S: i64 = 60;
/// The fewest digits a trainer's PIN may have.
pub const MIN_TRAINER_PIN_DIGITS: usize = 6;
/// Digits of the PINs FibreLab makes for trainees.
pub const MADE_PIN_DIGITS: usize = 6;

/// The wait before the next try after `failures` wrong PINs in a row, in ms.
pub fn wait_ms(failures: u32) -> i64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (FIRST_WAIT_S * (1i64 << doublings)).min(MAX_WAIT_S) * 1000
}

/// What is said of a wrong PIN, the `n`th in a row.
pub fn wrong_pin_msg(n: u32) -> Msg {
    match wait_ms(n) / 1000 {
        0 => Msg::new("pin-wrong-tries").int("n", n as i64),
        wait => Msg::new("pin-wrong-wait")
            .int("n", n as i64)
            .int("wait", wait),
    }
}

/// What a PIN typed for someone is to their record.
enum Opens {
    /// It opens their record: (pseudonym, name).
    Yes((String, String)),
    /// It opens a record FibreLab did not seal as it stands (its PIN hash put there by
    /// SQL): trusted by nobody.
    Unvouched,
    No,
}

/// What a typed PIN gave.
#[derive(Clone, Debug, PartialEq)]
pub enum PinCheck {
    /// The PIN opens; for a trainer, their pseudonym and name.
    Open(Option<(String, String)>),
    /// Wrong (written in the audit log); wrong PINs in a row so far.
    Wrong(u32),
    /// Too many wrong PINs: the next try in this many seconds (this one was not tried).
    Wait(i64),
    /// Nobody can open here this way (no trainer on this store; a trainee without the
    /// PIN the school requires).
    Closed(Msg),
}

/// What a store is to the school: a plain one (nobody's list, no trainer: a home or a
/// developer's), a seat (the school's list or assessments, no trainer), or one with
/// trainers (their PIN opens the school's commands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SchoolState {
    Plain,
    Seat,
    Trainers,
}

/// The setting that says trainees open their session with a PIN.
const TRAINEE_PINS: &str = "school.trainee_pins";

impl Db {
    /// What this store is to the school.
    pub fn school_state(&self) -> Result<SchoolState> {
        // A store of release 0.1.0 read as it is: nobody's school.
        if !super::settings::has_column(&self.conn, "attempts", "uuid")? {
            return Ok(SchoolState::Plain);
        }
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        if count("SELECT COUNT(*) FROM trainers")? > 0 {
            return Ok(SchoolState::Trainers);
        }
        let school = count(
            "SELECT (SELECT COUNT(*) FROM trainees) + (SELECT COUNT(*) FROM cohorts)
                  + (SELECT COUNT(*) FROM assessments)
                  + (SELECT COUNT(*) FROM seals WHERE kind = 'trainer')",
        )?;
        Ok(if school > 0 {
            SchoolState::Seat
        } else {
            SchoolState::Plain
        })
    }

    /// Whether the school's list of trainees is here (then every attempt is someone's on
    /// it, or nobody's).
    pub fn has_roster(&self) -> Result<bool> {
        if !super::settings::has_column(&self.conn, "attempts", "uuid")? {
            return Ok(false);
        }
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM trainees", [], |r| r.get::<_, i64>(0))?
            > 0)
    }

    /// Checks a PIN typed for `who` (`trainer`, or `trainee:<uuid>`) with `opens`, slowed
    /// down after wrong ones (counted beside the key, see `Db::take_pin_try`); each wrong
    /// one is written in the audit log. Where the count cannot be kept beside the key, a
    /// wrong PIN costs its wait in place.
    fn check_pin(&self, who: &str, opens: impl FnOnce() -> Result<Opens>) -> Result<PinCheck> {
        let now = self.now();
        let counted = self.take_pin_try(who, now);
        let before = match counted {
            Some(Err(wait_s)) => return Ok(PinCheck::Wait(wait_s)),
            Some(Ok(before)) => before,
            None => 0,
        };
        match opens()? {
            Opens::Yes(found) => {
                if counted.is_some() {
                    self.pin_try_opened(who);
                }
                Ok(PinCheck::Open(Some(found)))
            }
            Opens::Unvouched => {
                self.note_wrong_pin(who, "pin_record_changed", before + 1);
                Ok(PinCheck::Closed(Msg::new("pin-record-changed")))
            }
            Opens::No => {
                let failures = before + 1;
                self.note_wrong_pin(who, "pin_wrong", failures);
                if counted.is_none() {
                    std::thread::sleep(std::time::Duration::from_millis(
                        wait_ms(failures).max(1000) as u64,
                    ));
                }
                Ok(PinCheck::Wrong(failures))
            }
        }
    }

    /// Writes a wrong PIN in the audit log, through a connection that may write when this
    /// one reads only (a listing, `verify`); nothing where none may.
    fn note_wrong_pin(&self, who: &str, what: &str, failures: u32) {
        let note = |db: &Db| db.audit_as("nobody", what, who, &failures.to_string());
        if self.read_only {
            if let Ok(db) = Db::open_for_school(&self.reopen_path()) {
                let _ = note(&db);
            }
        } else {
            let _ = note(self);
        }
    }

    /// A trainer's PIN: which trainer it opens. On a store without trainers, nobody.
    pub fn trainer_login(&self, pin: &str) -> Result<PinCheck> {
        if self.school_state()? != SchoolState::Trainers {
            return Ok(PinCheck::Closed(Msg::new("trainer-none")));
        }
        let trainers: Vec<(String, String, Option<String>)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT uuid, display_name, pin_hash FROM trainers ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        self.check_pin("trainer", || {
            for (uuid, name, hash) in &trainers {
                if let Some(h) = hash
                    && super::seal::pin_matches(h, pin)
                {
                    // The PIN hash as FibreLab gave it, not one put there by SQL.
                    if !self.pin_vouched(&format!("trainer:{uuid}"), Some(h), || {
                        self.vouched(&chain::TRAINER, uuid, [uuid])
                    })? {
                        return Ok(Opens::Unvouched);
                    }
                    if super::seal::pin_outdated(h) && !self.read_only {
                        self.store_trainer_pin(uuid, pin)?;
                    }
                    return Ok(Opens::Yes((uuid.clone(), name.clone())));
                }
            }
            Ok(Opens::No)
        })
    }

    fn store_trainer_pin(&self, uuid: &str, pin: &str) -> Result<()> {
        let hash = super::seal::hash_pin(pin);
        self.write(|| {
            self.conn.execute(
                "UPDATE trainers SET pin_hash = ?2 WHERE uuid = ?1",
                params![uuid, hash],
            )?;
            self.note_pin(&format!("trainer:{uuid}"), Some(&hash));
            self.seal_record(&chain::TRAINER, uuid, [uuid])
        })
    }

    /// Whether the school wants every trainee to open their session with a PIN.
    pub fn trainee_pins_required(&self) -> Result<bool> {
        Ok(super::settings::get_setting(&self.conn, TRAINEE_PINS)?.as_deref() == Some("required"))
    }

    pub fn set_trainee_pins_required(&self, required: bool) -> Result<()> {
        self.put_setting(TRAINEE_PINS, if required { "required" } else { "optional" })?;
        self.audit(
            "setting",
            TRAINEE_PINS,
            if required { "required" } else { "optional" },
        )
    }

    /// A trainee opening their session: their PIN when they have one; none needed when
    /// they have none, unless the school requires PINs.
    pub fn trainee_login(&self, t: &Trainee, pin: Option<&str>) -> Result<PinCheck> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT pin_hash FROM trainees WHERE id = ?1", [t.id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        let Some(hash) = stored else {
            // No PIN: as FibreLab left the record, not a PIN taken off it by SQL.
            if self.sealed()?
                && !self.pin_vouched(&format!("trainee:{}", t.uuid), None, || {
                    self.vouched(&chain::TRAINEE, &t.uuid, [&t.uuid])
                })?
            {
                return Ok(PinCheck::Closed(Msg::new("pin-record-changed")));
            }
            return Ok(if self.trainee_pins_required()? {
                PinCheck::Closed(Msg::new("trainee-pin-required"))
            } else {
                PinCheck::Open(None)
            });
        };
        let pin = pin.unwrap_or("");
        self.check_pin(&format!("trainee:{}", t.uuid), || {
            if !super::seal::pin_matches(&hash, pin) {
                return Ok(Opens::No);
            }
            if !self.pin_vouched(&format!("trainee:{}", t.uuid), Some(&hash), || {
                self.vouched(&chain::TRAINEE, &t.uuid, [&t.uuid])
            })? {
                return Ok(Opens::Unvouched);
            }
            if super::seal::pin_outdated(&hash) && !self.read_only {
                self.set_trainee_pin(t, Some(pin)).map_err(|e| match e {
                    SchoolError::Records(r) => r,
                    SchoolError::Invalid(m) => super::RecordsError::Key(m),
                })?;
            }
            Ok(Opens::Yes((t.uuid.clone(), String::new())))
        })
    }

    /// Gives a trainee a PIN (or takes it away), sealed and written in the audit log.
    pub fn set_trainee_pin(
        &self,
        t: &Trainee,
        pin: Option<&str>,
    ) -> std::result::Result<(), SchoolError> {
        if let Some(p) = pin
            && !valid_pin(p)
        {
            return Err(SchoolError::Invalid(Msg::new("pin-bad")));
        }
        let hash = pin.map(super::seal::hash_pin);
        self.write(|| {
            self.conn.execute(
                "UPDATE trainees SET pin_hash = ?2 WHERE id = ?1",
                params![t.id, hash],
            )?;
            self.note_pin(&format!("trainee:{}", t.uuid), hash.as_deref());
            self.seal_record(&chain::TRAINEE, &t.uuid, [&t.uuid])?;
            self.audit(
                if pin.is_some() {
                    "trainee_pin"
                } else {
                    "trainee_pin_removed"
                },
                &t.uuid,
                "",
            )
        })?;
        // On a server the seat functions check the PIN themselves (bcrypt, pgcrypto); set
        // after the write above, which holds the lock the server's own audit lines take.
        if let (true, Some(p)) = (self.conn.is_postgres(), pin) {
            self.conn
                .query_row(
                    "SELECT fibrelab.set_seat_pin(?1, ?2)::text",
                    params![t.uuid, p],
                    |r| r.get::<_, Option<String>>(0),
                )
                .map_err(super::RecordsError::from)?;
        }
        Ok(())
    }

    /// Makes a PIN for every trainee of a cohort who has none: (trainee, PIN), for the
    /// trainer to hand out. The PINs are drawn from the system's randomness.
    pub fn make_pins(
        &self,
        cohort: &Cohort,
    ) -> std::result::Result<Vec<(Trainee, String)>, SchoolError> {
        let mut out = Vec::new();
        for t in self.trainees(Some(cohort), false)? {
            if t.has_pin || t.name.is_none() {
                continue;
            }
            let pin = random_pin();
            self.set_trainee_pin(&t, Some(&pin))?;
            out.push((t, pin));
        }
        Ok(out)
    }
}

/// A PIN of [`MADE_PIN_DIGITS`] digits from the system's randomness (UUIDv4's bits).
fn random_pin() -> String {
    let mut digits = String::new();
    while digits.len() < MADE_PIN_DIGITS {
        for b in uuid::Uuid::new_v4().as_bytes() {
            // Bytes of 250 and above are dropped, so every digit is as likely.
            if *b < 250 && digits.len() < MADE_PIN_DIGITS {
                digits.push(char::from(b'0' + b % 10));
            }
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_from_the_fourth_wrong_pin_and_stop_at_a_minute() {
        let waits: Vec<i64> = (0..10).map(wait_ms).collect();
        assert_eq!(
            waits,
            vec![
                0, 0, 0, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000
            ]
        );
        assert_eq!(wait_ms(u32::MAX), 60_000);
    }

    #[test]
    fn made_pins_are_six_digits_and_vary() {
        let pins: std::collections::BTreeSet<String> = (0..50).map(|_| random_pin()).collect();
        assert!(pins.iter().all(|p| p.len() == 6 && valid_pin(p)));
        assert!(pins.len() > 45, "{pins:?}");
    }
}
