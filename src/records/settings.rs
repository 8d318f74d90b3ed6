//! The store's small helpers every part of it uses: a setting read and written, whether a
//! column exists (a store of an earlier format), a new identifier.

use super::Result;
use super::sql::{Conn, OptionalExtension, params};

pub(super) fn has_column(conn: &Conn, table: &str, column: &str) -> Result<bool> {
    if conn.is_postgres() {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2",
            params![table, column],
            |r| r.get(0),
        )?;
        return Ok(n > 0);
    }
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    for n in names {
        if n? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) fn get_setting(conn: &Conn, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(super) fn set_setting(conn: &Conn, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The setting that holds the school's time zone (an IANA name).
pub const TIME_ZONE_SETTING: &str = "school.time_zone";
