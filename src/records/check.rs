//! `verify`'s reading of the chain: the chain walked with the school's key, the anchor
//! beside the key, every attempt held to its seals and every action to its MAC, every
//! other record to its last seal (see [`super::chain`] for what is sealed and when).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::sql::{Behavior, OptionalExtension, params};

use super::anchor::{Anchor, Anchors};
use super::chain::{GONE, RECORDS, SealKind, Walk, before_first_seal, values_digest};
use super::digest::{DIGEST_COLUMNS, DigestRow, log_digest_of};
use super::seal::SchoolKey;
use super::{Db, Result};
use crate::i18n::Msg;

/// A problem the chain shows, said for the trainer.
#[derive(Clone, Debug)]
pub struct SealProblem {
    /// The attempt's number when the problem is one attempt's.
    pub attempt: Option<i64>,
    pub msg: Msg,
    /// Said, not held against the store (a store never sealed, an anchor behind).
    pub notice: bool,
}

/// The problems that make no record of the store trustworthy (the chain itself).
const CHAIN_PROBLEMS: [&str; 9] = [
    "seal-no-key",
    "seal-wrong-key",
    "seal-key-removed",
    "seal-broken",
    "seal-cut",
    "seal-cut-before",
    "seal-all-removed",
    "seal-store-replaced",
    "seal-store-replaced-before",
];

impl Db {
    /// Walks the chain with the school's key and holds every record to its last seal.
    /// `Err` only when the store cannot be read; every problem found is in the list.
    pub fn check_seals(&self, key: Option<&SchoolKey>) -> Result<Vec<SealProblem>> {
        self.check_seals_of(key, None)
    }

