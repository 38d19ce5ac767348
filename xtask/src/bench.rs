//! `cargo xtask bench`: the end-to-end benchmark (docs/performance.md).
//!
//! Builds `openai-sdk-bench` in release, starts its fixture server pinned to core 0, then runs
//! every scenario with the bare-hyper floor client and with `openai_sdk::Client`, each as its
//! own process pinned to core 1 (`taskset`; unpinned with a notice where it is missing). Each
//! run alternates which client goes first, so drift in machine load hits both alike. Prints
//! medians and the median of the per-run CPU ratios (ours / floor, same run) against the
//! targets, and writes the table to `target/bench/last-run.md`. Around every client run it
//! reads the server's counters (`GET /stats` on its plain port), so the table also says how
//! many connections each client used and how many TLS handshakes it made.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::util::{cargo, project_root, run as sh};

pub(crate) const USAGE: &str = "  \
bench [--quick] [--runs N] [--no-build] [scenario...]
           end-to-end benchmark: ours vs a bare-hyper floor (docs/performance.md);
           scenarios: seq conc stream-64k stream-512 embed-float embed-base64
           responses-stream responses-stream-ref tls-conc tls-stream conversation
";

const SCENARIOS: [&str; 11] = [
    "seq",
    "conc",
    "stream-64k",
    "stream-512",
    "embed-float",
    "embed-base64",
    "responses-stream",
    "responses-stream-ref",
    "tls-conc",
    "tls-stream",
    "conversation",
];

/// Target CPU ratio (ours / floor) per scenario, as docs/performance.md sets them.
fn target(scenario: &str) -> f64 {
    match scenario {
        "seq" | "conc" | "tls-conc" | "conversation" => 1.15,
        "stream-64k"
        | "stream-512"
        | "responses-stream"
        | "responses-stream-ref"
        | "tls-stream" => 1.30,
        "embed-float" => 1.05,
        _ => 1.10,
    }
}

/// Peak RSS limit for our client, where the issue sets one.
fn rss_limit_mib(scenario: &str) -> Option<f64> {
    matches!(
        scenario,
        "stream-64k" | "responses-stream" | "responses-stream-ref" | "tls-stream"
    )
    .then_some(16.0)
}

struct Sample {
    cpu_ms: f64,
    wall_ms: f64,
    rss_kib: f64,
    /// What the server counted during the run.
    server: ServerStats,
}

/// The fixture server's counters (`GET /stats`), or their change over one client run.
#[derive(Clone, Copy, Default)]
struct ServerStats {
    /// Connections that served at least one scenario request.
    connections: u64,
    /// Completed TLS handshakes.
    tls_handshakes: u64,
    /// Accept-to-handshake-done time, summed (µs).
    tls_handshake_us: u64,
    /// TLS connections that negotiated HTTP/2.
    h2_connections: u64,
}

impl ServerStats {
    fn read(port: &str) -> Result<Self, String> {
        use std::io::{Read as _, Write as _};
        let mut tcp = std::net::TcpStream::connect(format!("127.0.0.1:{port}"))
            .map_err(|e| format!("fixture server stats: {e}"))?;
        tcp.write_all(b"GET /stats HTTP/1.0\r\nhost: 127.0.0.1\r\n\r\n")
            .map_err(|e| format!("fixture server stats: {e}"))?;
        let mut text = String::new();
        tcp.read_to_string(&mut text)
            .map_err(|e| format!("fixture server stats: {e}"))?;
        let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let v: serde_json::Value = serde_json::from_str(body)
            .map_err(|e| format!("fixture server stats `{body}`: {e}"))?;
        let n = |k: &str| v[k].as_u64().unwrap_or(0);
        Ok(ServerStats {
            connections: n("connections"),
            tls_handshakes: n("tls_handshakes"),
            tls_handshake_us: n("tls_handshake_us"),
            h2_connections: n("h2_connections"),
        })
    }

    fn since(self, before: ServerStats) -> ServerStats {
        ServerStats {
            connections: self.connections - before.connections,
            tls_handshakes: self.tls_handshakes - before.tls_handshakes,
            tls_handshake_us: self.tls_handshake_us - before.tls_handshake_us,
            h2_connections: self.h2_connections - before.h2_connections,
        }
    }
}

