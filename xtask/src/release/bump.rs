//! Lockstep version arithmetic and the manifest text edits of `release bump`.
//!
//! The edits are line-based on purpose: a TOML round-trip would drop comments and reorder
//! tables, and xtask carries no TOML crate. They understand exactly the shapes this workspace
//! uses and fail loudly on anything they cannot place, rather than guessing:
//! - `version = "x.y.z"` under `[workspace.package]` (or `[package]`);
//! - `name = { path = "…", version = "=x.y.z", … }` for internal crates in any
//!   `…dependencies` table, and `version = "=x.y.z"` inside a `[….dependencies.name]` table.

use std::fmt;

/// A semantic version `major.minor.patch[-pre]` (build metadata is not used here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Version {
    pub(crate) major: u64,
    pub(crate) minor: u64,
    pub(crate) patch: u64,
    /// Pre-release suffix without the dash, e.g. `alpha.1`.
    pub(crate) pre: Option<String>,
}

impl Version {
    /// Parses `x.y.z` or `x.y.z-pre`.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a version like 1.2.3 or 1.2.3-rc.1");
        let (core, pre) = match text.split_once('-') {
            Some((core, pre)) if !pre.is_empty() => (core, Some(pre.to_owned())),
            Some(_) => return Err(bad()),
            None => (text, None),
        };
        let mut parts = core.split('.').map(|part| {
            // Semver forbids leading zeros ("01") and signs; `parse` alone would accept "+1".
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if part.len() > 1 && part.starts_with('0') {
                return None;
            }
            part.parse::<u64>().ok()
        });
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        Ok(Self {
            major,
            minor,
            patch,
            pre,
        })
    }

    /// Semver precedence: the numbers, then a pre-release sorts before the release.
    fn precedes(&self, other: &Self) -> bool {
        let a = (self.major, self.minor, self.patch);
        let b = (other.major, other.minor, other.patch);
        if a != b {
            return a < b;
        }
        match (&self.pre, &other.pre) {
            (Some(_), None) => true,
            (Some(x), Some(y)) => x < y,
            _ => false,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if let Some(pre) = &self.pre {
            write!(f, "-{pre}")?;
        }
        Ok(())
    }
}

/// The version after `current` for `spec`: `major`, `minor`, `patch` or an explicit version.
///
/// Level bumps drop any pre-release suffix (`1.2.3-rc.1` + patch = `1.2.4`). An explicit
/// version must be greater than the current one.
pub(crate) fn next_version(current: &str, spec: &str) -> Result<String, String> {
    let now = Version::parse(current)?;
    let next = match spec {
        "major" => Version {
            major: now.major + 1,
            minor: 0,
            patch: 0,
            pre: None,
        },
        "minor" => Version {
            major: now.major,
            minor: now.minor + 1,
            patch: 0,
            pre: None,
        },
        "patch" => Version {
            major: now.major,
            minor: now.minor,
            patch: now.patch + 1,
            pre: None,
        },
        explicit => {
            let next = Version::parse(explicit)
                .map_err(|err| format!("{err} (or use major, minor, patch)"))?;
            if !now.precedes(&next) {
                return Err(format!(
                    "{next} is not greater than the current version {now}"
                ));
            }
            next
        }
    };
    Ok(next.to_string())
}

/// The plain `version = "…"` string under `[section]`, if there is one.
pub(crate) fn section_version(text: &str, section: &str) -> Option<String> {
    let mut current = String::new();
    for line in text.lines() {
        if let Some(name) = section_name(line) {
            current = name;
        } else if current == section && key_of(line) == Some("version") {
            let (start, end) = quoted_value_after_eq(line)?;
            return Some(line[start..end].to_owned());
        }
    }
    None
}

/// Replaces `version = "old"` under `[section]` with `new`.
///
/// Returns `Ok(None)` when the section has no plain `version` key (for example a member that
/// inherits it with `version.workspace = true`); fails when the key holds another version.
pub(crate) fn set_section_version(
    text: &str,
    section: &str,
    old: &str,
    new: &str,
) -> Result<Option<String>, String> {
    let mut out = String::with_capacity(text.len() + 8);
    let mut current = String::new();
    let mut found = false;
    for line in text.split_inclusive('\n') {
        if let Some(name) = section_name(line) {
            current = name;
        } else if current == section && key_of(line) == Some("version") {
            let Some((start, end)) = quoted_value_after_eq(line) else {
                return Err(format!(
                    "[{section}] version is not a plain string: {line:?}"
                ));
            };
            let value = &line[start..end];
            if value != old {
                return Err(format!(
                    "[{section}] version is \"{value}\", expected \"{old}\""
                ));
            }
            found = true;
            out.push_str(&line[..start]);
            out.push_str(new);
            out.push_str(&line[end..]);
            continue;
        }
        out.push_str(line);
    }
    Ok(found.then_some(out))
}

