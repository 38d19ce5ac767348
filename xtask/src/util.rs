//! Small process helpers shared by the subcommands.

use std::path::PathBuf;
use std::process::Command;

/// The repository root (the parent of this crate's directory).
pub(crate) fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The cargo that invoked us (so `cargo +toolchain xtask` stays on that toolchain).
pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Whether `cargo <subcommand>` is installed (e.g. `deny`, `insta`).
pub(crate) fn has_cargo_subcommand(name: &str) -> bool {
    Command::new(cargo())
        .args([name, "--version"])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

/// Echoes `program args` (with its environment) and returns the text used in messages.
fn announce(program: &str, args: &[&str], envs: &[(&str, &str)]) -> String {
    let shown = std::iter::once(if program == cargo() { "cargo" } else { program })
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let env_prefix: String = envs.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    println!("\n$ {env_prefix}{shown}");
    shown
}

/// Runs a command from the project root, echoing it first; fails on a non-zero exit.
pub(crate) fn run(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    let shown = announce(program, args, envs);
    let status = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(project_root())
        .status()
        .map_err(|err| format!("could not start `{shown}`: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Like [`run`], but also hands every stdout line to `on_line` as it is passed through (the
/// command's stderr is inherited untouched).
pub(crate) fn run_observed(
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    mut on_line: impl FnMut(&str),
) -> Result<(), String> {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    let shown = announce(program, args, envs);
    let mut child = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(project_root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start `{shown}`: {err}"))?;
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|err| format!("reading `{shown}` output: {err}"))?;
            on_line(&line);
            let _ = writeln!(out, "{line}");
        }
    }
    let status = child
        .wait()
        .map_err(|err| format!("waiting for `{shown}`: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command from the project root without echoing it and returns its stdout.
///
/// Fails on a non-zero exit, quoting the command's stderr so the cause is visible.
pub(crate) fn capture(
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<String, String> {
    let shown = format!(
        "{} {}",
        if program == cargo() { "cargo" } else { program },
        args.join(" ")
    );
    let out = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(project_root())
        .output()
        .map_err(|err| format!("could not start `{shown}`: {err}"))?;
    if out.status.success() {
        String::from_utf8(out.stdout).map_err(|_| format!("`{shown}` printed non-UTF-8 output"))
    } else {
        Err(format!(
            "`{shown}` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim_end()
        ))
    }
}

/// What git says about the working tree, for the release guards.
#[derive(Debug, Clone)]
pub(crate) struct GitState {
    /// The current branch (`HEAD` when detached).
    pub(crate) branch: String,
    /// `git status --porcelain` lines; empty means clean.
    pub(crate) dirty: Vec<String>,
    /// The short commit id of HEAD.
    pub(crate) head: String,
}

/// Reads branch, cleanliness and HEAD from git.
pub(crate) fn git_state() -> Result<GitState, String> {
    let branch = capture("git", &["rev-parse", "--abbrev-ref", "HEAD"], &[])?;
    let status = capture("git", &["status", "--porcelain"], &[])?;
    let head = capture("git", &["rev-parse", "--short", "HEAD"], &[])?;
    Ok(GitState {
        branch: branch.trim().to_owned(),
        dirty: status.lines().map(str::to_owned).collect(),
        head: head.trim().to_owned(),
    })
}

/// Whether the git tag exists locally.
pub(crate) fn git_tag_exists(tag: &str) -> Result<bool, String> {
    let out = capture("git", &["tag", "--list", tag], &[])?;
    Ok(out.lines().any(|line| line.trim() == tag))
}

/// A small line diff (longest common subsequence) with `@@ -a +b @@` hunk headers.
///
/// Manifests and changelogs are a few hundred lines, so the quadratic table is cheap.
pub(crate) fn line_diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    let mut in_hunk = false;
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
            in_hunk = false;
            continue;
        }
        if !in_hunk {
            out.push_str(&format!("@@ -{} +{} @@\n", i + 1, j + 1));
            in_hunk = true;
        }
        // Deletions first, so a changed line reads `-old` then `+new`.
        if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("-{}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+{}\n", b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_only_changed_lines_per_hunk() {
        let before = "a\nversion = \"0.1.0\"\nb\nc\npin = \"=0.1.0\"\n";
        let after = "a\nversion = \"0.2.0\"\nb\nc\npin = \"=0.2.0\"\n";
        assert_eq!(
            line_diff(before, after),
            "@@ -2 +2 @@\n-version = \"0.1.0\"\n+version = \"0.2.0\"\n\
             @@ -5 +5 @@\n-pin = \"=0.1.0\"\n+pin = \"=0.2.0\"\n"
        );
    }

    #[test]
    fn diff_of_an_insertion_and_of_equal_texts() {
        assert_eq!(
            line_diff(
                "x\n## [Unreleased]\ny\n",
                "x\n## [Unreleased]\n\n## [1.0.0]\ny\n"
            ),
            "@@ -3 +3 @@\n+\n+## [1.0.0]\n"
        );
        assert_eq!(line_diff("same\n", "same\n"), "");
    }
}