    /// [`Db::check_seals`], of one attempt only (`only`) besides the chain itself.
    pub fn check_seals_of(
        &self,
        key: Option<&SchoolKey>,
        only: Option<i64>,
    ) -> Result<Vec<SealProblem>> {
        let mut out = Vec::new();
        let problem = |attempt: Option<i64>, msg: Msg| SealProblem {
            attempt,
            msg,
            notice: false,
        };
        let notice = |msg: Msg| SealProblem {
            attempt: None,
            msg,
            notice: true,
        };
        // The anchor is read before the store's snapshot: it is written only after a
        // commit, so it can be behind what is read next, never ahead of it.
        let anchors = match key {
            Some(k) if super::settings::has_column(&self.conn, "attempts", "uuid")? => {
                Some(self.anchors(k)?)
            }
            Some(_) | None => None,
        };
        let read = self.conn.transaction(Behavior::Snapshot);
        // Already inside a transaction (`Err`): its snapshot is the one read.
        let _snapshot = read.ok();
        let Anchors {
            mine,
            replaced: others,
            renamed_from,
        } = anchors.unwrap_or_default();
        if !self.sealed()? && mine.is_none() && others.is_empty() {
            // Every store this release writes is sealed from its first record: one of its
            // format holding none had its seals taken off.
            let version: i64 = self.conn.user_version()?;
            let records: i64 = self
                .conn
                .query_row("SELECT COUNT(*) FROM attempts", [], |r| r.get(0))?;
            if version >= 3 && records > 0 {
                out.push(problem(None, Msg::new("seal-format-unsealed")));
            } else {
                out.push(notice(Msg::new("seal-never")));
            }
            return Ok(out);
        }
        let Some(key) = key else {
            out.push(problem(None, Msg::new("seal-no-key")));
            return Ok(out);
        };
        let known = super::settings::get_setting(&self.conn, "seal.key")?;
        match known {
            Some(f) if f != key.fingerprint() => {
                out.push(problem(
                    None,
                    Msg::new("seal-wrong-key").text("path", key.path.display().to_string()),
                ));
                return Ok(out);
            }
            Some(_) => {}
            None => out.push(problem(None, Msg::new("seal-key-removed"))),
        }
        // 1. The chain itself.
        let w = self.walk(key)?;
        if let Some(n) = w.broken {
            out.push(problem(None, Msg::new("seal-broken").int("n", n)));
        }
        // 2. The anchor beside the key.
        if let Some(old) = &renamed_from {
            out.push(problem(
                None,
                Msg::new("seal-identity-changed").text("old", old.clone()),
            ));
        }
        for o in &others {
            out.push(problem(
                None,
                Msg::new("seal-store-replaced")
                    .text("old", o.install.clone())
                    .text("path", self.path.display().to_string()),
            ));
        }
        let mut behind = None;
        match &mine {
            // A server's store keeps nothing beside a trainer's key (its roles guard it).
            None if self.conn.is_postgres() => {}
            None => out.push(notice(
                Msg::new("seal-no-anchor").text("dir", Self::anchor_dir(key).display().to_string()),
            )),
            Some(a) => {
                if let Some((n, mac)) = &a.head {
                    let here: Option<String> = self
                        .conn
                        .query_row("SELECT mac FROM seals WHERE seq = ?1", [n], |r| r.get(0))
                        .optional()?;
                    if *n > w.length || here.as_deref() != Some(mac.as_str()) {
                        // A copy: the store it was taken from may have grown since.
                        let copy = a
                            .path
                            .as_deref()
                            .filter(|p| *p != self.anchor_path() && Path::new(p).is_file());
                        let key = match (copy, *n > w.length) {
                            (Some(_), _) => "seal-cut-copy",
                            (None, true) => "seal-cut",
                            // As many seals or more, but not the one the anchor knows.
                            (None, false) => "seal-head-replaced",
                        };
                        out.push(problem(
                            None,
                            Msg::new(key)
                                .text("path", copy.unwrap_or_default())
                                .int("n", *n)
                                .int("found", w.length),
                        ));
                    } else if *n < w.length {
                        // Said at the end, if it is still behind then.
                        behind = Some(w.length);
                    }
                }
                for (n, _, found, at) in &a.cuts {
                    out.push(problem(
                        None,
                        Msg::new("seal-cut-before")
                            .int("n", *n)
                            .int("found", *found)
                            .moment("at", *at),
                    ));
                }
                for (old, at) in &a.replaced {
                    out.push(problem(
                        None,
                        Msg::new("seal-store-replaced-before")
                            .text("old", old.clone())
                            .moment("at", *at),
                    ));
                }
            }
        }
        if w.length == 0 {
            out.push(problem(None, Msg::new("seal-all-removed")));
            return Ok(out);
        }
        // A store its anchor says was sealed whole is held to everything, whatever its
        // own seals say.
        let w = Walk {
            upgraded: w.upgraded || mine.as_ref().is_some_and(|a| a.whole),
            ..w
        };
        // 3. Every attempt against its seals, every action against its MAC.
        self.check_attempts(key, &w, mine.as_ref(), only, &mut out)?;
        if only.is_none() {
            // 4. Every other record.
            if w.upgraded {
                self.check_records(&w, &mut out)?;
            } else {
                self.check_persons_v1(&w, &mut out)?;
            }
        }
        if let Some(found) = behind {
            // A program recording beside this one writes the anchor just after its commit:
            // read before the snapshot, it can miss the seals committed in between.
            // Behind is said only if it still is once everything else was read.
            let now = self.anchors(key)?.mine.and_then(|a| a.head);
            if let Some((n, _)) = now.filter(|(n, _)| *n < found) {
                out.push(notice(
                    Msg::new("seal-anchor-behind")
                        .int("n", n)
                        .int("found", found),
                ));
            }
        }
        Ok(out)
    }

