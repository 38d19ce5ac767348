//! Standard base64 (RFC 4648, with padding) for the binary payloads some APIs put in JSON:
//! embedding vectors, streamed speech audio.
//!
//! Small and dependency-free on purpose: the crate needs only strict decoding of what the service
//! sends and the exact inverse for tests and mock servers.

use std::fmt;

/// The standard alphabet.
pub(crate) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// Marks a byte that is not in [`ALPHABET`] in the [`DECODE`] table.
pub(crate) const INVALID: u8 = 0xFF;

/// Maps an ASCII byte to its 6-bit value, `INVALID` otherwise (`=` handled separately).
pub(crate) const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Why a base64 text could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Base64Error {
    /// The text length is not a multiple of 4.
    InvalidLength(usize),
    /// A character outside the standard base64 alphabet (at this byte offset).
    InvalidCharacter(usize),
    /// `=` somewhere other than the last one or two characters, or non-zero bits under it.
    InvalidPadding,
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidLength(len) => write!(f, "base64 length {len} is not a multiple of 4"),
            Self::InvalidCharacter(at) => write!(f, "invalid base64 character at offset {at}"),
            Self::InvalidPadding => f.write_str("invalid base64 padding"),
        }
    }
}

impl std::error::Error for Base64Error {}

/// Decodes strict standard base64 (length a multiple of 4, padding only at the end, no
/// whitespace, canonical bits under the padding) into bytes.
///
/// ```
/// use openai_types::shared::{decode_base64, encode_base64};
///
/// assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
/// assert_eq!(encode_base64(b"hi"), "aGk=");
/// assert!(decode_base64("aGk").is_err());
/// ```
pub fn decode_base64(text: &str) -> Result<Vec<u8>, Base64Error> {
    let input = text.as_bytes();
    if input.len() % 4 != 0 {
        return Err(Base64Error::InvalidLength(input.len()));
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let quads = input.len() / 4;
    for (q, quad) in input.chunks_exact(4).enumerate() {
        let offset = q * 4;
        let last = q + 1 == quads;
        let value = |i: usize| -> Result<Option<u32>, Base64Error> {
            let ch = quad[i];
            match DECODE[ch as usize] {
                // `=` is allowed only in the last two places of the last quad.
                INVALID if ch == b'=' && last && i >= 2 => Ok(None),
                INVALID if ch == b'=' => Err(Base64Error::InvalidPadding),
                INVALID => Err(Base64Error::InvalidCharacter(offset + i)),
                v => Ok(Some(u32::from(v))),
            }
        };
        let (Some(a), Some(b)) = (value(0)?, value(1)?) else {
            return Err(Base64Error::InvalidPadding);
        };
        match (value(2)?, value(3)?) {
            (Some(c), Some(d)) => {
                let n = (a << 18) | (b << 12) | (c << 6) | d;
                out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
            }
            (Some(c), None) => {
                if c & 0x03 != 0 {
                    return Err(Base64Error::InvalidPadding);
                }
                let n = (a << 18) | (b << 12) | (c << 6);
                out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8]);
            }
            (None, None) => {
                if b & 0x0F != 0 {
                    return Err(Base64Error::InvalidPadding);
                }
                out.push(((a << 2) | (b >> 4)) as u8);
            }
            (None, Some(_)) => return Err(Base64Error::InvalidPadding),
        }
    }
    Ok(out)
}

/// Encodes bytes as standard base64 with padding; the exact inverse of [`decode_base64`].
pub fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let sextet = |n: u32, shift: u32| char::from(ALPHABET[((n >> shift) & 0x3F) as usize]);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in &mut chunks {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(chunk[1]) << 8) | u32::from(chunk[2]);
        out.extend([sextet(n, 18), sextet(n, 12), sextet(n, 6), sextet(n, 0)]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend([sextet(n, 18), sextet(n, 12), '=', '=']);
        }
        [a, b] => {
            let n = (u32::from(a) << 16) | (u32::from(b) << 8);
            out.extend([sextet(n, 18), sextet(n, 12), sextet(n, 6), '=']);
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length_and_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..40 {
            let slice = &bytes[..len];
            assert_eq!(decode_base64(&encode_base64(slice)).unwrap(), slice);
        }
        assert_eq!(decode_base64(&encode_base64(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn known_vectors() {
        // RFC 4648 section 10.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_base64(plain.as_bytes()), coded);
            assert_eq!(decode_base64(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn rejects_malformed_input() {
        assert_eq!(decode_base64("Zm9"), Err(Base64Error::InvalidLength(3)));
        assert_eq!(decode_base64("Zm*v"), Err(Base64Error::InvalidCharacter(2)));
        assert_eq!(
            decode_base64("Zm9vZ*=="),
            Err(Base64Error::InvalidCharacter(5))
        );
        assert_eq!(decode_base64("Zg==Zm9v"), Err(Base64Error::InvalidPadding));
        assert_eq!(decode_base64("Z==="), Err(Base64Error::InvalidPadding));
        assert_eq!(decode_base64("Zm=v"), Err(Base64Error::InvalidPadding));
        assert_eq!(decode_base64("Zh=="), Err(Base64Error::InvalidPadding));
        assert_eq!(decode_base64("Zm9="), Err(Base64Error::InvalidPadding));
        assert!(decode_base64("Zm9v\n").is_err());
    }
}
