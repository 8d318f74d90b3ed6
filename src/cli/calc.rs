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
    }
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