    fn check_attempts(
        &self,
        key: &SchoolKey,
        w: &Walk,
        anchor: Option<&Anchor>,
        only: Option<i64>,
        out: &mut Vec<SealProblem>,
    ) -> Result<()> {
        let problem = |attempt: Option<i64>, msg: Msg| SealProblem {
            attempt,
            msg,
            notice: false,
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, uuid, status FROM attempts WHERE CAST(?1 AS BIGINT) IS NULL OR id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let attempts: Vec<(i64, Option<String>, String)> =
            rows.collect::<std::result::Result<_, _>>()?;
        // The whole store: the records, logs and files of a run of attempts read in three
        // queries, not three an attempt (on a server, each is a round trip over the
        // network), a run at a time (what is held in memory stays the same at any size).
        let mut bulk: Option<Bulk> = None;
        let mut present = BTreeSet::new();
        for (i, (id, uuid, status)) in attempts.iter().enumerate() {
            if only.is_none() && bulk.as_ref().is_none_or(|b| *id > b.last) {
                let end = (i + crate::limits::SEAL_CHECK_RUN).min(attempts.len());
                bulk = Some(self.bulk_logs(*id, attempts[end - 1].0)?);
            }
            let Some(uuid) = uuid.clone().filter(|u| !u.is_empty()) else {
                out.push(problem(Some(*id), Msg::new("seal-no-identity")));
                continue;
            };
            present.insert(uuid.clone());
            let last = |k: SealKind| w.last.get(&(uuid.clone(), k));
            let now_digest = |k: SealKind| -> Result<Option<String>> {
                let Some(b) = &bulk else {
                    return self.attempt_digest(*id, k);
                };
                let Some(row) = b.rows.get(id) else {
                    return Ok(None);
                };
                self.digest_of(row, k, || Ok(b.log_digest(*id))).map(Some)
            };
            match (last(SealKind::Start), last(SealKind::Adopt)) {
                (Some(start), _) => {
                    if now_digest(SealKind::Start)?.as_ref() != Some(start) {
                        out.push(problem(Some(*id), Msg::new("seal-start-changed")));
                        continue;
                    }
                }
                (None, Some(adopted)) => {
                    // Sealed as it stood when the seals began: held to that, or to its end.
                    let kind = if status == "open" {
                        SealKind::Start
                    } else {
                        SealKind::End
                    };
                    if last(SealKind::End).is_none() && now_digest(kind)?.as_ref() != Some(adopted)
                    {
                        out.push(problem(Some(*id), Msg::new("seal-adopted-changed")));
                        continue;
                    }
                }
                (None, None) => {
                    // Before the seals of a store not yet sealed by this release: said
                    // apart; otherwise a record FibreLab never made.
                    if w.upgraded || !before_first_seal(&w.last, *id) {
                        out.push(problem(Some(*id), Msg::new("seal-unsealed")));
                    }
                    continue;
                }
            }
            match (status.as_str(), last(SealKind::End)) {
                ("open", None) => {}
                ("open", Some(_)) => out.push(problem(Some(*id), Msg::new("seal-reopened"))),
                (_, None) if last(SealKind::Adopt).is_some() => {}
                (_, None) => out.push(problem(Some(*id), Msg::new("seal-end-missing"))),
                (_, Some(end)) => {
                    if now_digest(SealKind::End)?.as_ref() != Some(end) {
                        out.push(problem(Some(*id), Msg::new("seal-end-changed")));
                    }
                }
            }
            if w.upgraded {
                let changed = match &bulk {
                    Some(b) => self.check_log_rows(key, *id, &uuid, anchor, b.actions_of(*id))?,
                    None => self.check_log(key, *id, &uuid, anchor)?,
                };
                if let Some(m) = changed {
                    out.push(problem(Some(*id), m));
                }
            }
        }
        if only.is_some() {
            return Ok(());
        }
        // Sealed attempts that are gone.
        let mut gone: Vec<&String> = w
            .last
            .keys()
            .filter(|(s, k)| {
                matches!(k, SealKind::Start | SealKind::End | SealKind::Adopt)
                    && !present.contains(s)
            })
            .map(|(s, _)| s)
            .collect();
        gone.dedup();
        for uuid in gone {
            out.push(problem(
                None,
                Msg::new("seal-deleted").text("uuid", uuid.clone()),
            ));
        }
        Ok(())
    }

    /// An attempt's log against its actions' MACs and, while it is open, the last action
    /// the anchor knows. `Some(problem)` when it does not hold.
    pub(super) fn check_log(
        &self,
        key: &SchoolKey,
        id: i64,
        uuid: &str,
        anchor: Option<&Anchor>,
    ) -> Result<Option<Msg>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at_ms, recorded_at, action, mac FROM actions WHERE attempt_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(LogRow {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    recorded: r.get(2)?,
                    text: r.get(3)?,
                    mac: r.get(4)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        self.check_log_rows(key, id, uuid, anchor, &rows)
    }

    /// [`Db::check_log`] of a log already read.
    fn check_log_rows(
        &self,
        key: &SchoolKey,
        id: i64,
        uuid: &str,
        anchor: Option<&Anchor>,
        rows: &[LogRow],
    ) -> Result<Option<Msg>> {
        let mut prev = String::new();
        let mut count = 0i64;
        for row in rows {
            let (seq, at, recorded, text, mac) =
                (row.seq, row.at, row.recorded, &row.text, &row.mac);
            let expected = Self::action_mac(key, uuid, seq, at, recorded, text, &prev);
            if seq != count || mac.as_deref() != Some(expected.as_str()) {
                return Ok(Some(Msg::new("seal-action-changed").int("n", count + 1)));
            }
            prev = expected;
            count += 1;
        }
        if let Some((seq, mac)) = anchor.and_then(|a| a.open.get(uuid)) {
            let open: bool = self.conn.query_row(
                "SELECT status = 'open' FROM attempts WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let held: Option<String> = self
                .conn
                .query_row(
                    "SELECT mac FROM actions WHERE attempt_id = ?1 AND seq = ?2",
                    params![id, seq],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if open && held.as_deref() != Some(mac.as_str()) {
                return Ok(Some(
                    Msg::new("seal-actions-cut")
                        .int("n", seq + 1)
                        .int("found", count),
                ));
            }
        }
        Ok(None)
    }

    /// The records, logs and files of the attempts numbered `first` to `last`, read at
    /// once (for a check of the whole store).
    fn bulk_logs(&self, first: i64, last: i64) -> Result<Bulk> {
        let mut b = Bulk {
            last,
            ..Bulk::default()
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, {DIGEST_COLUMNS} WHERE a.id BETWEEN ?1 AND ?2"
        ))?;
        for row in stmt.query_map(params![first, last], |r| {
            Ok((r.get::<_, i64>(0)?, DigestRow::read(r, 1)?))
        })? {
            let (id, row) = row?;
            b.rows.insert(id, row);
        }
        let mut stmt = self.conn.prepare(
            "SELECT attempt_id, seq, at_ms, recorded_at, action, mac FROM actions
             WHERE attempt_id BETWEEN ?1 AND ?2 ORDER BY attempt_id, seq",
        )?;
        for row in stmt.query_map(params![first, last], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                LogRow {
                    seq: r.get(1)?,
                    at: r.get(2)?,
                    recorded: r.get(3)?,
                    text: r.get(4)?,
                    mac: r.get(5)?,
                },
            ))
        })? {
            let (id, row) = row?;
            b.actions.entry(id).or_default().push(row);
        }
        let mut stmt = self.conn.prepare(
            "SELECT attempt_id, name, sha256 FROM attempt_files
             WHERE attempt_id BETWEEN ?1 AND ?2 ORDER BY attempt_id, name",
        )?;
        for row in stmt.query_map(params![first, last], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, name, sha) = row?;
            b.files.entry(id).or_default().push((name, sha));
        }
        Ok(b)
    }

    /// Every record of [`RECORDS`] against its last seal; sealed records that are gone.
    fn check_records(&self, w: &Walk, out: &mut Vec<SealProblem>) -> Result<()> {
        for record in RECORDS {
            let sql = record.all_sql();
            let mut stmt = self.conn.prepare(&sql)?;
            let count = stmt.column_count()? - 1;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, values_digest(r, 1, count)?))
            })?;
            let mut present = BTreeSet::new();
            for row in rows {
                let (subject, digest) = row?;
                let said = |key: &str| {
                    Msg::new(key)
                        .msg(
                            "what",
                            Msg::new(format!("seal-what-{}", record.kind.code())),
                        )
                        .text("subject", subject.clone())
                };
                match w.last.get(&(subject.clone(), record.kind)) {
                    Some(d) if *d == digest => {}
                    Some(d) if d == GONE => out.push(SealProblem {
                        attempt: None,
                        msg: said("seal-record-back"),
                        notice: false,
                    }),
                    Some(_) => out.push(SealProblem {
                        attempt: None,
                        msg: said("seal-record-changed"),
                        notice: false,
                    }),
                    None => out.push(SealProblem {
                        attempt: None,
                        msg: said("seal-record-unsealed"),
                        notice: false,
                    }),
                }
                present.insert(subject);
            }
            for ((subject, kind), digest) in &w.last {
                if *kind == record.kind && digest != GONE && !present.contains(subject) {
                    out.push(SealProblem {
                        attempt: None,
                        msg: Msg::new("seal-record-deleted")
                            .msg(
                                "what",
                                Msg::new(format!("seal-what-{}", record.kind.code())),
                            )
                            .text("subject", subject.clone()),
                        notice: false,
                    });
                }
            }
        }
        Ok(())
    }

    /// The trainee records of a store sealed by the first sealing release.
    fn check_persons_v1(&self, w: &Walk, out: &mut Vec<SealProblem>) -> Result<()> {
        let uuids: Vec<String> = {
            let mut stmt = self.conn.prepare("SELECT uuid FROM trainees ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for uuid in uuids {
            let digest = self.person_digest_v1(&uuid)?;
            match w.last.get(&(uuid.clone(), SealKind::Person)) {
                Some(d) if Some(d) == digest.as_ref() => {}
                Some(_) => out.push(SealProblem {
                    attempt: None,
                    msg: Msg::new("seal-person-changed").text("uuid", uuid),
                    notice: false,
                }),
                None => out.push(SealProblem {
                    attempt: None,
                    msg: Msg::new("seal-person-unsealed").text("uuid", uuid),
                    notice: false,
                }),
            }
        }
        Ok(())
    }

    /// Whether an attempt's seals hold, for each attempt (no replay): what a listing
    /// shows as "verified". Every attempt is false when the chain does not hold.
    pub fn sealed_attempts(&self) -> Result<BTreeMap<i64, bool>> {
        let mut out = BTreeMap::new();
        let problems = match &self.key {
            Some(k) => self.check_seals_of(Some(k), None)?,
            None => return Ok(out),
        };
        let chain_ok = !problems
            .iter()
            .any(|p| !p.notice && CHAIN_PROBLEMS.contains(&p.msg.key.as_str()));
        let bad: BTreeSet<i64> = problems.iter().filter_map(|p| p.attempt).collect();
        let mut stmt = self.conn.prepare("SELECT id FROM attempts")?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        for id in ids {
            let id = id?;
            out.insert(id, chain_ok && !bad.contains(&id));
        }
        Ok(out)
    }
}

/// One action of a log as its seals read it.
pub(super) struct LogRow {
    seq: i64,
    at: i64,
    recorded: i64,
    text: String,
    mac: Option<String>,
}

/// A run of attempts' records, logs and files, by attempt (see [`Db::bulk_logs`]).
#[derive(Default)]
struct Bulk {
    /// The last attempt of the run.
    last: i64,
    rows: BTreeMap<i64, DigestRow>,
    actions: BTreeMap<i64, Vec<LogRow>>,
    files: BTreeMap<i64, Vec<(String, String)>>,
}

impl Bulk {
    fn actions_of(&self, id: i64) -> &[LogRow] {
        self.actions.get(&id).map_or(&[], Vec::as_slice)
    }

    fn log_digest(&self, id: i64) -> String {
        log_digest_of(
            self.actions_of(id)
                .iter()
                .map(|a| (a.seq, a.at, a.recorded, a.text.as_str())),
            self.files.get(&id).map_or(&[], Vec::as_slice),
        )
    }
}
