//! The one door to the school's store: an embedded SQLite file (one machine), or a
//! PostgreSQL server (a room of seats). The records are written once, in SQLite's SQL
//! (`?1` parameters, SQLite's few words of its own); on PostgreSQL each statement is
//! translated once ([`pg_dialect`]) and values cross in both directions as the five kinds
//! SQLite knows ([`Value`]): integers, reals, text, bytes and null. The calls have
//! rusqlite's shape (`execute`, `query_row`, `prepare` + `query_map`, `.optional()`), so
//! the records read the same on either engine.

mod value;

pub use value::*;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::types::{IsNull, Type, to_sql_checked};
use rusqlite::types::ValueRef;

/// How a write transaction waits for others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behavior {
    /// Reads first, takes the write lock when it writes.
    Deferred,
    /// Takes the write lock at once (writers queue, so two never number seals alike).
    Immediate,
    /// Reads one snapshot of the whole store (a check that walks it).
    Snapshot,
}

/// A connection to a PostgreSQL server, with the id of its session's last insert.
pub struct PgConn {
    client: postgres::Client,
}

/// The store's connection: SQLite's or PostgreSQL's.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Pg {
        conn: Box<RefCell<PgConn>>,
        /// Inside a transaction begun here.
        in_tx: Cell<bool>,
        /// Each statement as translated for the server, by its SQLite text.
        translated: RefCell<HashMap<String, String>>,
    },
}

/// How the comment on a PostgreSQL school schema gives its format.
const PG_FORMAT_PREFIX: &str = "fibrelab-format-";

/// The lock every writer of a PostgreSQL store takes for its transaction (the seat
/// functions take it too before they seal), so seals are numbered one after the other.
pub const PG_WRITE_LOCK: &str = "LOCK TABLE fibrelab.seals IN SHARE ROW EXCLUSIVE MODE";

impl Conn {
    /// A PostgreSQL connection already made (its `search_path` set to the school's schema).
    pub fn postgres(client: postgres::Client) -> Conn {
        Conn::Pg {
            conn: Box::new(RefCell::new(PgConn { client })),
            in_tx: Cell::new(false),
            translated: RefCell::new(HashMap::new()),
        }
    }

    /// Puts a new client in place of a server's lost one (its search path set again).
    pub fn replace_client(&self, mut client: postgres::Client, schema: &str) -> Result<()> {
        match self {
            Conn::Sqlite(_) => Ok(()),
            Conn::Pg { conn, in_tx, .. } => {
                client.batch_execute(&format!("SET search_path = {schema}"))?;
                conn.borrow_mut().client = client;
                in_tx.set(false);
                Ok(())
            }
        }
    }

