//! A technician at work: the routine that plays a job, a splice or a route the way a
//! careful (or a careless) hand does, keeping each gesture as a script.

use super::*;

/// A technician at work: applies actions at a running clock and keeps them as a script.
pub(crate) struct Hand {
    pub(crate) ex: Exercise,
    pub(crate) t_s: f64,
    pub(crate) steps: Vec<(f64, Action)>,
    /// The job's lengths and the tube the fibres are in (none in a drop cable).
    pub(crate) strip_mm: f64,
    pub(crate) cleave_mm: f64,
    /// Where a careless hand cleaves.
    pub(crate) careless_cleave_mm: f64,
    pub(crate) tube: Option<Colour>,
    /// The tube on the right cable (none for a drop cable).
    pub(crate) right_tube: Option<Colour>,
    /// The OTDR's pulse and range for this link.
    pub(crate) pulse_ns: f64,
    pub(crate) range_m: f64,
}

impl Hand {
    /// A hand at the start of `sc` with `seed`: 35 mm strip, 16 mm cleave (26 mm when
    /// careless), fibres of the red tube on both sides, the OTDR at 30 ns over 10 km.
    pub(crate) fn new(sc: &Scenario, seed: u64) -> Hand {
        Hand {
            ex: Exercise::generate(sc, seed),
            t_s: 0.0,
            steps: Vec::new(),
            strip_mm: 35.0,
            cleave_mm: 16.0,
            careless_cleave_mm: 26.0,
            tube: Some(Colour::Red),
            right_tube: Some(Colour::Red),
            pulse_ns: 30.0,
            range_m: 10_000.0,
        }
    }

    pub(crate) fn act(&mut self, dt_s: f64, a: Action) {
        self.t_s += dt_s;
        let at = (self.t_s * 1000.0).round() as u64;
        match self.ex.apply(at, a.clone()) {
            Ok(o) => {
                if std::env::var("JOB_TRACE").is_ok() {
                    let keys: Vec<&str> = o.msgs.iter().map(|m| m.key.as_str()).collect();
                    eprintln!("{:>7.0} {:?} -> {keys:?}", self.t_s, a);
                }
                self.steps.push((self.t_s, a))
            }
            Err(r) => panic!("refused {a:?}: {}", r.reason.key),
        }
    }

    pub(crate) fn stage(&self) -> Stage {
        splicing(&self.ex).splicer.stage.clone()
    }

    /// Strip, clean and cleave the fibre in hand (`careless`: no cleaning, cleaved at the
    /// careless length); again when the fibre snapped at a nick.
    pub(crate) fn prepare_end(&mut self, careless: bool) {
        loop {
            // Stripped again when the glass snapped in the stripper.
            let mut first = true;
            while first || self.in_hand(|f| f.coating_strip_mm.is_none()) {
                first = false;
                self.act(
                    15.0,
                    Action::Prep(PrepAction::StripCoating {
                        length_mm: self.strip_mm,
                        tool: Tool::CoatingStripper,
                        force: Force::Normal,
                    }),
                );
            }
            if !careless {
                self.act(
                    10.0,
                    Action::Prep(PrepAction::Clean {
                        method: CleanMethod::AlcoholWipe,
                    }),
                );
            }
            self.act(
                15.0,
                Action::Prep(PrepAction::Cleave {
                    length_mm: if careless {
                        self.careless_cleave_mm
                    } else {
                        self.cleave_mm
                    },
                }),
            );
            self.act(5.0, Action::Prep(PrepAction::DisposeShard));
            if self.in_hand(|f| f.cleave.is_some()) {
                break;
            }
        }
    }

    pub(crate) fn mechanical(&self) -> bool {
        splicing(&self.ex).splicer.mechanical.is_some()
    }

    /// A property of the fibre in hand on the active bench.
    pub(crate) fn in_hand(&self, p: impl Fn(&FibreState) -> bool) -> bool {
        let sp = splicing(&self.ex);
        let bench = &sp.benches[sp.active.index()];
        bench.in_hand.and_then(|id| bench.fibre(id)).is_some_and(p)
    }

