//! `fibrelab calc`: a technician's calculators, as the pulling and pole calculators
//! people use: a table by default, `--json` for tools. SI units, angles in degrees;
//! forces also in daN, as French practice gives them.

use std::process::ExitCode;

use serde_json::json;

use super::eprint_msg;
use crate::i18n::{Lang, Msg};
use crate::physics::pulling::{Pull, parse_route, pull, reversed};

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
        println!(
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
    println!(
        "{}",
        Msg::new("calc-span-parabola")
            .num("sag", sag_p, 3)
            .num("t", t_p, 1)
            .num("dan", t_p / 10.0, 1)
            .render(lang)
    );
    println!(
        "{}",
        Msg::new("calc-span-catenary")
            .num("sag", sag_c, 3)
            .num("t", t_c, 1)
            .num("dan", t_c / 10.0, 1)
            .num("p", t_c / weight, 0)
            .render(lang)
    );
    println!(
        "{}",
        Msg::new("calc-span-length")
            .num("arc", arc, 3)
            .num("poles", at_poles, 1)
            .render(lang)
    );
    if let Some((x, y)) = low {
        println!(
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
        println!(
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
        println!("{}", Msg::new(key).render(lang));
        println!("  {:>8}  {:>10}  {:>9}  {:>12}", "m", "N", "daN", "N/m");
        for n in &p.nodes {
            println!(
                "  {:>8}  {:>10}  {:>9}  {:>12}",
                lang.num(n.at_m, 1),
                lang.num(n.tension_n, 1),
                lang.num(n.tension_n / 10.0, 1),
                n.sidewall_n_per_m
                    .map(|s| lang.num(s, 0))
                    .unwrap_or_default()
            );
        }
        println!(
            "  {}",
            Msg::new("calc-pull-summary")
                .num("max", p.max_tension_n(), 1)
                .num("max_dan", p.max_tension_n() / 10.0, 1)
                .num("eye", p.final_tension_n(), 1)
                .render(lang)
        );
        if let Some(s) = p.max_sidewall_n_per_m() {
            println!(
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
    println!("{}", Msg::new(better).render(lang));
    ExitCode::SUCCESS
}
