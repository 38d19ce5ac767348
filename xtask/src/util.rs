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

/// Runs a command from the project root, echoing it first; fails on a non-zero exit.
pub(crate) fn run(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    let shown = std::iter::once(if program == cargo() { "cargo" } else { program })
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let env_prefix: String = envs.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    println!("\n$ {env_prefix}{shown}");
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
