//! What the store's chain of seals is anchored to outside the store: a small file per
//! store beside the school's key, where SQL on the store cannot reach it. It holds the
//! store's identity and path, the chain's head (its length and last seal), the last
//! action of each attempt under way, and every cut of the chain FibreLab found on
//! writing (so that a cut stays told after the next write has grown the chain again).
//!
//! The file is written only after the store's transaction has committed, and never
//! backwards, so a crash or a full disk leaves it behind the store (said as a lag by
//! `verify`), never ahead of it (which would read as tampering).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::sql::OptionalExtension;

use super::seal::SchoolKey;
use super::{Db, Result};

/// The first line of an anchor file.
const MAGIC: &str =
    "# FibreLab: the anchor of one store's chain of seals, beside the school's key. Do not edit.";

/// One store's anchor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The store's identity (`install.uuid`).
    pub install: String,
    /// The store file's path when last written (canonical).
    pub path: Option<String>,
    /// The store's first seal: it names the store whatever its tables say.
    pub first: Option<String>,
    /// The store was sealed whole (every record, every action) by this release: what it
    /// held before is never sealed as it stands again.
    pub whole: bool,
    /// The chain's length and its last seal.
    pub head: Option<(i64, String)>,
    /// Each attempt under way: its last action's number and seal.
    pub open: BTreeMap<String, (i64, String)>,
    /// Cuts found on writing: (seal expected, its mac, chain length found, when).
    pub cuts: Vec<(i64, String, i64, i64)>,
    /// Another store found at this path before this one: (its identity, when).
    pub replaced: Vec<(String, i64)>,
    /// Wrong PINs in a row, by whom they were typed for: (count, when the last was).
    /// Kept here, SQL on the store cannot reset them.
    pub tries: BTreeMap<String, (u32, i64)>,
    /// The PIN hash FibreLab gave each trainer and each trainee who has had one (a digest
    /// of it): a hash put in a record by SQL opens nothing.
    pub pins: BTreeMap<String, String>,
}

impl Anchor {
    fn parse(text: &str) -> Anchor {
        let mut a = Anchor::default();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                // The first anchors (one line: "n mac").
                [n, mac] if n.parse::<i64>().is_ok() => {
                    a.head = n.parse().ok().map(|n| (n, mac.to_string()));
                }
                ["store", id] => a.install = id.to_string(),
                ["path", ..] => {
                    a.path = line
                        .strip_prefix("path ")
                        .map(|p| p.trim_end_matches(['\r', '\n']).to_string());
                }
                ["head", n, mac] => a.head = n.parse().ok().map(|n| (n, mac.to_string())),
                ["first", mac] => a.first = Some(mac.to_string()),
                ["sealed", "whole"] => a.whole = true,
                ["open", uuid, seq, mac] => {
                    if let Ok(seq) = seq.parse() {
                        a.open.insert(uuid.to_string(), (seq, mac.to_string()));
                    }
                }
                ["cut", n, mac, found, at] => {
                    if let (Ok(n), Ok(found), Ok(at)) = (n.parse(), found.parse(), at.parse()) {
                        a.cuts.push((n, mac.to_string(), found, at));
                    }
                }
                ["pin", who, digest] => {
                    a.pins.insert(who.to_string(), digest.to_string());
                }
                ["tries", who, n, at] => {
                    if let (Ok(n), Ok(at)) = (n.parse(), at.parse()) {
                        a.tries.insert(who.to_string(), (n, at));
                    }
                }
                ["replaced", id, at] => {
                    if let Ok(at) = at.parse() {
                        a.replaced.push((id.to_string(), at));
                    }
                }
                _ => {}
            }
        }
        a
    }

    fn text(&self) -> String {
        let mut s = format!("{MAGIC}\nstore {}\n", self.install);
        if let Some(p) = &self.path {
            s.push_str(&format!("path {p}\n"));
        }
        if let Some(mac) = &self.first {
            s.push_str(&format!("first {mac}\n"));
        }
        if self.whole {
            s.push_str("sealed whole\n");
        }
        if let Some((n, mac)) = &self.head {
            s.push_str(&format!("head {n} {mac}\n"));
        }
        for (uuid, (seq, mac)) in &self.open {
            s.push_str(&format!("open {uuid} {seq} {mac}\n"));
        }
        for (n, mac, found, at) in &self.cuts {
            s.push_str(&format!("cut {n} {mac} {found} {at}\n"));
        }
        for (id, at) in &self.replaced {
            s.push_str(&format!("replaced {id} {at}\n"));
        }
        for (who, (n, at)) in &self.tries {
            s.push_str(&format!("tries {who} {n} {at}\n"));
        }
        for (who, digest) in &self.pins {
            s.push_str(&format!("pin {who} {digest}\n"));
        }
        s
    }
}

