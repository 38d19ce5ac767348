//! Embeddings: `POST /embeddings`, plus an exact base64 ⇄ `f32` codec for
//! `encoding_format: "base64"` (4 bytes per float, little-endian, as the official SDKs decode it).
//!
//! Base64 vectors are decoded while the response is parsed, so
//! [`EmbeddingResponse::vectors`] gives floats without a fallible step.

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What to embed: one text, several texts, token ids, or several token lists.
///
/// ```
/// use openai_types::embeddings::EmbeddingInput;
///
/// assert_eq!(serde_json::to_string(&EmbeddingInput::from(["a", "b"])).unwrap(), r#"["a","b"]"#);
/// assert_eq!(serde_json::to_string(&EmbeddingInput::from(vec![vec![1u32], vec![2]])).unwrap(), "[[1],[2]]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum EmbeddingInput {
    /// One text.
    Text(String),
    /// Several texts (up to 2048).
    Texts(Vec<String>),
    /// One input as token ids.
    Tokens(Vec<u32>),
    /// Several inputs as token ids.
    TokenLists(Vec<Vec<u32>>),
}

impl From<&str> for EmbeddingInput {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for EmbeddingInput {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<String>> for EmbeddingInput {
    fn from(texts: Vec<String>) -> Self {
        Self::Texts(texts)
    }
}

impl From<Vec<&str>> for EmbeddingInput {
    fn from(texts: Vec<&str>) -> Self {
        Self::Texts(texts.into_iter().map(str::to_owned).collect())
    }
}

impl<const N: usize> From<[&str; N]> for EmbeddingInput {
    fn from(texts: [&str; N]) -> Self {
        Self::Texts(texts.iter().map(|t| (*t).to_owned()).collect())
    }
}

impl From<Vec<u32>> for EmbeddingInput {
    fn from(tokens: Vec<u32>) -> Self {
        Self::Tokens(tokens)
    }
}

impl From<Vec<Vec<u32>>> for EmbeddingInput {
    fn from(lists: Vec<Vec<u32>>) -> Self {
        Self::TokenLists(lists)
    }
}

string_enum! {
    /// How the service encodes each vector.
    pub enum EncodingFormat {
        /// A JSON array of numbers.
        Float = "float",
        /// Base64 of little-endian `f32`s (about 4x smaller on the wire).
        Base64 = "base64",
    }
}

/// Parameters for `POST /embeddings`.
///
/// Leaving `encoding_format` unset lets the client choose: like the official SDKs it requests
/// base64 and decodes it to floats.
///
/// ```
/// use openai_types::embeddings::EmbeddingRequest;
///
/// let request = EmbeddingRequest::new("text-embedding-3-small", "hello").dimensions(256u32);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"model":"text-embedding-3-small","input":"hello","dimensions":256}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EmbeddingRequest {
    /// Model id.
    pub model: String,
    /// What to embed.
    pub input: EmbeddingInput,
    /// Vector encoding on the wire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_format: Option<EncodingFormat>,
    /// Output dimensions (`text-embedding-3` and later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<u32>,
    /// End-user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl EmbeddingRequest {
    /// Model and input.
    pub fn new(model: impl Into<String>, input: impl Into<EmbeddingInput>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            model: model.into(),
            input: input.into(),
            encoding_format: None,
            dimensions: None,
            user: None,
        }
    }
}

setters! { EmbeddingRequest { encoding_format: EncodingFormat, dimensions: u32, user: String } }

/// The response of `POST /embeddings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmbeddingResponse {
    /// `list`.
    #[serde(default)]
    pub object: String,
    /// One embedding per input, in input order (see `index`).
    #[serde(default)]
    pub data: Vec<Embedding>,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// Token usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<EmbeddingUsage>,
}

