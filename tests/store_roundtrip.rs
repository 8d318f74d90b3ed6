//! Every action of every module goes into the store and comes back exactly: generated
//! actions (every variant, any number, any colour and tool) written through the real
//! SQLite path and read back. A stored action that does not read back is an attempt that
//! can be neither resumed nor verified.

use std::path::Path;

use fibrelab::exercise::LoggedAction;
use fibrelab::exercise::connect::{CordRole, Face, FieldStep};
use fibrelab::exercise::connect::{
    FittingAction, MeterAction, MicroscopeAction, PonAction, RedLightAction, ReportAction,
};
use fibrelab::exercise::otdr::{Config, Direction, Verdict};
use fibrelab::exercise::prep::{CleanMethod, Force, GelMethod, Tool};
use fibrelab::exercise::routing::{
    AerialAction, BlowAction, ChamberAction, LayMethod, PoleDecision, PullAction, Remedy, SiteStep,
    TrenchAction,
};
use fibrelab::exercise::splice::Side;
use fibrelab::exercise::{
    Action, ConnectAction, JobAction, OtdrAction, PrepAction, RoutingAction, SpliceAction,
};
use fibrelab::physics::cable::{Colour, ColourCode};
use fibrelab::physics::endface::Cleaning;
use fibrelab::physics::hardware::Hardware;
use fibrelab::physics::olts::RefMethod;
use fibrelab::physics::splice::{Alignment, Programme, SplicerSettings};
use fibrelab::physics::trench::MeshColour;
use fibrelab::records::Db;
use fibrelab::scenario::{EventType, load_file};
use proptest::prelude::*;