/// What the anchor keeps of a PIN hash.
fn pin_digest(hash: Option<&str>) -> String {
    let h = super::seal::sha256(format!("fibrelab-pin|{}", hash.unwrap_or("none")).as_bytes());
    super::seal::hex(&h)[..32].to_string()
}

/// The anchor file of a store in the key's folder.
pub fn file_for(dir: &Path, install: &str) -> PathBuf {
    dir.join(format!("chain-{install}.head"))
}

/// Reads an anchor file (`None` when there is none).
pub fn read(file: &Path) -> Option<Anchor> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut a = Anchor::parse(&text);
    if a.install.is_empty() {
        // The first anchors were named by the store's identity only.
        a.install = file
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("chain-"))
            .unwrap_or_default()
            .to_string();
    }
    Some(a)
}

/// Every anchor of the key's folder.
pub fn all(dir: &Path) -> Vec<Anchor> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("chain-") && n.ends_with(".head"))
        })
        .filter_map(|p| read(&p))
        .collect()
}

/// Changes an anchor file under a lock (other programs writing the same store wait),
/// written whole under another name and then put in place.
pub fn update(file: &Path, change: impl FnOnce(&mut Anchor)) -> std::io::Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(file.with_extension("head.lock"))?;
    lock.lock()?;
    let mut a = read(file).unwrap_or_default();
    change(&mut a);
    let tmp = file.with_extension("head.tmp");
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(a.text().as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    let _ = lock.unlock();
    written
}

/// The anchors beside the key that concern a store (see [`Db::anchors`]).
#[derive(Debug, Default)]
pub(super) struct Anchors {
    pub mine: Option<Anchor>,
    pub replaced: Vec<Anchor>,
    /// The identity this store was sealed under, when its `install.uuid` was changed.
    pub renamed_from: Option<String>,
}

impl Db {
    /// Takes a try at a PIN typed for `who`, counted in the anchor beside the key (SQL on
    /// the store cannot reset the count) under its lock: refused while the wrong ones in a
    /// row make it wait (`Err(seconds)`), else counted as wrong until it opens, so programs
    /// trying at once each wait their turn (`Ok(wrong ones before it)`). `None` when the
    /// count cannot be kept there (no key, a folder that cannot be written).
    pub(super) fn take_pin_try(
        &self,
        who: &str,
        now: i64,
    ) -> Option<std::result::Result<u32, i64>> {
        let key = self.key.as_ref()?;
        let file = self.tries_file(key)?;
        let install = self.install_uuid().ok()?;
        let mut taken = None;
        update(&file, |a| {
            if a.install.is_empty() {
                a.install = install.clone();
            }
            let (failures, last) = a.tries.get(who).copied().unwrap_or((0, 0));
            let wait = super::pins::wait_ms(failures);
            taken = Some(if wait > 0 && now < last + wait {
                Err((last + wait - now + 999) / 1000)
            } else {
                a.tries.insert(who.to_string(), (failures + 1, now));
                Ok(failures)
            });
        })
        .ok()?;
        taken
    }

    /// A PIN opened: the count of wrong ones for `who` starts afresh.
    pub(super) fn pin_try_opened(&self, who: &str) {
        let Some(file) = self.key.as_ref().and_then(|k| self.tries_file(k)) else {
            return;
        };
        let _ = update(&file, |a| {
            a.tries.remove(who);
        });
    }

    /// The anchor file the PIN tries are counted in: this store's, as found by its
    /// identity or its first seal (never a new one for an identity SQL gave it).
    fn tries_file(&self, key: &SchoolKey) -> Option<PathBuf> {
        // A server's store: its key has no folder here (the tries are counted in its
        // audit log, which no trainer's login can empty without breaking its seals).
        if self.conn.is_postgres() {
            return None;
        }
        let dir = Self::anchor_dir(key);
        match self.anchors(key).ok()?.mine {
            Some(a) => Some(file_for(&dir, &a.install)),
            None => Some(file_for(&dir, &self.install_uuid().ok()?)),
        }
    }