impl EmbeddingResponse {
    /// The embedding vectors as floats, in input order (sorted by `index`), borrowed.
    ///
    /// Infallible whatever `encoding_format` was: base64 vectors are checked and decoded to
    /// `f32` while the response is parsed, so a malformed one fails the call itself (with the
    /// JSON path of the bad field) instead of every later read. The client asks for base64 by
    /// default (about 4× fewer bytes on the wire) and you get floats either way.
    ///
    /// ```
    /// use openai_types::embeddings::{EmbeddingResponse, encode_base64_embedding};
    ///
    /// let body = format!(
    ///     r#"{{"object":"list","model":"m","data":[
    ///         {{"object":"embedding","index":1,"embedding":"{}"}},
    ///         {{"object":"embedding","index":0,"embedding":[0.5,-1.0]}}]}}"#,
    ///     encode_base64_embedding(&[0.25, 2.0])
    /// );
    /// let response: EmbeddingResponse = serde_json::from_str(&body).unwrap();
    /// assert_eq!(response.vectors(), [&[0.5f32, -1.0][..], &[0.25, 2.0][..]]);
    ///
    /// // Bad base64 is a parse error, not a surprise later.
    /// let bad = r#"{"data":[{"index":0,"embedding":"AAC*Pw=="}]}"#;
    /// assert!(serde_json::from_str::<EmbeddingResponse>(bad).is_err());
    /// ```
    pub fn vectors(&self) -> Vec<&[f32]> {
        let mut items: Vec<&Embedding> = self.data.iter().collect();
        items.sort_by_key(|item| item.index);
        items
            .into_iter()
            .map(|item| item.embedding.as_f32())
            .collect()
    }

    /// The embedding vectors as owned floats, in input order (sorted by `index`); no copy.
    pub fn into_vectors(mut self) -> Vec<Vec<f32>> {
        self.data.sort_by_key(|item| item.index);
        self.data
            .into_iter()
            .map(|item| item.embedding.into_f32_vec())
            .collect()
    }

    /// Turns every [`EmbeddingVector::Base64`] into [`EmbeddingVector::Float`] (no decoding
    /// left to do: it happened while parsing), so the response serializes as JSON floats.
    pub fn decode_base64(&mut self) {
        for item in &mut self.data {
            if let EmbeddingVector::Base64(values) = &mut item.embedding {
                item.embedding = EmbeddingVector::Float(std::mem::take(values).into_f32_vec());
            }
        }
    }
}

/// Token usage of an embeddings call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmbeddingUsage {
    /// Input tokens.
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Same as `prompt_tokens`.
    #[serde(default)]
    pub total_tokens: u64,
}

/// One embedding.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Embedding {
    /// `embedding`.
    #[serde(default)]
    pub object: String,
    /// Position of the input this embeds.
    #[serde(default)]
    pub index: u32,
    /// The vector.
    pub embedding: EmbeddingVector,
}

/// An embedding vector, remembering how it was sent: JSON floats, or base64 when
/// `encoding_format: "base64"`. Both hold the decoded floats ([`as_f32`](Self::as_f32)).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EmbeddingVector {
    /// A JSON array of numbers.
    Float(Vec<f32>),
    /// Base64 of little-endian `f32`s, decoded on receipt; serializes back to the same text.
    Base64(Base64Embedding),
}

impl Default for EmbeddingVector {
    fn default() -> Self {
        Self::Float(Vec::new())
    }
}

impl EmbeddingVector {
    /// The floats, borrowed (both forms hold them decoded).
    pub fn as_f32(&self) -> &[f32] {
        match self {
            Self::Float(values) => values,
            Self::Base64(values) => values.as_f32(),
        }
    }

    /// The floats, copied.
    pub fn to_f32_vec(&self) -> Vec<f32> {
        self.as_f32().to_vec()
    }

    /// The floats, consuming the vector (no copy).
    pub fn into_f32_vec(self) -> Vec<f32> {
        match self {
            Self::Float(values) => values,
            Self::Base64(values) => values.into_f32_vec(),
        }
    }

    /// The number of dimensions.
    pub fn len(&self) -> usize {
        self.as_f32().len()
    }

    /// Whether the vector has no dimensions.
    pub fn is_empty(&self) -> bool {
        self.as_f32().is_empty()
    }
}

/// A vector the service sent as base64 (`encoding_format: "base64"`): little-endian `f32`s.
///
/// The text is checked and decoded when the response is parsed, so a malformed vector fails the
/// parse like any other bad field, and reading the floats afterwards cannot fail. Strict base64
/// has exactly one encoding per byte string, so [`to_base64`](Self::to_base64) gives back the
/// text exactly as sent (every bit pattern, NaN payloads included, survives).
///
/// ```
/// use openai_types::embeddings::Base64Embedding;
///
/// let vector = Base64Embedding::decode("AACAPwAAAEA=").unwrap();
/// assert_eq!(vector.as_f32(), [1.0, 2.0]);
/// assert_eq!(vector.to_base64(), "AACAPwAAAEA=");
/// assert!(Base64Embedding::decode("AACA").is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Base64Embedding {
    values: Vec<f32>,
}

