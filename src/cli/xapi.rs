//! `xapi export | send | status` and `school set`: the statements for the school's
//! learning record store, and the settings they need.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::Value;

use super::eprint_msg;
use super::results::{Select, filter_of};
use super::school::trainer_db;
use crate::i18n::{Lang, Msg};
use crate::records::xapi::{Outbox, School};

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
    /// xAPI statements' ids live under), trainee-pins (required: no trainee's session
    /// without their PIN; optional), time-zone (the zone times are shown in, such as
    /// Europe/Paris; default: the computer's).
    Set { key: String, value: String },
    /// The school's store on a PostgreSQL server (a room of seats).
    #[command(subcommand)]
    Server(super::server::ServerCmd),
}

pub fn school_cmd(lang: Lang, db: Option<PathBuf>, cmd: SchoolCmd) -> ExitCode {
    let (key, value) = match cmd {
        SchoolCmd::Set { key, value } => (key, value),
        SchoolCmd::Server(c) => return super::server::server_cmd(lang, c),
    };
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let done = match key.as_str() {
        "base-iri" => db.set_base_iri(&value),
        "name" => db.set_school_name(&value),
        "time-zone" => db.set_time_zone(&value),
        "trainee-pins" => match value.as_str() {
            "required" | "optional" => db
                .set_trainee_pins_required(value == "required")
                .map_err(Into::into),
            other => Err(crate::records::school::SchoolError::Invalid(
                Msg::new("bad-option-choices")
                    .text("option", "trainee-pins")
                    .text("found", other)
                    .text("allowed", "required, optional"),
            )),
        },
        other => Err(crate::records::school::SchoolError::Invalid(
            Msg::new("bad-option-choices")
                .text("option", "school set")
                .text("found", other)
                .text("allowed", "name, base-iri, trainee-pins, time-zone"),
        )),
    };
    match done {
        Ok(()) => {
            eprint_msg(
                lang,
                Msg::new("school-setting-set")
                    .text("key", key.as_str())
                    .text("value", value.trim()),
            );
            ExitCode::SUCCESS
        }
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

/// Why a streamed export or send stopped.
enum Stop {
    Records(crate::records::RecordsError),
    /// The file could not be written.
    Write(String),
    /// The LRS is down or failing: the rest waits for the next send (this many
    /// statements failed with it).
    Halt(usize),
}

impl From<crate::records::RecordsError> for Stop {
    fn from(e: crate::records::RecordsError) -> Self {
        Stop::Records(e)
    }
}

/// Whether an LRS address may be used: https, or http on this computer only (a test LRS
/// on loopback): anywhere else http would carry the password and the results in clear.
fn endpoint_ok(endpoint: &str) -> Result<(), Msg> {
    let bad = || Msg::new("xapi-bad-endpoint").text("found", endpoint);
    let uri: ureq::http::Uri = endpoint.parse().map_err(|_| bad())?;
    let host = uri.host().ok_or_else(bad)?;
    match uri.scheme_str() {
        Some(s) if s.eq_ignore_ascii_case("https") => Ok(()),
        Some(s) if s.eq_ignore_ascii_case("http") => {
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            let loopback = bare.eq_ignore_ascii_case("localhost")
                || bare
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback());
            if loopback {
                Ok(())
            } else {
                Err(Msg::new("xapi-http-refused").text("found", endpoint))
            }
        }
        _ => Err(bad()),
    }
}

/// What `xapi send` needs to speak to the LRS.
struct Lrs {
    agent: ureq::Agent,
    url: String,
    version: String,
    auth: Option<String>,
}

impl Lrs {
    /// POSTs statements: the HTTP status and, for a refusal, what the LRS said.
    fn post(&self, batch: &[Value]) -> Result<(u16, String), ureq::Error> {
        let body = serde_json::to_string(batch).unwrap_or_default();
        let mut req = self
            .agent
            .post(&self.url)
            .header("X-Experience-API-Version", &self.version)
            .header("Content-Type", "application/json");
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let mut resp = req.send(body.as_str())?;
        let code = resp.status().as_u16();
        let text = if matches!(code, 200 | 204) {
            String::new()
        } else {
            resp.body_mut().read_to_string().unwrap_or_default()
        };
        Ok((code, text))
    }

    /// The statement the LRS holds under an id (`None`: it holds none).
    fn get(&self, id: &str) -> Result<Option<Value>, String> {
        let mut req = self
            .agent
            .get(&self.url)
            .query("statementId", id)
            .header("X-Experience-API-Version", &self.version);
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let mut resp = req.call().map_err(|e| e.to_string())?;
        match resp.status().as_u16() {
            404 => Ok(None),
            200 => {
                let text = resp
                    .body_mut()
                    .read_to_string()
                    .map_err(|e| e.to_string())?;
                let v: Value = serde_json::from_str(&text)
                    .map_err(|e| format!("GET statementId={id}: {e}"))?;
                // The statement itself, as xAPI says; some LRSs (Ralph) answer with a
                // list of one.
                Ok(match v.get("statements").and_then(Value::as_array) {
                    Some(list) => list
                        .iter()
                        .find(|st| {
                            st["id"]
                                .as_str()
                                .is_some_and(|s| s.eq_ignore_ascii_case(id))
                        })
                        .cloned(),
                    None => Some(v),
                })
            }
            code => Err(format!("GET statementId={id}: HTTP {code}")),
        }
    }
}

fn ids(batch: &[Value]) -> Vec<String> {
    batch
        .iter()
        .map(|st| st["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn refusal(code: u16, text: &str) -> String {
    format!(
        "HTTP {code}: {}",
        text.chars().take(300).collect::<String>()
    )
}

/// Sends one attempt's statements; returns how many the LRS took and how many failed.
/// On 409 (the LRS has some of these ids already) each statement is read back: those it
/// holds as we made them are sent, those it holds with other content are not (they
/// wait, with the reason), and those it does not hold are sent again on their own.
fn send_batch(
    lang: Lang,
    outbox: &Outbox,
    lrs: &Lrs,
    attempt: &str,
    batch: &[Value],
) -> Result<(usize, usize), Stop> {
    let unreachable = |e: String| -> Result<(usize, usize), Stop> {
        outbox.mark_failed(&ids(batch), &e)?;
        eprint_msg(lang, Msg::new("xapi-unreachable").text("detail", e));
        Err(Stop::Halt(batch.len()))
    };
    let (code, text) = match lrs.post(batch) {
        Ok(r) => r,
        Err(e) => return unreachable(e.to_string()),
    };
    match code {
        200 | 204 => {
            outbox.mark_sent(&ids(batch))?;
            Ok((batch.len(), 0))
        }
        409 => {
            let (mut same, mut missing, mut failed) = (Vec::new(), Vec::new(), 0usize);
            for st in batch {
                let id = st["id"].as_str().unwrap_or_default().to_string();
                match lrs.get(&id) {
                    Ok(Some(theirs)) if crate::records::xapi::same_statement(st, &theirs) => {
                        same.push(id)
                    }
                    Ok(Some(_)) => {
                        eprint_msg(
                            lang,
                            Msg::new("xapi-conflict")
                                .text("id", id.clone())
                                .text("uuid", attempt),
                        );
                        outbox.mark_failed(
                            std::slice::from_ref(&id),
                            crate::records::xapi::OTHER_CONTENT,
                        )?;
                        failed += 1;
                    }
                    Ok(None) => missing.push(st.clone()),
                    Err(e) => return unreachable(e),
                }
            }
            outbox.mark_sent(&same)?;
            let mut sent = same.len();
            if !missing.is_empty() {
                match lrs.post(&missing) {
                    Ok((200 | 204, _)) => {
                        outbox.mark_sent(&ids(&missing))?;
                        sent += missing.len();
                    }
                    Ok((code, text)) => {
                        let detail = refusal(code, &text);
                        eprint_msg(
                            lang,
                            Msg::new("xapi-refused")
                                .text("uuid", attempt)
                                .text("detail", detail.clone()),
                        );
                        outbox.mark_failed(&ids(&missing), &detail)?;
                        failed += missing.len();
                    }
                    Err(e) => return unreachable(e.to_string()),
                }
            }
            Ok((sent, failed))
        }
        _ => {
            let detail = refusal(code, &text);
            eprint_msg(
                lang,
                Msg::new("xapi-refused")
                    .text("uuid", attempt)
                    .text("detail", detail.clone()),
            );
            outbox.mark_failed(&ids(batch), &detail)?;
            if code >= 500 {
                return Err(Stop::Halt(batch.len()));
            }
            Ok((0, batch.len()))
        }
    }
}

pub fn run(lang: Lang, db: Option<PathBuf>, cmd: XapiCmd) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let records = |e: crate::records::RecordsError| {
        eprint_msg(lang, e.msg());
        ExitCode::from(2)
    };
    match cmd {
        XapiCmd::Export { select, out } => {
            let school = match school_of(lang, &db) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let f = match filter_of(lang, &db, &select) {
                Ok(f) => f,
                Err(c) => return c,
            };
            // Written as they are made, one attempt at a time (a JSON array).
            let written = (|| -> Result<usize, Stop> {
                use serde::ser::{SerializeSeq, Serializer};
                let write = |e: &dyn std::fmt::Display| Stop::Write(e.to_string());
                let file = std::fs::File::create(&out).map_err(|e| write(&e))?;
                let mut w = std::io::BufWriter::new(file);
                let mut n = 0usize;
                {
                    let mut ser = serde_json::Serializer::pretty(&mut w);
                    let mut seq = ser.serialize_seq(None).map_err(|e| write(&e))?;
                    db.for_each_statement_batch(&f, &school, |_, batch| {
                        for st in &batch {
                            seq.serialize_element(st).map_err(|e| write(&e))?;
                        }
                        n += batch.len();
                        Ok::<(), Stop>(())
                    })?;
                    seq.end().map_err(|e| write(&e))?;
                }
                std::io::Write::flush(&mut w).map_err(|e| write(&e))?;
                Ok(n)
            })();
            let n = match written {
                Ok(n) => n,
                Err(stop) => {
                    let _ = std::fs::remove_file(&out);
                    return match stop {
                        Stop::Records(e) => records(e),
                        // (Only a send halts.)
                        Stop::Halt(_) => ExitCode::from(2),
                        Stop::Write(detail) => {
                            eprint_msg(
                                lang,
                                Msg::new("export-cannot-write").text("detail", detail),
                            );
                            ExitCode::from(2)
                        }
                    };
                }
            };
            let _ = db.audit("xapi_export", &out.display().to_string(), &n.to_string());
            eprint_msg(
                lang,
                Msg::new("xapi-exported")
                    .int("n", n as i64)
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
            // Every setting checked before anything is queued or sent.
            if version != "1.0.3" && version != "2.0.0" {
                eprint_msg(
                    lang,
                    Msg::new("bad-option-choices")
                        .text("option", "--version")
                        .text("found", version)
                        .text("allowed", "1.0.3, 2.0.0"),
                );
                return ExitCode::FAILURE;
            }
            if let Err(m) = endpoint_ok(&endpoint) {
                eprint_msg(lang, m);
                return ExitCode::FAILURE;
            }
            let auth = match user {
                None => None,
                Some(u) => match std::env::var("FIBRELAB_LRS_PASSWORD") {
                    Ok(pass) if !pass.is_empty() => Some(format!(
                        "Basic {}",
                        base64(format!("{u}:{pass}").as_bytes())
                    )),
                    Ok(_) | Err(_) => {
                        eprint_msg(lang, Msg::new("xapi-no-password").text("user", u));
                        return ExitCode::FAILURE;
                    }
                },
            };
            let school = match school_of(lang, &db) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let f = match filter_of(lang, &db, &select) {
                Ok(f) => f,
                Err(c) => return c,
            };
            if let Err(e) = db.queue_statements(&f, &school) {
                return records(e);
            }
            if dry_run {
                return match db.outbox_waiting() {
                    Ok((n, batches)) => {
                        eprint_msg(
                            lang,
                            Msg::new("xapi-would-send")
                                .int("n", n)
                                .int("batches", batches),
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => records(e),
                };
            }
            let lrs = Lrs {
                agent: ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(std::time::Duration::from_secs(30)))
                    .build()
                    .into(),
                url: format!("{}/statements", endpoint.trim_end_matches('/')),
                version,
                auth,
            };
            let (mut sent, mut failed) = (0usize, 0usize);
            let done = db.for_each_unsent(&school, |outbox, attempt, batch| {
                let (s, f) = send_batch(lang, outbox, &lrs, attempt, &batch)?;
                sent += s;
                failed += f;
                Ok::<(), Stop>(())
            });
            match done {
                Ok(lost) => {
                    if !lost.is_empty() {
                        eprint_msg(lang, Msg::new("xapi-not-made").int("n", lost.len() as i64));
                        failed += lost.len();
                    }
                }
                Err(Stop::Halt(n)) => failed += n,
                Err(Stop::Records(e)) => return records(e),
                Err(Stop::Write(detail)) => {
                    eprint_msg(lang, Msg::new("xapi-unreachable").text("detail", detail));
                    return ExitCode::from(2);
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
                outln!(
                    "{}",
                    Msg::new("xapi-status")
                        .int("waiting", waiting)
                        .int("sent", sent)
                        .moment_or_dash("last", last)
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

    #[test]
    fn http_only_on_loopback() {
        let key = |e: &str| super::endpoint_ok(e).err().map(|m| m.key);
        for ok in [
            "https://lrs.example/xapi",
            "HTTPS://lrs.example:8443/xapi/",
            "http://localhost:8100/xAPI",
            "http://127.0.0.1:8100/xAPI",
            "http://127.8.9.10/xAPI",
            "http://[::1]:8100/xAPI",
        ] {
            assert_eq!(key(ok), None, "{ok}");
        }
        for refused in [
            "http://lrs.example/xapi",
            "http://192.168.1.10:8100/xAPI",
            "http://128.0.0.1/xAPI",
            "http://[::2]/xAPI",
            "http://localhost.evil.example/xAPI",
        ] {
            assert_eq!(
                key(refused).as_deref(),
                Some("xapi-http-refused"),
                "{refused}"
            );
        }
        for bad in ["lrs.example/xapi", "ftp://lrs.example/xapi", "https://"] {
            assert_eq!(key(bad).as_deref(), Some("xapi-bad-endpoint"), "{bad}");
        }
    }
}
