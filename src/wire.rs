//! One flat file format for enums nested by module.
//!
//! The code sees an action as `Action::Routing(RoutingAction::Pull(PullAction::StartPull))`;
//! files (action lists, the attempts store, scenarios' criteria) write it as they always
//! have, by the innermost variant's name alone: `StartPull`, `StripSheath(length_mm: 40,
//! tool: SheathStripper)`. [`flat!`] gives a nesting enum that form: it writes each inner
//! value with the inner enum's own derived `Serialize`, and reads by looking the variant's
//! name up among the inner enums' names, then handing the rest to the derived
//! `Deserialize` of the one that has it. Each variant is written once, in its own enum,
//! with its own `serde` attributes; no mirror enum, no conversions.
//!
//! A name two inner enums both have would be read as the first's: `tests/store_roundtrip.rs`
//! holds the actions and the checks to names that are unique.

use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::{self, DeserializeOwned, DeserializeSeed, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A nesting enum written flat (made by [`flat!`]).
pub trait Flat: Sized {
    /// The enum's name, for error messages.
    const NAME: &'static str;
    /// Every variant name the file format knows for it, inner enums' included.
    fn variants() -> &'static [&'static str];
    /// Reads variant `name`, whose content `rest` holds.
    fn read<'de, A: VariantAccess<'de>>(name: &str, rest: A) -> Result<Self, A::Error>;
}

/// The variant names a derived (or flat) enum's `Deserialize` knows: it is asked to read
/// from a reader that only listens to the names it is offered.
pub fn variants_of<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(Ask) {
        Err(Asked(Some(v))) => v,
        Ok(_) | Err(Asked(None)) => &[],
    }
}

/// Names put together once, for the life of the program.
pub fn names(parts: &[&'static [&'static str]]) -> &'static [&'static str] {
    Box::leak(parts.concat().into_boxed_slice())
}

/// A cache for [`Flat::variants`].
pub type Names = OnceLock<&'static [&'static str]>;

/// Reads a [`Flat`] enum from any reader.
pub fn deserialize<'de, T: Flat, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_enum(T::NAME, T::variants(), FlatVisitor(PhantomData))
}

/// Reads variant `name` of the inner enum `T` from `rest`, with `T`'s own reader.
pub fn replay<'de, T: Deserialize<'de>, A: VariantAccess<'de>>(
    name: &str,
    rest: A,
) -> Result<T, A::Error> {
    T::deserialize(Replay { name, rest })
}

struct FlatVisitor<T>(PhantomData<T>);

impl<'de, T: Flat> Visitor<'de> for FlatVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "one of the {} names", T::NAME)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        let (Name(name), rest) = data.variant::<Name>()?;
        T::read(&name, rest)
    }
}

/// A variant's name as the reader gives it.
struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A variant already named: it hands the name, then the reader's own rest, to the inner
/// enum's reader.
struct Replay<'a, A> {
    name: &'a str,
    rest: A,
}

impl<'de, A: VariantAccess<'de>> Deserializer<'de> for Replay<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, A: VariantAccess<'de>> EnumAccess<'de> for Replay<'_, A> {
    type Error = A::Error;
    type Variant = A;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, A), A::Error> {
        let name = seed.deserialize(de::value::StrDeserializer::<A::Error>::new(self.name))?;
        Ok((name, self.rest))
    }
}

/// A reader that reads nothing but the names an enum offers it.
struct Ask;

#[derive(Debug)]
struct Asked(Option<&'static [&'static str]>);

impl fmt::Display for Asked {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not an enum")
    }
}

impl std::error::Error for Asked {}

impl de::Error for Asked {
    fn custom<T: fmt::Display>(_: T) -> Asked {
        Asked(None)
    }
}

