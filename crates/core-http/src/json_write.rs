//! A compact JSON writer for request bodies whose output is byte for byte what
//! `serde_json::to_writer` writes.
//!
//! Why not serde_json itself: a request body is mostly string text (a conversation's
//! messages), and serde_json's escaper looks every byte up in a table and branches on it,
//! which profiling showed to be most of the client's instructions for a long conversation;
//! its `Formatter` hooks cannot replace that loop. This writer tests sixteen bytes at a time
//! (SWAR on two `u64` words) and stores whole words. Everything else (numbers through `itoa`
//! and `zmij` as serde_json does, map-key rules, enum tagging, the `RawValue` marker) mirrors
//! serde_json's `ser.rs` so that bodies do not change.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Appends `value` as compact JSON to `out`: the same bytes as `serde_json::to_writer`.
///
/// On error `out` keeps whatever was written before the failing value.
pub(crate) fn to_writer<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), JsonWriteError> {
    let mut ser = JsonSerializer {
        out: std::mem::take(out),
    };
    let result = value.serialize(&mut ser);
    *out = ser.out;
    result
}

/// Why a value could not be written as JSON.
#[derive(Debug)]
pub(crate) struct JsonWriteError(ErrorKind);

#[derive(Debug)]
enum ErrorKind {
    /// A message from a `Serialize` impl (`serde::ser::Error::custom`).
    Custom(Box<str>),
    /// A map key that JSON cannot spell as a string (a sequence, a map, unit, …).
    KeyMustBeAString,
    /// A NaN or infinite float used as a map key.
    FloatKeyMustBeFinite,
    /// serde_json's `RawValue` marker struct with a field other than its own.
    ExpectedSomeValue,
}

impl Display for JsonWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde_json's wording, so error messages do not change either.
        f.write_str(match &self.0 {
            ErrorKind::Custom(msg) => msg,
            ErrorKind::KeyMustBeAString => "key must be a string",
            ErrorKind::FloatKeyMustBeFinite => "float key must be finite (got NaN or +/-inf)",
            ErrorKind::ExpectedSomeValue => "expected value",
        })
    }
}

impl std::error::Error for JsonWriteError {}

impl ser::Error for JsonWriteError {
    #[cold]
    fn custom<T: Display>(msg: T) -> Self {
        JsonWriteError(ErrorKind::Custom(msg.to_string().into_boxed_str()))
    }
}

type Result<T, E = JsonWriteError> = std::result::Result<T, E>;

#[cold]
fn key_must_be_a_string() -> JsonWriteError {
    JsonWriteError(ErrorKind::KeyMustBeAString)
}

/// The struct name and field name serde_json's `RawValue` serializes with: its text is
/// written as is (serde_json does so with its `raw_value` feature, which an application
/// may turn on).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

struct JsonSerializer {
    out: Vec<u8>,
}

impl JsonSerializer {
    #[inline]
    fn write_str(&mut self, value: &str) {
        self.out.reserve(value.len() + 2);
        self.out.push(b'"');
        write_escaped(&mut self.out, value.as_bytes());
        self.out.push(b'"');
    }

    #[inline]
    fn write_int<I: itoa::Integer>(&mut self, value: I) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// A finite float, as serde_json's formatter writes it (shortest round-trip digits).
    #[inline]
    fn write_finite<F: zmij::Float>(&mut self, value: F) {
        self.out
            .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
    }

    /// `{"variant":` — the opening of an externally tagged variant with content.
    #[inline]
    fn begin_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        self.write_str(variant);
        self.out.push(b':');
    }

    #[inline]
    fn begin_compound(&mut self, open: u8, close: u8, len: Option<usize>) -> Compound<'_> {
        self.out.push(open);
        // serde_json closes a compound announced as empty at once (and writes nothing at its
        // end); mirrored so that even a `Serialize` impl that lies about its length matches.
        let state = if len == Some(0) {
            self.out.push(close);
            State::Empty
        } else {
            State::First
        };
        Compound { ser: self, state }
    }
}

/// Appends the JSON-escaped `bytes` (valid UTF-8, no quotes around) to `out`.
///
/// Only `"`, `\` and bytes below 0x20 are escaped, as serde_json does; DEL and non-ASCII
/// pass through. Sixteen bytes are tested at a time (two SWAR words). Output is staged in a
/// stack buffer through a cursor: a word is stored whole and the cursor moved by the bytes
/// that count, so neither an unescaped run nor an escape needs a variable-length copy.
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() < 32 {
        return write_escaped_bytewise(out, bytes);
    }
    let mut stage = [0; STAGE];
    let mut cursor = 0;
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if cursor > STAGE - BLOCK_ROOM {
            out.extend_from_slice(&stage[..cursor]);
            cursor = 0;
        }
        let (a, b) = split_words(block);
        let (clean_a, clean_b) = (clean_bits(a), clean_bits(b));
        if clean_a & clean_b & HIGH == HIGH {
            stage[cursor..cursor + 16].copy_from_slice(block);
            cursor += 16;
        } else {
            cursor = stage_block(&mut stage, cursor, [a, b], [clean_a, clean_b]);
        }
    }
    out.extend_from_slice(&stage[..cursor]);
    write_escaped_bytewise(out, blocks.remainder());
}