    /// SQLite's own connection (pragmas, checks of the file), when the store is one.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Pg { .. } => None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Pg { .. })
    }

    fn pg_sql(&self, sql: &str) -> String {
        match self {
            Conn::Pg { translated, .. } => {
                if let Some(t) = translated.borrow().get(sql) {
                    return t.clone();
                }
                let t = pg_dialect(sql);
                translated.borrow_mut().insert(sql.to_string(), t.clone());
                t
            }
            Conn::Sqlite(_) => sql.to_string(),
        }
    }

    /// Runs one statement; the rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let values = params.values();
        match self {
            Conn::Sqlite(c) => Ok(c.execute(sql, rusqlite::params_from_iter(values.iter()))?),
            Conn::Pg { conn, .. } => {
                let sql = self.pg_sql(sql);
                let refs = pg_params(&values);
                let n = conn.borrow_mut().client.execute(sql.as_str(), &refs)?;
                Ok(n as usize)
            }
        }
    }

    /// The rows of a query, each through `f`.
    pub fn query_all<P: Params, T, F: FnMut(&Row) -> Result<T>>(
        &self,
        sql: &str,
        params: P,
        mut f: F,
    ) -> Result<Vec<Result<T>>> {
        let values = params.values();
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let n = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let row = sqlite_row(r, n)?;
                    out.push(f(&row));
                }
                Ok(out)
            }
            Conn::Pg { conn, .. } => {
                let sql = self.pg_sql(sql);
                let refs = pg_params(&values);
                let rows = conn.borrow_mut().client.query(sql.as_str(), &refs)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let row = pg_row(r)?;
                    out.push(f(&row));
                }
                Ok(out)
            }
        }
    }

    /// The first row of a query through `f` ([`Error::NoRows`] when there is none).
    pub fn query_row<P: Params, T, F: FnOnce(&Row) -> Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> Result<T> {
        let mut f = Some(f);
        let mut first = None;
        let rows = self.query_all(sql, params, |r| {
            if let Some(f) = f.take() {
                first = Some(f(r));
            }
            Ok(())
        })?;
        drop(rows);
        first.unwrap_or(Err(Error::NoRows))
    }

    /// A statement to run (kept as its text: each engine caches its own plans).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            conn: self,
            sql: sql.to_string(),
            lite: match self {
                Conn::Sqlite(c) => Some(c.prepare_cached(sql)?),
                Conn::Pg { .. } => None,
            },
        })
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    /// Several statements without parameters or results.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg { conn, .. } => {
                let sql = pg_dialect(sql);
                Ok(conn.borrow_mut().client.batch_execute(&sql)?)
            }
        }
    }

    /// The id the last insert of this connection was given.
    pub fn last_insert_rowid(&self) -> i64 {
        match self {
            Conn::Sqlite(c) => c.last_insert_rowid(),
            Conn::Pg { conn, .. } => conn
                .borrow_mut()
                .client
                .query_one("SELECT lastval()", &[])
                .ok()
                .and_then(|r| r.try_get::<_, i64>(0).ok())
                .unwrap_or(0),
        }
    }

    /// Outside any transaction.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Conn::Sqlite(c) => c.is_autocommit(),
            Conn::Pg { in_tx, .. } => !in_tx.get(),
        }
    }

    /// Begins a transaction, rolled back when its guard is dropped uncommitted.
    pub fn transaction(&self, behavior: Behavior) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(c) => {
                c.execute_batch(match behavior {
                    Behavior::Deferred | Behavior::Snapshot => "BEGIN DEFERRED",
                    Behavior::Immediate => "BEGIN IMMEDIATE",
                })?;
            }
            Conn::Pg { conn, in_tx, .. } => {
                let mut c = conn.borrow_mut();
                c.client.batch_execute(match behavior {
                    Behavior::Deferred | Behavior::Immediate => "BEGIN",
                    Behavior::Snapshot => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                })?;
                in_tx.set(true);
                if behavior == Behavior::Immediate {
                    // The lock the seat functions take before they seal.
                    c.client.batch_execute(PG_WRITE_LOCK)?;
                }
            }
        }
        Ok(Tx {
            conn: self,
            done: false,
        })
    }

    /// The format of the tables: SQLite's `user_version`; on PostgreSQL, the comment on
    /// the school's schema (`fibrelab-format-N`), kept out of the sealed tables.
    pub fn user_version(&self) -> Result<i64> {
        match self {
            Conn::Sqlite(c) => Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?),
            Conn::Pg { .. } => {
                let comment: Option<String> = self.query_row(
                    "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace
                     WHERE nspname = current_schema()",
                    [],
                    |r| r.get(0),
                )?;
                Ok(comment
                    .and_then(|c| c.strip_prefix(PG_FORMAT_PREFIX)?.parse().ok())
                    .unwrap_or(0))
            }
        }
    }

    pub fn set_user_version(&self, version: i64) -> Result<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.pragma_update(None, "user_version", version)?),
            Conn::Pg { .. } => {
                let schema: String = self.query_row("SELECT current_schema()", [], |r| r.get(0))?;
                self.execute_batch(&format!(
                    "COMMENT ON SCHEMA \"{}\" IS '{PG_FORMAT_PREFIX}{version}'",
                    schema.replace('"', "")
                ))
            }
        }
    }

    /// `unchecked_transaction` of rusqlite: a deferred one.
    pub fn unchecked_transaction(&self) -> Result<Tx<'_>> {
        self.transaction(Behavior::Deferred)
    }

    fn end(&self, commit: bool) -> Result<()> {
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg { conn, in_tx, .. } => {
                in_tx.set(false);
                Ok(conn.borrow_mut().client.batch_execute(sql)?)
            }
        }
    }
}

