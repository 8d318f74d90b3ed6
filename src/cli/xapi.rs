//! `xapi export | send | status` and `school set`: the statements for the school's
//! learning record store, and the settings they need.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::Value;

use super::eprint_msg;
use super::school::{Select, trainer_db};
use crate::i18n::{Lang, Msg};
use crate::records::xapi::School;

#[derive(Subcommand, Debug)]
pub enum XapiCmd {
    /// Write the statements of the attempts that count (or all with --all) to a file, as
    /// a JSON array; they are queued in the outbox too.
    Export {
        #[command(flatten)]
        select: Select,
        #[arg(long)]
        out: PathBuf,
    },
    /// Send what the outbox holds to the LRS, one batch per attempt; what the LRS does not
    /// acknowledge stays for the next time.
    Send {
        #[command(flatten)]
        select: Select,
        /// The LRS's xAPI endpoint (https://lrs.example/xapi); its password, if any, in
        /// FIBRELAB_LRS_PASSWORD.
        #[arg(long)]
        endpoint: String,
        #[arg(long)]
        user: Option<String>,
        /// The X-Experience-API-Version header: 1.0.3 or 2.0.0.
        #[arg(long, default_value = "1.0.3")]
        version: String,
        /// Say what would be sent, send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// What waits in the outbox, and the last time the LRS took something.
    Status,
}

#[derive(Subcommand, Debug)]
pub enum SchoolCmd {
    /// Set a school setting: name (printed on reports), base-iri (the https address the
    /// xAPI statements' ids live under).
    Set { key: String, value: String },
}

pub fn school_cmd(lang: Lang, db: Option<PathBuf>, pin: Option<&str>, cmd: SchoolCmd) -> ExitCode {
    let db = match trainer_db(lang, db, pin) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let SchoolCmd::Set { key, value } = cmd;
    let done = match key.as_str() {
        "base-iri" => db.set_base_iri(&value),
        "name" => db.set_school_name(&value),
        other => Err(crate::records::school::SchoolError::Invalid(
            Msg::new("assess-bad-option")
                .text("option", "school set")
                .text("found", other),
        )),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint_msg(lang, e.msg());
            ExitCode::FAILURE
        }
    }
}

/// Base64 (RFC 4648) for a Basic authorization header.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn school_of(lang: Lang, db: &crate::records::Db) -> Result<School, ExitCode> {
    match db.base_iri() {
        Ok(Some(base_iri)) => Ok(School { base_iri }),
        Ok(None) => {
            eprint_msg(lang, Msg::new("xapi-no-base"));
            Err(ExitCode::FAILURE)
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            Err(ExitCode::from(2))
        }
    }
}

