//! The work order (OT, FTTH-JOBS §2.1–2.3): the blocks a technician's tablet shows, and
//! the route optique the whole job hinges on (ARCEP's criterion 2, "la bonne fibre").
//! The route's fields are those the Interop'Fibre protocols exchange (MALF
//! `OpticalRoute` ✔); the OT's exact layout was not seen (FTTH-JOBS §2.1 "?"), so the
//! blocks follow the MOOC's order [U]. Read against the plan de boîte in the field
//! ([`check_route`]), a route that does not hold is the trainee's cue to stop and report
//! with the Interop'Fibre code (FTTH-JOBS §2.4), never to make room.

use serde::{Deserialize, Serialize};

use super::plan::{Function, Plan};
use crate::i18n::Msg;

/// A work order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkOrder {
    /// The OT's number on the tablet.
    pub number: String,
    /// The activity code, e.g. `ICL/FTH` ("installation classique longue en FTTH").
    pub activity: String,
    pub customer: Customer,
    pub address: Address,
    /// The drop's path to the premises (infrastructure d'accueil).
    pub access: Access,
    pub route: Route,
}

/// The customer block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer's number in the commercial operator's system (fictitious).
    pub number: String,
    /// The complexity indicator: a pair of technicians, or more time.
    #[serde(default)]
    pub complex: bool,
    /// An asbestos technical file (DTA) exists: read it before drilling.
    #[serde(default)]
    pub dta: bool,
}

/// The address, down to the building, staircase and floor the OI's reference checks
/// (codes FADR02–FADR04 when one is missing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: String,
    pub city: String,
    #[serde(default)]
    pub building: Option<String>,
    #[serde(default)]
    pub staircase: Option<String>,
    #[serde(default)]
    pub floor: Option<String>,
}

/// The drop's path (FTTH-JOBS §2.1, "infrastructure d'accueil").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Underground,
    Aerial,
    Facade,
    /// Missing or ambiguous: call the OI's hotline before going on.
    Unknown,
}

/// The route optique (FTTH-JOBS §2.3): from the PM's drawer and position to the PTO.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The PM's plate, e.g. `FI-35238-0007`.
    pub pm: String,
    /// The PM module (drawer), e.g. `D02`.
    pub pm_module: String,
    pub pm_position: u32,
    /// The box's label in the field (the plan's `bp_etiquet`).
    pub pbo: String,
    /// The distribution cable's label at the box (the plan's `cb_etiquet`).
    pub cable: String,
    /// The tube (1 = the first colour of the order), and the fibre in it.
    pub tube: u32,
    pub fibre: u32,
    /// The premises the route serves (the plan's `ps_preaff`).
    pub suf: String,
    /// The PTO's reference, `OO-XXXX-XXXX`.
    pub pto: String,
    #[serde(default)]
    pub ont: Option<String>,
}

/// Whether `s` is a PTO reference: a 2-character prefix and an 8-character suffix,
/// letters and digits, written `OO-XXXX-XXXX` (ARCEP decision 2015, §4.1 ✔).
pub fn pto_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let alnum = |p: &str| {
        p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    matches!(parts.as_slice(), [a, b, c] if a.len() == 2 && b.len() == 4 && c.len() == 4
        && alnum(a) && alnum(b) && alnum(c))
}

/// What the plan in the field says of a route.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteFinding {
    /// The named fibre waits in its position for this customer (or is spliced for them
    /// already): the job goes on.
    Holds { position: String, spliced: bool },
    /// The trainee stands at another box than the route's: ARCEP's first criterion.
    WrongBox { here: String },
    /// FINT06: the named fibre serves another customer (spliced, or waiting for them).
    AlreadyUsed {
        position: String,
        by: Option<String>,
    },
    /// FINT07: the route does not exist here (no such cable, tube or fibre at the box, or
    /// an express fibre that passes through uncut).
    DoesNotExist,
}

impl RouteFinding {
    /// The Interop'Fibre failure code a technician reports, if any.
    pub fn code(&self) -> Option<&'static str> {
        RouteCode::of(self).map(RouteCode::code)
    }

    /// What it means, in the trainee's words.
    pub fn msg(&self) -> Msg {
        match self {
            RouteFinding::Holds { position, spliced } => Msg::new(if *spliced {
                "ot-route-spliced"
            } else {
                "ot-route-holds"
            })
            .text("position", position.as_str()),
            RouteFinding::WrongBox { here } => {
                Msg::new("ot-route-wrong-box").text("here", here.as_str())
            }
            RouteFinding::AlreadyUsed { position, by } => Msg::new("ot-route-used")
                .text("position", position.as_str())
                .text("by", by.clone().unwrap_or_else(|| "?".into())),
            RouteFinding::DoesNotExist => Msg::new("ot-route-missing"),
        }
    }
}