impl Base64Embedding {
    /// Decodes base64 text of little-endian `f32`s (strict standard base64).
    pub fn decode(text: &str) -> Result<Self, Base64EmbeddingError> {
        decode_base64_embedding(text).map(|values| Self { values })
    }

    /// Floats to be sent or stored in the base64 form.
    pub fn from_f32(values: Vec<f32>) -> Self {
        Self { values }
    }

    /// The floats.
    pub fn as_f32(&self) -> &[f32] {
        &self.values
    }

    /// The floats, consumed (no copy).
    pub fn into_f32_vec(self) -> Vec<f32> {
        self.values
    }

    /// The base64 text, as the service sent it.
    pub fn to_base64(&self) -> String {
        encode_base64_embedding(&self.values)
    }
}

impl Serialize for EmbeddingVector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Float(values) => values.serialize(serializer),
            Self::Base64(values) => serializer.serialize_str(&values.to_base64()),
        }
    }
}

impl<'de> Deserialize<'de> for EmbeddingVector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A direct visitor: no buffering of 1000s of floats through an untagged `Content`.
        struct VectorVisitor;
        impl<'de> Visitor<'de> for VectorVisitor {
            type Value = EmbeddingVector;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of numbers or a base64 string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                // Decoded here so that a bad vector fails the parse, with its JSON path.
                Base64Embedding::decode(text)
                    .map(EmbeddingVector::Base64)
                    .map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(value) = seq.next_element::<f32>()? {
                    values.push(value);
                }
                Ok(EmbeddingVector::Float(values))
            }
        }
        deserializer.deserialize_any(VectorVisitor)
    }
}

/// Why a base64 embedding could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Base64EmbeddingError {
    /// The text length is not a multiple of 4.
    InvalidLength(usize),
    /// A character outside the standard base64 alphabet (at this byte offset).
    InvalidCharacter(usize),
    /// `=` somewhere other than the last one or two characters, or non-zero bits under it.
    InvalidPadding,
    /// The decoded byte count is not a multiple of 4, so it is not a list of `f32`.
    NotFloatAligned(usize),
}

impl fmt::Display for Base64EmbeddingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidLength(len) => {
                write!(f, "base64 embedding length {len} is not a multiple of 4")
            }
            Self::InvalidCharacter(at) => {
                write!(f, "invalid base64 character at offset {at} in embedding")
            }
            Self::InvalidPadding => f.write_str("invalid base64 padding in embedding"),
            Self::NotFloatAligned(len) => write!(
                f,
                "base64 embedding decodes to {len} bytes, not a multiple of 4 (f32)"
            ),
        }
    }
}

impl std::error::Error for Base64EmbeddingError {}

use crate::shared::base64::{DECODE, INVALID, encode_base64};