/// The name of an action's variant. The match is exhaustive on purpose: a new action
/// does not compile until it is named here, and `every_variant_is_generated` then fails
/// until the generator makes it.
fn variant(a: &Action) -> &'static str {
    match a {
        Action::Prep(PrepAction::SlideSleeve) => "SlideSleeve",
        Action::Prep(PrepAction::StripSheath { .. }) => "StripSheath",
        Action::Prep(PrepAction::CutStrengthMembers { .. }) => "CutStrengthMembers",
        Action::Prep(PrepAction::OpenTube { .. }) => "OpenTube",
        Action::Prep(PrepAction::RemoveGel { .. }) => "RemoveGel",
        Action::Prep(PrepAction::PickFibre { .. }) => "PickFibre",
        Action::Prep(PrepAction::StripCoating { .. }) => "StripCoating",
        Action::Prep(PrepAction::Clean { .. }) => "Clean",
        Action::Prep(PrepAction::Cleave { .. }) => "Cleave",
        Action::Prep(PrepAction::DisposeShard) => "DisposeShard",
        Action::Prep(PrepAction::LayOnBench) => "LayOnBench",
        Action::AskHint => "AskHint",
        Action::Finish => "Finish",
        Action::Otdr(OtdrAction::Acquire(_)) => "Acquire",
        Action::Otdr(OtdrAction::ReportEvent { .. }) => "ReportEvent",
        Action::Otdr(OtdrAction::RemoveReportEvent { .. }) => "RemoveReportEvent",
        Action::Otdr(OtdrAction::TakeTable { .. }) => "TakeTable",
        Action::Otdr(OtdrAction::SetVerdict { .. }) => "SetVerdict",
        Action::Otdr(OtdrAction::ReportLink { .. }) => "ReportLink",
        Action::Splice(SpliceAction::WorkOn { .. }) => "WorkOn",
        Action::Splice(SpliceAction::SetSplicer(_)) => "SetSplicer",
        Action::Splice(SpliceAction::LoadFibre { .. }) => "LoadFibre",
        Action::Splice(SpliceAction::UnloadFibre { .. }) => "UnloadFibre",
        Action::Splice(SpliceAction::PressSet) => "PressSet",
        Action::Splice(SpliceAction::OpenCover) => "OpenCover",
        Action::Splice(SpliceAction::BreakSplice) => "BreakSplice",
        Action::Splice(SpliceAction::CentreSleeve) => "CentreSleeve",
        Action::Splice(SpliceAction::OvenIn) => "OvenIn",
        Action::Splice(SpliceAction::OvenOut) => "OvenOut",
        Action::Splice(SpliceAction::StoreInTray { .. }) => "StoreInTray",
        Action::Splice(SpliceAction::CloseElement) => "CloseElement",
        Action::Job(JobAction::NextStage) => "NextStage",
        Action::Job(JobAction::TestFibre { .. }) => "TestFibre",
        Action::Job(JobAction::LocateFibre { .. }) => "LocateFibre",
        Action::Job(JobAction::ReportRoute { .. }) => "ReportRoute",
        Action::Job(JobAction::FileDefect { .. }) => "FileDefect",
        Action::Job(JobAction::WithdrawDefect { .. }) => "WithdrawDefect",
        Action::Job(JobAction::OpenWindow { .. }) => "OpenWindow",
        Action::Job(JobAction::CutTube { .. }) => "CutTube",
        Action::Job(JobAction::PassTube { .. }) => "PassTube",
        Action::Job(JobAction::OpenBox) => "OpenBox",
        Action::Job(JobAction::PlaceFibre { .. }) => "PlaceFibre",
        Action::Job(JobAction::CoilFibre { .. }) => "CoilFibre",
        Action::Job(JobAction::CloseBox { .. }) => "CloseBox",
        Action::Job(JobAction::RedLight { .. }) => "RedLight",
        Action::Routing(RoutingAction::Aerial(AerialAction::InspectPole { .. })) => "InspectPole",
        Action::Routing(RoutingAction::Aerial(AerialAction::RecordPole { .. })) => "RecordPole",
        Action::Routing(RoutingAction::Aerial(AerialAction::DecidePole { .. })) => "DecidePole",
        Action::Routing(RoutingAction::Aerial(AerialAction::SetHardware { .. })) => "SetHardware",
        Action::Routing(RoutingAction::Aerial(AerialAction::TensionSpan { .. })) => "TensionSpan",
        Action::Routing(RoutingAction::Pull(PullAction::PlaceWinch { .. })) => "PlaceWinch",
        Action::Routing(RoutingAction::Pull(PullAction::Lubricate { .. })) => "Lubricate",
        Action::Routing(RoutingAction::Pull(PullAction::SplitAt { .. })) => "SplitAt",
        Action::Routing(RoutingAction::Pull(PullAction::FitSwivel { .. })) => "FitSwivel",
        Action::Routing(RoutingAction::Pull(PullAction::FitGuide { .. })) => "FitGuide",
        Action::Routing(RoutingAction::Pull(PullAction::StartPull)) => "StartPull",
        Action::Routing(RoutingAction::Chamber(ChamberAction::Step { .. })) => "Step",
        Action::Routing(RoutingAction::Aerial(AerialAction::ReadLoad { .. })) => "ReadLoad",
        Action::Routing(RoutingAction::Aerial(AerialAction::SetRemedy { .. })) => "SetRemedy",
        Action::Routing(RoutingAction::Blow(BlowAction::ChooseCable { .. })) => "ChooseCable",
        Action::Routing(RoutingAction::Blow(BlowAction::ChooseMethod { .. })) => "ChooseMethod",
        Action::Routing(RoutingAction::Blow(BlowAction::PressureTest { .. })) => "PressureTest",
        Action::Routing(RoutingAction::Blow(BlowAction::StartBlowing { .. })) => "StartBlowing",
        Action::Routing(RoutingAction::Trench(TrenchAction::DigZone { .. })) => "DigZone",
        Action::Routing(RoutingAction::Trench(TrenchAction::SetLvSpacing { .. })) => "SetLvSpacing",
        Action::Routing(RoutingAction::Trench(TrenchAction::BuildTransition { .. })) => {
            "BuildTransition"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::InspectFace { .. })) => {
            "InspectFace"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::CleanFace { .. })) => {
            "CleanFace"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::JudgeFace { .. })) => {
            "JudgeFace"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::ConnectPlug { .. })) => {
            "ConnectPlug"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::Disconnect { .. })) => {
            "Disconnect"
        }
        Action::Connect(ConnectAction::Microscope(MicroscopeAction::ReplaceConnector {
            ..
        })) => "ReplaceConnector",
        Action::Connect(ConnectAction::Meter(MeterAction::EnterBudget { .. })) => "EnterBudget",
        Action::Connect(ConnectAction::Meter(MeterAction::SetSource { .. })) => "SetSource",
        Action::Connect(ConnectAction::Meter(MeterAction::SetMeter { .. })) => "SetMeter",
        Action::Connect(ConnectAction::Meter(MeterAction::UseCord { .. })) => "UseCord",
        Action::Connect(ConnectAction::Meter(MeterAction::SetReference { .. })) => "SetReference",
        Action::Connect(ConnectAction::Meter(MeterAction::MeasureLoss)) => "MeasureLoss",
        Action::Connect(ConnectAction::Meter(MeterAction::LinkVerdict { .. })) => "LinkVerdict",
        Action::Connect(ConnectAction::Pon(PonAction::ReadPon { .. })) => "ReadPon",
        Action::Connect(ConnectAction::Pon(PonAction::JudgePon { .. })) => "JudgePon",
        Action::Connect(ConnectAction::RedLight(RedLightAction::VflOn)) => "VflOn",
        Action::Connect(ConnectAction::RedLight(RedLightAction::LookAt { .. })) => "LookAt",
        Action::Connect(ConnectAction::RedLight(RedLightAction::LocateFault { .. })) => {
            "LocateFault"
        }
        Action::Connect(ConnectAction::Report(ReportAction::FillReport { .. })) => "FillReport",
        Action::Connect(ConnectAction::Fitting(FittingAction::FieldStep { .. })) => "FieldStep",
        Action::Connect(ConnectAction::RedLight(RedLightAction::LookAtFibre { .. })) => {
            "LookAtFibre"
        }
        Action::Connect(ConnectAction::RedLight(RedLightAction::ChooseFibre { .. })) => {
            "ChooseFibre"
        }
    }
}

