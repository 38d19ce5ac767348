//! Path segments from caller-supplied values (ids, deployment and model names).

use crate::error::Error;

/// Turns a caller-supplied value into exactly one URL path segment.
///
/// Every id, deployment or model name that enters a path goes through here, so a value can
/// never change the route: an empty value (which would hit another route, e.g.
/// `/threads//runs`) and the dot segments `.` and `..` (which URL normalizers and proxies
/// resolve away) are refused with [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest)
/// before anything is sent; every byte outside the RFC 3986 unreserved set is percent-encoded,
/// so `/`, `?` and `#` stay inside the segment. `what` names the value in the error
/// (`"thread_id"`, `"deployment"`).
///
/// ```
/// use core_http::kit::path_segment;
///
/// assert_eq!(path_segment("file-abc_1.2~", "file_id").unwrap(), "file-abc_1.2~");
/// assert_eq!(path_segment("a/b?c", "file_id").unwrap(), "a%2Fb%3Fc");
/// assert_eq!(path_segment("..", "model").unwrap_err().to_string(),
///            "invalid request: `model` must not be `.` or `..`");
/// assert!(path_segment("", "run_id").is_err());
/// ```
pub fn path_segment(value: &str, what: &str) -> Result<String, Error> {
    if value.is_empty() {
        return Err(Error::invalid_request(format!(
            "`{what}` must not be empty"
        )));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid_request(format!(
            "`{what}` must not be `.` or `..`"
        )));
    }
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value);
    Ok(out)
}

/// Appends `value` percent-encoded (everything outside the RFC 3986 unreserved set).
pub(crate) fn push_encoded(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_values_that_would_change_the_route() {
        for (value, message) in [
            ("", "invalid request: `id` must not be empty"),
            (".", "invalid request: `id` must not be `.` or `..`"),
            ("..", "invalid request: `id` must not be `.` or `..`"),
        ] {
            let err = path_segment(value, "id").unwrap_err();
            assert_eq!(err.to_string(), message);
            assert!(matches!(err.kind(), crate::ErrorKind::InvalidRequest));
        }
    }

    #[test]
    fn encodes_everything_outside_unreserved() {
        assert_eq!(path_segment("...", "id").unwrap(), "...");
        assert_eq!(path_segment("../x", "id").unwrap(), "..%2Fx");
        assert_eq!(path_segment("my dep", "id").unwrap(), "my%20dep");
        assert_eq!(path_segment("q?x=1#f", "id").unwrap(), "q%3Fx%3D1%23f");
        assert_eq!(path_segment("ünï", "id").unwrap(), "%C3%BCn%C3%AF");
        assert_eq!(path_segment("%2e%2e", "id").unwrap(), "%252e%252e");
    }
}
