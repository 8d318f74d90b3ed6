//! `fibrelab calc`: a technician's calculators, as the pulling and pole calculators
//! people use: a table by default, `--json` for tools. SI units, angles in degrees;
//! forces also in daN, as French practice gives them.

use std::process::ExitCode;

use serde_json::json;

use super::eprint_msg;
use crate::i18n::{Lang, Msg};
use crate::physics::pulling::{Pull, parse_route, pull, reversed};

/// Forces are shown in daN too, as French practice gives them.
const N_PER_DAN: f64 = 10.0;

#[derive(clap::Subcommand, Debug)]
pub enum Calc {
    /// Pulling tension along a duct route, in both directions.
    Pull {
        /// The route: S<m>[@<slope deg>] a straight, B<deg>[R<m>] a bend, e.g.
        /// "S180,B30,S60,B90R0.5,S20".
        #[arg(long)]
        route: String,
        /// The cable's weight, N/m.
        #[arg(long)]
        weight: f64,
        /// Friction coefficient between cable and duct.
        #[arg(long)]
        mu: f64,
        /// The drum's braking at the feeding end, N.
        #[arg(long, default_value_t = 0.0)]
        back_tension: f64,
        #[arg(long)]
        json: bool,
    },
    /// A pole's load study: each cable's resultant and wind, the moments, the
    /// equivalent head force and the utilisation.
    Pole {
        /// Height above the ground, m.
        #[arg(long)]
        height: f64,
        /// Diameter at the ground line, m.
        #[arg(long)]
        base_diameter: f64,
        /// Diameter at the top, m.
        #[arg(long)]
        top_diameter: f64,
        /// The class's nominal head force, N.
        #[arg(long)]
        nominal: f64,
        /// Where the nominal force is defined, above the ground, m.
        #[arg(long)]
        reference_height: f64,
        /// Wind pressure, Pa.
        #[arg(long)]
        wind: f64,
        /// A cable: tension=N,diameter=M,height=M,spans=L1/L2,deviation=DEG (or
        /// deviation=end for a dead end); once per cable.
        #[arg(long, required = true)]
        cable: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Tension or sag of a span, and its lowest point when the poles differ in height.
    Span {
        /// Span between the poles, m.
        #[arg(long)]
        length: f64,
        /// The cable's weight (or its apparent weight under wind and ice), N/m.
        #[arg(long)]
        weight: f64,
        /// Mid-span sag, m (give it, or the tension).
        #[arg(long, conflicts_with = "tension", required_unless_present = "tension")]
        sag: Option<f64>,
        /// Horizontal tension, N.
        #[arg(long)]
        tension: Option<f64>,
        /// Attachment heights at A and at B, m: "6.5,5".
        #[arg(long)]
        heights: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(lang: Lang, c: &Calc) -> ExitCode {
    match c {
        Calc::Pull {
            route,
            weight,
            mu,
            back_tension,
            json,
        } => pull_cmd(lang, route, *weight, *mu, *back_tension, *json),
        Calc::Pole {
            height,
            base_diameter,
            top_diameter,
            nominal,
            reference_height,
            wind,
            cable,
            json,
        } => {
            let pole = crate::physics::pole::Pole {
                height_m: *height,
                base_diameter_m: *base_diameter,
                top_diameter_m: *top_diameter,
                nominal_n: *nominal,
                reference_height_m: *reference_height,
            };
            pole_cmd(lang, &pole, *wind, cable, *json)
        }
        Calc::Span {
            length,
            weight,
            sag,
            tension,
            heights,
            json,
        } => span_cmd(
            lang,
            *length,
            *weight,
            *sag,
            *tension,
            heights.as_deref(),
            *json,
        ),
    }
}

fn span_cmd(
    lang: Lang,
    length: f64,
    weight: f64,
    sag: Option<f64>,
    tension: Option<f64>,
    heights: Option<&str>,
    as_json: bool,
) -> ExitCode {
    use crate::physics::span;
    let positive = |v: f64| v.is_finite() && v > 0.0;
    let given_ok = sag.or(tension).is_some_and(positive);
    if !(positive(length) && positive(weight) && given_ok) {
        eprint_msg(lang, Msg::new("calc-span-bad-numbers"));
        return ExitCode::FAILURE;
    }
    let heights = match heights.map(|h| {
        h.split_once(',')
            .and_then(|(a, b)| Some((a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?)))
            .filter(|(a, b)| a.is_finite() && b.is_finite())
    }) {
        None => None,
        Some(Some(h)) => Some(h),
        Some(None) => {
            eprint_msg(
                lang,
                Msg::new("calc-span-bad-heights")
                    .text("found", heights.unwrap_or_default().to_string()),
            );
            return ExitCode::FAILURE;
        }
    };
    // The sag and tension pair, by the parabola (the field's) and by the catenary.
    let (sag_p, t_p, sag_c, t_c) = match (sag, tension) {
        (Some(f), _) => (
            f,
            span::tension_for_sag_parabola(weight, length, f),
            f,
            span::tension_for_sag_catenary(weight, length, f),
        ),
        (None, Some(t)) => (
            span::sag_for_tension_parabola(weight, length, t),
            t,
            span::sag_for_tension_catenary(weight, length, t),
            t,
        ),
        (None, None) => return ExitCode::FAILURE,
    };
    let arc = span::arc_length_m(length, sag_c);
    // At the poles the cable pulls harder than its horizontal tension: by w·f on a
    // level span (catenary).
    let at_poles = t_c + weight * sag_c;
    let low = heights.map(|(a, b)| span::lowest_point(length, a, b, sag_c));
    if as_json {
        outln!(
            "{}",
            json!({
                "length_m": length,
                "weight_n_per_m": weight,
                "parabola": {"sag_m": sag_p, "tension_n": t_p},
                "catenary": {"sag_m": sag_c, "tension_n": t_c, "parameter_m": t_c / weight},
                "arc_length_m": arc,
                "tension_at_poles_n": at_poles,
                "lowest_point": low.map(|(x, y)| json!({"from_a_m": x, "height_m": y})),
            })
        );
        return ExitCode::SUCCESS;
    }
    outln!(
        "{}",
        Msg::new("calc-span-parabola")
            .num("sag", sag_p, 3)
            .num("t", t_p, 1)
            .num("dan", t_p / N_PER_DAN, 1)
            .render(lang)
    );
    outln!(
        "{}",
        Msg::new("calc-span-catenary")
            .num("sag", sag_c, 3)
            .num("t", t_c, 1)
            .num("dan", t_c / N_PER_DAN, 1)
            .num("p", t_c / weight, 0)
            .render(lang)
    );
    outln!(
        "{}",
        Msg::new("calc-span-length")
            .num("arc", arc, 3)
            .num("poles", at_poles, 1)
            .render(lang)
    );
    if let Some((x, y)) = low {
        outln!(
            "{}",
            Msg::new("calc-span-lowest")
                .num("x", x, 1)
                .num("h", y, 2)
                .render(lang)
        );
    }
    ExitCode::SUCCESS
}

fn pull_json(p: &Pull) -> serde_json::Value {
    json!({
        "nodes": p.nodes.iter().map(|n| json!({
            "at_m": n.at_m,
            "tension_n": n.tension_n,
            "sidewall_n_per_m": n.sidewall_n_per_m,
        })).collect::<Vec<_>>(),
        "final_tension_n": p.final_tension_n(),
        "max_tension_n": p.max_tension_n(),
        "max_sidewall_n_per_m": p.max_sidewall_n_per_m(),
    })
}

fn pull_cmd(lang: Lang, route: &str, weight: f64, mu: f64, back: f64, as_json: bool) -> ExitCode {
    let segments = match parse_route(route) {
        Ok(s) => s,
        Err((n, why)) => {
            eprint_msg(
                lang,
                Msg::new("calc-bad-route")
                    .int("n", n as u32)
                    .msg("why", why),
            );
            return ExitCode::FAILURE;
        }
    };
    let finite = |v: f64| v.is_finite();
    if !(finite(weight) && weight >= 0.0 && finite(mu) && mu >= 0.0 && finite(back) && back >= 0.0)
    {
        eprint_msg(lang, Msg::new("calc-bad-numbers"));
        return ExitCode::FAILURE;
    }
    let forward = pull(&segments, weight, mu, back);
    let backward = pull(&reversed(&segments), weight, mu, back);
    if as_json {
        outln!(
            "{}",
            json!({
                "route": route,
                "weight_n_per_m": weight,
                "mu": mu,
                "back_tension_n": back,
                "fed_at_start": pull_json(&forward),
                "fed_at_end": pull_json(&backward),
            })
        );
        return ExitCode::SUCCESS;
    }
    for (key, p) in [
        ("calc-fed-at-start", &forward),
        ("calc-fed-at-end", &backward),
    ] {
        outln!("{}", Msg::new(key).render(lang));
        outln!("  {:>8}  {:>10}  {:>9}  {:>12}", "m", "N", "daN", "N/m");
        for n in &p.nodes {
            outln!(
                "  {:>8}  {:>10}  {:>9}  {:>12}",
                lang.num(n.at_m, 1),
                lang.num(n.tension_n, 1),
                lang.num(n.tension_n / N_PER_DAN, 1),
                n.sidewall_n_per_m
                    .map(|s| lang.num(s, 0))
                    .unwrap_or_default()
            );
        }
        outln!(
            "  {}",
            Msg::new("calc-pull-summary")
                .num("max", p.max_tension_n(), 1)
                .num("max_dan", p.max_tension_n() / N_PER_DAN, 1)
                .num("eye", p.final_tension_n(), 1)
                .render(lang)
        );
        if let Some(s) = p.max_sidewall_n_per_m() {
            outln!(
                "  {}",
                Msg::new("calc-pull-sidewall").num("s", s, 0).render(lang)
            );
        }
    }
    let better = if backward.max_tension_n() < forward.max_tension_n() {
        "calc-feed-end"
    } else {
        "calc-feed-start"
    };
    outln!("{}", Msg::new(better).render(lang));
    ExitCode::SUCCESS
}

/// `tension=1000,diameter=0.012,height=7.5,spans=40/40,deviation=20` as a cable; or the
/// message that names what is wrong in it.
fn parse_cable(n: usize, text: &str) -> Result<crate::physics::pole::PoleCable, Msg> {
    use crate::physics::pole::{Deviation, PoleCable};
    let bad = |what: &str| {
        Msg::new("calc-pole-bad-cable")
            .int("n", n as u32)
            .text("found", text.to_string())
            .text("what", what.to_string())
    };
    let mut tension = None;
    let mut diameter = None;
    let mut height = None;
    let mut spans = None;
    let mut deviation = None;
    let num = |v: &str| {
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
    };
    for part in text.split(',') {
        let (k, v) = part.split_once('=').ok_or_else(|| bad(part))?;
        match k.trim() {
            "tension" => {
                // One tension, or the span before's and the span after's (T1/T2).
                let (a, b) = v.split_once('/').unwrap_or((v, v));
                tension = Some((num(a).ok_or_else(|| bad(k))?, num(b).ok_or_else(|| bad(k))?));
            }
            "diameter" => diameter = Some(num(v).ok_or_else(|| bad(k))?),
            "height" => height = Some(num(v).ok_or_else(|| bad(k))?),
            "spans" => {
                let (a, b) = v.split_once('/').unwrap_or((v, "0"));
                spans = Some((num(a).ok_or_else(|| bad(k))?, num(b).ok_or_else(|| bad(k))?));
            }
            "deviation" => {
                deviation = Some(if v.trim() == "end" {
                    Deviation::DeadEnd
                } else {
                    Deviation::Angle(num(v).filter(|a| *a <= 180.0).ok_or_else(|| bad(k))?)
                })
            }
            other => return Err(bad(other)),
        }
    }
    Ok(PoleCable {
        tensions_n: tension.ok_or_else(|| bad("tension"))?,
        diameter_m: diameter.ok_or_else(|| bad("diameter"))?,
        height_m: height.ok_or_else(|| bad("height"))?,
        spans_m: spans.ok_or_else(|| bad("spans"))?,
        deviation: deviation.unwrap_or(crate::physics::pole::Deviation::Angle(0.0)),
    })
}

fn pole_cmd(
    lang: Lang,
    pole: &crate::physics::pole::Pole,
    wind: f64,
    cables: &[String],
    as_json: bool,
) -> ExitCode {
    let positive = |v: f64| v.is_finite() && v > 0.0;
    if !(positive(pole.height_m)
        && positive(pole.base_diameter_m)
        && positive(pole.top_diameter_m)
        && positive(pole.nominal_n)
        && positive(pole.reference_height_m)
        && pole.reference_height_m <= pole.height_m
        && wind.is_finite()
        && wind >= 0.0)
    {
        eprint_msg(lang, Msg::new("calc-pole-bad-numbers"));
        return ExitCode::FAILURE;
    }
    let mut parsed = Vec::new();
    for (i, c) in cables.iter().enumerate() {
        match parse_cable(i + 1, c) {
            Ok(c) if c.height_m <= pole.height_m => parsed.push(c),
            Ok(_) => {
                eprint_msg(
                    lang,
                    Msg::new("calc-pole-cable-above").int("n", i as u32 + 1),
                );
                return ExitCode::FAILURE;
            }
            Err(m) => {
                eprint_msg(lang, m);
                return ExitCode::FAILURE;
            }
        }
    }
    let s = crate::physics::pole::study(pole, &parsed, wind);
    if as_json {
        outln!(
            "{}",
            json!({
                "cables": s.cables.iter().map(|c| json!({
                    "resultant_n": c.resultant_n,
                    "wind_n": c.wind_n,
                    "moment_nm": c.moment_nm,
                })).collect::<Vec<_>>(),
                "pole_wind_moment_nm": s.pole_wind_moment_nm,
                "ground_moment_nm": s.ground_moment_nm,
                "equivalent_head_force_n": s.equivalent_head_force_n,
                "utilisation": s.utilisation,
                "available_n": s.available_n,
            })
        );
        return ExitCode::SUCCESS;
    }
    for (i, c) in s.cables.iter().enumerate() {
        outln!(
            "{}",
            Msg::new("calc-pole-cable")
                .int("n", i as u32 + 1)
                .num("r", c.resultant_n / N_PER_DAN, 1)
                .num("w", c.wind_n / N_PER_DAN, 1)
                .num("m", c.moment_nm, 0)
                .render(lang)
        );
    }
    outln!(
        "{}",
        Msg::new("calc-pole-result")
            .num("pole", s.pole_wind_moment_nm, 0)
            .num("m", s.ground_moment_nm, 0)
            .num("f", s.equivalent_head_force_n / N_PER_DAN, 1)
            .num("u", s.utilisation * 100.0, 1)
            .num("left", s.available_n / N_PER_DAN, 1)
            .render(lang)
    );
    outln!(
        "{}",
        Msg::new(if s.utilisation <= 1.0 {
            "calc-pole-passes"
        } else {
            "calc-pole-overloaded"
        })
        .render(lang)
    );
    ExitCode::SUCCESS
}