const VARIANTS: usize = 88;

/// Any f64 a script or a screen could produce, the odd ones included (negative zero,
/// subnormals, infinities, NaN): the store keeps what the engine was given.
fn num() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e4..1e4f64,
        1 => any::<f64>(),
        1 => Just(-0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::MIN_POSITIVE / 3.0),
    ]
}

fn opt_num() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(num())
}

fn tool() -> impl Strategy<Value = Tool> {
    prop::sample::select(Tool::ALL.to_vec())
}

fn colour() -> impl Strategy<Value = Colour> {
    prop::sample::select(ColourCode::StandardOrange.order().to_vec())
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Left), Just(Side::Right)]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![Just(Verdict::Pass), Just(Verdict::Fail)]
}

fn event_type() -> impl Strategy<Value = EventType> {
    prop::sample::select(EventType::ALL.to_vec())
}

fn config() -> impl Strategy<Value = Config> {
    (
        (num(), num(), num(), num(), num()),
        opt_num(),
        prop_oneof![Just(Direction::AtoB), Just(Direction::BtoA)],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                (wavelength_nm, pulse_ns, range_m, averaging_s, ior),
                backscatter_db,
                direction,
                launch_cable,
                receive_cable,
            )| Config {
                wavelength_nm,
                pulse_ns,
                range_m,
                averaging_s,
                ior,
                backscatter_db,
                direction,
                launch_cable,
                receive_cable,
            },
        )
}

