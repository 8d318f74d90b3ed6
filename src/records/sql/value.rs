//! Values as the store keeps them (the five kinds SQLite knows), their conversions to
//! and from both engines, rows, parameters, and the store's errors.

use thiserror::Error;

/// A value as the store keeps it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("{0}")]
    Sqlite(rusqlite::Error),
    #[error("{}", pg_text(.0))]
    Pg(postgres::Error),
    #[error("query returned no rows")]
    NoRows,
    #[error("column {col}: {found} where {wanted} was expected")]
    Type {
        col: usize,
        found: &'static str,
        wanted: &'static str,
    },
    #[error("{0}")]
    Other(String),
}

/// A PostgreSQL error as its server worded it (the crate's own text says only "db error").
fn pg_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if matches!(e, rusqlite::Error::QueryReturnedNoRows) {
            return Error::NoRows;
        }
        Error::Sqlite(e)
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Pg(e)
    }
}

impl Error {
    /// SQLite's code for the error, if it is SQLite's.
    pub fn sqlite_error_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            Error::Sqlite(e) => e.sqlite_error_code(),
            Error::Pg(_) | Error::NoRows | Error::Type { .. } | Error::Other(_) => None,
        }
    }

    /// The SQLSTATE of a PostgreSQL error (`FL001` for the seat functions' refusals).
    pub fn pg_code(&self) -> Option<String> {
        match self {
            Error::Pg(e) => e.code().map(|c| c.code().to_string()),
            Error::Sqlite(_) | Error::NoRows | Error::Type { .. } | Error::Other(_) => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// `query_row` giving `None` for no row, as rusqlite's extension of the same name.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A Rust value as a stored one.
pub trait ToSql {
    fn to_value(&self) -> Value;
}

macro_rules! int_to_sql {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_sql!(i64, i32, u32, u8, u16, i16);

impl ToSql for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}
impl ToSql for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToSql for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}
impl ToSql for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToSql for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl ToSql for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl ToSql for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToSql> ToSql for Option<T> {
    fn to_value(&self) -> Value {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}
impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

/// The parameters of a statement: `[a, b]` of one type, `params![..]` of several, `[]`.
pub trait Params {
    fn values(self) -> Vec<Value>;
}

impl Params for [&dyn ToSql; 0] {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}

impl Params for &[&dyn ToSql] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|p| p.to_value()).collect()
    }
}

macro_rules! array_params {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(self) -> Vec<Value> {
                self.iter().map(ToSql::to_value).collect()
            }
        }
    )*};
}
array_params!(1, 2, 3, 4, 5, 6, 7, 8);

/// Several parameters of different types, as rusqlite's macro of the same name.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::records::sql::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::records::sql::ToSql),+] as &[&dyn $crate::records::sql::ToSql]
    };
}
pub(crate) use params;

/// A stored value as a Rust one.
pub trait FromSql: Sized {
    fn from_value(v: &Value, col: usize) -> Result<Self>;
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Int(_) => "integer",
        Value::Real(_) => "real",
        Value::Text(_) => "text",
        Value::Blob(_) => "blob",
    }
}

fn wrong<T>(v: &Value, col: usize, wanted: &'static str) -> Result<T> {
    Err(Error::Type {
        col,
        found: kind(v),
        wanted,
    })
}

impl FromSql for i64 {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Null | Value::Real(_) | Value::Text(_) | Value::Blob(_) => {
                wrong(v, col, "integer")
            }
        }
    }
}

macro_rules! narrow_from_sql {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_value(v: &Value, col: usize) -> Result<Self> {
                let i = i64::from_value(v, col)?;
                <$t>::try_from(i).map_err(|_| Error::Type {
                    col,
                    found: "integer out of range",
                    wanted: stringify!($t),
                })
            }
        }
    )*};
}
narrow_from_sql!(i32, u32, u64, usize);

impl FromSql for bool {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        Ok(i64::from_value(v, col)? != 0)
    }
}

impl FromSql for f64 {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        match v {
            Value::Real(r) => Ok(*r),
            Value::Int(i) => Ok(*i as f64),
            Value::Null | Value::Text(_) | Value::Blob(_) => wrong(v, col, "real"),
        }
    }
}

impl FromSql for String {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        match v {
            Value::Text(t) => Ok(t.clone()),
            Value::Null | Value::Int(_) | Value::Real(_) | Value::Blob(_) => wrong(v, col, "text"),
        }
    }
}

impl FromSql for Vec<u8> {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        match v {
            Value::Blob(b) => Ok(b.clone()),
            Value::Text(t) => Ok(t.as_bytes().to_vec()),
            Value::Null | Value::Int(_) | Value::Real(_) => wrong(v, col, "blob"),
        }
    }
}

impl FromSql for Value {
    fn from_value(v: &Value, _col: usize) -> Result<Self> {
        Ok(v.clone())
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_value(v: &Value, col: usize) -> Result<Self> {
        match v {
            Value::Null => Ok(None),
            Value::Int(_) | Value::Real(_) | Value::Text(_) | Value::Blob(_) => {
                T::from_value(v, col).map(Some)
            }
        }
    }
}

/// A column of a row, by number.
pub trait RowIndex {
    fn index(&self) -> usize;
}

impl RowIndex for usize {
    fn index(&self) -> usize {
        *self
    }
}

/// One row of a result.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub(super) values: Vec<Value>,
}

impl Row {
    /// A column's value (`r.get::<_, i64>(0)`, as rusqlite's).
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.index();
        match self.values.get(i) {
            Some(v) => T::from_value(v, i),
            None => Err(Error::Other(format!("no column {i}"))),
        }
    }

    /// A column's value as stored.
    pub fn get_ref(&self, i: usize) -> Result<&Value> {
        self.values
            .get(i)
            .ok_or_else(|| Error::Other(format!("no column {i}")))
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