/// The route of `order` read against the plan of the box the trainee stands at
/// (FTTH-JOBS §2.4): the named cable's fibre `(tube − 1)·modulo + fibre`, in the
/// position that holds it on the cable's side towards the PM (the first of a mid-span's
/// two halves, as a plan writes them).
pub fn check_route(order: &WorkOrder, plan: &Plan) -> RouteFinding {
    let r = &order.route;
    if plan.boxed.bp_etiquet != r.pbo {
        return RouteFinding::WrongBox {
            here: plan.boxed.bp_etiquet.clone(),
        };
    }
    // Each cable with that label (a mid-span is two), its fibre where it has one.
    let fibres: Vec<String> = plan
        .cables
        .iter()
        .filter(|c| c.cb_etiquet == r.cable)
        .filter_map(|c| c.fibre_at(r.tube, r.fibre).map(|f| f.fo_code))
        .collect();
    // The first cable with the label that holds its fibre in a position: a plan writes a
    // mid-span upstream first (docs/scenarios.md).
    let holding = fibres.iter().find_map(|f| {
        plan.positions
            .iter()
            .find(|p| *f == p.ps_1 || p.ps_2.as_ref() == Some(f))
    });
    let Some(p) = holding else {
        return RouteFinding::DoesNotExist;
    };
    match p.ps_fonct {
        // An express fibre passes the box uncut: no route drops from it here.
        Function::PA => RouteFinding::DoesNotExist,
        Function::EP | Function::CO | Function::PI | Function::AT => {
            let spliced = p.ps_fonct != Function::AT;
            match &p.ps_preaff {
                Some(suf) if *suf == r.suf => RouteFinding::Holds {
                    position: p.ps_code.clone(),
                    spliced,
                },
                // Waiting with no premises named: free for this customer.
                None if !spliced => RouteFinding::Holds {
                    position: p.ps_code.clone(),
                    spliced,
                },
                by => RouteFinding::AlreadyUsed {
                    position: p.ps_code.clone(),
                    by: by.clone(),
                },
            }
        }
    }
}

/// The Interop'Fibre failure codes a technician reports from the box (FTTH-JOBS §2.4,
/// GraceTHD `l_bp_racco` ✔): what the trainee answers when the plan does not hold the
/// OT's route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RouteCode {
    /// Route optique déjà utilisée: the fibre serves another customer.
    FINT06,
    /// Informations route optique erronées: the route does not exist here.
    FINT07,
}

impl RouteCode {
    pub const ALL: [RouteCode; 2] = [RouteCode::FINT06, RouteCode::FINT07];

    pub fn code(self) -> &'static str {
        match self {
            RouteCode::FINT06 => "FINT06",
            RouteCode::FINT07 => "FINT07",
        }
    }

    /// Its label, in the trainee's words.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            RouteCode::FINT06 => "ot-code-fint06",
            RouteCode::FINT07 => "ot-code-fint07",
        })
    }

    /// The code a finding calls for, if any.
    pub fn of(f: &RouteFinding) -> Option<RouteCode> {
        match f {
            RouteFinding::Holds { .. } | RouteFinding::WrongBox { .. } => None,
            RouteFinding::AlreadyUsed { .. } => Some(RouteCode::FINT06),
            RouteFinding::DoesNotExist => Some(RouteCode::FINT07),
        }
    }
}

/// What a drawn work order is meant to meet in the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Variant {
    /// The route holds: the fibre waits for this customer.
    Holds,
    /// The route names a fibre that serves another customer (FINT06).
    AlreadyUsed,
    /// The route names a fibre the box does not drop (FINT07).
    DoesNotExist,
}

/// How a scenario varies its work order from seed to seed (issue 28: which tube, which
/// fibre, which drop; now and then an OT the field does not match).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variants {
    /// The chance that the route names a fibre already serving another customer.
    #[serde(default)]
    pub used_chance: f64,
    /// The chance that it names a fibre the box does not drop (an express one).
    #[serde(default)]
    pub missing_chance: f64,
}

/// The route of `base` drawn for an attempt, with what it is meant to meet: by the
/// chances of `v`, a fibre spliced or waiting for another customer, or an express one
/// passing the box; otherwise a fibre waiting in the box, for the premises it is
/// pre-assigned to (the OT's customer then becomes theirs) or, free, for the OT's own
/// customer where none waits for them already. The
/// fibres are those of the first cable with the route's label (the PM's side of a
/// mid-span). None where the plan has no fibre of the kind drawn.
pub fn draw(
    base: &WorkOrder,
    plan: &Plan,
    v: &Variants,
    rng: &mut crate::rng::SimRng,
) -> Option<(WorkOrder, Variant)> {
    let cable = plan
        .cables
        .iter()
        .find(|c| c.cb_etiquet == base.route.cable)?;
    // Each of the cable's fibres in a position: (tube, fibre in tube, the position).
    let held: Vec<(u32, u32, &super::plan::PositionRow)> = cable
        .fibres()
        .into_iter()
        .filter_map(|f| {
            let p = plan
                .positions
                .iter()
                .find(|p| p.ps_1 == f.fo_code || p.ps_2.as_ref() == Some(&f.fo_code))?;
            Some((f.fo_numtub, f.fo_nintub, p))
        })
        .collect();
    let u = rng.uniform();
    let variant = if u < v.used_chance {
        Variant::AlreadyUsed
    } else if u < v.used_chance + v.missing_chance {
        Variant::DoesNotExist
    } else {
        Variant::Holds
    };
    let own = base.route.suf.as_str();
    // A free fibre goes to the OT's customer only where no fibre waits for them already.
    let own_waits = plan
        .positions
        .iter()
        .any(|p| p.ps_preaff.as_deref() == Some(own));
    let pool: Vec<&(u32, u32, &super::plan::PositionRow)> = held
        .iter()
        .filter(|(_, _, p)| match variant {
            Variant::AlreadyUsed => {
                p.ps_fonct != Function::PA && p.ps_preaff.as_deref().is_some_and(|s| s != own)
            }
            Variant::DoesNotExist => p.ps_fonct == Function::PA,
            Variant::Holds => p.ps_fonct == Function::AT && (p.ps_preaff.is_some() || !own_waits),
        })
        .collect();
    if pool.is_empty() {
        return None;
    }
    let (tube, fibre, p) = pool[rng.range_u32(0, pool.len() as u32 - 1) as usize];
    let mut order = base.clone();
    order.route.tube = *tube;
    order.route.fibre = *fibre;
    if let (Variant::Holds, Some(suf)) = (variant, &p.ps_preaff) {
        order.route.suf = suf.clone();
    }
    Some((order, variant))
}