/// Bytes of the stack buffer that output is staged in.
const STAGE: usize = 512;

/// The most one 16-byte block can take in the stage: six bytes per input byte (`\u00XX`)
/// and the seven a whole-word store may write past the cursor.
const BLOCK_ROOM: usize = 16 * 6 + 8;

const HIGH: u64 = 0x8080_8080_8080_8080;

/// The escaper for short text (keys, enum names, ids) and the tail of long text: per byte.
fn write_escaped_bytewise(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte < 0x20 || byte == b'"' || byte == b'\\' {
            out.extend_from_slice(&bytes[run..at]);
            let (escape, len) = ESCAPES[usize::from(byte & 0x7f)];
            out.extend_from_slice(&escape.to_le_bytes()[..usize::from(len)]);
            run = at + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
}

#[inline(always)]
fn split_words(block: &[u8]) -> (u64, u64) {
    let mut a = [0; 8];
    let mut b = [0; 8];
    a.copy_from_slice(&block[..8]);
    b.copy_from_slice(&block[8..16]);
    (u64::from_le_bytes(a), u64::from_le_bytes(b))
}

/// The high bit of each byte of `word` set when the byte needs no escape (anything but
/// `< 0x20`, `"` and `\`); other bits are noise. Exact per byte: no sum carries across bytes.
#[inline(always)]
fn clean_bits(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Flipping bit 1 maps `"` (0x22) to 0x20 and keeps control bytes below 0x20, so one
    // comparison (`< 0x21`) finds both; `\` (0x5c) becomes 0x5e.
    let flipped = word ^ (ONES * 0x02);
    let low = flipped & (ONES * 0x7f);
    let at_least_0x21 = low + ONES * (0x80 - 0x21);
    let not_backslash = (low ^ (ONES * 0x5e)) + ONES * 0x7f;
    // A byte with its high bit set is non-ASCII: never escaped.
    flipped | (at_least_0x21 & not_backslash)
}

/// Stages a block with bytes to escape. Kept out of the scan loop: inlined, its values
/// crowd the loop's registers and the clean path slows down.
#[inline(never)]
fn stage_block(stage: &mut [u8; STAGE], cursor: usize, words: [u64; 2], clean: [u64; 2]) -> usize {
    let cursor = stage_word(stage, cursor, words[0], !clean[0] & HIGH);
    stage_word(stage, cursor, words[1], !clean[1] & HIGH)
}

/// Stages the eight bytes of `word` (little-endian) at `cursor`, escaping those whose high
/// bit is set in `mask`; returns the new cursor. Escapes come at random places, so branches
/// on where they are would be mispredicted: a word with at most one escape is staged in
/// straight-line code (prefix, escape, suffix, each a whole-word store), one with more byte
/// by byte through a table, also without a branch per byte.
#[inline(always)]
fn stage_word(stage: &mut [u8; STAGE], mut cursor: usize, word: u64, mask: u64) -> usize {
    if mask & mask.wrapping_sub(1) != 0 {
        for byte in word.to_le_bytes() {
            let (text, len) = OUTPUT[usize::from(byte)];
            put_word(stage, cursor, text);
            cursor += usize::from(len);
        }
        return cursor;
    }
    // Index of the byte to escape; 8 (past the word) when there is none.
    let at = mask.trailing_zeros() / 8;
    put_word(stage, cursor, word);
    cursor += at as usize;
    // The byte's escape, or the empty entry (past the table's escapes) when there is none.
    let byte = word
        .checked_shr(8 * at)
        .map_or(NO_ESCAPE, |rest| (rest & 0x7f) as usize);
    let (escape, len) = ESCAPES[byte];
    put_word(stage, cursor, escape);
    cursor += usize::from(len);
    put_word(stage, cursor, word.checked_shr(8 * (at + 1)).unwrap_or(0));
    cursor + (7 - at.min(7)) as usize
}

/// What each byte becomes in JSON text: itself, or its escape.
static OUTPUT: [(u64, u8); 256] = {
    let mut table = [(0, 0); 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = if byte < 0x20 || byte == b'"' as usize || byte == b'\\' as usize {
            ESCAPES[byte]
        } else {
            (byte as u64, 1)
        };
        byte += 1;
    }
    table
};

#[inline(always)]
fn put_word(stage: &mut [u8; STAGE], at: usize, word: u64) {
    stage[at..at + 8].copy_from_slice(&word.to_le_bytes());
}

/// The entry of `ESCAPES` with nothing in it: the escape of a byte that needs none.
const NO_ESCAPE: usize = 128;

/// The escape of each byte below 0x80 (looked up only for those that need one), as
/// little-endian bytes and a length: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, else `\u00XX`
/// with lowercase hex, as serde_json writes them; then the empty `NO_ESCAPE`.
static ESCAPES: [(u64, u8); NO_ESCAPE + 1] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [(0, 0); NO_ESCAPE + 1];
    let mut byte = 0;
    while byte < NO_ESCAPE {
        let short = match byte as u8 {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => 0,
        };
        table[byte] = if short != 0 {
            (u64::from_le_bytes([b'\\', short, 0, 0, 0, 0, 0, 0]), 2)
        } else {
            let hex = [HEX[byte >> 4], HEX[byte & 0xf]];
            (
                u64::from_le_bytes([b'\\', b'u', b'0', b'0', hex[0], hex[1], 0, 0]),
                6,
            )
        };
        byte += 1;
    }
    table
};