/// A transaction under way: committed by [`Tx::commit`], rolled back when dropped.
pub struct Tx<'c> {
    conn: &'c Conn,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.end(true)
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.end(false);
        }
    }
}

/// A statement, run as often as needed.
pub struct Statement<'c> {
    conn: &'c Conn,
    sql: String,
    /// SQLite's prepared statement (a server's are prepared as they run).
    lite: Option<rusqlite::CachedStatement<'c>>,
}

/// The rows of a query as they are read: one at a time from SQLite (a listing of any
/// size holds one row in memory), all at once from a server.
pub enum Rows<'s, T> {
    Streamed(Box<dyn Iterator<Item = Result<T>> + 's>),
    Read(std::vec::IntoIter<Result<T>>),
}

impl<T> Iterator for Rows<'_, T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self {
            Rows::Streamed(i) => i.next(),
            Rows::Read(i) => i.next(),
        }
    }
}

impl<'c> Statement<'c> {
    pub fn query_map<'s, P: Params, T: 's, F: FnMut(&Row) -> Result<T> + 's>(
        &'s mut self,
        params: P,
        mut f: F,
    ) -> Result<Rows<'s, T>> {
        match &mut self.lite {
            Some(stmt) => {
                let values = params.values();
                let n = stmt.column_count();
                // SQLite copies the parameters as it binds them.
                let mut q = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                let mut failed = false;
                Ok(Rows::Streamed(Box::new(std::iter::from_fn(move || {
                    if failed {
                        return None;
                    }
                    match q.next() {
                        Ok(Some(r)) => Some(sqlite_row(r, n).and_then(|row| f(&row))),
                        Ok(None) => None,
                        Err(e) => {
                            failed = true;
                            Some(Err(e.into()))
                        }
                    }
                }))))
            }
            None => Ok(Rows::Read(
                self.conn.query_all(&self.sql, params, f)?.into_iter(),
            )),
        }
    }

    pub fn query_row<P: Params, T, F: FnOnce(&Row) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<T> {
        self.conn.query_row(&self.sql, params, f)
    }

    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        self.conn.execute(&self.sql, params)
    }

    /// The number of columns the statement gives.
    pub fn column_count(&self) -> Result<usize> {
        match (&self.lite, self.conn) {
            (Some(stmt), _) => Ok(stmt.column_count()),
            (None, Conn::Sqlite(c)) => Ok(c.prepare_cached(&self.sql)?.column_count()),
            (None, Conn::Pg { conn, .. }) => {
                let sql = self.conn.pg_sql(&self.sql);
                Ok(conn.borrow_mut().client.prepare(&sql)?.columns().len())
            }
        }
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ToSqlOutput::Borrowed;
        Ok(Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

fn sqlite_row(r: &rusqlite::Row<'_>, n: usize) -> Result<Row> {
    let mut values = Vec::with_capacity(n);
    for i in 0..n {
        values.push(match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(v) => Value::Int(v),
            ValueRef::Real(v) => Value::Real(v),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        });
    }
    Ok(Row { values })
}

fn pg_row(r: &postgres::Row) -> Result<Row> {
    let mut values = Vec::with_capacity(r.len());
    for i in 0..r.len() {
        values.push(r.try_get::<_, Value>(i)?);
    }
    Ok(Row { values })
}

fn pg_params(values: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

type BoxError = Box<dyn StdError + Sync + Send>;

fn int_for(ty: &Type, i: i64, out: &mut BytesMut) -> std::result::Result<(), BoxError> {
    use postgres_protocol::types as p;
    match *ty {
        Type::INT8 => p::int8_to_sql(i, out),
        Type::INT4 => p::int4_to_sql(i32::try_from(i)?, out),
        Type::INT2 => p::int2_to_sql(i16::try_from(i)?, out),
        Type::FLOAT8 => p::float8_to_sql(i as f64, out),
        Type::FLOAT4 => p::float4_to_sql(i as f32, out),
        Type::BOOL => p::bool_to_sql(i != 0, out),
        _ => p::text_to_sql(&i.to_string(), out),
    }
    Ok(())
}

impl postgres::types::ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        use postgres_protocol::types as p;
        match self {
            Value::Null => return Ok(IsNull::Yes),
            Value::Int(i) => int_for(ty, *i, out)?,
            Value::Real(r) => match *ty {
                Type::FLOAT8 => p::float8_to_sql(*r, out),
                Type::FLOAT4 => p::float4_to_sql(*r as f32, out),
                Type::INT8 | Type::INT4 | Type::INT2 if r.fract() == 0.0 => {
                    int_for(ty, *r as i64, out)?
                }
                _ => p::text_to_sql(&r.to_string(), out),
            },
            Value::Text(t) => match *ty {
                Type::BYTEA => p::bytea_to_sql(t.as_bytes(), out),
                Type::INT8 | Type::INT4 | Type::INT2 => match t.trim().parse::<i64>() {
                    Ok(i) => int_for(ty, i, out)?,
                    Err(_) => return Err(format!("{t:?} is not an integer").into()),
                },
                _ => p::text_to_sql(t, out),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => p::bytea_to_sql(b, out),
                _ => p::text_to_sql(&String::from_utf8_lossy(b), out),
            },
        }
        Ok(IsNull::No)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> postgres::types::FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        use postgres_protocol::types as p;
        Ok(match *ty {
            Type::INT8 => Value::Int(p::int8_from_sql(raw)?),
            Type::INT4 => Value::Int(i64::from(p::int4_from_sql(raw)?)),
            Type::INT2 => Value::Int(i64::from(p::int2_from_sql(raw)?)),
            Type::OID => Value::Int(i64::from(p::oid_from_sql(raw)?)),
            Type::BOOL => Value::Int(i64::from(p::bool_from_sql(raw)?)),
            Type::FLOAT8 => Value::Real(p::float8_from_sql(raw)?),
            Type::FLOAT4 => Value::Real(f64::from(p::float4_from_sql(raw)?)),
            Type::BYTEA => Value::Blob(p::bytea_from_sql(raw).to_vec()),
            Type::NUMERIC => numeric(raw)?,
            _ => Value::Text(p::text_from_sql(raw)?.to_string()),
        })
    }

    fn from_sql_null(_ty: &Type) -> std::result::Result<Self, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

/// A NUMERIC in PostgreSQL's binary form (what `SUM` over integers gives): an integer
/// when it has no fraction and fits, else a real.
fn numeric(raw: &[u8]) -> std::result::Result<Value, BoxError> {
    let word = |i: usize| -> std::result::Result<i64, BoxError> {
        match raw.get(i..i + 2) {
            Some(b) => Ok(i64::from(i16::from_be_bytes([b[0], b[1]]))),
            None => Err("numeric cut short".into()),
        }
    };
    let (ndigits, weight, sign, scale) = (word(0)?, word(2)?, word(4)?, word(6)?);
    if sign == 0xC000_u16 as i16 as i64 {
        return Ok(Value::Real(f64::NAN));
    }
    // Digits of base 10 000, the first one worth 10 000^weight.
    let mut value = 0f64;
    for d in 0..ndigits.max(0) as usize {
        value = value * 10_000.0 + word(8 + 2 * d)? as f64;
    }
    for _ in 0..(weight + 1 - ndigits).max(0) {
        value *= 10_000.0;
    }
    for _ in 0..(ndigits - weight - 1).max(0) {
        value /= 10_000.0;
    }
    if sign == 0x4000 {
        value = -value;
    }
    if scale == 0 && value.abs() < 9.0e15 {
        return Ok(Value::Int(value as i64));
    }
    Ok(Value::Real(value))
}

/// A statement in SQLite's SQL as PostgreSQL reads it: `?N` → `$N`, `INSERT OR IGNORE`
/// → `ON CONFLICT DO NOTHING`, `COLLATE NOCASE` → the server's collation, `group_concat`
/// → `string_agg`. Quoted text is left as it is.
pub fn pg_dialect(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.char_indices().peekable();
    let mut quote: Option<char> = None;
    let mut next_anon = 1;
    while let Some((_, c)) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some((_, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                if digits.is_empty() {
                    digits = next_anon.to_string();
                    next_anon += 1;
                }
                out.push('$');
                out.push_str(&digits);
            }
            _ => out.push(c),
        }
    }
    let mut words = replace_word(&out, "COLLATE NOCASE", "");
    words = replace_word(&words, "group_concat(", "string_agg(");
    if words.contains("INSERT OR IGNORE INTO") {
        words = words.replace("INSERT OR IGNORE INTO", "INSERT INTO");
        let end = words.trim_end().trim_end_matches(';').len();
        words.truncate(end);
        words.push_str(" ON CONFLICT DO NOTHING");
    }
    words
}