pub fn run(lang: Lang, db: Option<PathBuf>, pin: Option<&str>, cmd: XapiCmd) -> ExitCode {
    let db = match trainer_db(lang, db, pin) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let queue = |select: &Select| -> Result<(), ExitCode> {
        let school = school_of(lang, &db)?;
        let f = super::school::filter_of(lang, &db, select)?;
        db.queue_statements(&f, &school).map_err(|e| {
            eprint_msg(lang, e.msg());
            ExitCode::from(2)
        })?;
        Ok(())
    };
    match cmd {
        XapiCmd::Export { select, out } => {
            if let Err(c) = queue(&select) {
                return c;
            }
            let school = match school_of(lang, &db) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let f = match super::school::filter_of(lang, &db, &select) {
                Ok(f) => f,
                Err(c) => return c,
            };
            let mut all: Vec<Value> = Vec::new();
            match db.results(&f) {
                Ok(rows) => {
                    for r in rows {
                        match db.statements_of(&r, &school) {
                            Ok(s) => all.extend(s),
                            Err(e) => {
                                eprint_msg(lang, e.msg());
                                return ExitCode::from(2);
                            }
                        }
                    }
                }
                Err(e) => {
                    eprint_msg(lang, e.msg());
                    return ExitCode::from(2);
                }
            }
            let text = serde_json::to_string_pretty(&Value::Array(all.clone())).unwrap_or_default();
            if let Err(e) = std::fs::write(&out, text) {
                eprint_msg(
                    lang,
                    Msg::new("export-cannot-write").text("detail", e.to_string()),
                );
                return ExitCode::from(2);
            }
            let _ = db.audit(
                "xapi_export",
                &out.display().to_string(),
                &all.len().to_string(),
            );
            eprint_msg(
                lang,
                Msg::new("xapi-exported")
                    .int("n", all.len() as i64)
                    .text("file", out.display().to_string()),
            );
            ExitCode::SUCCESS
        }
        XapiCmd::Send {
            select,
            endpoint,
            user,
            version,
            dry_run,
        } => {
            if let Err(c) = queue(&select) {
                return c;
            }
            if version != "1.0.3" && version != "2.0.0" {
                eprint_msg(
                    lang,
                    Msg::new("assess-bad-option")
                        .text("option", "--version")
                        .text("found", version),
                );
                return ExitCode::FAILURE;
            }
            let batches = match db.outbox(true) {
                Ok(b) => b,
                Err(e) => {
                    eprint_msg(lang, e.msg());
                    return ExitCode::from(2);
                }
            };
            if dry_run {
                let n: usize = batches.iter().map(|(_, b)| b.len()).sum();
                eprint_msg(
                    lang,
                    Msg::new("xapi-would-send")
                        .int("n", n as i64)
                        .int("batches", batches.len() as i64),
                );
                return ExitCode::SUCCESS;
            }
            let url = format!("{}/statements", endpoint.trim_end_matches('/'));
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(std::time::Duration::from_secs(30)))
                .build()
                .into();
            let auth = user.map(|u| {
                let pass = std::env::var("FIBRELAB_LRS_PASSWORD").unwrap_or_default();
                format!("Basic {}", base64(format!("{u}:{pass}").as_bytes()))
            });
            let (mut sent, mut failed) = (0usize, 0usize);
            for (attempt, batch) in &batches {
                let body = Value::Array(batch.clone()).to_string();
                let mut req = agent
                    .post(&url)
                    .header("X-Experience-API-Version", &version)
                    .header("Content-Type", "application/json");
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                match req.send(body.as_str()) {
                    Ok(mut resp) => {
                        let code = resp.status().as_u16();
                        match code {
                            200 | 204 | 409 => {
                                // 409: the LRS has these ids already (sent before).
                                let _ = db.mark_sent(attempt);
                                sent += batch.len();
                            }
                            _ => {
                                let text = resp.body_mut().read_to_string().unwrap_or_default();
                                let detail = format!(
                                    "HTTP {code}: {}",
                                    text.chars().take(300).collect::<String>()
                                );
                                eprint_msg(
                                    lang,
                                    Msg::new("xapi-refused")
                                        .text("uuid", attempt.clone())
                                        .text("detail", detail.clone()),
                                );
                                let _ = db.mark_failed(attempt, &detail);
                                failed += batch.len();
                                if code >= 500 {
                                    break;
                                }
                            }
                        }
                    }
                    Err(e) => {
                        let _ = db.mark_failed(attempt, &e.to_string());
                        eprint_msg(
                            lang,
                            Msg::new("xapi-unreachable").text("detail", e.to_string()),
                        );
                        failed += batch.len();
                        break;
                    }
                }
            }
            let waiting = db.outbox_status().map(|s| s.0).unwrap_or(0);
            eprint_msg(
                lang,
                Msg::new("xapi-sent")
                    .int("sent", sent as i64)
                    .int("failed", failed as i64)
                    .int("waiting", waiting),
            );
            if failed > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        XapiCmd::Status => match db.outbox_status() {
            Ok((waiting, sent, last)) => {
                println!(
                    "{}",
                    Msg::new("xapi-status")
                        .int("waiting", waiting)
                        .int("sent", sent)
                        .text(
                            "last",
                            last.map(crate::records::school::format_moment)
                                .unwrap_or_else(|| "—".into())
                        )
                        .render(lang)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprint_msg(lang, e.msg());
                ExitCode::from(2)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_rfc4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
