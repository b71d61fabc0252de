//! Rust values as Python values through their JSON form (serde): the bottom of the face,
//! importing nothing from the crate.
//!
//! [`to_dict`] builds the Python objects straight from serde's calls, as `json.loads` would
//! build them from `serde_json`'s text (dicts in field order, lists, str, int, float, bool,
//! None), without writing the text and parsing it again: a book operation's changes cost a
//! few microseconds instead of two passes over JSON and a call into Python's parser.

use pyo3::BoundObject;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use serde::ser::{self, Serialize};

/// A serde value as the Python value `json.loads` makes of its JSON (dicts, lists, str, ...).
pub(crate) fn to_dict<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPython { py }).map_err(|e| match e {
        Failed::Python(e) => e,
        Failed::Serde(message) => PyValueError::new_err(message),
    })
}

/// The JSON name of a unit enum value, such as `case_study`.
pub(crate) fn to_json_text(value: &impl Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Why a value could not be converted.
#[derive(Debug)]
enum Failed {
    /// Python refused (out of memory, say).
    Python(PyErr),
    /// The value's own `Serialize` failed.
    Serde(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Python(e) => write!(f, "{e}"),
            Failed::Serde(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Failed::Serde(msg.to_string())
    }
}

impl From<PyErr> for Failed {
    fn from(e: PyErr) -> Self {
        Failed::Python(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, Failed>;

/// Serializes into Python objects, as `serde_json` into text.
#[derive(Clone, Copy)]
struct ToPython<'py> {
    py: Python<'py>,
}

impl<'py> ToPython<'py> {
    fn any(self, value: impl IntoPyObject<'py>) -> Out<'py> {
        Ok(value.into_pyobject(self.py).map_err(Into::into)?.into_any().into_bound())
    }

    fn wrapped(self, variant: &str, value: Bound<'py, PyAny>) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(variant, value)?;
        Ok(d.into_any())
    }
}

/// A list being built (sequences, tuples; under a variant's name for tuple variants).
struct Seq<'py> {
    to: ToPython<'py>,
    list: Bound<'py, PyList>,
    variant: Option<&'static str>,
}

/// A dict being built (maps, structs; under a variant's name for struct variants).
struct Map<'py> {
    to: ToPython<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.list.append(value.serialize(self.to)?)?;
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        match self.variant {
            Some(v) => self.to.wrapped(v, self.list.into_any()),
            None => Ok(self.list.into_any()),
        }
    }
}

impl<'py> Map<'py> {
    fn finish(self) -> Out<'py> {
        match self.variant {
            Some(v) => self.to.wrapped(v, self.dict.into_any()),
            None => Ok(self.dict.into_any()),
        }
    }
}

/// A map key as JSON writes it: text, with numbers and booleans as their text.
fn key_text<'py>(key: Bound<'py, PyAny>) -> Out<'py> {
    if key.is_instance_of::<PyString>() {
        return Ok(key);
    }
    if key.is_instance_of::<PyBool>() {
        let text = if key.is_truthy()? { "true" } else { "false" };
        return Ok(PyString::new(key.py(), text).into_any());
    }
    if key.is_none() || key.is_instance_of::<PyList>() || key.is_instance_of::<PyDict>() {
        return Err(Failed::Serde("key must be a string".into()));
    }
    Ok(key.str()?.into_any())
}

impl<'py> ser::Serializer for ToPython<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        // JSON writes an f32 as its shortest text ("0.1"), which Python reads as that double.
        if v.is_finite() {
            self.serialize_f64(v.to_string().parse().unwrap_or(f64::from(v)))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        // serde_json writes a NaN or an infinity as null.
        if v.is_finite() { Ok(PyFloat::new(self.py, v).into_any()) } else { self.serialize_unit() }
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.any(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(self)?;
        self.wrapped(variant, inner)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'py>, Failed> {
        Ok(Seq { to: self, list: PyList::empty(self.py), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'py>, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'py>, Failed> {
        Ok(Seq { to: self, list: PyList::empty(self.py), variant: Some(variant) })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, Failed> {
        Ok(Map { to: self, dict: PyDict::new(self.py), key: None, variant: None })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'py>, Failed> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'py>, Failed> {
        Ok(Map { to: self, dict: PyDict::new(self.py), key: None, variant: Some(variant) })
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Failed> {
        self.key = Some(key_text(key.serialize(self.to)?)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        let key = self.key.take().ok_or_else(|| Failed::Serde("a map value without its key".into()))?;
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Failed> {
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Failed> {
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}
