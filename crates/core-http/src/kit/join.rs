//! Bounded-concurrency joins over futures, polled in the caller's task.
//!
//! Why hand-written rather than `tokio::task::JoinSet` or `futures::join_all`: the futures may
//! borrow the client (no `'static` bound), dropping the join cancels every in-flight request at
//! once (no detached task keeps running), and it costs no dependency. Each wake polls every
//! in-flight future, which suits the small counts used here (a handful of tool calls, a
//! bounded number of batches or upload parts).

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// Runs all `futures` concurrently and returns their outputs in input order.
pub async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut slots: Vec<Slot<F>> = futures
        .into_iter()
        .map(|f| Slot::Running(Box::pin(f)))
        .collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for slot in &mut slots {
            if let Slot::Running(future) = slot {
                match future.as_mut().poll(cx) {
                    Poll::Ready(output) => *slot = Slot::Done(output),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    slots
        .into_iter()
        .filter_map(|slot| match slot {
            Slot::Done(output) => Some(output),
            // Unreachable: the loop above ends only when every slot is done.
            Slot::Running(_) => None,
        })
        .collect()
}

enum Slot<F: Future> {
    Running(Pin<Box<F>>),
    Done(F::Output),
}

/// Runs the futures produced by `futures` with at most `limit` in flight and returns their
/// outputs in input order. The first error wins: the other in-flight futures are dropped
/// (cancelled) and no new one starts.
pub async fn try_join_bounded<I, F, T, E>(futures: I, limit: usize) -> Result<Vec<T>, E>
where
    I: IntoIterator<Item = F>,
    F: Future<Output = Result<T, E>>,
{
    let limit = limit.max(1);
    let mut source = futures.into_iter().enumerate();
    let mut exhausted = false;
    let mut in_flight: Vec<(usize, Pin<Box<F>>)> = Vec::with_capacity(limit);
    let mut outputs: Vec<Option<T>> = Vec::new();
    std::future::poll_fn(|cx| {
        loop {
            while !exhausted && in_flight.len() < limit {
                match source.next() {
                    Some((index, future)) => {
                        if outputs.len() <= index {
                            outputs.resize_with(index + 1, || None);
                        }
                        in_flight.push((index, Box::pin(future)));
                    }
                    None => exhausted = true,
                }
            }
            if in_flight.is_empty() {
                return Poll::Ready(Ok(()));
            }
            let mut progressed = false;
            let mut i = 0;
            while i < in_flight.len() {
                let (index, future) = &mut in_flight[i];
                match future.as_mut().poll(cx) {
                    Poll::Ready(Ok(value)) => {
                        if let Some(slot) = outputs.get_mut(*index) {
                            *slot = Some(value);
                        }
                        drop(in_flight.swap_remove(i));
                        progressed = true;
                    }
                    Poll::Ready(Err(err)) => return Poll::Ready(Err(err)),
                    Poll::Pending => i += 1,
                }
            }
            if !progressed {
                return Poll::Pending;
            }
        }
    })
    .await?;
    Ok(outputs.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn join_all_keeps_input_order() {
        let futures: Vec<_> = [30u64, 10, 20]
            .into_iter()
            .map(|ms| async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                ms
            })
            .collect();
        let started = tokio::time::Instant::now();
        assert_eq!(join_all(futures).await, [30, 10, 20]);
        // Concurrent: the longest, not the sum.
        assert_eq!(started.elapsed(), Duration::from_millis(30));
    }

    #[tokio::test(start_paused = true)]
    async fn bounded_join_limits_concurrency_and_keeps_order() {
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let peak = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let futures = (0..7u64).map(|i| {
            let running = running.clone();
            let peak = peak.clone();
            async move {
                use std::sync::atomic::Ordering::SeqCst;
                let now = running.fetch_add(1, SeqCst) + 1;
                peak.fetch_max(now, SeqCst);
                tokio::time::sleep(Duration::from_millis(10 * (7 - i))).await;
                running.fetch_sub(1, SeqCst);
                Ok::<u64, ()>(i)
            }
        });
        let out = try_join_bounded(futures, 3).await.unwrap();
        assert_eq!(out, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn bounded_join_stops_at_first_error() {
        let started = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let futures = (0..10u32).map(|i| {
            let started = started.clone();
            async move {
                started.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(5)).await;
                if i == 1 { Err(i) } else { Ok(i) }
            }
        });
        assert_eq!(try_join_bounded(futures, 2).await, Err(1));
        // Only the first two ever started.
        assert_eq!(started.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
