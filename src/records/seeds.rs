//! The seeds a store keeps under the school's key: an assessment attempt's seed and an
//! assessment's base seed are a trainee's answer key, so SQL on the store reads nothing
//! to replay without the key.

use super::sql::params;

use super::seal::SchoolKey;
use super::{Db, Result};

/// What a seed is kept under in the store: an assessment attempt's seed and an
/// assessment's base seed are a trainee's answer key, so SQL on the store does not read
/// them without the school's key.
fn seed_mask(key: &SchoolKey, what: &str, uuid: &str) -> u64 {
    let h = super::seal::hmac(
        &key.bytes,
        format!("fibrelab-seed-mask-v1|{what}|{uuid}").as_bytes(),
    );
    u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]])
}

/// The setting that says the assessment seeds are kept under the key.
const MASKED: &str = "seal.seeds";

impl Db {
    /// Whether this store keeps its assessment seeds under the key.
    fn seeds_masked(&self) -> bool {
        if let Some(m) = self.masked.get() {
            return m;
        }
        let m = super::settings::get_setting(&self.conn, MASKED)
            .ok()
            .flatten()
            .is_some_and(|v| v == "masked");
        self.masked.set(Some(m));
        m
    }

    /// Whether the seeds kept under a key can be read with this connection's: kept in
    /// clear, or kept under this very key.
    pub(super) fn key_opens_seeds(&self) -> bool {
        if !self.seeds_masked() {
            return true;
        }
        match (&self.key, self.fingerprint()) {
            (Some(k), Ok(Some(f))) => f == k.fingerprint(),
            (Some(_) | None, _) => false,
        }
    }

    fn mask(&self, what: &str, uuid: &str, value: u64) -> u64 {
        match &self.key {
            Some(key) if self.seeds_masked() => value ^ seed_mask(key, what, uuid),
            Some(_) | None => value,
        }
    }

    /// The seed of an attempt as the store keeps it (`assigned`: made for an assessment).
    pub(super) fn seed_to_store(&self, attempt_uuid: &str, assigned: bool, seed: u64) -> i64 {
        if assigned {
            self.mask("attempt", attempt_uuid, seed) as i64
        } else {
            seed as i64
        }
    }

    /// An attempt's seed from what the store keeps.
    pub(super) fn stored_seed(&self, attempt_uuid: &str, assigned: bool, stored: i64) -> u64 {
        if assigned {
            self.mask("attempt", attempt_uuid, stored as u64)
        } else {
            stored as u64
        }
    }

    /// An assessment's base seed as the store keeps it, and back (the same operation).
    pub(super) fn base_seed_stored(&self, assessment_uuid: &str, value: u64) -> u64 {
        self.mask("assessment", assessment_uuid, value)
    }

    /// Puts the seeds already stored under the key (once, when the store is first sealed
    /// by this release).
    pub(super) fn mask_stored_seeds(&self) -> Result<()> {
        let Some(key) = self.key.clone() else {
            return Ok(());
        };
        // A server keeps its seeds in tables no seat can read, in clear (the seat
        // functions draw them there).
        if self.seeds_masked() || self.conn.is_postgres() {
            return Ok(());
        }
        let attempts: Vec<(i64, String, i64)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, COALESCE(uuid, ''), seed FROM attempts WHERE assignment_id IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (id, uuid, seed) in attempts {
            let masked = (seed as u64) ^ seed_mask(&key, "attempt", &uuid);
            self.conn.execute(
                "UPDATE attempts SET seed = ?2 WHERE id = ?1",
                params![id, masked as i64],
            )?;
        }
        let assessments: Vec<(i64, String, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, uuid, base_seed FROM assessments")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (id, uuid, seed) in assessments {
            let masked = (seed as u64) ^ seed_mask(&key, "assessment", &uuid);
            self.conn.execute(
                "UPDATE assessments SET base_seed = ?2 WHERE id = ?1",
                params![id, masked as i64],
            )?;
        }
        super::settings::set_setting(&self.conn, MASKED, "masked")?;
        self.masked.set(Some(true));
        Ok(())
    }
}
