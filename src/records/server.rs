//! The school's store on a PostgreSQL server: the same tables as the SQLite file (made
//! from its very definition, [`pg_schema`]), in a schema `fibrelab` owned by a role of
//! the school's, with the school's key kept on the server (`fibrelab_secret`) where no
//! seat can read it.
//!
//! A store is named by a URL wherever a file is (`--db`, `FIBRELAB_DB`):
//! `postgres://user@host/fibrelab?sslmode=require&sslrootcert=/path/server.crt`.
//! TLS is rustls: the server's certificate is checked against `sslrootcert` (the school's
//! own certificate, copied to each seat); without it TLS is refused, so a seat never
//! talks to a server it cannot recognise. Plain connections (`sslmode=disable`) are for
//! the server's own machine (a trainer's PC running it on loopback).

use std::sync::Arc;

use super::sql::{Conn, params};
use super::{Db, RecordsError, Result};
use crate::i18n::Msg;

/// The schema of the school's tables.
pub const SCHEMA_NAME: &str = "fibrelab";
/// The schema of what no seat reads (the school's key).
pub const SECRET_SCHEMA: &str = "fibrelab_secret";
/// The role that owns the tables and the seat functions.
pub const OWNER_ROLE: &str = "fibrelab_owner";
/// The group of trainers' logins.
pub const TRAINER_ROLE: &str = "fibrelab_trainer";
/// The group of seats' logins.
pub const SEAT_ROLE: &str = "fibrelab_seat";

pub use super::sql::{is_server_path, is_server_url};

/// A URL as it may be shown: its password left out.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, rest),
    };
    match auth {
        Some(a) => {
            let user = a.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

/// A URL split into what the postgres crate reads and the certificate to trust.
fn split_url(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut kept = Vec::new();
    let mut root = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("sslrootcert", v)) => root = Some(percent_decode(v)),
            _ => kept.push(pair),
        }
    }
    if kept.is_empty() {
        (base.to_string(), root)
    } else {
        (format!("{base}?{}", kept.join("&")), root)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn server_error(url: &str, detail: String) -> RecordsError {
    RecordsError::Server {
        url: shown(url),
        detail,
    }
}

/// TLS that trusts the certificates of one PEM file.
fn tls(url: &str, root: &str) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(root)
        .map_err(|e| server_error(url, format!("{root}: {e}")))?;
    for c in certs {
        let c = c.map_err(|e| server_error(url, format!("{root}: {e}")))?;
        roots
            .add(c)
            .map_err(|e| server_error(url, format!("{root}: {e}")))?;
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| server_error(url, e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A client of the server at `url` (TLS when the URL gives a certificate to trust).
pub fn client(url: &str) -> Result<postgres::Client> {
    let (plain, root) = split_url(url);
    let config: postgres::Config = plain
        .parse()
        .map_err(|e: postgres::Error| server_error(url, e.to_string()))?;
    let wants_tls = plain.contains("sslmode=require") || plain.contains("sslmode=prefer");
    let mut config = config;
    // A seat finds out soon that the server is out of reach (a URL may say otherwise).
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_millis(
            crate::limits::SERVER_CONNECT_TIMEOUT_MS,
        ));
    }
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(std::time::Duration::from_millis(
            crate::limits::SERVER_TCP_TIMEOUT_MS,
        ));
    }
    if config.get_password().is_none()
        && let Ok(p) = std::env::var("FIBRELAB_DB_PASSWORD")
    {
        config.password(p);
    }
    let client = match root {
        Some(root) => config.connect(tls(url, &root)?),
        None if wants_tls => {
            return Err(RecordsError::Key(
                Msg::new("server-no-cert").text("url", shown(url)),
            ));
        }
        None => config.connect(postgres::NoTls),
    };
    client.map_err(|e| server_error(url, super::sql::Error::from(e).to_string()))
}

/// The server's network address (host, port) of a URL, to find out whether it answers
/// without opening a connection (`None` for a local socket or a URL that does not read).
pub fn address(url: &str) -> Option<(String, u16)> {
    let (plain, _) = split_url(url);
    let config: postgres::Config = plain.parse().ok()?;
    let host = config.get_hosts().first().and_then(|h| match h {
        postgres::config::Host::Tcp(name) => Some(name.clone()),
        #[cfg(unix)]
        postgres::config::Host::Unix(_) => None,
    })?;
    let port = config.get_ports().first().copied().unwrap_or(5432);
    Some((host, port))
}

