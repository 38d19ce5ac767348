//! CHANGELOG.md (Keep a Changelog) checks and the release rewrite, plus the release date.
//!
//! The rewrite turns `## [Unreleased]` into `## [x.y.z] - YYYY-MM-DD` and puts a fresh, empty
//! `## [Unreleased]` above it. When the file ends with Keep a Changelog compare links
//! (`[Unreleased]: …/compare/v0.1.0...HEAD`) they are moved along too.

use std::time::{SystemTime, UNIX_EPOCH};

const UNRELEASED: &str = "## [Unreleased]";

/// Index of the `## [Unreleased]` heading line (case-insensitive on the word), if any.
fn unreleased_heading(lines: &[&str]) -> Option<usize> {
    lines.iter().position(|line| {
        line.trim_end()
            .to_ascii_lowercase()
            .starts_with(&UNRELEASED.to_ascii_lowercase())
    })
}

/// A `[label]: url` link reference definition (they close the file, not a section).
fn is_link_definition(line: &str) -> bool {
    line.starts_with('[') && line.contains("]: ")
}

/// The text under `## [Unreleased]` up to the next `## ` heading, without link definitions.
///
/// Fails when the file has no Unreleased section.
pub(crate) fn unreleased_body(text: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = unreleased_heading(&lines)
        .ok_or("CHANGELOG.md has no `## [Unreleased]` section (Keep a Changelog format)")?;
    let body: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|line| !line.starts_with("## "))
        .filter(|line| !is_link_definition(line))
        .copied()
        .collect();
    Ok(body.join("\n").trim().to_owned())
}

/// Whether a section body lists at least one change (not just empty `### Added` headings).
pub(crate) fn has_entries(body: &str) -> bool {
    body.lines().any(|line| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with('#') && !line.starts_with("<!--")
    })
}

/// Whether the changelog has a `## [version]` section.
pub(crate) fn has_release(text: &str, version: &str) -> bool {
    let heading = format!("## [{version}]");
    text.lines().any(|line| line.starts_with(&heading))
}

/// Moves the Unreleased entries under `## [new] - date` and opens a fresh Unreleased section.
///
/// Refuses when the Unreleased section is missing or empty, or when `new` already has a
/// section.
pub(crate) fn release(text: &str, new: &str, date: &str) -> Result<String, String> {
    if !has_entries(&unreleased_body(text)?) {
        return Err(format!(
            "CHANGELOG.md: `## [Unreleased]` has no entries; describe what changes in {new} first"
        ));
    }
    if has_release(text, new) {
        return Err(format!("CHANGELOG.md already has a `## [{new}]` section"));
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut heading_done = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let eol = &line[bare.len()..];
        let eol = if eol.is_empty() { "\n" } else { eol };
        if !heading_done
            && bare
                .to_ascii_lowercase()
                .starts_with(&UNRELEASED.to_ascii_lowercase())
        {
            heading_done = true;
            out.push_str(&format!("{UNRELEASED}{eol}{eol}## [{new}] - {date}{eol}"));
            continue;
        }
        if let Some(rest) = bare.strip_prefix("[Unreleased]: ") {
            // `…/compare/v0.1.0...HEAD`: Unreleased now starts at the new tag, and the new
            // version compares the previous tag with the new one.
            if let Some((base, previous)) = rest
                .strip_suffix("...HEAD")
                .and_then(|r| r.rsplit_once("/compare/"))
            {
                let tag = if previous.starts_with('v') {
                    format!("v{new}")
                } else {
                    new.to_owned()
                };
                out.push_str(&format!("[Unreleased]: {base}/compare/{tag}...HEAD{eol}"));
                out.push_str(&format!("[{new}]: {base}/compare/{previous}...{tag}{eol}"));
                continue;
            }
        }
        out.push_str(line);
    }
    Ok(out)
}

/// Today's date in UTC as `YYYY-MM-DD`, from the system clock.
pub(crate) fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_date(secs)
}

/// Formats seconds since the Unix epoch (UTC) as `YYYY-MM-DD`.
pub(crate) fn format_date(unix_secs: u64) -> String {
    let days = i64::try_from(unix_secs / 86_400).unwrap_or(i64::MAX / 2);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Proleptic Gregorian (year, month, day) for days since 1970-01-01.
///
/// Howard Hinnant's `civil_from_days`: shift to eras of 400 years starting on March 1st so
/// the leap day falls at the end of the year, then read the date off the day of the era.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // March-based month, [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = if m <= 2 { y + 1 } else { y };
    // Both values are in range by construction; the fallbacks are unreachable.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: &str = include_str!("../../test_data/changelog/before.md");
    const AFTER: &str = include_str!("../../test_data/changelog/after.md");

    #[test]
    fn golden_release_rewrite_with_compare_links() {
        let out = release(BEFORE, "0.2.0", "2025-03-01").unwrap();
        assert_eq!(out, AFTER);
        // The result is itself releasable once new entries arrive, and not before.
        assert!(!has_entries(&unreleased_body(&out).unwrap()));
        assert!(has_release(&out, "0.2.0"));
    }

    #[test]
    fn unreleased_body_stops_at_the_next_release_and_skips_links() {
        let body = unreleased_body(BEFORE).unwrap();
        assert!(body.starts_with("### Added"), "{body}");
        assert!(body.contains("- Streaming"), "{body}");
        assert!(!body.contains("0.1.0"), "{body}");
    }

    #[test]
    fn empty_or_missing_unreleased_is_refused() {
        let empty = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n## [0.1.0] - 2025-01-01\n- x\n";
        let err = release(empty, "0.2.0", "2025-03-01").unwrap_err();
        assert!(err.contains("no entries"), "{err}");
        let missing = "# Changelog\n\n## [0.1.0] - 2025-01-01\n- x\n";
        let err = release(missing, "0.2.0", "2025-03-01").unwrap_err();
        assert!(err.contains("no `## [Unreleased]`"), "{err}");
    }

    #[test]
    fn an_existing_section_for_the_version_is_refused() {
        let text = "## [Unreleased]\n- y\n\n## [0.2.0] - 2025-01-01\n- x\n";
        let err = release(text, "0.2.0", "2025-03-01").unwrap_err();
        assert!(err.contains("already has"), "{err}");
    }

    #[test]
    fn without_links_only_the_heading_moves() {
        let text = "# Changelog\n\n## [Unreleased]\n\n- Fixed a thing.\n";
        let out = release(text, "0.1.1", "2024-02-29").unwrap();
        assert_eq!(
            out,
            "# Changelog\n\n## [Unreleased]\n\n## [0.1.1] - 2024-02-29\n\n- Fixed a thing.\n"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(86_399), "1970-01-01");
        assert_eq!(format_date(951_782_400), "2000-02-29"); // leap day of a 400-year leap year
        assert_eq!(format_date(951_868_800), "2000-03-01");
        assert_eq!(format_date(1_709_164_800), "2024-02-29");
        assert_eq!(format_date(1_735_689_599), "2024-12-31"); // last second of 2024
        assert_eq!(format_date(4_107_542_400), "2100-03-01"); // 2100 is not a leap year
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
        let today = today();
        assert_eq!(today.len(), 10);
        assert!(today.as_str() > "2024-01-01", "{today}");
    }
}
