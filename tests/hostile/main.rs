//! Hostile and broken servers: a raw TCP listener (no HTTP library on the server side) writes
//! exactly the bytes each case needs, and the client must end every call within the limits
//! it was given, in time and in memory.
//!
//! This binary counts every allocation (a capped allocator with statistics as the global
//! allocator), so memory bounds are asserted, not guessed. Tests here run one at a time
//! (a lock) so one test's allocations never show up in another's figure. Time-based tests run
//! under paused Tokio time with the server on the same runtime: the limits are exact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// A few cases need the opt-in `assistants` feature (run streams, file uploads and content).
#![cfg_attr(not(feature = "assistants"), allow(unused_imports, dead_code))]

mod server;

mod deadlines;
mod dripping;
mod loopback;
mod memory;
mod messages;

use std::alloc::System;

use cap::Cap;
use tokio::sync::{Mutex, MutexGuard};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

static SERIAL: Mutex<()> = Mutex::const_new(());

/// Runs tests of this binary one at a time (a failed test does not block the others: an
/// async lock is not poisoned).
pub(crate) async fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().await
}

/// Bytes allocated right now.
pub(crate) fn allocated() -> usize {
    ALLOCATOR.allocated()
}

/// The most bytes that were ever allocated at once in this process.
pub(crate) fn peak_allocated() -> usize {
    ALLOCATOR.max_allocated()
}