/// A connection to the school's store on a server (its tables found in `fibrelab`).
pub fn connect(url: &str) -> Result<Conn> {
    let mut c = client(url)?;
    c.batch_execute(&format!("SET search_path = {SCHEMA_NAME}"))
        .map_err(|e| server_error(url, super::sql::Error::from(e).to_string()))?;
    Ok(Conn::postgres(c))
}

/// SQLite's word for a column type, as PostgreSQL's.
fn pg_type(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    let words: Vec<&str> = sql
        .split_inclusive(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let word = w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
        let tail = &w[word.len()..];
        let at = i;
        let next = |k: usize| {
            words
                .get(at + k)
                .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_'))
        };
        match word {
            "INTEGER" if next(1) == Some("PRIMARY") && next(2) == Some("KEY") => {
                // A column of its own that SQLite numbers: an identity column here.
                let key_tail = &words[i + 2][3..];
                out.push_str("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
                i += 3;
                if next(3) == Some("AUTOINCREMENT") {
                    let w = words[i];
                    out.push_str(&w["AUTOINCREMENT".len()..]);
                    i += 1;
                } else {
                    out.push_str(key_tail);
                }
                continue;
            }
            "INTEGER" => out.push_str("BIGINT"),
            "REAL" => out.push_str("DOUBLE PRECISION"),
            "BLOB" => out.push_str("BYTEA"),
            "NOCASE" => {}
            "COLLATE" if next(1) == Some("NOCASE") => {
                i += 1;
                continue;
            }
            _ => out.push_str(word),
        }
        out.push_str(tail);
        i += 1;
    }
    out
}

/// The statements that make the school's tables on a server: the SQLite store's own
/// definitions, as this release makes them, in PostgreSQL's words, tables referenced
/// before the tables that reference them.
pub fn pg_schema() -> Result<Vec<String>> {
    let lite = Conn::Sqlite(rusqlite::Connection::open_in_memory()?);
    lite.execute_batch(super::SCHEMA)?;
    super::migrate::migrate(&lite)?;
    let mut tables: Vec<(String, String)> = lite
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let indexes: Vec<String> = lite
        .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    // Referenced tables first.
    let mut ordered: Vec<(String, String)> = Vec::new();
    while !tables.is_empty() {
        let before = tables.len();
        let mut i = 0;
        while i < tables.len() {
            let refs_ready = tables[i]
                .1
                .match_indices("REFERENCES ")
                .map(|(at, r)| {
                    tables[i].1[at + r.len()..]
                        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
                .all(|t| t == tables[i].0 || ordered.iter().any(|(n, _)| *n == t));
            if refs_ready {
                ordered.push(tables.remove(i));
            } else {
                i += 1;
            }
        }
        if tables.len() == before {
            // A circle of references: kept in the file's order.
            ordered.append(&mut tables);
        }
    }
    let mut out: Vec<String> = ordered
        .into_iter()
        .map(|(_, sql)| pg_type(&sql.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")))
        .collect();
    out.extend(indexes.into_iter().map(|sql| {
        pg_type(
            &sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
                .replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS "),
        )
    }));
    Ok(out)
}

/// What [`setup`] did, said step by step.
pub type Steps = Vec<Msg>;

/// The roles, schemas and privileges (run before the tables and again after them).
const ROLES_SQL: &str = include_str!("pg/roles.sql");
/// The seat functions and their grants.
const SEAT_SQL: &str = include_str!("pg/seat.sql");
/// One room's login (its name and password given as settings of the session).
const SEAT_ROOM_SQL: &str = include_str!("pg/seat_room.sql");

/// Sets up a school's store on an existing server, as a role that may create roles
/// and schemas (`postgres`, or the school's DBA), connected to the school's database:
/// the roles of the owner, the trainers and the seats, the schemas, the tables (as the
/// owner), the seat functions, the school's key kept on the server. Run again, it adds
/// what is missing and puts the privileges back. `trainer`: a trainer's login to make or
/// give a new password (name, password); `room`: a room's login for its seats.
pub fn setup(
    admin_url: &str,
    key: &super::seal::SchoolKey,
    trainer: Option<(&str, &str)>,
    room: Option<(&str, &str)>,
) -> Result<Steps> {
    let conn = Conn::postgres(client(admin_url)?);
    let mut steps = Steps::new();
    let role_exists = |name: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT COUNT(*) FROM pg_roles WHERE rolname = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    let fresh = !role_exists(OWNER_ROLE)?;
    conn.execute_batch(ROLES_SQL)?;
    if fresh {
        steps.push(Msg::new("server-roles-made"));
    }
    conn.execute_batch(&format!(
        "SET ROLE {OWNER_ROLE}; SET search_path = {SCHEMA_NAME}"
    ))?;
    let version: i64 = conn.user_version()?;
    if version > super::SCHEMA_VERSION {
        return Err(RecordsError::Newer {
            path: shown(admin_url).into(),
            found: version,
        });
    }
    let statements = pg_schema()?;
    for s in &statements {
        conn.execute_batch(s)?;
    }
    // The store's identity (as a file's first opening gives it).
    if super::settings::get_setting(&conn, "install.uuid")?.is_none() {
        super::settings::set_setting(&conn, "install.uuid", &super::settings::new_uuid())?;
    }
    if version < super::SCHEMA_VERSION {
        conn.set_user_version(super::SCHEMA_VERSION)?;
        steps.push(
            Msg::new("server-tables-made")
                .int("n", statements.len() as i64)
                .int("format", super::SCHEMA_VERSION),
        );
    }
    conn.execute_batch("RESET ROLE; RESET search_path")?;
    conn.execute_batch(ROLES_SQL)?;
    conn.execute_batch(SEAT_SQL)?;
    steps.push(Msg::new("server-functions-made"));
    let held: Option<Vec<u8>> = super::sql::OptionalExtension::optional(conn.query_row(
        &format!("SELECT bytes FROM {SECRET_SCHEMA}.school_key"),
        [],
        |r| r.get(0),
    ))?;
    match held {
        Some(bytes) if bytes[..] != key.bytes[..] => {
            return Err(RecordsError::WrongKey(key.path.clone()));
        }
        Some(_) => {}
        None => {
            conn.execute(
                &format!("INSERT INTO {SECRET_SCHEMA}.school_key (bytes) VALUES (?1)"),
                params![key.bytes.to_vec()],
            )?;
            steps.push(Msg::new("server-key-kept").text("fingerprint", key.fingerprint()));
        }
    }
    if let Some((name, password)) = trainer {
        if !valid_role_name(name) {
            return Err(RecordsError::Key(
                Msg::new("server-bad-role").text("role", name),
            ));
        }
        let verb = if role_exists(name)? {
            "ALTER"
        } else {
            "CREATE"
        };
        conn.execute_batch(&format!(
            "{verb} ROLE {name} LOGIN PASSWORD '{}'; GRANT {TRAINER_ROLE} TO {name};",
            password.replace('\'', "''")
        ))?;
        steps.push(Msg::new("server-trainer-login").text("role", name));
    }
    if let Some((name, password)) = room {
        if !valid_role_name(name) || !name.starts_with("seat_") {
            return Err(RecordsError::Key(
                Msg::new("server-bad-room").text("role", name),
            ));
        }
        conn.execute("SELECT set_config('fibrelab.seat_role', ?1, false)", [name])?;
        conn.execute(
            "SELECT set_config('fibrelab.seat_password', ?1, false)",
            [password],
        )?;
        conn.execute_batch(SEAT_ROOM_SQL)?;
        steps.push(Msg::new("server-room-login").text("role", name));
    }
    Ok(steps)
}

/// A role name made of lower-case letters, digits and `_` (written into SQL as it is).
pub fn valid_role_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Db {
    /// The school's key as the server keeps it, for a trainer's login (`None` for a
    /// role that may not read it: a seat).
    pub(super) fn server_key(&self) -> Result<Option<super::seal::SchoolKey>> {
        let row: Option<Vec<u8>> = super::sql::OptionalExtension::optional(self.conn.query_row(
            &format!("SELECT bytes FROM {SECRET_SCHEMA}.school_key"),
            [],
            |r| r.get(0),
        ))
        .or_else(|e| match e.pg_code().as_deref() {
            // Not allowed to read it: a seat's login.
            Some("42501") => Ok(None),
            _ => Err(e),
        })?;
        Ok(row.and_then(|bytes| {
            let bytes: [u8; super::seal::KEY_BYTES] = bytes.try_into().ok()?;
            Some(super::seal::SchoolKey {
                bytes,
                path: self.path.clone(),
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables (each column's name, type, NOT NULL, default, key) and indexes of a store.
    fn shape(c: &Conn) -> Vec<String> {
        let mut out: Vec<String> = c
            .prepare(
                "SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || p.\"notnull\" || ' '
                        || coalesce(p.dflt_value, '-') || ' ' || p.pk
                 FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        let indexes: Vec<String> = c
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        out.extend(indexes);
        out.sort();
        out
    }

    /// `tests/pg/attack.sh` builds the server's tables from a copy of the store's schema
    /// (`tests/pg/ddl.sh`): the copy must be the program's, or the SQL attacks run against
    /// tables FibreLab no longer makes.
    #[test]
    fn the_schema_copy_the_psql_tests_read_is_the_programs() {
        let copy = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/pg/sqlite-schema-v3.sql"
        ))
        .unwrap();
        let copy: String = copy
            .split_inclusive(";\n")
            .filter(|s| !s.contains("sqlite_sequence"))
            .collect();
        let from_copy = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        from_copy.execute_batch(&copy).unwrap();
        let program = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        program.execute_batch(super::super::SCHEMA).unwrap();
        super::super::migrate::migrate(&program).unwrap();
        assert_eq!(
            shape(&from_copy),
            shape(&program),
            "tests/pg/sqlite-schema-v3.sql is not the store's schema: write it again \
             (sqlite3 NEW.db .schema, NEW.db made by this FibreLab)"
        );
    }

    #[test]
    fn a_seat_finds_the_servers_address_in_its_url() {
        assert_eq!(
            address(
                "postgresql://seat_b12:secret@10.0.12.5:5433/fibrelab?sslmode=require&sslrootcert=/etc/fibrelab/ca.crt"
            ),
            Some(("10.0.12.5".to_string(), 5433))
        );
        assert_eq!(
            address("postgres://seat_b12@serveur-ecole/fibrelab"),
            Some(("serveur-ecole".to_string(), 5432))
        );
        // A local socket has no network address to ask.
        assert_eq!(
            address("postgresql:///fibrelab?host=/var/run/postgresql"),
            None
        );
    }

    #[test]
    fn a_rooms_password_is_held_to_the_same_length_as_a_trainers() {
        let rule = format!("length(pw) < {}", crate::limits::MIN_SERVER_PASSWORD_CHARS);
        assert!(SEAT_ROOM_SQL.contains(&rule), "seat_room.sql: {rule}");
    }

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            shown("postgres://trainer:s3cret@10.0.0.2:5432/ecole?sslmode=require"),
            "postgres://trainer@10.0.0.2:5432/ecole?sslmode=require"
        );
        assert_eq!(shown("postgres://h/db"), "postgres://h/db");
    }

    #[test]
    fn the_certificate_to_trust_is_read_from_the_url() {
        let (plain, root) =
            split_url("postgres://s@h/db?sslmode=require&sslrootcert=%2Fetc%2Fschool.crt");
        assert_eq!(plain, "postgres://s@h/db?sslmode=require");
        assert_eq!(root.as_deref(), Some("/etc/school.crt"));
    }

    #[test]
    fn sqlite_types_read_as_postgresql() {
        assert_eq!(
            pg_type(
                "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a REAL, b BLOB, c INTEGER NOT NULL)"
            ),
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a DOUBLE PRECISION, b BYTEA, c BIGINT NOT NULL)"
        );
        assert_eq!(
            pg_type("CREATE TABLE t (\n    id INTEGER PRIMARY KEY,\n    n TEXT COLLATE NOCASE\n)"),
            "CREATE TABLE t (\n    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n    n TEXT \n)"
        );
        // A table key over several columns stays a key.
        assert_eq!(
            pg_type("PRIMARY KEY (attempt_id, seq)"),
            "PRIMARY KEY (attempt_id, seq)"
        );
    }

    #[test]
    fn the_server_schema_has_every_table_of_the_file_referenced_first() {
        let statements = pg_schema().unwrap();
        let tables: Vec<&str> = statements
            .iter()
            .filter_map(|s| s.strip_prefix("CREATE TABLE IF NOT EXISTS "))
            .map(|s| s.split([' ', '(']).next().unwrap_or_default())
            .collect();
        for t in [
            "attempts",
            "actions",
            "trainees",
            "assignments",
            "seals",
            "audit_log",
        ] {
            assert!(tables.contains(&t), "{t} missing from {tables:?}");
        }
        let at = |t: &str| tables.iter().position(|x| *x == t).unwrap();
        assert!(at("trainees") < at("attempts"));
        assert!(at("assignments") < at("attempts"));
        assert!(at("attempts") < at("actions"));
        assert!(
            statements
                .iter()
                .all(|s| !s.contains("INTEGER") && !s.contains("BLOB"))
        );
    }
}