/// Rewrites every version requirement on an internal crate from `=old` (or `old`) to `=new`
/// (or `new`) in all dependency tables. Returns the new text and how many pins changed.
///
/// A requirement that names an internal crate but not `old` is a lockstep violation and an
/// error; a path-only declaration (no version) is left alone.
pub(crate) fn bump_internal_pins(
    text: &str,
    internal: &[&str],
    old: &str,
    new: &str,
) -> Result<(String, usize), String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut current = String::new();
    let mut changed = 0;
    for line in text.split_inclusive('\n') {
        if let Some(name) = section_name(line) {
            current = name;
            out.push_str(line);
            continue;
        }
        // `[dependencies.core-http]`-style table: the `version` key of that table.
        let table_dep = current
            .rsplit_once('.')
            .filter(|(table, dep)| table.ends_with("dependencies") && internal.contains(dep))
            .map(|(_, dep)| dep.to_owned());
        let target = if let Some(dep) = table_dep {
            (key_of(line) == Some("version"))
                .then(|| quoted_value_after_eq(line).map(|range| (dep, range)))
                .flatten()
        } else if current.ends_with("dependencies") {
            key_of(line)
                .filter(|key| internal.contains(key))
                .and_then(|key| inline_version(line).map(|range| (key.to_owned(), range)))
        } else {
            None
        };
        let Some((dep, (start, end))) = target else {
            out.push_str(line);
            continue;
        };
        let value = &line[start..end];
        let replacement = if value == format!("={old}") {
            format!("={new}")
        } else if value == old {
            new.to_owned()
        } else {
            return Err(format!(
                "[{current}] {dep} requires \"{value}\", expected \"={old}\" (lockstep versions)"
            ));
        };
        out.push_str(&line[..start]);
        out.push_str(&replacement);
        out.push_str(&line[end..]);
        changed += 1;
    }
    Ok((out, changed))
}

/// The name of a `[table]` or `[[array]]` header line, without brackets or quotes.
fn section_name(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if !trimmed.starts_with('[') {
        return None;
    }
    let inner = trimmed.trim_start_matches('[');
    let end = inner.find(']')?;
    let name: String = inner[..end]
        .split('.')
        .map(|part| part.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".");
    Some(name)
}

/// The key of a `key = value` line (quotes removed), or `None` for comments and other lines.
fn key_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    let (key, _) = trimmed.split_once('=')?;
    Some(key.trim().trim_matches('"'))
}

/// Byte range of the string value in `key = "value"`.
fn quoted_value_after_eq(line: &str) -> Option<(usize, usize)> {
    let eq = line.find('=')?;
    let rest = &line[eq + 1..];
    let open = eq + 1 + rest.find('"')?;
    // Only whitespace may sit between `=` and the opening quote.
    if !line[eq + 1..open].trim().is_empty() {
        return None;
    }
    let close = open + 1 + line[open + 1..].find('"')?;
    Some((open + 1, close))
}

