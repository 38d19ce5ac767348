//! Project tooling: `cargo xtask <command>`.
//!
//! Hand-rolled argument dispatch: a few subcommands do not justify an argument-parsing crate,
//! and xtask must compile fast on a clean CI machine.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod api_report;
mod bench;
mod ci;
mod graph;
mod metadata;
mod release;
mod util;

use std::process::ExitCode;

fn usage() -> String {
    format!(
        "\
usage: cargo xtask <command>

commands:
  ci [--skip-deny]
           run the exact CI sequence (fmt, clippy, api-report --check, tests, docs, cargo-deny)
{release}{api_report}{bench}  help     print this message
",
        release = release::USAGE,
        api_report = api_report::USAGE,
        bench = bench::USAGE,
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        Some("release") => release::run(&args[1..]),
        Some("api-report") => api_report::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("help") | Some("--help") | Some("-h") | None => {
            print!("{}", usage());
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{}", usage())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
