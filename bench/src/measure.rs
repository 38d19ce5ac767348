//! Process measurements from `/proc` (no libc needed): CPU time, peak RSS.

use std::time::Instant;

/// CPU time of this process in nanoseconds.
///
/// Sums the scheduler's exact per-thread run time (`/proc/self/task/*/schedstat`, first
/// field, nanoseconds); falls back to `utime + stime` from `/proc/self/stat` (clock ticks of
/// 10 ms) where schedstat is missing. The benchmark's clients run a current-thread runtime
/// and connect to IP literals (no resolver threads), so no thread exits before the reading.
pub(crate) fn cpu_ns() -> u64 {
    schedstat_ns().unwrap_or_else(stat_ns)
}

fn schedstat_ns() -> Option<u64> {
    let mut total = 0u64;
    for entry in std::fs::read_dir("/proc/self/task").ok()? {
        let path = entry.ok()?.path().join("schedstat");
        let text = std::fs::read_to_string(path).ok()?;
        total += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

fn stat_ns() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
        return 0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // USER_HZ is 100 on every Linux ABI.
    (ticks(11) + ticks(12)) * 10_000_000
}

/// Peak resident set size (`VmHWM`) in KiB.
pub(crate) fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU and wall clock at the start of the measured part of a run.
pub(crate) struct Meter {
    cpu: u64,
    wall: Instant,
}

impl Meter {
    pub(crate) fn start() -> Self {
        Meter {
            cpu: cpu_ns(),
            wall: Instant::now(),
        }
    }

    /// `(cpu_ms, wall_ms)` since `start`.
    pub(crate) fn stop(&self) -> (f64, f64) {
        let cpu = cpu_ns().saturating_sub(self.cpu);
        (cpu as f64 / 1e6, self.wall.elapsed().as_secs_f64() * 1e3)
    }
}