fn splicer_settings() -> impl Strategy<Value = SplicerSettings> {
    (
        prop::sample::select(Programme::ALL.to_vec()),
        prop_oneof![Just(Alignment::Core), Just(Alignment::Cladding)],
        (num(), num(), num(), num(), num(), num()),
        any::<bool>(),
    )
        .prop_map(
            |(
                programme,
                alignment,
                (cleave_limit_deg, arc_power_pct, arc_time_ms, prefuse_ms, gap_um, overlap_um),
                pause_before_arc,
            )| {
                SplicerSettings {
                    programme,
                    alignment,
                    cleave_limit_deg,
                    arc_power_pct,
                    arc_time_ms,
                    prefuse_ms,
                    gap_um,
                    overlap_um,
                    pause_before_arc,
                }
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    let force = prop_oneof![Just(Force::Light), Just(Force::Normal), Just(Force::Hard)];
    let gel = prop_oneof![
        Just(GelMethod::GelCleaner),
        Just(GelMethod::Alcohol),
        Just(GelMethod::DryWipe)
    ];
    let clean = prop_oneof![
        Just(CleanMethod::AlcoholWipe),
        Just(CleanMethod::DryWipe),
        Just(CleanMethod::Cloth)
    ];
    let prep = prop_oneof![
        Just(Action::Prep(PrepAction::SlideSleeve)),
        (num(), tool()).prop_map(|(length_mm, tool)| Action::Prep(PrepAction::StripSheath {
            length_mm,
            tool
        })),
        (num(), tool()).prop_map(
            |(keep_mm, tool)| Action::Prep(PrepAction::CutStrengthMembers { keep_mm, tool })
        ),
        (prop::option::of(colour()), tool())
            .prop_map(|(tube, tool)| Action::Prep(PrepAction::OpenTube { tube, tool })),
        gel.prop_map(|method| Action::Prep(PrepAction::RemoveGel { method })),
        (prop::option::of(colour()), colour())
            .prop_map(|(tube, fibre)| Action::Prep(PrepAction::PickFibre { tube, fibre })),
        (num(), tool(), force).prop_map(|(length_mm, tool, force)| Action::Prep(
            PrepAction::StripCoating {
                length_mm,
                tool,
                force
            }
        )),
        clean.prop_map(|method| Action::Prep(PrepAction::Clean { method })),
        num().prop_map(|length_mm| Action::Prep(PrepAction::Cleave { length_mm })),
        Just(Action::Prep(PrepAction::DisposeShard)),
        Just(Action::Prep(PrepAction::LayOnBench)),
    ];
    let common = prop_oneof![Just(Action::AskHint), Just(Action::Finish)];
    let otdr = prop_oneof![
        config().prop_map(|c| Action::Otdr(OtdrAction::Acquire(c))),
        (
            num(),
            event_type(),
            opt_num(),
            opt_num(),
            prop::option::of(verdict())
        )
            .prop_map(|(distance_m, kind, loss_db, reflectance_db, verdict)| {
                Action::Otdr(OtdrAction::ReportEvent {
                    distance_m,
                    kind,
                    loss_db,
                    reflectance_db,
                    verdict,
                })
            }),
        any::<u32>().prop_map(|number| Action::Otdr(OtdrAction::RemoveReportEvent { number })),
        any::<u32>().prop_map(|trace| Action::Otdr(OtdrAction::TakeTable { trace })),
        (any::<u32>(), verdict())
            .prop_map(|(number, verdict)| Action::Otdr(OtdrAction::SetVerdict { number, verdict })),
        (num(), num(), verdict()).prop_map(|(length_m, total_loss_db, verdict)| {
            Action::Otdr(OtdrAction::ReportLink {
                length_m,
                total_loss_db,
                verdict,
            })
        }),
    ];
    let splice = prop_oneof![
        side().prop_map(|side| Action::Splice(SpliceAction::WorkOn { side })),
        splicer_settings().prop_map(|s| Action::Splice(SpliceAction::SetSplicer(s))),
        side().prop_map(|side| Action::Splice(SpliceAction::LoadFibre { side })),
        side().prop_map(|side| Action::Splice(SpliceAction::UnloadFibre { side })),
        Just(Action::Splice(SpliceAction::PressSet)),
        Just(Action::Splice(SpliceAction::OpenCover)),
        Just(Action::Splice(SpliceAction::BreakSplice)),
        Just(Action::Splice(SpliceAction::CentreSleeve)),
        Just(Action::Splice(SpliceAction::OvenIn)),
        Just(Action::Splice(SpliceAction::OvenOut)),
        num().prop_map(
            |loop_diameter_mm| Action::Splice(SpliceAction::StoreInTray { loop_diameter_mm })
        ),
        Just(Action::Splice(SpliceAction::CloseElement)),
    ];
    let job = prop_oneof![
        Just(Action::Job(JobAction::NextStage)),
        (prop::option::of(colour()), colour())
            .prop_map(|(tube, fibre)| Action::Job(JobAction::TestFibre { tube, fibre })),
        "[A-Za-z0-9éè' \\-\"]{0,16}"
            .prop_map(|position| Action::Job(JobAction::LocateFibre { position })),
        prop_oneof![
            Just(fibrelab::scenario::closure::order::RouteCode::FINT06),
            Just(fibrelab::scenario::closure::order::RouteCode::FINT07)
        ]
        .prop_map(|code| Action::Job(JobAction::ReportRoute { code })),
        (
            "FD[0-9]{2}",
            "LD[0-9]{2}",
            prop::option::of("[A-Za-z0-9éè' \\-\"]{0,16}")
        )
            .prop_map(
                |(fault, location, position)| Action::Job(JobAction::FileDefect {
                    fault,
                    location,
                    position
                })
            ),
        (0u32..8).prop_map(|index| Action::Job(JobAction::WithdrawDefect { index })),
        (100.0f64..4000.0).prop_map(|length_mm| Action::Job(JobAction::OpenWindow { length_mm })),
        (0u32..6, prop::collection::vec(-300i32..300, 0..8))
            .prop_map(|(tube, stroke)| Action::Job(JobAction::CutTube { tube, stroke })),
        (0u32..6).prop_map(|tube| Action::Job(JobAction::PassTube { tube })),
        ("FO-0012[AB]-0[0-9]{2}", "PS-PBO42-0[01]-[0-9B]{2,4}").prop_map(|(fibre, position)| {
            Action::Job(JobAction::PlaceFibre { fibre, position })
        }),
        ("PS-PBO42-01-[01][0-9]", 10.0f64..300.0).prop_map(|(position, diameter_mm)| {
            Action::Job(JobAction::CoilFibre {
                position,
                diameter_mm,
            })
        }),
        "[A-Za-z0-9éè' \\-\"]{0,12}".prop_map(|label| Action::Job(JobAction::CloseBox { label })),
        Just(Action::Job(JobAction::OpenBox)),
        "FO-0012A-0[0-4][0-9]".prop_map(|fibre| Action::Job(JobAction::RedLight { fibre })),
    ];
    // Names as a trainer or a screen could write them: accents, quotes, spaces.
    let name = || "[A-Za-z0-9éè' \\-\"]{0,12}";
    let decision = prop_oneof![
        Just(PoleDecision::Nacelle),
        Just(PoleDecision::Ladder),
        Just(PoleDecision::Refuse)
    ];
    let hardware = prop_oneof![Just(Hardware::Anchor), Just(Hardware::Suspension)];
    let step = prop::sample::select(vec![
        SiteStep::ApproachSign,
        SiteStep::Cones,
        SiteStep::Ppe,
        SiteStep::GasDetector,
        SiteStep::FreeCover,
        SiteStep::LiftCoverMagnetic,
        SiteStep::LiftCoverByHand,
        SiteStep::StoreCover,
        SiteStep::GuardRail,
        SiteStep::GasCheck,
        SiteStep::Enter,
        SiteStep::CloseCover,
        SiteStep::RemoveSigns,
    ]);
    let routing = prop_oneof![
        name().prop_map(|pole| Action::from(AerialAction::InspectPole { pole })),
        (name(), name())
            .prop_map(|(pole, number)| Action::from(AerialAction::RecordPole { pole, number })),
        (name(), decision)
            .prop_map(|(pole, decision)| Action::from(AerialAction::DecidePole { pole, decision })),
        (name(), hardware).prop_map(|(pole, hardware)| Action::from(AerialAction::SetHardware {
            pole,
            hardware
        })),
        (any::<u32>(), num()).prop_map(|(span, tension_n)| Action::from(
            AerialAction::TensionSpan { span, tension_n }
        )),
        name().prop_map(|chamber| Action::from(PullAction::PlaceWinch { chamber })),
        any::<bool>().prop_map(|on| Action::from(PullAction::Lubricate { on })),
        (name(), num()).prop_map(
            |(chamber, lobe_radius_m)| Action::from(PullAction::SplitAt {
                chamber,
                lobe_radius_m
            })
        ),
        num().prop_map(|rating_n| Action::from(PullAction::FitSwivel { rating_n })),
        (name(), num()).prop_map(|(chamber, radius_m)| Action::from(PullAction::FitGuide {
            chamber,
            radius_m
        })),
        Just(Action::from(PullAction::StartPull)),
        step.prop_map(|step| Action::from(ChamberAction::Step { step })),
        (name(), num()).prop_map(
            |(pole, utilisation_pct)| Action::from(AerialAction::ReadLoad {
                pole,
                utilisation_pct
            })
        ),
        (
            name(),
            prop_oneof![
                Just(Remedy::Accept),
                num().prop_map(|anchor_m| Remedy::Guy { anchor_m }),
                Just(Remedy::Strengthen),
                Just(Remedy::Refuse)
            ]
        )
            .prop_map(|(pole, remedy)| Action::from(AerialAction::SetRemedy { pole, remedy })),
    ];
    let mesh = prop::sample::select(vec![
        MeshColour::Green,
        MeshColour::Red,
        MeshColour::Yellow,
        MeshColour::Blue,
        MeshColour::Brown,
    ]);
    let works = prop_oneof![
        num().prop_map(|diameter_mm| Action::from(BlowAction::ChooseCable { diameter_mm })),
        prop_oneof![Just(LayMethod::Pull), Just(LayMethod::Blow)]
            .prop_map(|method| Action::from(BlowAction::ChooseMethod { method })),
        num().prop_map(|bar| Action::from(BlowAction::PressureTest { bar })),
        num().prop_map(|pressure_bar| Action::from(BlowAction::StartBlowing { pressure_bar })),
        (any::<u32>(), num(), num(), mesh).prop_map(|(zone, bottom_m, mesh_depth_m, mesh)| {
            Action::from(TrenchAction::DigZone {
                zone,
                bottom_m,
                mesh_depth_m,
                mesh,
            })
        }),
        num().prop_map(|spacing_m| Action::from(TrenchAction::SetLvSpacing { spacing_m })),
        (num(), num(), any::<bool>()).prop_map(|(pbo_height_m, guard_m, anchored)| {
            Action::from(TrenchAction::BuildTransition {
                pbo_height_m,
                guard_m,
                anchored,
            })
        }),
    ];
    let face = prop_oneof![Just(Face::Port), Just(Face::Plug)];
    let cleaning = prop_oneof![
        Just(Cleaning::DryClick),
        Just(Cleaning::WetThenDry),
        Just(Cleaning::Reel)
    ];
    let role = prop_oneof![
        Just(CordRole::Launch),
        Just(CordRole::Receive),
        Just(CordRole::Substitution)
    ];
    let method = prop_oneof![
        Just(RefMethod::OneCord),
        Just(RefMethod::TwoCord),
        Just(RefMethod::ThreeCord)
    ];
    fn c(a: impl Into<Action>) -> Action {
        a.into()
    }
    let connect = prop_oneof![
        (name(), face.clone()).prop_map(move |(connector, face)| c(
            MicroscopeAction::InspectFace { connector, face }
        )),
        (name(), face.clone(), cleaning).prop_map(move |(connector, face, method)| c(
            MicroscopeAction::CleanFace {
                connector,
                face,
                method
            }
        )),
        (name(), face, any::<bool>()).prop_map(move |(connector, face, pass)| c(
            MicroscopeAction::JudgeFace {
                connector,
                face,
                pass
            }
        )),
        name().prop_map(move |connector| c(MicroscopeAction::ConnectPlug { connector })),
        name().prop_map(move |connector| c(MicroscopeAction::Disconnect { connector })),
        name().prop_map(move |connector| c(MicroscopeAction::ReplaceConnector { connector })),
        (num(), num()).prop_map(
            move |(wavelength_nm, budget_db)| c(MeterAction::EnterBudget {
                wavelength_nm,
                budget_db
            })
        ),
        num().prop_map(move |wavelength_nm| c(MeterAction::SetSource { wavelength_nm })),
        num().prop_map(move |wavelength_nm| c(MeterAction::SetMeter { wavelength_nm })),
        (role, name()).prop_map(move |(role, cord)| c(MeterAction::UseCord { role, cord })),
        method.prop_map(move |method| c(MeterAction::SetReference { method })),
        Just(c(MeterAction::MeasureLoss)),
        any::<bool>().prop_map(move |pass| c(MeterAction::LinkVerdict { pass })),
        num().prop_map(move |wavelength_nm| c(PonAction::ReadPon { wavelength_nm })),
        (num(), any::<bool>())
            .prop_map(move |(wavelength_nm, ok)| c(PonAction::JudgePon { wavelength_nm, ok })),
        Just(c(RedLightAction::VflOn)),
        any::<u32>().prop_map(move |piece| c(RedLightAction::LookAt { piece })),
        prop::option::of(any::<u32>())
            .prop_map(move |piece| c(RedLightAction::LocateFault { piece })),
        (
            name(),
            prop_oneof![
                Just(FieldStep::Strip),
                Just(FieldStep::Clean),
                num().prop_map(|length_mm| FieldStep::Cleave { length_mm }),
                any::<bool>().prop_map(|bowed| FieldStep::Insert { bowed }),
                Just(FieldStep::Crimp),
                Just(FieldStep::CutOff),
            ]
        )
            .prop_map(move |(connector, step)| c(FittingAction::FieldStep { connector, step })),
        any::<u32>().prop_map(move |fibre| c(RedLightAction::LookAtFibre { fibre })),
        any::<u32>().prop_map(move |fibre| c(RedLightAction::ChooseFibre { fibre })),
        (name(), name(), num(), any::<bool>(), any::<bool>()).prop_map(
            move |(line_id, pbo, level_dbm, pass, no_light)| c(ReportAction::FillReport {
                line_id,
                pbo,
                level_dbm,
                pass,
                no_light
            })
        ),
    ];
    prop_oneof![prep, common, otdr, splice, job, routing, works, connect]
}

fn scenario_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/otdr/first-trace-practice.ron")
}

/// Writes `log` as one attempt through the store and reads it back.
fn through_the_store(db: &Db, log: &[LoggedAction]) -> Vec<LoggedAction> {
    let loaded = load_file(&scenario_file()).expect("shipped scenario");
    let id = db.start_attempt(&loaded, 1, "t").expect("start");
    for (i, a) in log.iter().enumerate() {
        db.record_action(id, i, a).expect("record");
    }
    db.actions(id).expect("every stored action reads back")
}

/// Exact comparison, floats included: `Debug` prints an f64 with the digits that
/// identify it, so -0.0, subnormals and NaN are told apart where `==` would not.
fn same(a: &[LoggedAction], b: &[LoggedAction]) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_actions_of_any_module_read_back_exactly(
        actions in prop::collection::vec((0u64..(1u64 << 40), action()), 1..24)
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let db = Db::open(&tmp.path().join("a.db")).expect("open");
        let mut t = 0;
        let log: Vec<LoggedAction> = actions
            .into_iter()
            .map(|(dt, action)| {
                t += dt;
                LoggedAction { at_ms: t, action }
            })
            .collect();
        let back = through_the_store(&db, &log);
        prop_assert!(same(&log, &back), "wrote {log:?}\nread {back:?}");
    }
}