/// Decodes a base64 embedding into `f32`s (little-endian, 4 bytes each), exactly: every bit
/// pattern (NaN payloads, subnormals, `-0.0`) survives.
///
/// Strict standard base64: length a multiple of 4, padding only at the end, no whitespace.
///
/// ```
/// use openai_types::embeddings::{decode_base64_embedding, encode_base64_embedding};
///
/// let floats = [0.5f32, -1.25, f32::MIN_POSITIVE];
/// let text = encode_base64_embedding(&floats);
/// assert_eq!(decode_base64_embedding(&text).unwrap(), floats);
/// assert!(decode_base64_embedding("AAA").is_err());
/// ```
pub fn decode_base64_embedding(text: &str) -> Result<Vec<f32>, Base64EmbeddingError> {
    let input = text.as_bytes();
    if input.len() % 4 != 0 {
        return Err(Base64EmbeddingError::InvalidLength(input.len()));
    }
    let padding = match input {
        [.., b'=', b'='] => 2,
        [.., b'='] => 1,
        _ => 0,
    };
    let byte_len = input.len() / 4 * 3 - padding;
    if byte_len % 4 != 0 {
        return Err(Base64EmbeddingError::NotFloatAligned(byte_len));
    }
    let full_quads = if padding > 0 {
        input.len() / 4 - 1
    } else {
        input.len() / 4
    };
    let (body, tail) = input.split_at(full_quads * 4);
    // Floats are written straight into the result: 16 characters are 12 bytes are exactly
    // three floats, so no intermediate byte buffer is needed for the bulk of the vector.
    let mut floats = Vec::with_capacity(byte_len / 4);
    let mut blocks = body.chunks_exact(16);
    for (b, block) in (&mut blocks).enumerate() {
        // Two 8-character halves, 48 bits each, folded in registers.
        let mut bad = 0u8;
        let mut half = |chars: &[u8]| {
            chars.iter().fold(0u64, |acc, &ch| {
                let v = DECODE[ch as usize];
                bad |= v;
                (acc << 6) | u64::from(v)
            })
        };
        let hi = half(&block[..8]);
        let lo = half(&block[8..]);
        if bad & 0x80 != 0 {
            // Rare: find the first bad quad again for its exact error and offset.
            for k in 0..4 {
                decode_quad(&block[k * 4..k * 4 + 4], b * 16 + k * 4)?;
            }
        }
        // Bytes 0..6 are `hi` and 6..12 are `lo`, big-endian; each float is 4 of them,
        // little-endian.
        floats.extend_from_slice(&[
            f32::from_bits(((hi >> 16) as u32).swap_bytes()),
            f32::from_bits((((hi & 0xFFFF) << 16 | lo >> 32) as u32).swap_bytes()),
            f32::from_bits((lo as u32).swap_bytes()),
        ]);
    }
    // At most 3 quads and a padded tail remain: at most 11 bytes.
    let rest = blocks.remainder();
    let rest_offset = body.len() - rest.len();
    let mut bytes: Vec<u8> = Vec::with_capacity(12);
    for (q, quad) in rest.chunks_exact(4).enumerate() {
        let n = decode_quad(quad, rest_offset + q * 4)?;
        bytes.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    if let [t0, t1, t2, _] = *tail {
        let offset = full_quads * 4;
        let value = |ch: u8, at: usize| match DECODE[ch as usize] {
            INVALID if ch == b'=' => Err(Base64EmbeddingError::InvalidPadding),
            INVALID => Err(Base64EmbeddingError::InvalidCharacter(offset + at)),
            v => Ok(u32::from(v)),
        };
        let a = value(t0, 0)?;
        let b = value(t1, 1)?;
        if padding == 2 {
            // One byte: the low 4 bits of `b` must be zero (canonical encoding).
            if b & 0x0F != 0 {
                return Err(Base64EmbeddingError::InvalidPadding);
            }
            bytes.push(((a << 2) | (b >> 4)) as u8);
        } else {
            let c = value(t2, 2)?;
            if c & 0x03 != 0 {
                return Err(Base64EmbeddingError::InvalidPadding);
            }
            let n = (a << 18) | (b << 12) | (c << 6);
            bytes.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8]);
        }
    }
    for f in bytes.chunks_exact(4) {
        floats.push(f32::from_le_bytes([f[0], f[1], f[2], f[3]]));
    }
    debug_assert_eq!(floats.len() * 4, byte_len);
    Ok(floats)
}

/// Decodes one full quad (no padding allowed) at character offset `offset` to 24 bits.
#[inline]
fn decode_quad(quad: &[u8], offset: usize) -> Result<u32, Base64EmbeddingError> {
    let a = DECODE[quad[0] as usize];
    let b = DECODE[quad[1] as usize];
    let c = DECODE[quad[2] as usize];
    let d = DECODE[quad[3] as usize];
    // Valid sextets are < 64, so the OR is 0xFF exactly when one of them is invalid.
    if (a | b | c | d) == INVALID {
        let at = quad
            .iter()
            .position(|&ch| DECODE[ch as usize] == INVALID)
            .unwrap_or(0);
        return Err(if quad[at] == b'=' {
            Base64EmbeddingError::InvalidPadding
        } else {
            Base64EmbeddingError::InvalidCharacter(offset + at)
        });
    }
    Ok((u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d))
}

