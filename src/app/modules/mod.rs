//! The exercise screen's module views, one plugin each. Which one shows is a sub-state of
//! the exercise screen, chosen here from the exercise's state (the only place that looks
//! at which module is played); every view's systems run in its own state only.

mod audit;
mod boxcable;
mod boxwork;
mod connect;
mod job;
mod order;
mod otdr;
mod prep;
mod routing;
mod splice;

use bevy::ecs::component::Mutable;
use bevy::prelude::*;

pub(crate) use audit::debrief as audit_debrief;
pub(crate) use connect::debrief as connect_debrief;
pub(crate) use routing::debrief as routing_debrief;

use super::AppSet;
use super::flow::{Current, Screen};
use crate::exercise::ModuleState;
use crate::scenario::job::JobStage;

/// The view of the exercise screen.
#[derive(SubStates, Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[source(Screen = Screen::Exercise)]
pub enum ModuleView {
    /// The cable-preparation bench.
    #[default]
    Prep,
    /// The splicing station: the cable in hand and the splicer.
    Splice,
    /// The OTDR instrument.
    Otdr,
    /// A job's test stage with no fibre to test.
    JobNoFibre,
    /// A job's first stage at the box: the work order and the plan de boîte.
    JobOrder,
    /// An audit: the box as found, and the defects filed.
    JobAudit,
    /// A box worked to its plan: the cable, the fibres to route, the positions.
    JobBox,
    /// A routing site: the plan, the elevation of a span, the pull.
    Routing,
    /// Connectors under the microscope, the power meter, the red light.
    Connect,
}

/// The view for the exercise's state: its module, or the stage a job is at.
pub fn view_of(state: &ModuleState) -> ModuleView {
    match state {
        ModuleState::CablePrep(_) => ModuleView::Prep,
        ModuleState::Otdr(_) => ModuleView::Otdr,
        ModuleState::Splice(_) => ModuleView::Splice,
        ModuleState::Routing(_) => ModuleView::Routing,
        ModuleState::Connect(_) => ModuleView::Connect,
        ModuleState::Job(j) => match j.stage() {
            JobStage::Audit => ModuleView::JobAudit,
            JobStage::Work => ModuleView::JobBox,
            JobStage::Order => ModuleView::JobOrder,
            JobStage::Route => ModuleView::Routing,
            JobStage::Splice => ModuleView::Splice,
            JobStage::Connect => ModuleView::Connect,
            JobStage::Test if j.current_otdr().is_some() => ModuleView::Otdr,
            JobStage::Test => ModuleView::JobNoFibre,
        },
    }
}

pub fn plugin(app: &mut App) {
    app.add_sub_state::<ModuleView>()
        .init_resource::<ViewChanged>()
        .add_observer(own)
        // A view's drawing is made in the frame after it opens: the run conditions of a
        // view's systems chained with its redraw may have been read before the change.
        .configure_sets(
            Update,
            AppSet::Redraw.run_if(|changed: Res<ViewChanged>| !changed.0),
        )
        .add_systems(
            Update,
            (choose_view, apply_transitions)
                .chain()
                .in_set(AppSet::Apply)
                .after(super::flow::apply_commands),
        )
        .add_plugins((
            prep::plugin,
            splice::plugin,
            otdr::plugin,
            job::plugin,
            order::plugin,
            audit::plugin,
            boxwork::plugin,
            routing::plugin,
            connect::plugin,
        ));
}

/// A view's settings as the trainee sets them, new for each attempt.
fn reset_on_entry<F: Resource<Mutability = Mutable> + Default>(app: &mut App) {
    app.init_resource::<F>()
        .add_systems(OnEnter(Screen::Exercise), |mut form: ResMut<F>| {
            *form = F::default()
        });
}

/// Asks for the view the exercise now needs (a job's next stage changes it): on the
/// exercise screen, or as it is entered this frame (then it is the view it opens with).
fn choose_view(
    current: Res<Current>,
    next_screen: Res<NextState<Screen>>,
    view: Option<Res<State<ModuleView>>>,
    mut next: ResMut<NextState<ModuleView>>,
) {
    let entering = matches!(
        *next_screen,
        NextState::Pending(Screen::Exercise) | NextState::PendingIfNeq(Screen::Exercise)
    );
    let Some(live) = current.live.as_ref().filter(|_| view.is_some() || entering) else {
        return;
    };
    let want = view_of(&live.session.exercise.state);
    if view.is_none_or(|v| *v.get() != want) {
        next.set(want);
    }
}

/// Whether the screen or the view changed in this frame's [`AppSet::Apply`].
#[derive(Resource, Default)]
struct ViewChanged(bool);

/// Applies the changes of screen and view asked for this frame at once, so that the
/// views drawn after them see the exercise they belong to.
///
/// A view's systems are in sets whose run conditions Bevy reads once, when the set's
/// first system runs: a view's gestures run before this, so its redraw would run after
/// the view has closed (the exercise finished, a job's next stage) and leave a drawing
/// over the next screen. No view draws in a frame that changed the view; the next frame
/// draws the new one (a frame is asked for).
fn apply_transitions(world: &mut World) {
    fn count(world: &World) -> usize {
        let n = |len: Option<usize>| len.unwrap_or(0);
        n(world
            .get_resource::<Messages<StateTransitionEvent<Screen>>>()
            .map(Messages::len))
            + n(world
                .get_resource::<Messages<StateTransitionEvent<ModuleView>>>()
                .map(Messages::len))
    }
    let before = count(world);
    let _ = world.try_run_schedule(StateTransition);
    let changed = count(world) != before;
    world.resource_mut::<ViewChanged>().0 = changed;
    if changed {
        world.write_message(bevy::window::RequestRedraw);
    }
}

/// Gives a new piece of drawing to the view shown (it goes when that view closes), or
/// takes it away when no view is shown: a drawing made for a view that has just closed.
fn own(
    add: On<Add, super::painter::BenchItem>,
    view: Option<Res<State<ModuleView>>>,
    mut commands: Commands,
) {
    match view {
        Some(v) => {
            commands.entity(add.entity).insert(DespawnOnExit(*v.get()));
        }
        None => commands.entity(add.entity).despawn(),
    }
}