    pub(crate) fn take(&mut self, side: Side, fibre: Colour, sleeve: bool, careless: bool) {
        self.act(10.0, Action::Splice(SpliceAction::WorkOn { side }));
        let tube = match side {
            Side::Left => self.tube,
            Side::Right => self.right_tube,
        };
        self.act(5.0, Action::Prep(PrepAction::PickFibre { tube, fibre }));
        if sleeve {
            self.act(5.0, Action::Prep(PrepAction::SlideSleeve));
        }
        self.prepare_end(careless);
        self.act(5.0, Action::Splice(SpliceAction::LoadFibre { side }));
    }

    /// One pair from the cable to the tray. `poor`: the left end is cleaved carelessly
    /// and fused through whatever the splicer says.
    pub(crate) fn splice_pair(&mut self, fibre: Colour, poor: bool) {
        self.splice_pair_with(fibre, poor, false);
    }

    /// `fuse_through`: careful preparation, but SET again on every stop of the splicer.
    pub(crate) fn splice_pair_with(&mut self, fibre: Colour, poor: bool, fuse_through: bool) {
        self.take(Side::Left, fibre, true, poor);
        self.take(Side::Right, fibre, false, false);
        loop {
            self.act(5.0, Action::Splice(SpliceAction::PressSet));
            if let Stage::Stopped { errors } = self.stage() {
                let defect = errors
                    .iter()
                    .any(|e| matches!(e, EndFaceError::Defect { .. }));
                if fuse_through || (poor && defect) {
                    self.act(5.0, Action::Splice(SpliceAction::PressSet));
                } else if poor {
                    // Cleaved again, as carelessly, until the end shows a defect.
                    self.act(
                        10.0,
                        Action::Splice(SpliceAction::UnloadFibre { side: Side::Left }),
                    );
                    self.prepare_end(true);
                    self.act(
                        5.0,
                        Action::Splice(SpliceAction::LoadFibre { side: Side::Left }),
                    );
                    continue;
                } else {
                    for side in Side::BOTH {
                        if errors.iter().any(|e| e.side() == side) {
                            self.act(10.0, Action::Splice(SpliceAction::UnloadFibre { side }));
                            self.prepare_end(false);
                            self.act(5.0, Action::Splice(SpliceAction::LoadFibre { side }));
                        }
                    }
                    continue;
                }
            }
            let r = splicing(&self.ex).splicer.records.last().cloned();
            let r = r.expect("a splice");
            let f = r.fusion().expect("a fusion");
            let redo = !poor && !fuse_through && (!f.errors.is_empty() || f.estimate_db > 0.10);
            self.act(20.0, Action::Splice(SpliceAction::OpenCover));
            let broken = splicing(&self.ex)
                .splicer
                .records
                .last()
                .is_some_and(|r| r.broken);
            if redo && !broken {
                self.act(5.0, Action::Splice(SpliceAction::BreakSplice));
            }
            if redo || broken {
                self.take(Side::Left, fibre, false, poor);
                self.take(Side::Right, fibre, false, false);
                continue;
            }
            break;
        }
        self.act(10.0, Action::Splice(SpliceAction::CentreSleeve));
        self.act(5.0, Action::Splice(SpliceAction::OvenIn));
        self.act(45.0, Action::Splice(SpliceAction::OvenOut));
        self.act(
            15.0,
            Action::Splice(SpliceAction::StoreInTray {
                loop_diameter_mm: 70.0,
            }),
        );
    }

