//! The site every routing station works on: the scenario's poles, spans, chambers and
//! ducts, the cable, and what the seed drew for them (span lengths, the distance to each
//! power line, the duct's friction). Drawn once; no station changes it.

use serde::Serialize;

use crate::exercise::Refusal;
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::physics::hardware::LinePole;
use crate::physics::pulling::{self, Segment};
use crate::physics::span;
use crate::rng::SimRng;
use crate::scenario::Varying;
use crate::scenario::routing::{
    CableSpec, ChamberSpec, Hypothesis, PoleSpec, RoutingSetup, RoutingTask, SpanSpec,
};

/// What the seed drew.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drawn {
    pub span_lengths_m: Vec<f64>,
    /// Each power line's distance from the working point, m.
    pub line_distances_m: Vec<f64>,
    pub mu_dry: f64,
    pub mu_lubricated: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Site {
    #[serde(skip)]
    pub setup: RoutingSetup,
    pub cable: CableSpec,
    pub drawn: Drawn,
    /// The duct sections, parsed, in the route's order.
    #[serde(skip)]
    pub sections: Vec<Vec<Segment>>,
    /// The chambers along the route, in order (the sections' ends).
    pub route_chambers: Vec<String>,
}

impl Site {
    /// Draws the site: each span's length, each power line's distance, then the ducts'
    /// friction dry and lubricated (where the work is a pull; else a teaching pair).
    pub fn generate(setup: &RoutingSetup, rng: &mut SimRng) -> Site {
        let draw = |v: &Varying<f64>, rng: &mut SimRng| v.draw(rng);
        let span_lengths_m = setup
            .site
            .spans
            .iter()
            .map(|s| draw(&s.length_m, rng))
            .collect();
        let line_distances_m = setup
            .site
            .power_lines
            .iter()
            .map(|l| draw(&l.distance_m, rng))
            .collect();
        let (mu_dry, mu_lubricated) = setup
            .tasks
            .iter()
            .find_map(|t| {
                if let RoutingTask::Pull(p) = t {
                    Some((p.mu_dry, p.mu_lubricated))
                } else {
                    None
                }
            })
            .map_or((0.35, 0.15), |(a, b)| (draw(&a, rng), draw(&b, rng)));
        let sections = setup
            .site
            .ducts
            .iter()
            .map(|d| pulling::parse_route(&d.route).unwrap_or_default())
            .collect();
        let mut route_chambers: Vec<String> = Vec::new();
        for d in &setup.site.ducts {
            if route_chambers.is_empty() {
                route_chambers.push(d.from.clone());
            }
            route_chambers.push(d.to.clone());
        }
        Site {
            cable: setup.cable.spec(),
            drawn: Drawn {
                span_lengths_m,
                line_distances_m,
                mu_dry,
                mu_lubricated,
            },
            sections,
            route_chambers,
            setup: setup.clone(),
        }
    }

    pub fn tasks(&self) -> &[RoutingTask] {
        &self.setup.tasks
    }

    pub fn poles(&self) -> &[PoleSpec] {
        &self.setup.site.poles
    }

    pub fn pole_index(&self, id: &str) -> Result<usize, Refusal> {
        self.setup
            .site
            .poles
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-route-no-pole").text("pole", id)))
    }

    /// A chamber of the site, by its name.
    pub fn chamber(&self, id: &str) -> Option<&ChamberSpec> {
        self.setup.site.chambers.iter().find(|c| c.id == id)
    }

    pub(super) fn chamber_on_route(&self, id: &str) -> Result<usize, Refusal> {
        self.route_chambers
            .iter()
            .position(|c| c == id)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-route-no-chamber").text("chamber", id)))
    }

    /// The line as the hardware rules see it: each pole with its deviation and the
    /// spans on either side.
    pub fn line(&self) -> Vec<LinePole> {
        let site = &self.setup.site;
        site.poles
            .iter()
            .map(|p| {
                let span_at = |f: &dyn Fn(&SpanSpec) -> bool| {
                    site.spans
                        .iter()
                        .position(f)
                        .map(|k| (self.drawn.span_lengths_m[k], site.spans[k].road))
                };
                LinePole {
                    deviation_deg: p.deviation_deg,
                    before: span_at(&|s| s.to == p.id),
                    after: span_at(&|s| s.from == p.id),
                }
            })
            .collect()
    }

    /// A span's sag at tension `t`, m (catenary).
    pub fn sag_m(&self, span: usize, t: f64) -> f64 {
        span::sag_for_tension_catenary(
            self.cable.weight_n_per_m,
            self.drawn.span_lengths_m[span],
            t,
        )
    }

    /// A span's lowest point (from its start, m; height, m) at tension `t`.
    pub fn lowest_point(&self, span: usize, t: f64) -> (f64, f64) {
        let s = &self.setup.site.spans[span];
        let h = |id: &str| {
            self.setup
                .site
                .poles
                .iter()
                .find(|p| p.id == id)
                .map_or(0.0, |p| p.attach_height_m)
        };
        span::lowest_point(
            self.drawn.span_lengths_m[span],
            h(&s.from),
            h(&s.to),
            self.sag_m(span, t),
        )
    }

    /// A span's horizontal tension under each climatic hypothesis, from the laying
    /// tension `t` (parabolic change of state).
    pub fn loaded_tensions_n(&self, span: usize, t: f64) -> Vec<f64> {
        let length = self.drawn.span_lengths_m[span];
        self.setup
            .hypotheses
            .iter()
            .map(|h| self.tension_under_n(length, t, h))
            .collect()
    }

    /// The cable's horizontal tension under hypothesis `h`, laid at `t` in still air
    /// over a span (or a section's ruling span) of `length_m`: the parabolic change of
    /// state to the iced and wind-loaded weight, `h.delta_t_k` warmer.
    pub fn tension_under_n(&self, length_m: f64, t: f64, h: &Hypothesis) -> f64 {
        let c = &self.cable;
        let w = c.weight_n_per_m;
        let aw = span::apparent_weight(
            w,
            c.diameter_m(),
            h.ice_mm / 1000.0,
            span::ICE_DENSITY_N_PER_M3,
            h.wind_pa,
        );
        span::change_of_state(
            length_m,
            w,
            t,
            aw.resultant_n_per_m,
            c.ea_n,
            c.alpha_per_k,
            h.delta_t_k,
        )
    }

    /// The spans either side of pole `i` (indices into the site's spans): the one that
    /// ends there and the one that starts there.
    pub fn spans_at(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let spans = &self.setup.site.spans;
        let Some(p) = self.setup.site.poles.get(i) else {
            return (None, None);
        };
        (
            spans.iter().position(|s| s.to == p.id),
            spans.iter().position(|s| s.from == p.id),
        )
    }

    /// The route's whole length, m.
    pub fn route_length_m(&self) -> f64 {
        self.sections
            .iter()
            .map(|s| pulling::route_length_m(s))
            .sum()
    }
}

/// A value a trainee enters, within its limit.
pub(super) fn within(v: f64, l: &Limit, key: &str) -> Result<(), Refusal> {
    if l.contains(v) {
        Ok(())
    } else {
        Err(Refusal::new(
            Msg::new(key).num("min", l.min, 1).num("max", l.max, 1),
        ))
    }
}
