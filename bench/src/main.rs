//! `openai-sdk-bench`: the end-to-end benchmark behind `cargo xtask bench`.
//!
//! Three roles in one binary, run as separate processes so each can be pinned to its own
//! core and measured alone:
//!
//! ```text
//! openai-sdk-bench server [--port N] [--tls-port N] [--quick]
//!     the fixture server (bare hyper, precomputed bodies; plain HTTP/1.1 and TLS with
//!     HTTP/2 by ALPN); prints `listening on <addr> tls <addr>`
//! openai-sdk-bench client <floor|sdk> <scenario> --port N [--tls-port N] [--quick]
//!     runs one scenario once and prints one JSON line: cpu_ms, wall_ms, peak_rss_kib,
//!     count, hash; exits non-zero when the result does not match the expected hash
//! ```
//!
//! Scenarios: `seq`, `conc`, `stream-64k`, `stream-512`, `embed-float`, `embed-base64`,
//! `responses-stream`, `tls-conc`, `tls-stream`, `conversation` (sizes in `fixture.rs`; `--quick` divides them by ten). `floor` is the bare-hyper
//! reference client in `floor.rs`; `sdk` is `openai_sdk::Client` (`sdk.rs`).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod fixture;
mod floor;
mod measure;
mod sdk;
mod server;

use std::process::ExitCode;

use fixture::Scenario;

const USAGE: &str = "\
usage:
  openai-sdk-bench server [--port N] [--tls-port N] [--quick]
  openai-sdk-bench client <floor|sdk|floor-pool> <scenario> --port N [--tls-port N] [--quick]

floor-pool (diagnostic, seq and conc only): the floor's requests through hyper-util's
pooled client, to tell the pool's cost from the SDK's.
scenarios: seq conc stream-64k stream-512 embed-float embed-base64 responses-stream
           tls-conc tls-stream conversation (tls-* need --tls-port)
";

/// Where the fixture server listens, and the certificate its TLS port presents.
pub(crate) struct ServerAddr {
    /// Plain HTTP/1.1.
    pub(crate) port: u16,
    /// TLS, HTTP/2 or HTTP/1.1 by ALPN.
    pub(crate) tls_port: u16,
    /// The TLS port's self-signed certificate (PEM), fetched from the plain port; empty for
    /// plain scenarios.
    pub(crate) cert_pem: String,
}

/// `GET path` on the server's plain port with a blocking one-shot HTTP/1.0 exchange; the body.
pub(crate) fn plain_get(port: u16, path: &str) -> Result<String, String> {
    use std::io::{Read as _, Write as _};
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port))
        .map_err(|e| format!("connect 127.0.0.1:{port}: {e}"))?;
    write!(tcp, "GET {path} HTTP/1.0\r\nhost: 127.0.0.1\r\n\r\n").map_err(|e| e.to_string())?;
    let mut text = String::new();
    tcp.read_to_string(&mut text).map_err(|e| e.to_string())?;
    match text.split_once("\r\n\r\n") {
        Some((head, body))
            if head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200") =>
        {
            Ok(body.to_owned())
        }
        _ => Err(format!(
            "GET {path}: unexpected answer `{}`",
            text.lines().next().unwrap_or("")
        )),
    }
}

fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn port_arg(args: &[String], default: Option<u16>) -> Result<u16, String> {
    match flag_value(args, "--port") {
        Some(p) => p.parse().map_err(|_| format!("bad port `{p}`")),
        None => default.ok_or_else(|| "--port is required".to_owned()),
    }
}

fn client(args: &[String]) -> Result<(), String> {
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || (args[i - 1] != "--port" && args[i - 1] != "--tls-port"))
        })
        .map(|(_, a)| a)
        .collect();
    let (Some(kind), Some(scenario)) = (positional.first(), positional.get(1)) else {
        return Err(USAGE.to_owned());
    };
    let scenario =
        Scenario::parse(scenario).ok_or_else(|| format!("unknown scenario `{scenario}`"))?;
    let port = port_arg(args, None)?;
    let tls_port = match flag_value(args, "--tls-port") {
        Some(p) => p.parse().map_err(|_| format!("bad port `{p}`"))?,
        None if scenario.tls() => return Err("--tls-port is required for tls-* scenarios".into()),
        None => 0,
    };
    // Outside the measurement: the certificate to trust.
    let cert_pem = if scenario.tls() {
        plain_get(port, "/cert.pem")?
    } else {
        String::new()
    };
    let addr = ServerAddr {
        port,
        tls_port,
        cert_pem,
    };
    let quick = args.iter().any(|a| a == "--quick");
    // Outside the measurement: the expected result, computed from the fixture sources.
    let expected = fixture::expected(scenario, quick);

    let meter = measure::Meter::start();
    // One thread for both clients: equal footing, and the CPU reading covers everything.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let outcome = match kind.as_str() {
        "floor" => rt.block_on(floor::run(scenario, &addr, quick)),
        "sdk" => rt.block_on(sdk::run(scenario, &addr, quick)),
        "floor-pool" => rt.block_on(floor::run_pooled(scenario, port, quick)),
        other => return Err(format!("unknown client `{other}` (floor or sdk)")),
    }?;
    drop(rt);
    let (cpu_ms, wall_ms) = meter.stop();
    let rss = measure::peak_rss_kib();

    let ok = outcome == expected;
    println!(
        "{{\"client\":\"{kind}\",\"scenario\":\"{}\",\"cpu_ms\":{cpu_ms:.3},\"wall_ms\":{wall_ms:.3},\
         \"peak_rss_kib\":{rss},\"count\":{},\"hash\":\"{:016x}\",\"ok\":{ok}}}",
        scenario.name(),
        outcome.count,
        outcome.hash
    );
    if ok {
        Ok(())
    } else {
        Err(format!(
            "WRONG RESULT: {kind} {} got count {} hash {:016x}, expected count {} hash {:016x}",
            scenario.name(),
            outcome.count,
            outcome.hash,
            expected.count,
            expected.hash
        ))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("server") => port_arg(&args, Some(0)).and_then(|port| {
            let tls_port = flag_value(&args, "--tls-port")
                .map_or(Ok(0), |p| p.parse().map_err(|_| format!("bad port `{p}`")))?;
            server::run(port, tls_port, args.iter().any(|a| a == "--quick"))
        }),
        Some("client") => client(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("openai-sdk-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
