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

use rusqlite::OptionalExtension;

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
        s
    }
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
        if pending.head.is_none() && pending.open.is_empty() && !pending.whole {
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
        if let Some(a) = read(&file)
            && a.path
                .as_deref()
                .is_some_and(|p| p != path && Path::new(p).is_file())
        {
            return;
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
            for (uuid, last) in pending.open {
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
        assert_eq!(Anchor::parse(&a.text()), a);
        let old = Anchor::parse("57 0123abcd\n");
        assert_eq!(old.head, Some((57, "0123abcd".to_string())));
    }
}