/// `s` with `from` (any case) replaced by `to`.
fn replace_word(s: &str, from: &str, to: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let needle = from.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(at) = lower[i..].find(&needle) {
        out.push_str(&s[i..i + at]);
        out.push_str(to);
        i += at + needle.len();
    }
    out.push_str(&s[i..]);
    out
}

/// Whether a store's name is a server's URL rather than a file.
pub fn is_server_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// Whether a path names a server.
pub fn is_server_path(p: &std::path::Path) -> bool {
    p.to_str().is_some_and(is_server_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_statements_read_as_postgresql() {
        assert_eq!(
            pg_dialect("SELECT a FROM t WHERE b = ?1 AND c = ?12 AND d = '?3'"),
            "SELECT a FROM t WHERE b = $1 AND c = $12 AND d = '?3'"
        );
        assert_eq!(
            pg_dialect("INSERT OR IGNORE INTO m (a, b) VALUES (?1, ?2)"),
            "INSERT INTO m (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            pg_dialect("SELECT x FROM t ORDER BY name COLLATE NOCASE, id"),
            "SELECT x FROM t ORDER BY name , id"
        );
        assert_eq!(
            pg_dialect("SELECT group_concat(c.name, ', ') FROM c"),
            "SELECT string_agg(c.name, ', ') FROM c"
        );
    }

    #[test]
    fn values_cross_the_sqlite_door_as_stored() {
        let c = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        c.execute_batch("CREATE TABLE t (a INTEGER, b REAL, c TEXT, d BLOB)")
            .unwrap();
        c.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4)",
            params![-7i64, 2.5, "é", vec![0u8, 255]],
        )
        .unwrap();
        assert_eq!(c.last_insert_rowid(), 1);
        let row: (i64, f64, String, Vec<u8>) = c
            .query_row("SELECT a, b, c, d FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!(row, (-7, 2.5, "é".to_string(), vec![0, 255]));
        let none: Option<i64> = c
            .query_row("SELECT a FROM t WHERE a = ?1", [3i64], |r| r.get(0))
            .optional()
            .unwrap();
        assert_eq!(none, None);
        let mut stmt = c.prepare("SELECT c FROM t").unwrap();
        let all: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(all, vec!["é".to_string()]);
    }

    #[test]
    fn a_dropped_transaction_is_rolled_back() {
        let c = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        c.execute_batch("CREATE TABLE t (a INTEGER)").unwrap();
        {
            let tx = c.transaction(Behavior::Immediate).unwrap();
            tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
            assert!(!c.is_autocommit());
        }
        assert!(c.is_autocommit());
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn numerics_read_as_numbers() {
        // 12345678 as NUMERIC: two base-10000 digits 1234, 5678, weight 1, scale 0.
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xD2, 0x16, 0x2E];
        assert_eq!(numeric(&raw).unwrap(), Value::Int(12_345_678));
    }
}