impl<'de> Deserializer<'de> for Ask {
    type Error = Asked;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Asked> {
        Err(Asked(None))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Asked> {
        Err(Asked(Some(variants)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// Writes `enum $ty` flat: its unit variants by their names, each nesting variant as the
/// inner enum it holds.
///
/// ```ignore
/// crate::wire::flat!(Action {
///     units: AskHint, Finish;
///     inner: Prep(PrepAction), Otdr(OtdrAction);
/// });
/// ```
macro_rules! flat {
    ($ty:ident { units: $($unit:ident),* ; inner: $($var:ident($inner:ty)),+ $(;)? }) => {
        impl $crate::wire::Flat for $ty {
            const NAME: &'static str = stringify!($ty);

            fn variants() -> &'static [&'static str] {
                static NAMES: $crate::wire::Names = $crate::wire::Names::new();
                NAMES.get_or_init(|| {
                    $crate::wire::names(&[
                        &[$(stringify!($unit)),*],
                        $($crate::wire::variants_of::<$inner>()),+
                    ])
                })
            }

            fn read<'de, A: serde::de::VariantAccess<'de>>(
                name: &str,
                rest: A,
            ) -> Result<Self, A::Error> {
                $(
                    if name == stringify!($unit) {
                        rest.unit_variant()?;
                        return Ok($ty::$unit);
                    }
                )*
                $(
                    if $crate::wire::variants_of::<$inner>().contains(&name) {
                        return $crate::wire::replay::<$inner, A>(name, rest).map($ty::$var);
                    }
                )+
                Err(<A::Error as serde::de::Error>::unknown_variant(
                    name,
                    <Self as $crate::wire::Flat>::variants(),
                ))
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($ty::$unit => s.serialize_unit_variant(stringify!($ty), 0, stringify!($unit)),)*
                    $($ty::$var(inner) => serde::Serialize::serialize(inner, s),)+
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::wire::deserialize(d)
            }
        }
    };
}

pub(crate) use flat;

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    enum Inner {
        Plain,
        Named {
            a: f64,
            #[serde(default)]
            b: Option<u32>,
        },
        Wrapped(Config),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Config {
        x: u32,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Other {
        Far { y: String },
    }

    #[derive(Debug, PartialEq)]
    enum Middle {
        In(Inner),
        Out(Other),
    }
    flat!(Middle { units: ; inner: In(Inner), Out(Other) });

    #[derive(Debug, PartialEq)]
    enum Top {
        Hint,
        Mid(Middle),
    }
    flat!(Top { units: Hint; inner: Mid(Middle) });

    fn ron(t: &Top) -> String {
        ron::Options::default().to_string(t).unwrap()
    }

    fn read(s: &str) -> Result<Top, ron::error::SpannedError> {
        ron::Options::default().from_str(s)
    }

    #[test]
    fn nested_values_are_written_by_the_innermost_name_and_read_back() {
        let cases = [
            (Top::Hint, "Hint"),
            (Top::Mid(Middle::In(Inner::Plain)), "Plain"),
            (
                Top::Mid(Middle::In(Inner::Named { a: 1.5, b: None })),
                "Named(a:1.5,b:None)",
            ),
            (
                Top::Mid(Middle::In(Inner::Wrapped(Config { x: 3 }))),
                "Wrapped((x:3))",
            ),
            (
                Top::Mid(Middle::Out(Other::Far { y: "P1".into() })),
                "Far(y:\"P1\")",
            ),
        ];
        for (value, text) in cases {
            assert_eq!(ron(&value), text);
            assert_eq!(read(text).unwrap(), value, "{text}");
        }
        // The inner enum's own attributes hold: a default, an unknown field refused.
        assert_eq!(
            read("Named(a: 2)").unwrap(),
            Top::Mid(Middle::In(Inner::Named { a: 2.0, b: None }))
        );
        assert!(read("Named(a: 2, c: 1)").is_err());
    }

    #[test]
    fn an_unknown_name_is_refused_with_every_name_the_format_knows() {
        let e = read("Nmaed(a: 1)").unwrap_err();
        let ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } = e.code
        else {
            panic!("{e}");
        };
        assert_eq!(found, "Nmaed");
        assert_eq!(expected, ["Hint", "Plain", "Named", "Wrapped", "Far"]);
        assert_eq!(
            super::variants_of::<Top>(),
            ["Hint", "Plain", "Named", "Wrapped", "Far"]
        );
    }

    #[test]
    fn json_reads_and_writes_the_same_shape() {
        let v = Top::Mid(Middle::In(Inner::Named { a: 1.0, b: Some(2) }));
        let j = serde_json::to_string(&v).unwrap();
        assert_eq!(j, r#"{"Named":{"a":1.0,"b":2}}"#);
        assert_eq!(serde_json::from_str::<Top>(&j).unwrap(), v);
        assert_eq!(serde_json::from_str::<Top>(r#""Hint""#).unwrap(), Top::Hint);
    }
}
