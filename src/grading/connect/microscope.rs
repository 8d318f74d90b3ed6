//! Grading at the microscope: every face inspected and clean before it was connected,
//! judged as IEC 61300-3-35 has it, the damaged connectors replaced.

use crate::exercise::connect::{CordMating, Face, LinkWork, Microscope, damaged, face_name};
use crate::grading::{not_reached, share};
use crate::i18n::Msg;

/// The connectors a check is about: the inspection task's, else the link's.
fn concerned(st: &LinkWork, scope: &Microscope) -> Vec<usize> {
    let i = scope.to_inspect(st);
    if i.is_empty() {
        st.link_connectors()
    } else {
        i
    }
}

fn id(st: &LinkWork, i: usize) -> String {
    st.setup.connectors[i].id.clone()
}

fn name(st: &LinkWork, i: usize) -> Msg {
    Msg::new("fb-connector-name").text("id", id(st, i))
}

fn face_of(st: &LinkWork, i: usize, face: Face) -> Msg {
    Msg::new("fb-face-name")
        .text("id", id(st, i))
        .msg("face", face_name(face))
}

/// A cord's plug, as feedback names it.
fn cord_face(id: &str) -> Msg {
    Msg::new("fb-face-name")
        .text("id", id.to_string())
        .msg("face", face_name(Face::Plug))
}

/// Whether nothing was connected yet: no mating on the connectors concerned, no cords
/// mated in a reference.
fn nothing_mated(st: &LinkWork, cs: &[usize]) -> bool {
    cs.iter().all(|&i| st.connectors[i].matings.is_empty())
        && st.cords.iter().all(|c| c.matings.is_empty())
}

/// The cords' matings in a reference, counted, and each one where a plug was not right
/// (`right` gives the first plug's and the other's), told with `key` and the plug named.
fn cords_wrong(
    st: &LinkWork,
    key: &str,
    right: impl Fn(&CordMating) -> (bool, bool),
) -> (usize, Vec<(Msg, Msg)>) {
    let mut total = 0;
    let mut bad = Vec::new();
    for (k, c) in st.cords.iter().enumerate() {
        for m in &c.matings {
            total += 1;
            let cord = match right(m) {
                (true, true) => continue,
                (false, _) => st.setup.cords[k].id.clone(),
                (true, false) => m.other.clone(),
            };
            bad.push((
                Msg::new(key)
                    .text("id", cord.clone())
                    .msg("face", face_name(Face::Plug)),
                cord_face(&cord),
            ));
        }
    }
    (total, bad)
}

/// Every mating, of a connector concerned or of two cords in a reference, with each of
/// its faces inspected since it last changed (inspect before you connect).
pub fn inspected(st: &LinkWork, scope: &Microscope) -> (f64, Msg) {
    let cs = concerned(st, scope);
    if nothing_mated(st, &cs) {
        return not_reached("what-connections");
    }
    let mut bad = Vec::new();
    let mut total = 0;
    for &i in &cs {
        for m in &st.connectors[i].matings {
            total += 1;
            let face = match (m.port_inspected, m.plug_inspected) {
                (true, true) => continue,
                (false, _) => Face::Port,
                (true, false) => Face::Plug,
            };
            bad.push((
                Msg::new("fb-not-inspected")
                    .text("id", id(st, i))
                    .msg("face", face_name(face)),
                face_of(st, i, face),
            ));
        }
    }
    let (n, cords) = cords_wrong(st, "fb-not-inspected", |m| (m.inspected, m.other_inspected));
    bad.extend(cords);
    share(total + n, bad, Msg::new("fb-inspected-ok"))
}

pub fn connected_clean(st: &LinkWork, scope: &Microscope) -> (f64, Msg) {
    let cs = concerned(st, scope);
    if nothing_mated(st, &cs) {
        return not_reached("what-connections");
    }
    let mut bad = Vec::new();
    let mut total = 0;
    for &i in &cs {
        for m in &st.connectors[i].matings {
            total += 1;
            let why = if m.mismatch {
                Msg::new("fb-mismatch").text("id", id(st, i))
            } else if !m.port_clean {
                Msg::new("fb-dirty-connected")
                    .text("id", id(st, i))
                    .msg("face", face_name(Face::Port))
            } else if !m.plug_clean {
                Msg::new("fb-dirty-connected")
                    .text("id", id(st, i))
                    .msg("face", face_name(Face::Plug))
            } else {
                continue;
            };
            bad.push((why, name(st, i)));
        }
    }
    let (n, cords) = cords_wrong(st, "fb-dirty-connected", |m| (m.clean, m.other_clean));
    bad.extend(cords);
    share(total + n, bad, Msg::new("fb-connected-clean-ok"))
}

pub fn judged(st: &LinkWork, scope: &Microscope) -> (f64, Msg) {
    let cs = concerned(st, scope);
    let mut faces = Vec::new();
    for &i in &cs {
        let c = &st.connectors[i];
        faces.push((i, Face::Port, &c.port));
        if let Some(p) = &c.plug {
            faces.push((i, Face::Plug, p));
        }
    }
    if faces.iter().all(|(_, _, f)| f.judged.is_none()) {
        return not_reached("what-judgements");
    }
    let total = faces.len();
    let mut bad = Vec::new();
    for (i, face, f) in faces {
        let why = match f.judged {
            None => Msg::new("fb-not-judged")
                .text("id", id(st, i))
                .msg("face", face_name(face)),
            Some((said, truth, at)) => {
                if f.cleaned_at.is_some_and(|c| c > at) {
                    Msg::new("fb-judged-before-clean")
                        .text("id", id(st, i))
                        .msg("face", face_name(face))
                } else if said != truth {
                    Msg::new(if truth {
                        "fb-judged-fail-but-passes"
                    } else {
                        "fb-judged-pass-but-fails"
                    })
                    .text("id", id(st, i))
                    .msg("face", face_name(face))
                } else {
                    continue;
                }
            }
        };
        bad.push((why, face_of(st, i, face)));
    }
    share(total, bad, Msg::new("fb-judged-ok"))
}

pub fn replaced(st: &LinkWork, scope: &Microscope) -> (f64, Msg) {
    let cs = concerned(st, scope);
    let mut bad = Vec::new();
    for &i in &cs {
        let c = &st.connectors[i];
        let polish = st.setup.connectors[i].kind.polish();
        let why = match c.replaced {
            Some(true) => continue,
            Some(false) => Msg::new("fb-replaced-good").text("id", id(st, i)),
            None => {
                let hurt = damaged(&c.port.marks, polish)
                    || c.plug.as_ref().is_some_and(|p| damaged(&p.marks, polish));
                if !hurt {
                    continue;
                }
                Msg::new("fb-damaged-left").text("id", id(st, i))
            }
        };
        bad.push((why, name(st, i)));
    }
    share(cs.len(), bad, Msg::new("fb-replaced-ok"))
}
