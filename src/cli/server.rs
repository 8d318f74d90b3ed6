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