    /// The digests of the PIN hashes of every trainer, and of every trainee who has a PIN.
    pub(super) fn pin_digests(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT 'trainer:' || uuid, pin_hash FROM trainers
             UNION ALL SELECT 'trainee:' || uuid, pin_hash FROM trainees WHERE pin_hash IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                pin_digest(r.get::<_, Option<String>>(1)?.as_deref()),
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Notes the PIN hash FibreLab gave `who` (`trainer:…`, `trainee:…`) for the anchor.
    pub(super) fn note_pin(&self, who: &str, hash: Option<&str>) {
        self.pending
            .borrow_mut()
            .pins
            .push((who.to_string(), pin_digest(hash)));
    }

    /// Whether a PIN hash (`None`: no PIN) is the one FibreLab gave `who`: as the anchor
    /// beside the key keeps it, else (a store moved here, sealed before the anchors kept
    /// PINs) as its record's seal vouches for it. With another key than the store's,
    /// nothing can be vouched for, nor written, nor a seed read: it is not held against.
    pub(super) fn pin_vouched(
        &self,
        who: &str,
        hash: Option<&str>,
        vouched_by_seal: impl FnOnce() -> Result<bool>,
    ) -> Result<bool> {
        let Some(key) = &self.key else {
            return Ok(true);
        };
        if self.fingerprint()?.is_some_and(|f| f != key.fingerprint()) {
            return Ok(true);
        }
        if let Some(d) = self
            .anchors(key)?
            .mine
            .and_then(|a| a.pins.get(who).cloned())
        {
            return Ok(d == pin_digest(hash));
        }
        vouched_by_seal()
    }

    /// The last action of every attempt under way: (uuid, its number and seal).
    fn open_logs(&self) -> Result<Vec<super::chain::OpenLog>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.uuid, x.seq, x.mac FROM attempts a JOIN actions x ON x.attempt_id = a.id
             WHERE a.status = 'open' AND a.uuid IS NOT NULL AND x.mac IS NOT NULL
               AND x.seq = (SELECT MAX(seq) FROM actions y WHERE y.attempt_id = a.id)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, Some((r.get(1)?, r.get(2)?))))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The store file's path as the anchor names it.
    pub(super) fn anchor_path(&self) -> String {
        self.path
            .canonicalize()
            .unwrap_or_else(|_| self.path.clone())
            .display()
            .to_string()
    }

    pub(super) fn anchor_dir(key: &SchoolKey) -> PathBuf {
        key.path.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// The store's first seal, which names it whatever its tables say.
    pub(super) fn first_seal(&self) -> Option<String> {
        self.conn
            .query_row("SELECT mac FROM seals WHERE seq = 1", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    }

    /// The anchors beside the key that concern this store: its own (by its identity, or by
    /// its first seal when its identity was changed), and those of other stores that were
    /// in its file.
    pub(super) fn anchors(&self, key: &SchoolKey) -> Result<Anchors> {
        if self.conn.is_postgres() {
            // A server's store has no folder of its own beside a key: its roles keep
            // its tables (no trainer's login may delete a seal, see `server`).
            return Ok(Anchors::default());
        }
        let install = self.install_uuid()?;
        let path = self.anchor_path();
        let first = self.first_seal();
        let all = all(&Self::anchor_dir(key));
        let by_first = || {
            first
                .as_deref()
                .and_then(|f| all.iter().find(|a| a.first.as_deref() == Some(f)))
        };
        let (mine, renamed_from) = match all.iter().find(|a| a.install == install) {
            Some(a) => (Some(a.clone()), None),
            None => match by_first() {
                Some(a) => (Some(a.clone()), Some(a.install.clone())),
                None => (None, None),
            },
        };
        let replaced = all
            .iter()
            .filter(|a| {
                a.path.as_deref() == Some(path.as_str())
                    && a.install != install
                    && Some(&a.install) != renamed_from.as_ref()
            })
            .cloned()
            .collect();
        Ok(Anchors {
            mine,
            replaced,
            renamed_from,
        })
    }

    /// Writes what the last commit sealed beside the key. The anchor never goes
    /// backwards; a head the store no longer holds is kept as a cut before it moves on.
    /// A failure leaves the anchor behind the store, which `verify` says as a lag.
    pub(super) fn flush_anchor(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        let Some(key) = &self.key else { return };
        if self.conn.is_postgres() {
            return;
        }
        if pending.head.is_none()
            && pending.open.is_empty()
            && pending.pins.is_empty()
            && !pending.whole
        {
            return;
        }
        let Ok(install) = self.install_uuid() else {
            return;
        };
        let dir = Self::anchor_dir(key);
        let path = self.anchor_path();
        let now = self.now();
        // Other stores that were at this path (or this store under another identity).
        let others: Vec<String> = all(&dir)
            .into_iter()
            .filter(|a| a.path.as_deref() == Some(path.as_str()) && a.install != install)
            .map(|a| a.install)
            .collect();
        let first = self.first_seal();
        let seal_mac = |n: i64| -> Option<String> {
            self.conn
                .query_row("SELECT mac FROM seals WHERE seq = ?1", [n], |r| r.get(0))
                .optional()
                .ok()
                .flatten()
        };
        let file = file_for(&dir, &install);
        // A copy of the store (its anchor names another file, still there) does not
        // move the anchor of the store it was copied from.
        let known = read(&file);
        if let Some(a) = &known
            && a.path
                .as_deref()
                .is_some_and(|p| p != path && Path::new(p).is_file())
        {
            return;
        }
        // A new anchor (the first write of this release, or a store moved here) takes
        // in the last action of every attempt under way, not only of those written now.
        let mut open = pending.open;
        let mut pins = pending.pins;
        if known.as_ref().is_none_or(|a| a.head.is_none()) {
            open.extend(self.open_logs().unwrap_or_default());
            pins.extend(self.pin_digests().unwrap_or_default());
        }
        let _ = update(&file, |a| {
            a.install = install.clone();
            a.path = Some(path.clone());
            if a.first.is_none() {
                a.first = first;
            }
            a.whole |= pending.whole;
            for o in others {
                if !a.replaced.iter().any(|(id, _)| *id == o) {
                    a.replaced.push((o, now));
                }
            }
            if let Some((n, mac)) = pending.head {
                match a.head.clone() {
                    Some((m, old)) if seal_mac(m).as_deref() != Some(old.as_str()) => {
                        // The store lost the head the anchor knew: a cut, kept for verify.
                        let found = pending.first.map_or(n, |f| f - 1);
                        if !a.cuts.iter().any(|c| c.0 == m && c.1 == old) {
                            a.cuts.push((m, old, found, now));
                        }
                        a.head = Some((n, mac));
                    }
                    Some((m, _)) if m >= n => {}
                    Some(_) | None => a.head = Some((n, mac)),
                }
            }
            for (who, digest) in pins {
                a.pins.insert(who, digest);
            }
            for (uuid, last) in open {
                match last {
                    Some((seq, mac)) => {
                        if a.open.get(&uuid).is_none_or(|(s, _)| *s < seq) {
                            a.open.insert(uuid, (seq, mac));
                        }
                    }
                    None => {
                        a.open.remove(&uuid);
                    }
                }
            }
        });
    }

    /// Whether the key's folder holds an anchor for this store (by its identity, its file
    /// or its first seal): a store that was sealed here, whatever its tables say now.
    pub(super) fn anchored_at(&self, key_path: &Path) -> bool {
        if self.conn.is_postgres() {
            return false;
        }
        let dir = key_path.parent().map(Path::to_path_buf).unwrap_or_default();
        let install = self.install_uuid().ok();
        let path = self.anchor_path();
        let first = self.first_seal();
        all(&dir).iter().any(|a| {
            Some(&a.install) == install.as_ref()
                || a.path.as_deref() == Some(path.as_str())
                || (first.is_some() && a.first == first)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_reads_back_and_the_first_format_still_reads() {
        let mut a = Anchor {
            install: "6f1c".into(),
            path: Some("/srv/école/fibrelab.db".into()),
            first: Some("9a9a".into()),
            whole: true,
            head: Some((12, "ab12".into())),
            ..Anchor::default()
        };
        a.open.insert("0b1d0c2e".into(), (4, "cd34".into()));
        a.cuts.push((9, "ef56".into(), 7, 1_700_000_000_000));
        a.replaced.push(("old-id".into(), 1_700_000_000_001));
        a.tries
            .insert("trainee:0b1d".into(), (4, 1_700_000_000_002));
        a.pins.insert("trainer:0a0a".into(), "5e5e".into());
        assert_eq!(Anchor::parse(&a.text()), a);
        let old = Anchor::parse("57 0123abcd\n");
        assert_eq!(old.head, Some((57, "0123abcd".to_string())));
    }
}