/// Byte range of the string value of `version = "…"` inside an inline table on this line.
fn inline_version(line: &str) -> Option<(usize, usize)> {
    let brace = line.find('{')?;
    let mut from = brace;
    while let Some(pos) = line[from..].find("version") {
        let at = from + pos;
        let before = line[..at].trim_end().chars().last();
        let after = line[at + "version".len()..].trim_start();
        if matches!(before, Some('{') | Some(',')) && after.starts_with('=') {
            let (start, end) = quoted_value_after_eq(&line[at..])?;
            return Some((at + start, at + end));
        }
        from = at + "version".len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT_BEFORE: &str = include_str!("../../test_data/bump/root_before.toml");
    const ROOT_AFTER: &str = include_str!("../../test_data/bump/root_after.toml");
    const INTERNAL: &[&str] = &["core-http", "openai-types", "openai-mock"];

    #[test]
    fn version_levels() {
        assert_eq!(next_version("0.1.0", "patch").unwrap(), "0.1.1");
        assert_eq!(next_version("0.1.7", "minor").unwrap(), "0.2.0");
        assert_eq!(next_version("0.9.3", "major").unwrap(), "1.0.0");
        assert_eq!(next_version("1.2.3-rc.1", "patch").unwrap(), "1.2.4");
        assert_eq!(
            next_version("0.1.0", "0.3.0-alpha.1").unwrap(),
            "0.3.0-alpha.1"
        );
        assert_eq!(next_version("0.3.0-alpha.1", "0.3.0").unwrap(), "0.3.0");
    }

    #[test]
    fn explicit_versions_must_be_valid_and_greater() {
        assert!(
            next_version("0.2.0", "0.1.9")
                .unwrap_err()
                .contains("not greater")
        );
        assert!(next_version("0.2.0", "0.2.0").is_err());
        assert!(next_version("0.2.0", "0.3.0").is_ok());
        assert!(
            next_version("0.2.0", "huge")
                .unwrap_err()
                .contains("major, minor, patch")
        );
        for bad in ["1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "+1.2.3", ""] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Version::parse("10.20.30-rc.1").unwrap().to_string(),
            "10.20.30-rc.1"
        );
    }

    /// Golden files: a root manifest shaped like ours, comments and all.
    #[test]
    fn root_manifest_golden() {
        let text = set_section_version(ROOT_BEFORE, "workspace.package", "0.1.0", "0.2.0")
            .unwrap()
            .unwrap();
        let (text, changed) = bump_internal_pins(&text, INTERNAL, "0.1.0", "0.2.0").unwrap();
        assert_eq!(changed, 4);
        assert_eq!(text, ROOT_AFTER);
    }

    #[test]
    fn reads_the_section_version() {
        assert_eq!(
            section_version(ROOT_BEFORE, "workspace.package").as_deref(),
            Some("0.1.0")
        );
        assert_eq!(section_version(ROOT_BEFORE, "package"), None);
    }

    #[test]
    fn only_the_named_section_version_changes() {
        let text =
            "[package]\nversion = \"0.1.0\"\n[workspace.package]\nversion = \"0.1.0\" # pin\n";
        let out = set_section_version(text, "workspace.package", "0.1.0", "0.1.1")
            .unwrap()
            .unwrap();
        assert_eq!(
            out,
            "[package]\nversion = \"0.1.0\"\n[workspace.package]\nversion = \"0.1.1\" # pin\n"
        );
    }

    #[test]
    fn inherited_version_is_not_an_error_but_a_mismatch_is() {
        let inherited = "[package]\nname = \"x\"\nversion.workspace = true\n";
        assert_eq!(
            set_section_version(inherited, "package", "0.1.0", "0.2.0"),
            Ok(None)
        );
        let other = "[workspace.package]\nversion = \"0.4.0\"\n";
        let err = set_section_version(other, "workspace.package", "0.1.0", "0.2.0").unwrap_err();
        assert!(err.contains("expected \"0.1.0\""), "{err}");
    }

    #[test]
    fn a_pin_out_of_lockstep_is_an_error() {
        let text = "[workspace.dependencies]\ncore-http = { path = \"a\", version = \"=0.0.9\" }\n";
        let err = bump_internal_pins(text, INTERNAL, "0.1.0", "0.2.0").unwrap_err();
        assert!(err.contains("core-http") && err.contains("=0.0.9"), "{err}");
    }

    #[test]
    fn member_manifest_pins_path_only_deps_and_external_crates() {
        let text = "\
[dependencies]
core-http.workspace = true
openai-types = { version = \"0.1.0\", path = \"../openai-types\" }
serde = { version = \"0.1.0\" }

[dev-dependencies]
openai-mock = { path = \"../openai-mock\" }
";
        let (out, changed) = bump_internal_pins(text, INTERNAL, "0.1.0", "0.2.0").unwrap();
        assert_eq!(changed, 1);
        assert_eq!(
            out,
            text.replace(
                "openai-types = { version = \"0.1.0\"",
                "openai-types = { version = \"0.2.0\""
            )
        );
    }

    #[test]
    fn crlf_line_endings_survive() {
        let text = "[workspace.package]\r\nversion = \"0.1.0\"\r\n";
        let out = set_section_version(text, "workspace.package", "0.1.0", "0.2.0")
            .unwrap()
            .unwrap();
        assert_eq!(out, "[workspace.package]\r\nversion = \"0.2.0\"\r\n");
    }
}
