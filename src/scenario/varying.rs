//! A value a trainer writes either as a plain number (`0.2`) or as a range the seed draws
//! from (`Range(0.1, 0.3)`).

use std::fmt;

use serde::de::{self, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::rng::SimRng;

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

/// Numbers as RON hands them over, converted to `T`.
pub trait FromNumber: Sized {
    const EXPECTED: &'static str;
    fn from_f64(v: f64) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
}

impl FromNumber for f64 {
    const EXPECTED: &'static str = "a number, or Range(min, max)";
    fn from_f64(v: f64) -> Option<Self> {
        v.is_finite().then_some(v)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
}

impl FromNumber for u32 {
    const EXPECTED: &'static str = "a whole number, or Range(min, max)";
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_i64(v: i64) -> Option<Self> {
        u32::try_from(v).ok()
    }
}

struct VaryingVisitor<T>(std::marker::PhantomData<T>);

impl<T: FromNumber> VaryingVisitor<T> {
    fn num<E: de::Error>(v: Option<T>, unexp: de::Unexpected) -> Result<Varying<T>, E> {
        v.map(Varying::Fixed)
            .ok_or_else(|| E::invalid_value(unexp, &T::EXPECTED))
    }
}

fn element<'de, T: FromNumber, A: SeqAccess<'de>>(seq: &mut A, i: usize) -> Result<T, A::Error> {
    let v: Num = seq
        .next_element()?
        .ok_or_else(|| de::Error::invalid_length(i, &"Range(min, max)"))?;
    v.into_t::<T, A::Error>()
}

/// One bound of a range: any number.
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

impl<'de, T: FromNumber> Visitor<'de> for VaryingVisitor<T> {
    type Value = Varying<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::num(T::from_i64(v), de::Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let as_i = i64::try_from(v).ok();
        Self::num(as_i.and_then(T::from_i64), de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Self::num(T::from_f64(v), de::Unexpected::Float(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let a = element::<T, A>(&mut seq, 0)?;
        let b = element::<T, A>(&mut seq, 1)?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(3, &"Range(min, max)"));
        }
        Ok(Varying::Range(a, b))
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &T::EXPECTED))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (name, variant): (String, _) = data.variant()?;
        if name != "Range" {
            return Err(de::Error::unknown_variant(&name, &["Range"]));
        }
        variant.tuple_variant(2, self)
    }
}

impl<'de, T: FromNumber> Deserialize<'de> for Varying<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VaryingVisitor::<T>(std::marker::PhantomData))
    }
}