/// Escapes `Display` output fragment by fragment (`collect_str`), without a temporary string.
struct EscapeAdapter<'a>(&'a mut Vec<u8>);

impl fmt::Write for EscapeAdapter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_escaped(self.0, s.as_bytes());
        Ok(())
    }
}

/// A `Display` impl that failed on its own (writing to a `Vec` cannot): serde_json panics
/// here, as `ToString` does; an error is kinder.
#[cold]
fn display_failed() -> JsonWriteError {
    ser::Error::custom("a Display implementation returned an error unexpectedly")
}

impl<'a> ser::Serializer for &'a mut JsonSerializer {
    type Ok = ();
    type Error = JsonWriteError;

    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = StructCompound<'a>;
    type SerializeStructVariant = Compound<'a>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<()> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    #[inline]
    fn serialize_i8(self, value: i8) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_i16(self, value: i16) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_i32(self, value: i32) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_i64(self, value: i64) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    fn serialize_i128(self, value: i128) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_u8(self, value: u8) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_u16(self, value: u16) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_u32(self, value: u32) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_u64(self, value: u64) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    fn serialize_u128(self, value: u128) -> Result<()> {
        self.write_int(value);
        Ok(())
    }

    #[inline]
    fn serialize_f32(self, value: f32) -> Result<()> {
        if value.is_finite() {
            self.write_finite(value);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    #[inline]
    fn serialize_f64(self, value: f64) -> Result<()> {
        if value.is_finite() {
            self.write_finite(value);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    #[inline]
    fn serialize_char(self, value: char) -> Result<()> {
        self.write_str(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline]
    fn serialize_str(self, value: &str) -> Result<()> {
        self.write_str(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<()> {
        self.out.reserve(value.len() * 4 + 2);
        self.out.push(b'[');
        for (i, byte) in value.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.write_int(*byte);
        }
        self.out.push(b']');
        Ok(())
    }

    #[inline]
    fn serialize_unit(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.write_str(variant);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.begin_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    #[inline]
    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>> {
        Ok(self.begin_compound(b'[', b']', len))
    }

    #[inline]
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    #[inline]
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    #[inline]
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.begin_variant(variant);
        self.serialize_seq(Some(len))
    }

    #[inline]
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>> {
        Ok(self.begin_compound(b'{', b'}', len))
    }

    #[inline]
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<StructCompound<'a>> {
        if name == RAW_VALUE_TOKEN {
            return Ok(StructCompound::RawValue(self));
        }
        self.serialize_map(Some(len)).map(StructCompound::Map)
    }

    #[inline]
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.begin_variant(variant);
        self.serialize_map(Some(len))
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<()> {
        use fmt::Write;
        self.out.push(b'"');
        write!(EscapeAdapter(&mut self.out), "{value}").map_err(|_| display_failed())?;
        self.out.push(b'"');
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Announced as empty and already closed.
    Empty,
    /// Nothing written yet: no comma before the next element.
    First,
    Rest,
}

/// A sequence or map being written (also tuple, struct and variant forms).
struct Compound<'a> {
    ser: &'a mut JsonSerializer,
    state: State,
}

impl Compound<'_> {
    /// The comma before every element but the first (serde_json writes one even after an
    /// "empty" opening, so a lying length gives the same bytes).
    #[inline]
    fn separator(&mut self) {
        if self.state != State::First {
            self.ser.out.push(b',');
        }
        self.state = State::Rest;
    }

    #[inline]
    fn close(&mut self, close: u8) {
        if self.state != State::Empty {
            self.ser.out.push(close);
        }
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.separator();
        value.serialize(&mut *self.ser)
    }

    #[inline]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<()> {
        self.separator();
        self.ser.write_str(key);
        self.ser.out.push(b':');
        value.serialize(&mut *self.ser)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b']');
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b']');
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b']');
        self.ser.out.push(b'}');
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.separator();
        key.serialize(MapKeySerializer { ser: self.ser })
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.out.push(b':');
        value.serialize(&mut *self.ser)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    #[inline]
    fn end(mut self) -> Result<()> {
        self.close(b'}');
        self.ser.out.push(b'}');
        Ok(())
    }
}

/// A struct being written: an object, or serde_json's `RawValue` marker.
enum StructCompound<'a> {
    Map(Compound<'a>),
    RawValue(&'a mut JsonSerializer),
}

impl ser::SerializeStruct for StructCompound<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        match self {
            StructCompound::Map(map) => map.field(key, value),
            StructCompound::RawValue(ser) if key == RAW_VALUE_TOKEN => {
                value.serialize(RawValueEmitter { ser })
            }
            StructCompound::RawValue(_) => Err(JsonWriteError(ErrorKind::ExpectedSomeValue)),
        }
    }

