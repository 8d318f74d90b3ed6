//! `fibrelab school server`: the school's store on a PostgreSQL server, set up by the
//! school's IT from the trainer's PC (whose school key the server then keeps).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Subcommand;

use super::eprint_msg;
use crate::i18n::{Lang, Msg};
use crate::records::server;

/// The variable a new trainer login's password is read from.
pub const TRAINER_PASSWORD_VAR: &str = "FIBRELAB_TRAINER_PASSWORD";
/// The variable a room login's password is read from.
pub const ROOM_PASSWORD_VAR: &str = "FIBRELAB_ROOM_PASSWORD";

#[derive(Subcommand, Debug)]
pub enum ServerCmd {
    /// Set up the school's database on a PostgreSQL server (roles, tables, seat
    /// functions, the school's key), or bring it up to date; add a trainer's login or a
    /// room's login for its seats.
    Setup {
        /// The server as its administrator: postgres://postgres@host:5432/fibrelab
        admin_url: String,
        /// A trainer's login to make (its password from FIBRELAB_TRAINER_PASSWORD or typed).
        #[arg(long)]
        trainer: Option<String>,
        /// A room's login for its seats, seat_<name> (its password from
        /// FIBRELAB_ROOM_PASSWORD or typed; 12 characters at least).
        #[arg(long)]
        room: Option<String>,
    },
}

/// A password from `var`, else typed twice at the terminal.
fn password(lang: Lang, var: &str, who: &str) -> Result<String, ExitCode> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    let refuse = |m: Msg| {
        eprint_msg(lang, m);
        ExitCode::FAILURE
    };
    if !std::io::stdin().is_terminal() {
        return Err(refuse(
            Msg::new("server-password-needed")
                .text("role", who)
                .text("var", var),
        ));
    }
    let ask = |key: &str| {
        rpassword::prompt_password(format!("{} ", Msg::new(key).text("role", who).render(lang)))
            .unwrap_or_default()
    };
    let first = ask("server-password-prompt");
    if ask("server-password-again") != first {
        return Err(refuse(Msg::new("pin-mismatch")));
    }
    Ok(first)
}

