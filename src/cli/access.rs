//! Who may run what on this store. The school's commands are a trainer's: refused on a
//! store that has no trainer (a seat, where only trainees sit), opened by a trainer's PIN
//! elsewhere. Listing everyone's attempts, `verify` and `close` are a trainer's too once
//! the store is a school's; on a plain store (nobody's list, no trainer) they stay open.
//!
//! A PIN comes from the environment (`FIBRELAB_TRAINER_PIN`, `FIBRELAB_NEW_PIN`) or is
//! typed at the terminal without being shown, never from the command line, where every
//! account of the machine reads it (`ps`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::eprint_msg;
use crate::i18n::{Lang, Msg, tr};
use crate::records::Db;
use crate::records::pins::{PinCheck, SchoolState};
use crate::records::school::valid_pin;

/// The variable a trainer's PIN is read from.
pub const TRAINER_PIN_VAR: &str = "FIBRELAB_TRAINER_PIN";
/// The variable a new PIN (a trainer's, a trainee's) is read from.
pub const NEW_PIN_VAR: &str = "FIBRELAB_NEW_PIN";
/// The variable a trainee's PIN is read from (an attempt played for them).
pub const TRAINEE_PIN_VAR: &str = "FIBRELAB_TRAINEE_PIN";

/// A PIN from `var`, else typed at the terminal (when there is one) after `prompt`.
pub fn typed(lang: Lang, var: &str, prompt: &str) -> Option<String> {
    if let Ok(p) = std::env::var(var) {
        return Some(p);
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(format!("{} ", tr(lang, prompt))).ok()
}

/// A trainee on the school's list opening their session for an attempt played for them:
/// their PIN from `FIBRELAB_TRAINEE_PIN` or the terminal when they have one (or the
/// school requires one). `Err(code)`: refused, the reason said.
pub fn trainee_login(
    lang: Lang,
    db: &Db,
    t: &crate::records::school::Trainee,
) -> Result<(), ExitCode> {
    let pin = if t.has_pin {
        typed(lang, TRAINEE_PIN_VAR, "pin-prompt-trainee")
    } else {
        None
    };
    let said = |m: Msg| {
        eprint_msg(lang, m);
        ExitCode::FAILURE
    };
    match db.trainee_login(t, pin.as_deref()) {
        Ok(PinCheck::Open(_)) => Ok(()),
        Ok(PinCheck::Wrong(n)) => Err(said(crate::records::pins::wrong_pin_msg(n))),
        Ok(PinCheck::Wait(s)) => Err(said(Msg::new("pin-wait").int("s", s))),
        Ok(PinCheck::Closed(m)) => Err(said(m)),
        Err(e) => Err(said(e.msg())),
    }
}

/// A new PIN: from `FIBRELAB_NEW_PIN`, else typed twice at the terminal.
pub fn new_pin(lang: Lang) -> Result<String, ExitCode> {
    let refuse = |key: &str| {
        eprint_msg(lang, Msg::new(key));
        ExitCode::FAILURE
    };
    let pin = match std::env::var(NEW_PIN_VAR) {
        Ok(p) => p,
        Err(_) => {
            let Some(first) = typed(lang, NEW_PIN_VAR, "pin-prompt-new") else {
                return Err(refuse("pin-new-needed"));
            };
            let again = typed(lang, NEW_PIN_VAR, "pin-prompt-again").unwrap_or_default();
            if again.trim() != first.trim() {
                return Err(refuse("pin-mismatch"));
            }
            first
        }
    };
    if !valid_pin(&pin) {
        return Err(refuse("pin-bad"));
    }
    Ok(pin.trim().to_string())
}

/// Opens the store's school side to the trainer whose PIN is typed: their pseudonym is
/// then what the audit log names. `plain_ok`: a store that is nobody's school needs none.
pub fn login(lang: Lang, db: &mut Db, plain_ok: bool) -> Result<(), ExitCode> {
    let state = db.school_state().map_err(|e| {
        eprint_msg(lang, e.msg());
        ExitCode::from(2)
    })?;
    match state {
        SchoolState::Trainers => {}
        SchoolState::Plain if plain_ok => return Ok(()),
        SchoolState::Plain | SchoolState::Seat => {
            eprint_msg(
                lang,
                Msg::new("trainer-none-here").text("db", db.path.display().to_string()),
            );
            return Err(ExitCode::from(2));
        }
    }
    let Some(pin) = typed(lang, TRAINER_PIN_VAR, "pin-prompt-trainer") else {
        eprint_msg(lang, Msg::new("trainer-pin-needed"));
        return Err(ExitCode::from(2));
    };
    let said = |m: Msg| {
        eprint_msg(lang, m);
        ExitCode::from(2)
    };
    match db.trainer_login(&pin) {
        Ok(PinCheck::Open(Some((uuid, _)))) => {
            db.set_actor(&format!("trainer:{uuid}"));
            Ok(())
        }
        Ok(PinCheck::Open(None)) => Err(said(Msg::new("app-pin-wrong"))),
        Ok(PinCheck::Wrong(n)) => Err(said(crate::records::pins::wrong_pin_msg(n))),
        Ok(PinCheck::Wait(s)) => Err(said(Msg::new("pin-wait").int("s", s))),
        Ok(PinCheck::Closed(m)) => Err(said(m)),
        Err(e) => Err(said(e.msg())),
    }
}

fn path_of(db: Option<PathBuf>) -> PathBuf {
    db.unwrap_or_else(crate::records::default_db_path)
}

/// A trainer's session of the store: opened for writing, sealed with the school's key,
/// the trainer's PIN checked.
pub fn trainer_db(lang: Lang, db: Option<PathBuf>) -> Result<Db, ExitCode> {
    let mut db = Db::open_for_school(&path_of(db)).map_err(|m| {
        eprint_msg(lang, m);
        ExitCode::from(2)
    })?;
    login(lang, &mut db, false)?;
    Ok(db)
}

/// The store opened for writing by anyone on a plain store, by a trainer on a school's.
pub fn writer_db(lang: Lang, db: Option<PathBuf>) -> Result<Db, ExitCode> {
    let mut db = Db::open_for_school(&path_of(db)).map_err(|m| {
        eprint_msg(lang, m);
        ExitCode::from(2)
    })?;
    login(lang, &mut db, true)?;
    Ok(db)
}

/// The store opened to read only, with the school's key, by anyone on a plain store and
/// by a trainer on a school's (wrong PINs still slowed down and kept in the audit log). `Err(code)`: the reason was said; a
/// store not made yet is no error (nothing was recorded).
pub fn reader_db(lang: Lang, db: Option<PathBuf>) -> Result<Db, ExitCode> {
    read_only(lang, db, true)
}

/// The store opened to read only by a trainer (the school's listings: results,
/// statistics), a copy on a read-only medium included.
pub fn trainer_reader_db(lang: Lang, db: Option<PathBuf>) -> Result<Db, ExitCode> {
    read_only(lang, db, false)
}

fn read_only(lang: Lang, db: Option<PathBuf>, plain_ok: bool) -> Result<Db, ExitCode> {
    let path = path_of(db);
    let mut reader = Db::open_read_only_for_school(&path).map_err(|e| {
        eprint_msg(lang, e.msg());
        if let crate::records::RecordsError::Missing(_) = e {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        }
    })?;
    let state = reader.school_state().map_err(|e| {
        eprint_msg(lang, e.msg());
        ExitCode::from(2)
    })?;
    if state == SchoolState::Plain && plain_ok {
        return Ok(reader);
    }
    // Checked on the reading connection: nothing is written for a right PIN (a wrong one
    // is written down through another, see `records::pins`).
    login(lang, &mut reader, plain_ok)?;
    Ok(reader)
}
