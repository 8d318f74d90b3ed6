//! A value a trainer writes either as a plain number (`0.2`) or as a range the seed draws
//! from (`Range(0.1, 0.3)`).

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Varying<T> {
    Fixed(T),
    Range(T, T),
}

impl<T: Copy + PartialOrd> Varying<T> {
    pub fn min(&self) -> T {
        match *self {
            Varying::Fixed(v) => v,
            Varying::Range(a, _) => a,
        }
    }
    pub fn max(&self) -> T {
        match *self {
            Varying::Fixed(v) => v,
            Varying::Range(_, b) => b,
        }
    }
}

impl Varying<f64> {
    pub fn draw(&self, rng: &mut SimRng) -> f64 {
        match *self {
            Varying::Fixed(v) => v,
            Varying::Range(a, b) => rng.range_f64(a, b),
        }
    }
}

impl Varying<u32> {
    pub fn draw(&self, rng: &mut SimRng) -> u32 {
        match *self {
            Varying::Fixed(v) => v,
            Varying::Range(a, b) => rng.range_u32(a, b),
        }
    }
}

/// How a value that is neither a number nor a range is reported: a message with this
/// prefix, the key of the expected form and what was written (`load` turns it into the trainer's
/// words, at the start of the field).
pub const NOT_VARYING: &str = "fibrelab-not-varying";

fn not_varying<E: de::Error>(expected: &str, found: &str) -> E {
    E::custom(format!("{NOT_VARYING}\u{1f}{expected}\u{1f}{found}"))
}

/// Numbers as RON hands them over, converted to `T`.
pub trait FromNumber: Sized {
    const EXPECTED: &'static str;
    /// The message key that says what is expected, for the trainer.
    const EXPECTED_KEY: &'static str;
    fn from_f64(v: f64) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
}

impl FromNumber for f64 {
    const EXPECTED: &'static str = "a number, or Range(min, max)";
    const EXPECTED_KEY: &'static str = "expect-number-or-range";
    fn from_f64(v: f64) -> Option<Self> {
        v.is_finite().then_some(v)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
}

impl FromNumber for u32 {
    const EXPECTED: &'static str = "a whole number, or Range(min, max)";
    const EXPECTED_KEY: &'static str = "expect-whole-number-or-range";
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_i64(v: i64) -> Option<Self> {
        u32::try_from(v).ok()
    }
}

/// One bound of a range, or a plain value: any number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Num {
    I(i64),
    F(f64),
}

impl Num {
    fn into_t<T: FromNumber, E: de::Error>(self) -> Result<T, E> {
        match self {
            Num::I(i) => T::from_i64(i)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(i), &T::EXPECTED)),
            Num::F(f) => T::from_f64(f)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Float(f), &T::EXPECTED)),
        }
    }
}

/// The leading name of a value's text (`Range` in `Range(1, 2)`), if it starts with one.
fn leading_name(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let name = &text[..end];
    name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        .then_some(name)
}

impl<'de, T: FromNumber> Deserialize<'de> for Varying<T> {
    /// A number, or `Range(min, max)` by that name: the value is read as written (ron
    /// hands a named tuple to a visitor without its name, so `Rnage(0.05, 0.25)` or a
    /// list `[0.05, 0.25]` would pass for a range), and anything else is refused with
    /// what was found.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <Box<ron::value::RawValue>>::deserialize(d)?;
        let text = raw.get_ron();
        let not_this = || not_varying(T::EXPECTED_KEY, text);
        match leading_name(text) {
            Some("Range") => {
                let (a, b): (Num, Num) =
                    ron::from_str(&text["Range".len()..]).map_err(|_| not_this())?;
                Ok(Varying::Range(a.into_t()?, b.into_t()?))
            }
            Some(name) => Err(de::Error::unknown_variant(name, &["Range"])),
            None => {
                let n: Num = ron::from_str(text).map_err(|_| not_this())?;
                Ok(Varying::Fixed(n.into_t()?))
            }
        }
    }
}