    /// Tests the fibre connected: both wavelengths, then the report read from the 1550 nm
    /// trace (the instrument's event table, as a practice trainee may take it), with the
    /// verdicts of the rules. `fail_all`: the trainee writes "pass" everywhere.
    pub(crate) fn test_fibre(
        &mut self,
        fibre: Colour,
        setup: &fibrelab::scenario::OtdrSetup,
        lazy: bool,
    ) {
        self.act(
            30.0,
            Action::Job(JobAction::TestFibre {
                tube: self.tube,
                fibre,
            }),
        );
        let wavelengths: &[f64] = if lazy { &[1550.0] } else { &[1310.0, 1550.0] };
        let ior = job(&self.ex)
            .current_otdr()
            .map(|o| o.link.group_index)
            .unwrap_or(1.4682);
        for wl in wavelengths {
            self.act(
                30.0,
                Action::Otdr(OtdrAction::Acquire(Config {
                    wavelength_nm: *wl,
                    pulse_ns: self.pulse_ns,
                    range_m: self.range_m,
                    averaging_s: 15.0,
                    ior: (ior * 10_000.0).round() / 10_000.0,
                    backscatter_db: None,
                    direction: Direction::AtoB,
                    launch_cable: true,
                    receive_cable: true,
                })),
            );
        }
        let st = job(&self.ex).current_otdr().expect("a fibre connected");
        let acq = st.last(1550.0, Direction::AtoB).expect("1550 nm").clone();
        let span = st.measured_span_m(&acq).expect("a span");
        let n = acq.analysis.events.len();
        let mut rows = Vec::new();
        for (i, e) in acq.analysis.events.iter().enumerate() {
            if e.distance_m > span + 5.0 {
                continue;
            }
            let kind = default_type(e.kind, i + 1 == n);
            // The far end is the link's connector B; a reflection between the two
            // connectors is the mechanical splice the trainee made, when there is one.
            let inside = e.distance_m > 3.0 && e.distance_m < span - 3.0;
            let kind = if kind == EventType::End {
                EventType::Connector
            } else if inside && kind == EventType::Connector && self.mechanical() {
                EventType::MechanicalSplice
            } else {
                kind
            };
            let loss = e.loss_db.map(|l| (l * 1000.0).round() / 1000.0);
            let refl = e
                .reflectance_db
                .filter(|_| kind.is_reflective())
                .map(|r| (r * 10.0).round() / 10.0);
            let (pass, _) =
                setup
                    .acceptance
                    .judge(kind, loss.unwrap_or(0.0), refl, &setup.tolerances);
            let verdict = if lazy {
                Some(Verdict::Pass)
            } else {
                pass.map(Verdict::of)
            };
            rows.push((e.distance_m, kind, loss, refl, verdict));
        }
        let all_pass = rows.iter().all(|r| r.4.is_none_or(|v| v == Verdict::Pass));
        for (d, kind, loss_db, reflectance_db, verdict) in rows {
            self.act(
                20.0,
                Action::Otdr(OtdrAction::ReportEvent {
                    distance_m: (d * 10.0).round() / 10.0,
                    kind,
                    loss_db,
                    reflectance_db,
                    verdict,
                }),
            );
        }
        let total = acq.analysis.total_loss_db.unwrap_or(0.0);
        self.act(
            20.0,
            Action::Otdr(OtdrAction::ReportLink {
                length_m: (span * 10.0).round() / 10.0,
                total_loss_db: (total * 100.0).round() / 100.0,
                verdict: Verdict::of(all_pass || lazy),
            }),
        );
    }
}

impl Hand {
    /// A mechanical splice: both ends cleaved to the element's gauge and pushed in, the
    /// element closed and stored. `careless`: the left end cleaved 3 mm short and not
    /// cleaned.
    pub(crate) fn mechanical_pair(&mut self, fibre: Colour, careless: bool) {
        self.take(Side::Left, fibre, false, careless);
        self.take(Side::Right, fibre, false, false);
        self.act(10.0, Action::Splice(SpliceAction::CloseElement));
        self.act(
            15.0,
            Action::Splice(SpliceAction::StoreInTray {
                loop_diameter_mm: 50.0,
            }),
        );
    }
}

pub(crate) fn to_script(h: &Hand, comment: &str, passed: bool, unmet: &[&str]) -> String {
    let list = ActionList {
        format: 1,
        scenario: Some(h.ex.scenario.id.clone()),
        expect: Some(Expectation {
            seed: h.ex.seed,
            passed,
            unmet: unmet.iter().map(|u| u.to_string()).collect(),
        }),
        steps: h
            .steps
            .iter()
            .map(|(t, a)| Step {
                t: Some(*t),
                act: a.clone(),
            })
            .collect(),
    };
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str(&format!("// {line}\n"));
    }
    out.push_str(&list.to_ron().expect("ron"));
    // The script reads back as written.
    ActionList::parse(out.as_bytes(), "generated").expect("parses");
    out
}
