//! A small `multipart/form-data` parser (RFC 7578) for request bodies.
//!
//! It handles what HTTP clients actually send: CRLF line endings, quoted or bare `boundary`
//! parameters, quoted `name`/`filename` values, and parts with or without their own
//! `Content-Type`. Anything it cannot parse is an error the front turns into a 400.

use bytes::Bytes;

use crate::api::FormField;

/// The `boundary` parameter of a `multipart/form-data` content type, or `None` when the content
/// type is not multipart.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Splits `body` into its form fields.
pub(crate) fn parse(body: &Bytes, boundary: &str) -> Result<Vec<FormField>, String> {
    if boundary.is_empty() {
        return Err("the multipart boundary is empty".into());
    }
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut pos = find(body, delimiter, 0).ok_or("the body does not contain the boundary")?;
    let mut fields = Vec::new();
    loop {
        pos += delimiter.len();
        if body.get(pos..pos + 2) == Some(b"--") {
            return Ok(fields);
        }
        // Transport padding after the delimiter, then CRLF.
        while matches!(body.get(pos), Some(b' ' | b'\t')) {
            pos += 1;
        }
        pos = skip_newline(body, pos).ok_or("missing line break after a boundary")?;
        let headers_end = find(body, b"\r\n\r\n", pos)
            .map(|i| (i, i + 4))
            .or_else(|| find(body, b"\n\n", pos).map(|i| (i, i + 2)))
            .ok_or("a part has no end of headers")?;
        let head = std::str::from_utf8(&body[pos..headers_end.0])
            .map_err(|_| "a part's headers are not UTF-8")?;
        let data_start = headers_end.1;
        let next = find(body, delimiter, data_start).ok_or("the closing boundary is missing")?;
        // The line break before the delimiter belongs to the delimiter, not the data.
        let mut data_end = next;
        if data_end >= data_start + 2 && &body[data_end - 2..data_end] == b"\r\n" {
            data_end -= 2;
        } else if data_end > data_start && body[data_end - 1] == b'\n' {
            data_end -= 1;
        }
        fields.push(part(head, body.slice(data_start..data_end))?);
        pos = next;
    }
}

fn part(head: &str, data: Bytes) -> Result<FormField, String> {
    let mut name = None;
    let mut filename = None;
    let mut content_type = None;
    for line in head.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if key.eq_ignore_ascii_case("content-disposition") {
            for (k, v) in disposition_params(value) {
                if k.eq_ignore_ascii_case("name") {
                    name = Some(v);
                } else if k.eq_ignore_ascii_case("filename") {
                    filename = Some(v);
                }
            }
        } else if key.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    Ok(FormField {
        name: name.ok_or("a part has no Content-Disposition name")?,
        filename,
        content_type,
        data,
    })
}

/// `form-data; name="a;b"; filename=x.txt` → `[("name", "a;b"), ("filename", "x.txt")]`.
fn disposition_params(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = value;
    // Skip the disposition type itself.
    match rest.find(';') {
        Some(i) => rest = &rest[i + 1..],
        None => return out,
    }
    loop {
        rest = rest.trim_start();
        let Some(eq) = rest.find('=') else {
            return out;
        };
        let key = rest[..eq].trim().to_owned();
        rest = &rest[eq + 1..];
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            v.push(escaped);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => v.push(c),
                }
            }
            value = v;
            rest = &quoted[end.min(quoted.len())..];
            rest = rest.find(';').map_or("", |i| &rest[i + 1..]);
        } else {
            let end = rest.find(';').unwrap_or(rest.len());
            value = rest[..end].trim().to_owned();
            rest = rest.get(end + 1..).unwrap_or("");
        }
        out.push((key, value));
    }
}

fn skip_newline(body: &[u8], pos: usize) -> Option<usize> {
    match body.get(pos..) {
        Some([b'\r', b'\n', ..]) => Some(pos + 2),
        Some([b'\n', ..]) => Some(pos + 1),
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_from_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=abc").as_deref(),
            Some("abc")
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[test]
    fn parses_text_and_file_parts() {
        let body = Bytes::from_static(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n\
              --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.jsonl\"\r\n\
              Content-Type: application/jsonl\r\n\r\n{\"a\":1}\r\n\r\n--XyZ--\r\n",
        );
        let fields = parse(&body, "XyZ").unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].name, "purpose");
        assert_eq!(fields[0].text(), "assistants");
        assert_eq!(fields[1].filename.as_deref(), Some("a;b.jsonl"));
        assert_eq!(fields[1].content_type.as_deref(), Some("application/jsonl"));
        // The data's own trailing CRLF is kept; only the delimiter's is removed.
        assert_eq!(&fields[1].data[..], b"{\"a\":1}\r\n");
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for body in [
            &b""[..],
            b"--b",
            b"--b\r\n",
            b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
            b"--b\r\nno end of headers",
        ] {
            assert!(
                parse(&Bytes::copy_from_slice(body), "b").is_err(),
                "{body:?}"
            );
        }
        assert!(parse(&Bytes::from_static(b"--b--"), "").is_err());
        assert_eq!(parse(&Bytes::from_static(b"--b--"), "b").unwrap(), vec![]);
    }
}
