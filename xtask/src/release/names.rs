//! Who owns a package name on crates.io.
//!
//! Publishing under a name another project owns fails late (cargo uploads, crates.io refuses),
//! and a dry run never notices. So before anything is packaged, every publishable name is
//! looked up with `cargo info` (run outside the workspace, or cargo would describe our own
//! member) and refused when crates.io holds it for a different repository.

use std::process::Command;

/// What crates.io says about one package name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// No crate by that name: ours to take.
    Free,
    /// Published from our repository before.
    Ours,
    /// Published by another project (its repository, if it declares one).
    Foreign(Option<String>),
    /// The lookup failed (offline, registry down): nothing is known.
    Unknown(String),
}

/// Classifies a `cargo info NAME` run from its exit status and output.
pub(crate) fn classify(success: bool, stdout: &str, stderr: &str, ours: Option<&str>) -> Owner {
    if !success {
        if stderr.contains("could not find") {
            return Owner::Free;
        }
        let reason = stderr
            .lines()
            .map(str::trim)
            .rfind(|line| !line.is_empty())
            .unwrap_or("cargo info failed without a message");
        return Owner::Unknown(reason.to_owned());
    }
    let repository = stdout
        .lines()
        .find_map(|line| line.strip_prefix("repository:"))
        .map(|url| url.trim().to_owned());
    match (repository, ours) {
        (Some(theirs), Some(ours)) if same_repository(&theirs, ours) => Owner::Ours,
        (theirs, _) => Owner::Foreign(theirs),
    }
}

/// Repository URLs compare without scheme case, a trailing slash or `.git`.
fn same_repository(a: &str, b: &str) -> bool {
    fn norm(url: &str) -> String {
        let url = url.trim().trim_end_matches('/');
        url.strip_suffix(".git").unwrap_or(url).to_ascii_lowercase()
    }
    norm(a) == norm(b)
}

/// Looks `name` up on crates.io.
pub(crate) fn lookup(name: &str, ours: Option<&str>) -> Owner {
    let out = Command::new(crate::util::cargo())
        .args(["info", "--registry", "crates-io", name])
        // Outside the workspace: inside it, `cargo info` describes the local member instead.
        .current_dir(std::env::temp_dir())
        .output();
    match out {
        Ok(out) => classify(
            out.status.success(),
            &String::from_utf8_lossy(&out.stdout),
            &String::from_utf8_lossy(&out.stderr),
            ours,
        ),
        Err(err) => Owner::Unknown(format!("could not start cargo info: {err}")),
    }
}

/// Problems with the names about to be published: one line per foreign name, and (only when
/// `strict`, i.e. a real publish) one per name that could not be checked.
pub(crate) fn problems<'a>(
    names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    strict: bool,
    lookup: impl Fn(&str, Option<&str>) -> Owner,
) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for (name, ours) in names {
        match lookup(name, ours) {
            Owner::Free | Owner::Ours => {}
            Owner::Foreign(theirs) => problems.push(format!(
                "the crates.io name `{name}` belongs to another project ({}): rename the \
                 package (keep the library name with `[lib] name = \"…\"`)",
                theirs.as_deref().unwrap_or("no repository declared")
            )),
            Owner::Unknown(why) if strict => problems.push(format!(
                "could not check who owns `{name}` on crates.io: {why}"
            )),
            Owner::Unknown(why) => notes.push(format!(
                "could not check who owns `{name}` on crates.io ({why}); --execute will refuse \
                 until it can"
            )),
        }
    }
    (problems, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "https://github.com/openai-sdk-rs/openai-sdk";

    #[test]
    fn a_name_published_by_another_repository_is_foreign() {
        let stdout = "openai-mock\nA mock.\nversion: 0.1.0\nlicense: MIT\n\
                      repository: https://github.com/socrates8300/openai-mock\n";
        assert_eq!(
            classify(true, stdout, "", Some(OURS)),
            Owner::Foreign(Some(
                "https://github.com/socrates8300/openai-mock".to_owned()
            ))
        );
    }

    #[test]
    fn a_name_published_from_our_repository_is_ours() {
        let stdout =
            "x\nversion: 0.1.0\nrepository: https://GitHub.com/openai-sdk-rs/openai-sdk.git/\n";
        assert_eq!(classify(true, stdout, "", Some(OURS)), Owner::Ours);
    }

    #[test]
    fn a_published_name_without_a_repository_is_not_assumed_ours() {
        assert_eq!(
            classify(true, "x\nversion: 0.0.1\n", "", Some(OURS)),
            Owner::Foreign(None)
        );
    }

    #[test]
    fn an_unknown_name_is_free_and_a_failed_lookup_is_unknown() {
        let missing =
            "    Updating crates.io index\nerror: could not find `x` in registry `crates-io`\n";
        assert_eq!(classify(false, "", missing, Some(OURS)), Owner::Free);
        let offline = "    Updating crates.io index\nerror: failed to query the index\n";
        assert_eq!(
            classify(false, "", offline, Some(OURS)),
            Owner::Unknown("error: failed to query the index".to_owned())
        );
    }

    #[test]
    fn foreign_names_are_refused_and_unchecked_names_only_refused_when_strict() {
        let fake = |name: &str, _: Option<&str>| match name {
            "taken" => Owner::Foreign(Some("https://example.invalid/them".to_owned())),
            "offline" => Owner::Unknown("no network".to_owned()),
            _ => Owner::Free,
        };
        let names = [
            ("free", Some(OURS)),
            ("taken", Some(OURS)),
            ("offline", Some(OURS)),
        ];
        let (problems, notes) = problems(names, false, fake);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("`taken` belongs to another project"),
            "{problems:?}"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        let (problems, notes) = super::problems(names, true, fake);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(notes.is_empty());
    }
}
