//! The plan's tables written as GraceTHD's CSV files (the DOE's `t_cassette`,
//! `t_position`, `t_ropt`): `;`-separated, GraceTHD's column names in its order
//! (FTTH-JOBS §3.1 ✔, v2.0.1), an empty cell for an empty field, one row per line.
//! The codes are held by the scenario's validation to letters, digits, `.`, `_` and
//! `-`, never first, so no cell needs quoting and none reads as a formula.

use super::plan::{CassetteKind, Function, Plan, PositionKind, State};

pub const T_CASSETTE: &str = "cs_code;cs_nb_pas;cs_bp_code;cs_num;cs_type;cs_face";
pub const T_POSITION: &str =
    "ps_code;ps_numero;ps_1;ps_2;ps_cs_code;ps_ti_code;ps_type;ps_fonct;ps_etat;ps_preaff";
pub const T_ROPT: &str = "rt_id;rt_code;rt_fo_code;rt_fo_ordr";

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

fn cassette_kind(k: CassetteKind) -> &'static str {
    match k {
        CassetteKind::P => "P",
        CassetteKind::E => "E",
        CassetteKind::S => "S",
        CassetteKind::C => "C",
    }
}

fn position_kind(k: PositionKind) -> &'static str {
    match k {
        PositionKind::SFU => "SFU",
        PositionKind::SME => "SME",
        PositionKind::CSA => "CSA",
        PositionKind::CLA => "CLA",
        PositionKind::CPO => "CPO",
    }
}

fn function(f: Function) -> &'static str {
    match f {
        Function::EP => "EP",
        Function::CO => "CO",
        Function::PI => "PI",
        Function::AT => "AT",
        Function::PA => "PA",
    }
}

fn state(s: State) -> &'static str {
    match s {
        State::OK => "OK",
        State::ME => "ME",
        State::HS => "HS",
        State::NC => "NC",
    }
}

fn table(header: &str, rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from(header);
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(";"));
        out.push('\n');
    }
    out
}

/// `t_cassette.csv`.
pub fn t_cassette(plan: &Plan) -> String {
    table(
        T_CASSETTE,
        plan.cassettes.iter().map(|c| {
            vec![
                c.cs_code.clone(),
                opt(&c.cs_nb_pas),
                plan.boxed.bp_code.clone(),
                c.cs_num.to_string(),
                cassette_kind(c.cs_type).into(),
                c.cs_face.clone(),
            ]
        }),
    )
}

/// `t_position.csv` (no position sits in a PM drawer here: `ps_ti_code` is empty).
pub fn t_position(plan: &Plan) -> String {
    table(
        T_POSITION,
        plan.positions.iter().map(|p| {
            vec![
                p.ps_code.clone(),
                opt(&p.ps_numero),
                p.ps_1.clone(),
                opt(&p.ps_2),
                p.ps_cs_code.clone(),
                String::new(),
                p.ps_type.map(position_kind).unwrap_or_default().into(),
                function(p.ps_fonct).into(),
                state(p.ps_etat).into(),
                opt(&p.ps_preaff),
            ]
        }),
    )
}

/// `t_ropt.csv`, `rt_id` numbered from 1 in the plan's order.
pub fn t_ropt(plan: &Plan) -> String {
    table(
        T_ROPT,
        plan.routes.iter().enumerate().map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.rt_code.clone(),
                r.rt_fo_code.clone(),
                r.rt_fo_ordr.to_string(),
            ]
        }),
    )
}