    #[inline]
    fn end(self) -> Result<()> {
        if let StructCompound::Map(mut map) = self {
            map.close(b'}');
        }
        Ok(())
    }
}

/// Writes a map key: strings as they are; integers, bools and finite floats quoted (as
/// serde_json does); anything else is an error.
struct MapKeySerializer<'a> {
    ser: &'a mut JsonSerializer,
}

impl MapKeySerializer<'_> {
    #[inline]
    fn quoted_int<I: itoa::Integer>(self, value: I) -> Result<()> {
        self.ser.out.push(b'"');
        self.ser.write_int(value);
        self.ser.out.push(b'"');
        Ok(())
    }

    fn quoted_float<F: zmij::Float>(self, value: F, finite: bool) -> Result<()> {
        if !finite {
            return Err(JsonWriteError(ErrorKind::FloatKeyMustBeFinite));
        }
        self.ser.out.push(b'"');
        self.ser.write_finite(value);
        self.ser.out.push(b'"');
        Ok(())
    }
}

impl ser::Serializer for MapKeySerializer<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    type SerializeSeq = Impossible<(), JsonWriteError>;
    type SerializeTuple = Impossible<(), JsonWriteError>;
    type SerializeTupleStruct = Impossible<(), JsonWriteError>;
    type SerializeTupleVariant = Impossible<(), JsonWriteError>;
    type SerializeMap = Impossible<(), JsonWriteError>;
    type SerializeStruct = Impossible<(), JsonWriteError>;
    type SerializeStructVariant = Impossible<(), JsonWriteError>;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<()> {
        self.ser.write_str(value);
        Ok(())
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.ser.write_str(variant);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_bool(self, value: bool) -> Result<()> {
        self.ser
            .out
            .extend_from_slice(if value { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_i16(self, value: i16) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_i32(self, value: i32) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_i64(self, value: i64) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_i128(self, value: i128) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_u8(self, value: u8) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_u16(self, value: u16) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_u32(self, value: u32) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_u64(self, value: u64) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_u128(self, value: u128) -> Result<()> {
        self.quoted_int(value)
    }

    fn serialize_f32(self, value: f32) -> Result<()> {
        self.quoted_float(value, value.is_finite())
    }

    fn serialize_f64(self, value: f64) -> Result<()> {
        self.quoted_float(value, value.is_finite())
    }

    fn serialize_char(self, value: char) -> Result<()> {
        self.ser.write_str(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<()> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result<()> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<()> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<()> {
        ser::Serializer::collect_str(self.ser, value)
    }
}

/// The inside of serde_json's `RawValue`: its string is already JSON and is written as is.
struct RawValueEmitter<'a> {
    ser: &'a mut JsonSerializer,
}

#[cold]
fn expected_raw_value() -> JsonWriteError {
    ser::Error::custom("expected RawValue")
}

impl ser::Serializer for RawValueEmitter<'_> {
    type Ok = ();
    type Error = JsonWriteError;

    type SerializeSeq = Impossible<(), JsonWriteError>;
    type SerializeTuple = Impossible<(), JsonWriteError>;
    type SerializeTupleStruct = Impossible<(), JsonWriteError>;
    type SerializeTupleVariant = Impossible<(), JsonWriteError>;
    type SerializeMap = Impossible<(), JsonWriteError>;
    type SerializeStruct = Impossible<(), JsonWriteError>;
    type SerializeStructVariant = Impossible<(), JsonWriteError>;

    fn serialize_str(self, value: &str) -> Result<()> {
        self.ser.out.extend_from_slice(value.as_bytes());
        Ok(())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<()> {
        self.serialize_str(&value.to_string())
    }

    fn serialize_bool(self, _value: bool) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_i8(self, _value: i8) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_i16(self, _value: i16) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_i32(self, _value: i32) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_i64(self, _value: i64) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_i128(self, _value: i128) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_u8(self, _value: u8) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_u16(self, _value: u16) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_u32(self, _value: u32) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_u64(self, _value: u64) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_u128(self, _value: u128) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_f32(self, _value: f32) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_f64(self, _value: f64) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_char(self, _value: char) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_none(self) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_unit(self) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
    ) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(expected_raw_value())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(expected_raw_value())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(expected_raw_value())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(expected_raw_value())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(expected_raw_value())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(expected_raw_value())
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(expected_raw_value())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(expected_raw_value())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};
    use std::path::Path;

    use serde::Serialize;
    use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
    use serde_json::{Value, json};

    use super::*;

    fn ours<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, JsonWriteError> {
        let mut out = Vec::new();
        to_writer(&mut out, value).map(|()| out)
    }

    /// Asserts that our bytes are serde_json's.
    #[track_caller]
    fn same<T: Serialize + ?Sized>(value: &T) {
        let expected = serde_json::to_vec(value).expect("serde_json writes it");
        let actual = ours(value).expect("we write it");
        assert!(
            actual == expected,
            "ours:       {}\nserde_json: {}",
            String::from_utf8_lossy(&actual),
            String::from_utf8_lossy(&expected)
        );
    }

    /// Asserts that both fail, with the same message.
    #[track_caller]
    fn same_error<T: Serialize + ?Sized>(value: &T) {
        let expected = serde_json::to_vec(value).expect_err("serde_json fails");
        let actual = ours(value).expect_err("we fail");
        assert_eq!(actual.to_string(), expected.to_string());
    }

    /// `serialize_bytes`, which `&[u8]` itself does not call.
    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    /// A map from any key type (floats, units, sequences…), entries in the given order.
    struct Entries<K, V>(Vec<(K, V)>);

    impl<K: Serialize, V: Serialize> Serialize for Entries<K, V> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    #[test]
    fn integers_match_at_their_extremes() {
        same(&[i8::MIN, -1, 0, 1, i8::MAX]);
        same(&[i16::MIN, -1, 0, 1, i16::MAX]);
        same(&[i32::MIN, -1, 0, 1, i32::MAX]);
        same(&[i64::MIN, -1, 0, 1, 10, 99, 100, i64::MAX]);
        same(&[i128::MIN, -1, 0, 1, i128::MAX]);
        same(&[0u8, 1, 9, 10, u8::MAX]);
        same(&[0u16, u16::MAX]);
        same(&[0u32, u32::MAX]);
        same(&[0u64, 1, 1 << 53, u64::MAX]);
        same(&[0u128, u128::from(u64::MAX) + 1, u128::MAX]);
        same(&true);
        same(&false);
    }

    #[test]
    fn floats_match_including_non_finite_and_subnormal() {
        let f64s = [
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            0.3,
            1.0 / 3.0,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            123_456_789.0,
            1e300,
            -1e300,
            1e-7,
            1e-300,
            f64::MIN_POSITIVE,
            5e-324,
            f64::EPSILON,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for value in f64s {
            same(&value);
        }
        let f32s = [
            0.0f32,
            -0.0,
            0.1,
            1.0 / 3.0,
            16_777_216.0,
            1e-7,
            1e-45,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        for value in f32s {
            same(&value);
        }
    }

    #[test]
    fn every_ascii_byte_matches_at_every_position_of_a_word() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            same(&c);
            for len in 1..=24 {
                for at in 0..len {
                    let s: String = (0..len).map(|i| if i == at { c } else { 'x' }).collect();
                    same(&s);
                }
            }
        }
        // Every control byte at once, and the bytes around the escaped ones.
        let all: String = (0u8..0x80).map(char::from).collect();
        same(&all);
        same("\u{7f}\u{80}\u{9f}\u{a0}\u{ff}");
    }

    #[test]
    fn escapes_match_at_every_alignment_and_run_length() {
        for escape in ['"', '\\', '\n', '\t', '\u{0}', '\u{1f}'] {
            for before in 0..=40 {
                for run in 0..=40 {
                    let mut s = "a".repeat(before);
                    s.push(escape);
                    s.push_str(&"b".repeat(run));
                    s.push(escape);
                    same(&s);
                }
            }
        }
        for len in 0..=40 {
            same(&"c".repeat(len));
            same(&"\"".repeat(len));
            same(&"\u{1}".repeat(len));
        }
    }

    #[test]
    fn long_text_matches_across_stage_flushes() {
        // Long enough to fill the stack stage many times over, at every offset, including
        // the worst case (every byte a six-byte `\u00XX`).
        for extra in 0..40 {
            same(&"\u{1}".repeat(1000 + extra));
            same(&"\"".repeat(700 + extra));
            same(&"\u{1f}a\\b\tc\u{0}é".repeat(150 + extra));
            let mut s = "x".repeat(extra);
            s.push_str(&"plain text, no escapes at all. ".repeat(60));
            s.push_str(&"\n".repeat(extra));
            same(&s);
        }
    }

    #[test]
    fn worst_case_blocks_fit_at_every_stage_offset() {
        // Staged output reaches `offset` after the leading blocks (clean ones give 16 bytes,
        // one with `q` quotes 16 + q), then blocks of control bytes (96 bytes each) follow.
        for offset in 16..STAGE + 64 {
            let (clean_blocks, quotes) = ((offset - 16) / 16, (offset - 16) % 16);
            let mut s = "a".repeat(16 * clean_blocks);
            s.push_str(&"\"".repeat(quotes));
            s.push_str(&"b".repeat(16 - quotes));
            s.push_str(&"\u{1}".repeat(64));
            same(&s);
        }
    }

    #[test]
    fn multibyte_utf8_across_word_boundaries_matches() {
        for ch in ['é', '\u{80}', '中', '\u{ffff}', '😀', '\u{10ffff}'] {
            for before in 0..=16 {
                let mut s = "a".repeat(before);
                s.push(ch);
                s.push('"');
                s.push(ch);
                s.push('\n');
                same(&s);
                same(&ch);
                same(&ch.to_string().repeat(before));
            }
        }
        same("日本語のテキスト \"引用\" と \\ バックスラッシュ\t😀🎉\r\n");
    }

    #[test]
    fn units_options_bytes_and_sequences_match() {
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Newtype(u32);
        #[derive(Serialize)]
        struct Tuple(u8, &'static str, f64);
        #[derive(Serialize)]
        struct EmptyTuple();
        #[derive(Serialize)]
        struct Empty {}

        same(&());
        same(&Unit);
        same(&Newtype(7));
        same(&Tuple(1, "two", 3.5));
        same(&EmptyTuple());
        same(&Empty {});
        same(&None::<u8>);
        same(&Some("x"));
        same(&Some(Some(1)));
        same(&Bytes(b""));
        same(&Bytes(b"\x00\x01hello\xff"));
        same(&Vec::<u8>::new());
        same(&vec![vec![1, 2], vec![], vec![3]]);
        same(&(1, "a", 'b', [0.5, -0.0]));
        same(&((), ((),), [(); 0]));
    }

    #[test]
    fn enum_variants_match_in_every_tagging() {
        #[derive(Serialize)]
        enum External {
            Unit,
            Newtype(String),
            Tuple(i32, bool),
            EmptyTuple(),
            Struct { a: u8, b: Option<u8> },
            EmptyStruct {},
        }
        #[derive(Serialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        enum Internal {
            Plain,
            Fields { x: f32 },
            Wrapped(BTreeMap<String, u8>),
        }
        #[derive(Serialize)]
        #[serde(tag = "t", content = "c")]
        enum Adjacent {
            A(u8),
            B { y: char },
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Untagged {
            Text(String),
            Pair(u8, u8),
        }

        same(&[
            External::Unit,
            External::Newtype("n\"t".into()),
            External::Tuple(-3, true),
            External::EmptyTuple(),
            External::Struct { a: 1, b: None },
            External::EmptyStruct {},
        ]);
        let map = BTreeMap::from([("k".to_string(), 1)]);
        same(&[
            Internal::Plain,
            Internal::Fields { x: 0.25 },
            Internal::Wrapped(map),
        ]);
        same(&[Adjacent::A(1), Adjacent::B { y: '\t' }]);
        same(&[Untagged::Text("t".into()), Untagged::Pair(1, 2)]);
    }

    #[test]
    fn structs_with_skipped_and_flattened_fields_match() {
        #[derive(Serialize)]
        struct Inner {
            deep: Vec<u8>,
            #[serde(skip_serializing_if = "Option::is_none")]
            maybe: Option<String>,
        }
        #[derive(Serialize)]
        struct Outer {
            #[serde(rename = "model")]
            name: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            temperature: Option<f64>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            tags: Vec<String>,
            #[serde(skip)]
            _hidden: u8,
            inner: Inner,
            #[serde(flatten)]
            flat: Inner,
            #[serde(flatten)]
            extra: BTreeMap<String, Value>,
        }
        let build = |temperature, maybe: Option<&str>, extra: BTreeMap<String, Value>| Outer {
            name: "gpt",
            temperature,
            tags: Vec::new(),
            _hidden: 9,
            inner: Inner {
                deep: vec![1],
                maybe: maybe.map(String::from),
            },
            flat: Inner {
                deep: Vec::new(),
                maybe: maybe.map(String::from),
            },
            extra,
        };
        same(&build(None, None, BTreeMap::new()));
        same(&build(
            Some(0.7),
            Some("m"),
            BTreeMap::from([("x".into(), json!({"y": [1, "z"]}))]),
        ));
    }

    #[test]
    fn map_keys_are_quoted_as_serde_json_quotes_them() {
        same(&BTreeMap::from([("b", 1), ("a\n", 2)]));
        same(&HashMap::from([(1u8, "one")]));
        same(&BTreeMap::from([(-5i32, 0), (7, 1)]));
        same(&BTreeMap::from([(i128::MIN, 0), (i128::MAX, 1)]));
        same(&BTreeMap::from([(u128::MAX, 0)]));
        same(&BTreeMap::from([(i64::MIN, 0), (i64::MAX, 1)]));
        same(&BTreeMap::from([(u64::MAX, 0)]));
        same(&BTreeMap::from([(true, 0), (false, 1)]));
        same(&BTreeMap::from([('c', 0), ('"', 1), ('中', 2)]));
        same(&Entries(vec![(1.5f64, 0), (-0.0, 1), (1e300, 2)]));
        same(&Entries(vec![(0.1f32, 0)]));
        same(&Entries(vec![(Some("k"), 0)]));
        #[derive(Serialize)]
        struct Key(&'static str);
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        enum Color {
            Red,
        }
        same(&Entries(vec![(Key("nt"), 0)]));
        same(&BTreeMap::from([(Color::Red, 0)]));
        same(&BTreeMap::<String, u8>::new());
    }

    #[test]
    fn map_keys_json_cannot_spell_fail_like_serde_json() {
        #[derive(Serialize)]
        struct UnitStruct;
        #[derive(Serialize)]
        struct Fields {
            a: u8,
        }
        #[derive(Serialize)]
        enum E {
            N(u8),
            T(u8, u8),
            S { a: u8 },
        }
        same_error(&Entries(vec![((), 0)]));
        same_error(&Entries(vec![(None::<u8>, 0)]));
        same_error(&Entries(vec![(UnitStruct, 0)]));
        same_error(&Entries(vec![(Bytes(b"k"), 0)]));
        same_error(&Entries(vec![(vec![1], 0)]));
        same_error(&Entries(vec![((1, 2), 0)]));
        same_error(&Entries(vec![(Fields { a: 1 }, 0)]));
        same_error(&Entries(vec![(BTreeMap::from([(1, 2)]), 0)]));
        same_error(&Entries(vec![(E::N(1), 0)]));
        same_error(&Entries(vec![(E::T(1, 2), 0)]));
        same_error(&Entries(vec![(E::S { a: 1 }, 0)]));
        same_error(&Entries(vec![(f64::NAN, 0)]));
        same_error(&Entries(vec![(f32::INFINITY, 0)]));
        same_error(&Entries(vec![(f64::NEG_INFINITY, 0)]));
    }

    #[test]
    fn custom_errors_pass_through() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("no JSON for you"))
            }
        }
        same_error(&Fails);
        same_error(&vec![Some(Fails)]);
        assert_eq!(ours(&Fails).unwrap_err().to_string(), "no JSON for you");
    }

    #[test]
    fn collected_strings_are_escaped() {
        struct Shown(&'static str);
        impl Serialize for Shown {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&format_args!("<{}|{}>", self.0, 42))
            }
        }
        same(&Shown("plain"));
        same(&Shown("tab\there \"q\" \\ 中 \u{1}"));
        same(&Entries(vec![(Shown("key\n"), 1)]));
    }

    #[test]
    fn length_hints_that_lie_give_serde_json_bytes() {
        struct Liar;
        impl Serialize for Liar {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(0))?;
                seq.serialize_element(&1)?;
                seq.end()
            }
        }
        struct MapLiar;
        impl Serialize for MapLiar {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(0))?;
                map.serialize_entry("a", &1)?;
                map.end()
            }
        }
        same(&Liar);
        same(&MapLiar);
    }

    #[test]
    fn raw_value_marker_is_written_as_is() {
        // serde_json's `RawValue` (its `raw_value` feature, off in this workspace) serializes
        // as this struct; with the feature on serde_json writes the text as is.
        struct Raw(&'static str, &'static str);
        impl Serialize for Raw {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct(RAW_VALUE_TOKEN, 1)?;
                st.serialize_field(self.1, self.0)?;
                st.end()
            }
        }
        let raw = Raw(r#"{"pre": [1, 2.50]}"#, RAW_VALUE_TOKEN);
        let out = ours(&BTreeMap::from([("r", raw)])).unwrap();
        assert_eq!(out, br#"{"r":{"pre": [1, 2.50]}}"#);
        let wrong = ours(&Raw("1", "other")).unwrap_err();
        assert_eq!(wrong.to_string(), "expected value");
    }

    #[test]
    fn value_trees_match() {
        same(&json!(null));
        same(&json!({}));
        same(&json!([]));
        same(&json!({
            "model": "gpt-4.1",
            "input": [
                {"role": "user", "content": "He said \"hi\"\\n\nthen\tleft. 日本 😀 \u{7f}"},
                {"role": "assistant", "content": [{"type": "output_text", "text": ""}]}
            ],
            "temperature": 0.2,
            "max_output_tokens": 1024,
            "seed": -9_223_372_036_854_775_808i64,
            "big": 18_446_744_073_709_551_615u64,
            "stream": false,
            "metadata": {"": null, "\u{0}": [[], {}, [{}]]}
        }));
    }

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        /// A string of every byte class: plain ASCII, the escaped bytes, DEL and multi-byte
        /// characters, in runs of any length.
        fn string(&mut self, max_len: u64) -> String {
            const PIECES: &[&str] = &[
                "a",
                "Z",
                " ",
                "0",
                "~",
                "\"",
                "\\",
                "/",
                "\n",
                "\r",
                "\t",
                "\u{8}",
                "\u{c}",
                "\u{0}",
                "\u{1b}",
                "\u{1f}",
                "\u{7f}",
                "é",
                "\u{80}",
                "中",
                "\u{2028}",
                "😀",
                "\u{10ffff}",
                "hello ",
                "lorem ipsum dolor ",
            ];
            let len = self.below(max_len + 1);
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(PIECES[self.below(PIECES.len() as u64) as usize]);
            }
            s
        }

        fn value(&mut self, depth: u32) -> Value {
            let kinds = if depth == 0 { 6 } else { 8 };
            match self.below(kinds) {
                0 => Value::Null,
                1 => Value::Bool(self.next() & 1 == 1),
                2 => Value::from(self.next() as i64),
                3 => Value::from(self.next() >> self.below(64)),
                4 => {
                    // Any finite bit pattern: subnormals, huge and tiny exponents, -0.0.
                    let f = f64::from_bits(self.next());
                    if f.is_finite() {
                        Value::from(f)
                    } else {
                        Value::from(self.below(1000) as f64 / 8.0)
                    }
                }
                5 => Value::String(self.string(40)),
                6 => {
                    let n = self.below(6);
                    Value::Array((0..n).map(|_| self.value(depth - 1)).collect())
                }
                _ => {
                    let n = self.below(6);
                    Value::Object(
                        (0..n)
                            .map(|_| (self.string(12), self.value(depth - 1)))
                            .collect(),
                    )
                }
            }
        }
    }

    #[test]
    fn pseudo_random_values_and_strings_match() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let value = rng.value(4);
            same(&value);
        }
        for _ in 0..3000 {
            let s = rng.string(120);
            same(&s);
            same(&BTreeMap::from([(s.clone(), s)]));
        }
        for _ in 0..2000 {
            let f = f64::from_bits(rng.next());
            same(&f);
            same(&f32::from_bits(rng.next() as u32));
            same(&(rng.next() as i64));
            same(&(u128::from(rng.next()) << 64 | u128::from(rng.next())));
        }
    }

    /// Every JSON document and every `data:` line of the recorded streams in
    /// `shared/testdata/real` comes back byte for byte as serde_json writes it.
    #[test]
    fn recorded_responses_reserialize_identically() {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/testdata/real"
        ));
        if !dir.is_dir() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} not found and CI is set",
                dir.display()
            );
            println!("NOTICE: {} not found; skipping", dir.display());
            return;
        }
        let mut files = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(next) = pending.pop() {
            for entry in std::fs::read_dir(&next).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut documents = 0;
        for path in files {
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            let text = match ext {
                "json" | "sse" | "txt" => std::fs::read_to_string(&path).unwrap(),
                _ => continue,
            };
            let mut check = |json: &str| {
                if let Ok(value) = serde_json::from_str::<Value>(json) {
                    let expected = serde_json::to_vec(&value).unwrap();
                    let actual = ours(&value).unwrap();
                    assert!(actual == expected, "{} differs", path.display());
                    documents += 1;
                }
            };
            if ext == "json" {
                check(&text);
            } else {
                for line in text.lines() {
                    if let Some(data) = line.strip_prefix("data:") {
                        check(data.trim_start());
                    }
                }
            }
        }
        assert!(documents > 0, "no JSON found in {}", dir.display());
        println!("{documents} recorded JSON documents compared");
    }
}
