//! Pure backoff arithmetic and the jitter source.
//!
//! `min(initial · 2ⁿ, max) × jitter` with jitter in [0.75, 1]. The
//! random source is injectable ([`crate::Jitter`]) so tests assert exact virtual delays.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::options::{RetryConfig, RetryProfile};

/// Computed delay before retry number `retry_index` (0 for the first retry).
///
/// OpenAI: `min(initial·2ⁿ, max) × [0.75, 1]` (openai-python: `1 - 0.25 * random()`).
/// Azure core: `min((2ⁿ⁺¹ − 1)·initial × [0.8, 1.3], max)` (azcore Go's `calcDelay`).
pub(crate) fn backoff(cfg: &RetryConfig, retry_index: u32) -> Duration {
    let exp = 2f64.powi(retry_index.min(60) as i32);
    let initial = cfg.initial_delay.as_secs_f64();
    let max = cfg.max_delay.as_secs_f64();
    let jitter = cfg.jitter.sample_for(cfg.profile);
    let secs = match cfg.profile {
        RetryProfile::AzureCore => ((2.0 * exp - 1.0) * initial * jitter.clamp(0.8, 1.3)).min(max),
        _ => (initial * exp).min(max) * jitter.clamp(0.75, 1.0),
    };
    Duration::try_from_secs_f64(secs).unwrap_or(cfg.max_delay)
}

/// A uniform sample in [0, 1) from a process-wide splitmix64 sequence seeded by std's
/// per-process random hasher keys. Good enough for jitter; not for anything secret.
pub(crate) fn random_unit() -> f64 {
    static STATE: OnceLock<AtomicU64> = OnceLock::new();
    let state = STATE.get_or_init(|| AtomicU64::new(RandomState::new().hash_one(0x5eed_u64)));
    let mut z = state
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Jitter;

    fn cfg(jitter: f64) -> RetryConfig {
        RetryConfig::default().jitter(Jitter::fixed(jitter))
    }

    /// 0.5·2ⁿ capped at 8 s, times the jitter multiplier.
    #[test]
    fn backoff_table() {
        let full = cfg(1.0);
        let ms: Vec<u128> = (0..7).map(|n| backoff(&full, n).as_millis()).collect();
        assert_eq!(ms, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        let low = cfg(0.75);
        let ms: Vec<u128> = (0..3).map(|n| backoff(&low, n).as_millis()).collect();
        assert_eq!(ms, [375, 750, 1500]);
        // Out-of-range jitter values are clamped into [0.75, 1].
        assert_eq!(backoff(&cfg(0.1), 0).as_millis(), 375);
        assert_eq!(backoff(&cfg(7.0), 0).as_millis(), 500);
        assert_eq!(backoff(&full, u32::MAX).as_millis(), 8000);
    }

    /// Azcore's `(2ᵗ − 1)·0.8 s × jitter`, capped at 60 s.
    #[test]
    fn azure_core_backoff() {
        let at = |j: f64| RetryConfig::azure_core().jitter(Jitter::fixed(j));
        let ms: Vec<u128> = (0..5).map(|n| backoff(&at(1.0), n).as_millis()).collect();
        assert_eq!(ms, [800, 2400, 5600, 12000, 24800]);
        assert_eq!(backoff(&at(0.8), 0).as_millis(), 640);
        assert_eq!(backoff(&at(1.3), 1).as_millis(), 3120);
        assert_eq!(backoff(&at(1.0), 10).as_secs(), 60);
        let random = RetryConfig::azure_core();
        for _ in 0..1000 {
            let d = backoff(&random, 0).as_micros();
            assert!((640_000..=1_040_000).contains(&d), "{d}");
        }
    }

    /// The default jitter stays within (0.75, 1].
    #[test]
    fn default_jitter_bounds() {
        let default = RetryConfig::default();
        for n in 0..2000 {
            let d = backoff(&default, n % 3);
            let base = 500u128 << (n % 3);
            let ms = d.as_micros();
            assert!(
                ms * 4 >= base * 3 * 1000 && ms <= base * 1000,
                "{d:?} for {n}"
            );
        }
        let samples: Vec<f64> = (0..1000).map(|_| random_unit()).collect();
        assert!(samples.iter().all(|s| (0.0..1.0).contains(s)));
        // Not constant: the sequence actually moves.
        assert!(samples.windows(2).any(|w| w[0] != w[1]));
    }
}
