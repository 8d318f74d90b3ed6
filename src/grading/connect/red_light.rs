//! Grading with the red light: the fault placed where it is, the link's fibre told
//! among the ends at end B.

use crate::exercise::connect::{LinkWork, RedLight};
use crate::grading::not_reached;
use crate::i18n::Msg;

pub fn fault(st: &LinkWork, red: &RedLight) -> (f64, Msg) {
    let Some(said) = red.located else {
        return not_reached("what-fault");
    };
    let truth = st.true_fault();
    let place = |k: usize| {
        let t = st.piece_place(k);
        (t.fr, t.en)
    };
    if said == truth {
        return (
            1.0,
            match truth {
                Some(k) => {
                    let (fr, en) = place(k);
                    Msg::new("fb-fault-ok").words("place", &fr, &en)
                }
                None => Msg::new("fb-fault-none-ok"),
            },
        );
    }
    (
        0.0,
        match truth {
            Some(k) => {
                let (fr, en) = place(k);
                Msg::new("fb-fault-wrong").words("place", &fr, &en)
            }
            None => Msg::new("fb-fault-none-wrong"),
        },
    )
}

/// The fibre lit at end B picked out: looked at with the light on, and chosen right.
pub fn identified(st: &RedLight) -> (f64, Msg) {
    let Some(chosen) = st.fibre_chosen else {
        return not_reached("what-identify");
    };
    if chosen == st.lit_fibre {
        (1.0, Msg::new("fb-identify-ok").int("n", chosen))
    } else {
        (
            0.0,
            Msg::new("fb-identify-wrong")
                .int("chosen", chosen)
                .int("lit", st.lit_fibre),
        )
    }
}