#[test]
fn every_variant_is_generated() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = action();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..20_000 {
        let a = strategy.new_tree(&mut runner).expect("tree").current();
        seen.insert(variant(&a));
        if seen.len() == VARIANTS {
            break;
        }
    }
    assert_eq!(seen.len(), VARIANTS, "generated only {seen:?}");
}

/// The file format names an action by its own variant's name alone, as the flat enum of
/// earlier releases did: the names written here by hand (`variant`) are the ones written
/// to the store, and the format knows each name once.
#[test]
fn each_action_is_written_by_its_own_name_and_each_name_is_one_action() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = action();
    for _ in 0..2_000 {
        let a = strategy.new_tree(&mut runner).expect("tree").current();
        let text = fibrelab::records::encode_action(&a).expect("encode");
        let name = text.split('(').next().unwrap_or_default();
        assert_eq!(name, variant(&a), "{text}");
    }
    let names = fibrelab::wire::variants_of::<Action>();
    assert_eq!(names.len(), VARIANTS, "{names:?}");
    let unique: std::collections::BTreeSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "a name twice: {names:?}");
    let checks = fibrelab::wire::variants_of::<fibrelab::scenario::Check>();
    let unique: std::collections::BTreeSet<_> = checks.iter().collect();
    assert_eq!(
        unique.len(),
        checks.len(),
        "a check's name twice: {checks:?}"
    );
}

#[test]
fn the_largest_time_the_store_can_hold_reads_back_and_a_larger_one_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = Db::open(&tmp.path().join("a.db")).expect("open");
    let loaded = load_file(&scenario_file()).expect("shipped scenario");
    let id = db.start_attempt(&loaded, 1, "t").expect("start");
    let max = LoggedAction {
        at_ms: i64::MAX as u64,
        action: Action::Finish,
    };
    db.record_action(id, 0, &max).expect("i64::MAX fits");
    assert_eq!(
        db.actions(id).expect("reads back")[0].at_ms,
        i64::MAX as u64
    );
    let over = LoggedAction {
        at_ms: 1 << 63,
        action: Action::Finish,
    };
    let err = db
        .record_action(id, 1, &over)
        .expect_err("2^63 ms does not fit");
    assert!(err.to_string().contains("out of range"), "{err}");
}