pub fn server_cmd(lang: Lang, cmd: ServerCmd) -> ExitCode {
    let ServerCmd::Setup {
        admin_url,
        trainer,
        room,
    } = cmd;
    if !server::is_server_url(&admin_url) {
        eprint_msg(lang, Msg::new("server-not-url").text("found", admin_url));
        return ExitCode::FAILURE;
    }
    let key =
        match crate::records::seal::read_or_create_key(&crate::records::seal::default_key_path()) {
            Ok(k) => k,
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::FAILURE;
            }
        };
    let trainer = match trainer {
        Some(name) => match password(lang, TRAINER_PASSWORD_VAR, &name) {
            Ok(p) => Some((name, p)),
            Err(c) => return c,
        },
        None => None,
    };
    let room = match room {
        Some(name) => match password(lang, ROOM_PASSWORD_VAR, &name) {
            Ok(p) => Some((name, p)),
            Err(c) => return c,
        },
        None => None,
    };
    let steps = server::setup(
        &admin_url,
        &key,
        trainer.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
        room.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
    );
    match steps {
        Ok(steps) => {
            for s in steps {
                println!("{}", s.render(lang));
            }
            println!(
                "{}",
                Msg::new("server-setup-done")
                    .text("url", server::shown(&admin_url))
                    .text("fingerprint", key.fingerprint())
                    .render(lang)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            ExitCode::FAILURE
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum SeatCmd {
    /// Play an assessment's item from a script at a seat of a room on the school's
    /// server: started there (its PIN, its window, its attempts, its seed), each action
    /// sent as it is taken, handed in at the end. Run again after a stop, it resumes.
    Play {
        /// The scenario id of the item.
        scenario: String,
        /// The trainee's pseudonym; their PIN from FIBRELAB_TRAINEE_PIN or typed.
        #[arg(long)]
        trainee: String,
        /// The script of actions (RON).
        #[arg(long)]
        actions: std::path::PathBuf,
        /// How many times faster than the script's own times the actions are taken (1:
        /// at the trainee's pace; 0: without waiting).
        #[arg(long, default_value_t = 0.0)]
        speed: f64,
    },
}

/// How long a seat waits between two tries to reach a lost server, ms.
const RETRY_MS: u64 = 2_000;

pub fn seat_cmd(lang: Lang, db: Option<std::path::PathBuf>, cmd: SeatCmd) -> ExitCode {
    let SeatCmd::Play {
        scenario,
        trainee,
        actions,
        speed,
    } = cmd;
    let path = db.unwrap_or_else(crate::records::default_db_path);
    if !server::is_server_path(&path) {
        eprint_msg(lang, Msg::new("seat-needs-server"));
        return ExitCode::FAILURE;
    }
    let db = match crate::records::Db::open_for_school(&path) {
        Ok(db) => db,
        Err(m) => {
            eprint_msg(lang, m);
            return ExitCode::from(2);
        }
    };
    let Some(list) = super::read_actions(lang, &actions) else {
        return ExitCode::FAILURE;
    };
    let Some(pin) =
        super::access::typed(lang, super::access::TRAINEE_PIN_VAR, "pin-prompt-trainee")
    else {
        eprint_msg(lang, Msg::new("seat-pin-needed"));
        return ExitCode::FAILURE;
    };
    let fail = |e: crate::records::RecordsError| {
        eprint_msg(lang, e.msg());
        ExitCode::from(2)
    };
    let mine = match db.seat_assignments(&trainee, &pin) {
        Ok(all) => all.into_iter().find(|g| {
            g.scenario_id == scenario
                && (g.open_attempt.is_some() || g.attempts_used < g.attempts_allowed)
        }),
        Err(e) => return fail(e),
    };
    let Some(g) = mine else {
        eprint_msg(
            lang,
            Msg::new("seat-nothing-open").text("scenario", scenario),
        );
        return ExitCode::FAILURE;
    };
    let mut session = match db.seat_begin(&g.uuid, &pin, &trainee) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // Resumed: the script's steps the server holds (and those refused between them) are
    // not played twice.
    let held: Vec<(u64, crate::exercise::Action)> = session
        .exercise
        .log
        .iter()
        .map(|l| (l.at_ms, l.action.clone()))
        .collect();
    let mut steps = list.timed();
    if !held.is_empty() {
        let mut k = 0;
        let mut skip = 0;
        for (i, step) in steps.iter().enumerate() {
            if k == held.len() {
                break;
            }
            if *step == held[k] {
                k += 1;
            }
            skip = i + 1;
        }
        steps.drain(..skip);
    }
    let mut last_at = held.last().map_or(0, |s| s.0);
    for (at, a) in steps {
        if speed > 0.0 {
            let wait = (at.saturating_sub(last_at) as f64 / speed) as u64;
            std::thread::sleep(std::time::Duration::from_millis(wait));
        }
        last_at = at;
        if session.exercise.is_finished() {
            break;
        }
        if let Err(e) = session.act(&db, at, a) {
            return fail(e);
        }
    }
    if !session.exercise.is_finished() {
        let at = session.exercise.elapsed_ms();
        if let Err(e) = session.act(&db, at, crate::exercise::Action::Finish) {
            return fail(e);
        }
    }
    // Handed in once every action reached the server (the seat waits for it).
    let uuid = session.remote.clone().unwrap_or_default();
    loop {
        match session.hand_in(&db) {
            Ok(()) => break,
            Err(crate::records::RecordsError::Offline(_)) => {
                std::thread::sleep(std::time::Duration::from_millis(RETRY_MS));
            }
            Err(e) => return fail(e),
        }
    }
    eprint_msg(lang, Msg::new("seat-handed-in").text("attempt", uuid));
    ExitCode::SUCCESS
}