/// Kills the fixture server when the benchmark ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn pinned(core: &str, pin: bool, program: &PathBuf) -> Command {
    if pin {
        let mut c = Command::new("taskset");
        c.args(["-c", core]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn run_client(
    bin: &PathBuf,
    pin: bool,
    kind: &str,
    scenario: &str,
    (port, tls_port): (&str, &str),
    quick: bool,
) -> Result<Sample, String> {
    let mut cmd = pinned("1", pin, bin);
    cmd.args([
        "client",
        kind,
        scenario,
        "--port",
        port,
        "--tls-port",
        tls_port,
    ]);
    let before = ServerStats::read(port)?;
    if quick {
        cmd.arg("--quick");
    }
    let out = cmd
        .output()
        .map_err(|e| format!("could not start the {kind} client: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{kind} {scenario} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let server = ServerStats::read(port)?.since(before);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("{kind} {scenario}: unreadable result `{line}`: {e}"))?;
    if v["ok"] != serde_json::Value::Bool(true) {
        return Err(format!("{kind} {scenario}: result not verified: {line}"));
    }
    let num = |k: &str| {
        v[k].as_f64()
            .ok_or_else(|| format!("{kind} {scenario}: no {k}"))
    };
    Ok(Sample {
        cpu_ms: num("cpu_ms")?,
        wall_ms: num("wall_ms")?,
        rss_kib: num("peak_rss_kib")?,
        server,
    })
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let no_build = args.iter().any(|a| a == "--no-build");
    let runs: usize = match args.iter().position(|a| a == "--runs") {
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .filter(|n| *n > 0)
            .ok_or("--runs needs a positive number")?,
        None if quick => 3,
        None => 5,
    };
    let runs_value = args
        .iter()
        .position(|a| a == "--runs")
        .map(|i| i + 1)
        .unwrap_or(usize::MAX);
    let mut scenarios: Vec<&str> = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if a.starts_with("--") || i == runs_value {
            continue;
        }
        let Some(s) = SCENARIOS.iter().find(|s| **s == a) else {
            return Err(format!(
                "unknown scenario `{a}` (one of: {})",
                SCENARIOS.join(" ")
            ));
        };
        scenarios.push(s);
    }
    if scenarios.is_empty() {
        scenarios = SCENARIOS.to_vec();
    }

    let cargo = cargo();
    if !no_build {
        sh(
            &cargo,
            &["build", "--release", "-p", "openai-sdk-bench"],
            &[],
        )?;
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"));
    let bin = target_dir.join("release").join("openai-sdk-bench");
    if !bin.exists() {
        return Err(format!("{} is missing (drop --no-build)", bin.display()));
    }
    let pin = Command::new("taskset")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !pin {
        println!("note: taskset not found; server and clients run unpinned");
    }

    let mut server_cmd = pinned("0", pin, &bin);
    server_cmd.args(["server", "--port", "0"]);
    if quick {
        server_cmd.arg("--quick");
    }
    let mut child = server_cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the fixture server: {e}"))?;
    let stdout = child.stdout.take().ok_or("no server stdout")?;
    let server = Server(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .map_err(|e| format!("fixture server: {e}"))?;
    // `listening on 127.0.0.1:P tls 127.0.0.1:Q`
    let ports: Vec<&str> = first
        .split_whitespace()
        .filter_map(|w| w.rsplit_once(':').map(|(_, p)| p))
        .filter(|p| p.parse::<u16>().is_ok())
        .collect();
    let [port, tls_port] = ports[..] else {
        return Err(format!("fixture server did not start: `{}`", first.trim()));
    };
    let (port, tls_port) = (port.to_owned(), tls_port.to_owned());

    let load_before = loadavg();
    println!(
        "bench: {runs} run(s), {} mode, server 127.0.0.1:{port}{}, load {load_before}",
        if quick { "quick" } else { "full" },
        if pin {
            " on core 0, clients on core 1"
        } else {
            ""
        }
    );
    // samples[scenario][client] = per-run samples; ratios[scenario] = per-run CPU ratios.
    let mut samples: Vec<[Vec<Sample>; 2]> = scenarios.iter().map(|_| [vec![], vec![]]).collect();
    let mut ratios: Vec<Vec<f64>> = scenarios.iter().map(|_| vec![]).collect();
    for r in 0..runs {
        for (si, scenario) in scenarios.iter().enumerate() {
            let order: [usize; 2] = if r % 2 == 0 { [0, 1] } else { [1, 0] };
            let mut cpu = [0.0; 2];
            for k in order {
                let kind = ["floor", "sdk"][k];
                let s = run_client(&bin, pin, kind, scenario, (&port, &tls_port), quick)?;
                cpu[k] = s.cpu_ms;
                samples[si][k].push(s);
            }
            ratios[si].push(cpu[1] / cpu[0]);
            let conns = |k: usize| samples[si][k].last().map_or(0, |s| s.server.connections);
            println!(
                "  run {}/{runs} {scenario:<16} floor {:>9.1} ms  sdk {:>9.1} ms  ratio {:.3}  connections {}/{}",
                r + 1,
                cpu[0],
                cpu[1],
                cpu[1] / cpu[0],
                conns(0),
                conns(1),
            );
        }
    }
    drop(server);
    let load_after = loadavg();

    let mut table = String::from(
        "| scenario | floor CPU ms | ours CPU ms | CPU ratio | target | floor wall ms | ours wall ms | floor peak RSS MiB | ours peak RSS MiB | connections floor / ours | TLS handshakes floor / ours (server ms each) | met |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|\n",
    );
    let mut all_met = true;
    for (si, scenario) in scenarios.iter().enumerate() {
        let col = |k: usize, f: fn(&Sample) -> f64| {
            let mut v: Vec<f64> = samples[si][k].iter().map(f).collect();
            median(&mut v)
        };
        let ratio = median(&mut ratios[si]);
        let rss = col(1, |s| s.rss_kib) / 1024.0;
        let met = ratio <= target(scenario) && rss_limit_mib(scenario).is_none_or(|l| rss <= l);
        all_met &= met;
        let target_text = match rss_limit_mib(scenario) {
            Some(l) => format!("≤ {:.2}×, RSS ≤ {l:.0} MiB", target(scenario)),
            None => format!("≤ {:.2}×", target(scenario)),
        };
        // Counts are the same in every run of a scenario unless something is off: show the
        // range.
        let range = |k: usize, f: fn(&ServerStats) -> u64| {
            let v: Vec<u64> = samples[si][k].iter().map(|s| f(&s.server)).collect();
            let (lo, hi) = (
                v.iter().min().copied().unwrap_or(0),
                v.iter().max().copied().unwrap_or(0),
            );
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            }
        };
        let handshake_ms = |k: usize| {
            let (n, us) = samples[si][k].iter().fold((0, 0), |(n, us), s| {
                (n + s.server.tls_handshakes, us + s.server.tls_handshake_us)
            });
            if n == 0 {
                String::new()
            } else {
                format!(" ({:.2})", us as f64 / n as f64 / 1e3)
            }
        };
        let tls_text = if samples[si][0]
            .iter()
            .chain(&samples[si][1])
            .any(|s| s.server.tls_handshakes > 0)
        {
            format!(
                "{}{} / {}{}, h2 {} / {}",
                range(0, |s| s.tls_handshakes),
                handshake_ms(0),
                range(1, |s| s.tls_handshakes),
                handshake_ms(1),
                range(0, |s| s.h2_connections),
                range(1, |s| s.h2_connections),
            )
        } else {
            "–".to_owned()
        };
        table.push_str(&format!(
            "| {scenario} | {:.1} | {:.1} | {ratio:.3}× | {target_text} | {:.1} | {:.1} | {:.1} | {rss:.1} | {} / {} | {tls_text} | {} |\n",
            col(0, |s| s.cpu_ms),
            col(1, |s| s.cpu_ms),
            col(0, |s| s.wall_ms),
            col(1, |s| s.wall_ms),
            col(0, |s| s.rss_kib) / 1024.0,
            range(0, |s| s.connections),
            range(1, |s| s.connections),
            if met { "yes" } else { "no" },
        ));
    }
    let note = format!(
        "Medians of {runs} run(s){}; CPU ratio = median of per-run (ours / floor) CPU times. \
         Load average (1/5/15 min) before: {load_before}, after: {load_after}.\n",
        if quick { ", --quick sizes (1/10)" } else { "" }
    );
    println!("\n{table}\n{note}");
    let out_dir = target_dir.join("bench");
    if std::fs::create_dir_all(&out_dir).is_ok() {
        let _ = std::fs::write(out_dir.join("last-run.md"), format!("{table}\n{note}"));
    }
    if !all_met {
        println!("bench: some targets not met (see docs/performance.md for the analysis)");
    }
    Ok(())
}
