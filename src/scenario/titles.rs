//! Each check's title as a trainer reads it: a noun phrase in French and English
//! (`criteria.ftl`), shown wherever people read a criterion; the id stays in what
//! machines read.

use super::*;

impl Check {
    /// The criterion's title as a trainer reads it (a noun phrase: "Longueur de
    /// clivage"), in the results, the statistics, the reports and the LRS; the
    /// criterion's id stays in what machines read.
    pub fn title(&self) -> Msg {
        Msg::new(match self {
            Check::WithinTime => "crit-within-time",
            Check::Prep(c) => match c {
                PrepCheck::RightFibre => "crit-right-fibre",
                PrepCheck::SleeveBeforeCleave => "crit-sleeve-before-cleave",
                PrepCheck::OperationOrder => "crit-operation-order",
                PrepCheck::RightTools => "crit-right-tools",
                PrepCheck::SheathStripLength { .. } => "crit-sheath-strip-length",
                PrepCheck::StrengthMemberLength { .. } => "crit-strength-member-length",
                PrepCheck::CoatingStripLength { .. } => "crit-coating-strip-length",
                PrepCheck::CleaveLength { .. } => "crit-cleave-length",
                PrepCheck::CleaveQuality { .. } => "crit-cleave-quality",
                PrepCheck::EndFaceClean => "crit-end-face-clean",
                PrepCheck::FibreIntact => "crit-fibre-intact",
                PrepCheck::ShardsDisposed => "crit-shards-disposed",
            },
            Check::Otdr(c) => match c {
                OtdrCheck::CablesUsed => "crit-cables-used",
                OtdrCheck::AllMeasured => "crit-all-measured",
                OtdrCheck::IorSet => "crit-ior-set",
                OtdrCheck::RangeFit => "crit-range-fit",
                OtdrCheck::PulseFit => "crit-pulse-fit",
                OtdrCheck::AveragingTime { .. } => "crit-averaging-time",
                OtdrCheck::EventsFound => "crit-events-found",
                OtdrCheck::EventTypes => "crit-event-types",
                OtdrCheck::EventValues => "crit-event-values",
                OtdrCheck::FaultLocated => "crit-fault-located",
                OtdrCheck::LinkResult => "crit-link-result",
                OtdrCheck::Verdicts => "crit-verdicts",
            },
            Check::Splice(c) => match c {
                SpliceCheck::SplicesMade => "crit-splices-made",
                SpliceCheck::SpliceLoss => "crit-splice-loss",
                SpliceCheck::RecleavedWhenRefused => "crit-recleaved-when-refused",
                SpliceCheck::FaultySplicesRedone => "crit-faulty-splices-redone",
                SpliceCheck::RightProgramme => "crit-right-programme",
                SpliceCheck::SleevesShrunk => "crit-sleeves-shrunk",
                SpliceCheck::TrayBendRadius => "crit-tray-bend-radius",
                SpliceCheck::CleanEndsFused => "crit-clean-ends-fused",
            },
            Check::Job(c) => match c {
                JobCheck::JobAccepted => "crit-job-accepted",
                JobCheck::RouteRead => "crit-job-route-read",
                JobCheck::DefectsFiled => "crit-job-defects-filed",
                JobCheck::PlanFollowed => "crit-job-plan-followed",
                JobCheck::ExpressIntact => "crit-job-express-intact",
                JobCheck::WindowOpened => "crit-job-window-opened",
                JobCheck::FibresStored => "crit-job-fibres-stored",
                JobCheck::LinesKept => "crit-job-lines-kept",
                JobCheck::BoxClosed => "crit-job-box-closed",
            },
            Check::Routing(c) => match c {
                RoutingCheck::PolesSafe => "crit-poles-safe",
                RoutingCheck::PolesInspected => "crit-poles-inspected",
                RoutingCheck::PolesRecorded => "crit-poles-recorded",
                RoutingCheck::HardwareRules => "crit-hardware-rules",
                RoutingCheck::SpanSag { .. } => "crit-span-sag",
                RoutingCheck::RoadClearance => "crit-road-clearance",
                RoutingCheck::LoadedTension => "crit-loaded-tension",
                RoutingCheck::PullWithinLimits => "crit-pull-within-limits",
                RoutingCheck::SidewallPressure => "crit-sidewall-pressure",
                RoutingCheck::SwivelRated => "crit-swivel-rated",
                RoutingCheck::BendRadius => "crit-bend-radius",
                RoutingCheck::FigureEight => "crit-figure-eight",
                RoutingCheck::ProcedureOrder => "crit-procedure-order",
                RoutingCheck::ProcedureComplete => "crit-procedure-complete",
                RoutingCheck::StudyReadings { .. } => "crit-study-readings",
                RoutingCheck::PoleRemedies => "crit-pole-remedies",
                RoutingCheck::FillRatio => "crit-fill-ratio",
                RoutingCheck::Blown => "crit-blown",
                RoutingCheck::TrenchDepths => "crit-trench-depths",
                RoutingCheck::WarningMesh => "crit-warning-mesh",
                RoutingCheck::NetworkSpacing => "crit-network-spacing",
                RoutingCheck::TransitionBuilt => "crit-transition-built",
            },
            Check::Connect(c) => match c {
                ConnectCheck::FacesInspected => "crit-faces-inspected",
                ConnectCheck::ConnectedClean => "crit-connected-clean",
                ConnectCheck::FacesJudged => "crit-faces-judged",
                ConnectCheck::DamagedReplaced => "crit-damaged-replaced",
                ConnectCheck::BudgetRight { .. } => "crit-budget-right",
                ConnectCheck::ReferenceRight => "crit-reference-right",
                ConnectCheck::LossMeasured { .. } => "crit-loss-measured",
                ConnectCheck::LossVerdict => "crit-loss-verdict",
                ConnectCheck::PonJudged => "crit-pon-judged",
                ConnectCheck::FaultFound => "crit-fault-found",
                ConnectCheck::ReportRight => "crit-report-right",
                ConnectCheck::ConnectorFitted { .. } => "crit-connector-fitted",
                ConnectCheck::FibreIdentified => "crit-fibre-identified",
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One check of each kind (the title's match is exhaustive; this list is what the
    /// test reads).
    fn every_check() -> Vec<Check> {
        use ConnectCheck as C;
        use OtdrCheck as O;
        use PrepCheck as P;
        use RoutingCheck as R;
        use SpliceCheck as S;
        let mut v = vec![
            Check::WithinTime,
            Check::Job(JobCheck::JobAccepted),
            Check::Job(JobCheck::RouteRead),
            Check::Job(JobCheck::DefectsFiled),
            Check::Job(JobCheck::PlanFollowed),
            Check::Job(JobCheck::ExpressIntact),
            Check::Job(JobCheck::WindowOpened),
            Check::Job(JobCheck::FibresStored),
            Check::Job(JobCheck::LinesKept),
            Check::Job(JobCheck::BoxClosed),
        ];
        v.extend(
            [
                P::RightFibre,
                P::SleeveBeforeCleave,
                P::OperationOrder,
                P::RightTools,
                P::SheathStripLength { tolerance_mm: 1.0 },
                P::StrengthMemberLength { tolerance_mm: 1.0 },
                P::CoatingStripLength { tolerance_mm: 1.0 },
                P::CleaveLength { tolerance_mm: 1.0 },
                P::CleaveQuality { max_angle_deg: 1.0 },
                P::EndFaceClean,
                P::FibreIntact,
                P::ShardsDisposed,
            ]
            .map(Check::Prep),
        );
        v.extend(
            [
                O::CablesUsed,
                O::AllMeasured,
                O::IorSet,
                O::RangeFit,
                O::PulseFit,
                O::AveragingTime { min_s: 10.0 },
                O::EventsFound,
                O::EventTypes,
                O::EventValues,
                O::FaultLocated,
                O::LinkResult,
                O::Verdicts,
            ]
            .map(Check::Otdr),
        );
        v.extend(
            [
                S::SplicesMade,
                S::SpliceLoss,
                S::RecleavedWhenRefused,
                S::FaultySplicesRedone,
                S::RightProgramme,
                S::SleevesShrunk,
                S::TrayBendRadius,
                S::CleanEndsFused,
            ]
            .map(Check::Splice),
        );
        v.extend(
            [
                R::PolesSafe,
                R::PolesInspected,
                R::PolesRecorded,
                R::HardwareRules,
                R::SpanSag { tolerance_pct: 5.0 },
                R::RoadClearance,
                R::LoadedTension,
                R::PullWithinLimits,
                R::SidewallPressure,
                R::SwivelRated,
                R::BendRadius,
                R::FigureEight,
                R::ProcedureOrder,
                R::ProcedureComplete,
                R::StudyReadings { tolerance_pct: 5.0 },
                R::PoleRemedies,
                R::FillRatio,
                R::Blown,
                R::TrenchDepths,
                R::WarningMesh,
                R::NetworkSpacing,
                R::TransitionBuilt,
            ]
            .map(Check::Routing),
        );
        v.extend(
            [
                C::FacesInspected,
                C::ConnectedClean,
                C::FacesJudged,
                C::DamagedReplaced,
                C::BudgetRight { tolerance_db: 0.5 },
                C::ReferenceRight,
                C::LossMeasured { tolerance_db: 0.5 },
                C::LossVerdict,
                C::PonJudged,
                C::FaultFound,
                C::ReportRight,
                C::ConnectorFitted { max_loss_db: 0.5 },
                C::FibreIdentified,
            ]
            .map(Check::Connect),
        );
        v
    }

    #[test]
    fn every_check_has_its_own_title_in_both_languages() {
        let all = every_check();
        // As many checks as the file format has names.
        assert_eq!(all.len(), crate::wire::variants_of::<Check>().len());
        assert_eq!(all.len(), 77);
        let mut seen = std::collections::HashSet::new();
        for c in &all {
            let t = c.title();
            assert!(t.exists_in_all_languages(), "{c:?}: {}", t.key);
            // The title is words, not the check's name in the file or its key.
            let wire = ron::to_string(c).unwrap();
            let name = wire.split(['(']).next().unwrap_or_default();
            for lang in Lang::ALL {
                let text = t.render(lang);
                assert!(!text.is_empty() && text != t.key && text != name, "{c:?}");
                assert!(!text.contains('_') && !text.contains("crit-"), "{text}");
                assert!(text.contains(' '), "{c:?}: a phrase, not a code: {text}");
                assert!(
                    seen.insert((lang, text.clone())),
                    "{lang:?}: `{text}` twice"
                );
            }
        }
        assert_eq!(
            Check::Prep(PrepCheck::CleaveLength { tolerance_mm: 0.5 })
                .title()
                .render(Lang::Fr),
            "Longueur de clivage"
        );
        assert_eq!(
            Check::WithinTime.title().render(Lang::En),
            "Within the time allowed"
        );
    }
}