/// Encodes `f32`s as base64 of their little-endian bytes (what the service sends for
/// `encoding_format: "base64"`); the exact inverse of [`decode_base64_embedding`].
pub fn encode_base64_embedding(values: &[f32]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 4);
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    encode_base64(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator: no `rand` dependency for a unit test.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn round_trips_every_bit_pattern_class() {
        let mut state = 0x9E37_79B9_7F4A_7C15;
        let mut values: Vec<f32> = (0..10_000)
            .map(|_| f32::from_bits(xorshift(&mut state) as u32))
            .collect();
        values.extend([
            0.0,
            -0.0,
            f32::MIN_POSITIVE / 2.0,
            -f32::MIN_POSITIVE / 3.0,
            f32::from_bits(1),
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::from_bits(0x7FC0_0001),
            f32::from_bits(0xFF80_0001),
            f32::MAX,
        ]);
        // Every length mod 3 exercises every padding case.
        for len in [0, 1, 2, 3, 4, 5, values.len()] {
            let slice = &values[..len];
            let decoded = decode_base64_embedding(&encode_base64_embedding(slice)).unwrap();
            let bits: Vec<u32> = decoded.iter().map(|v| v.to_bits()).collect();
            let expected: Vec<u32> = slice.iter().map(|v| v.to_bits()).collect();
            assert_eq!(bits, expected, "length {len}");
        }
    }

    #[test]
    fn known_vector_matches_standard_base64() {
        // 1.0f32 = 00 00 80 3F little-endian; 2.0 = 00 00 00 40.
        assert_eq!(encode_base64_embedding(&[1.0]), "AACAPw==");
        assert_eq!(encode_base64_embedding(&[1.0, 2.0]), "AACAPwAAAEA=");
        assert_eq!(
            encode_base64_embedding(&[1.0, 2.0, 1.0]),
            "AACAPwAAAEAAAIA/"
        );
        assert_eq!(decode_base64_embedding("AACAPwAAAEA=").unwrap(), [1.0, 2.0]);
    }

    #[test]
    fn base64_vectors_decode_on_parse_and_serialize_back_byte_for_byte() {
        let text = encode_base64_embedding(&[1.0, f32::from_bits(0x7FC0_0001), -0.0]);
        let body = format!(
            r#"{{"data":[{{"index":1,"embedding":"{text}"}},{{"index":0,"embedding":[3.0]}}]}}"#
        );
        let response: EmbeddingResponse = serde_json::from_str(&body).unwrap();
        let vectors = response.vectors();
        assert_eq!(vectors[0], [3.0]);
        let bits: Vec<u32> = vectors[1].iter().map(|v| v.to_bits()).collect();
        assert_eq!(bits, [1.0f32.to_bits(), 0x7FC0_0001, (-0.0f32).to_bits()]);
        let back = serde_json::to_value(&response).unwrap();
        assert_eq!(back["data"][0]["embedding"], text.as_str());
        assert_eq!(response.clone().into_vectors()[1].len(), 3);

        let mut decoded = response;
        decoded.decode_base64();
        assert!(matches!(&decoded.data[0].embedding, EmbeddingVector::Float(v) if v.len() == 3));
    }

    #[test]
    fn malformed_base64_vector_fails_the_parse_with_the_reason() {
        let err = serde_json::from_str::<EmbeddingResponse>(
            r#"{"data":[{"index":0,"embedding":"AACA"}]}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("not a multiple of 4 (f32)"),
            "{err}"
        );
    }

    #[test]
    fn rejects_malformed_input() {
        use Base64EmbeddingError as E;
        assert_eq!(decode_base64_embedding("AACAP"), Err(E::InvalidLength(5)));
        assert_eq!(
            decode_base64_embedding("AAC*Pw=="),
            Err(E::InvalidCharacter(3))
        );
        assert_eq!(decode_base64_embedding("AA=APw=="), Err(E::InvalidPadding));
        // Non-zero bits under the padding.
        assert_eq!(decode_base64_embedding("AACAPx=="), Err(E::InvalidPadding));
        // 3 bytes: not a whole f32.
        assert_eq!(decode_base64_embedding("AACA"), Err(E::NotFloatAligned(3)));
        assert_eq!(decode_base64_embedding(""), Ok(vec![]));
        assert!(decode_base64_embedding("AACAPw==\n").is_err());
        // Offsets are absolute in the 16-character fast path and in the remainder alike.
        let long = encode_base64_embedding(&[1.0; 9]); // 48 characters
        let mut bad = long.clone().into_bytes();
        bad[17] = b'*';
        assert_eq!(
            decode_base64_embedding(std::str::from_utf8(&bad).unwrap()),
            Err(E::InvalidCharacter(17))
        );
        let mut bad = long.into_bytes();
        bad[37] = b'=';
        assert_eq!(
            decode_base64_embedding(std::str::from_utf8(&bad).unwrap()),
            Err(E::InvalidPadding)
        );
    }
}

crate::macros::extra_setter! { EmbeddingRequest }
