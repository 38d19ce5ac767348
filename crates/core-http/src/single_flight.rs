//! One TLS handshake per origin on a cold start, when ALPN picks the protocol.
//!
//! hyper-util's pool shares one HTTP/2 connection between all requests to an origin, but it
//! only holds back concurrent connects when it knows *before* connecting that the origin
//! speaks HTTP/2 (`http2_only`). With ALPN it learns that after the handshake, so N requests
//! sent at once on a new client dial N connections and complete N TLS handshakes, keep the
//! first and close the rest.
//!
//! This connector lets the first connect to an origin go ahead (the leader) and holds the
//! others back until it is done:
//! - the leader negotiated `h2`: the pool is about to receive its connection and hands it to
//!   every waiting request (their pool checkout wins the race against their connect). A held
//!   connect that hyper-util then moves to a background task to finish (it does that with a
//!   connect that lost the race, so the socket is not wasted) has nothing left to do and
//!   ends with an error hyper-util only logs. If the leader's connection closes first (its
//!   HTTP/2 handshake failed) or the connect timeout passes, held connects dial after all.
//! - the leader got HTTP/1.1, or failed, or was dropped: held connects dial now (HTTP/1.1
//!   needs a connection per concurrent request anyway).
//!
//! Only `https` destinations are held: plain `http` is HTTP/1.1 unless prior knowledge is
//! configured, and then hyper-util already single-flights.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::{Connected, Connection};
use tokio::sync::watch;
use tower::Service;

use crate::layers::BoxFuture;

type BoxError = Box<dyn StdError + Send + Sync>;

/// Where the leading connect to an origin stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flight {
    Connecting,
    /// Connected with `h2`; the connection is still open.
    Http2,
    /// Done without a shareable connection, or that connection closed.
    Over,
}

type Flights = Arc<Mutex<HashMap<String, watch::Receiver<Flight>>>>;

/// The connect a held request no longer needs: another request's HTTP/2 connection serves it.
#[derive(Debug)]
struct Superseded;

impl fmt::Display for Superseded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not connecting: a concurrent request's HTTP/2 connection serves this origin")
    }
}

impl StdError for Superseded {}

/// Holds concurrent first connects to an `https` origin behind one (see the module docs).
#[derive(Clone)]
pub(crate) struct SingleFlight<C> {
    inner: C,
    flights: Flights,
    /// How long a held connect waits for the leader's HTTP/2 connection to reach the pool.
    hold_limit: Duration,
}

impl<C> SingleFlight<C> {
    pub(crate) fn new(inner: C, hold_limit: Duration) -> Self {
        SingleFlight {
            inner,
            flights: Arc::default(),
            hold_limit,
        }
    }
}

impl<C, T> Service<Uri> for SingleFlight<C>
where
    C: Service<Uri, Response = T, Error = BoxError> + Clone + Send + 'static,
    C::Future: Send + 'static,
    T: Connection + Send + 'static,
{
    type Response = Tracked<T>;
    type Error = BoxError;
    type Future = BoxFuture<Result<Tracked<T>, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let key = match (dst.scheme_str(), dst.authority()) {
            (Some("https"), Some(authority)) => authority.as_str().to_owned(),
            _ => {
                let fut = self.inner.call(dst);
                return Box::pin(async move { fut.await.map(Tracked::untracked) });
            }
        };
        let mut flights = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        match flights.get(&key) {
            Some(rx) if *rx.borrow() != Flight::Over => {
                let rx = rx.clone();
                drop(flights);
                let mut inner = self.inner.clone();
                let hold_limit = self.hold_limit;
                Box::pin(async move {
                    if hold(rx, hold_limit).await.is_err() {
                        return Err(Box::new(Superseded) as BoxError);
                    }
                    inner.call(dst).await.map(Tracked::untracked)
                })
            }
            _ => {
                let (tx, rx) = watch::channel(Flight::Connecting);
                flights.insert(key.clone(), rx.clone());
                drop(flights);
                let lead = Leader {
                    tx: Some(tx),
                    rx,
                    flights: self.flights.clone(),
                    key,
                };
                let fut = self.inner.call(dst);
                Box::pin(async move {
                    let io = fut.await?;
                    Ok(lead.finish(io))
                })
            }
        }
    }
}

/// Waits while the leader connects and while its HTTP/2 connection is on its way to the pool.
/// `Err` when the held connect was moved to another task meanwhile: hyper-util does that with
/// a connect whose request was served from the pool, and then it is not needed.
async fn hold(mut rx: watch::Receiver<Flight>, limit: Duration) -> Result<(), Superseded> {
    let wait = Box::pin(async move {
        // A dropped sender is `Over` too: the leader's future was dropped.
        let state = rx
            .wait_for(|s| *s != Flight::Connecting)
            .await
            .map_or(Flight::Over, |s| *s);
        if state == Flight::Http2 {
            let _ = tokio::time::timeout(limit, rx.wait_for(|s| *s == Flight::Over)).await;
        }
    });
    UnlessMoved {
        fut: wait,
        task: tokio::task::try_id(),
    }
    .await
}

/// Resolves with `Err` as soon as it is polled from another task than its first.
struct UnlessMoved<F> {
    fut: Pin<Box<F>>,
    task: Option<tokio::task::Id>,
}

impl<F: Future<Output = ()>> Future for UnlessMoved<F> {
    type Output = Result<(), Superseded>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if tokio::task::try_id() != self.task {
            return Poll::Ready(Err(Superseded));
        }
        self.fut.as_mut().poll(cx).map(Ok)
    }
}

/// The leading connect's state; dropped unfinished (canceled, failed) it ends the flight.
struct Leader {
    tx: Option<watch::Sender<Flight>>,
    /// Identifies this flight's map entry.
    rx: watch::Receiver<Flight>,
    flights: Flights,
    key: String,
}

impl Leader {
    fn finish<T: Connection>(mut self, io: T) -> Tracked<T> {
        self.forget();
        let Some(tx) = self.tx.take() else {
            return Tracked::untracked(io);
        };
        if io.connected().is_negotiated_h2() {
            tx.send_replace(Flight::Http2);
            Tracked {
                io,
                closed: Some(tx),
            }
        } else {
            tx.send_replace(Flight::Over);
            Tracked::untracked(io)
        }
    }

    /// Removes this flight from the map, so the next connect to the origin (only made when the
    /// pool has no usable connection) leads its own.
    fn forget(&self) {
        let mut flights = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        if flights
            .get(&self.key)
            .is_some_and(|rx| rx.same_channel(&self.rx))
        {
            flights.remove(&self.key);
        }
    }
}

impl Drop for Leader {
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            tx.send_replace(Flight::Over);
            self.forget();
        }
    }
}

/// A connection that tells held connects when it closes (leader connections with `h2` only).
pub(crate) struct Tracked<T> {
    io: T,
    closed: Option<watch::Sender<Flight>>,
}

impl<T> Tracked<T> {
    fn untracked(io: T) -> Self {
        Tracked { io, closed: None }
    }
}

impl<T> Drop for Tracked<T> {
    fn drop(&mut self) {
        if let Some(tx) = &self.closed {
            tx.send_replace(Flight::Over);
        }
    }
}

impl<T: Connection> Connection for Tracked<T> {
    fn connected(&self) -> Connected {
        self.io.connected()
    }
}

impl<T: Read + Unpin> Read for Tracked<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for Tracked<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A connection that only says whether it negotiated `h2`.
    struct FakeIo(bool);

    impl Connection for FakeIo {
        fn connected(&self) -> Connected {
            let c = Connected::new();
            if self.0 { c.negotiated_h2() } else { c }
        }
    }

    /// Connects once the gate says with which protocol (`Some(true)`: h2); counts calls.
    #[derive(Clone)]
    struct Fake {
        gate: watch::Receiver<Option<bool>>,
        calls: Arc<AtomicUsize>,
    }

    impl Service<Uri> for Fake {
        type Response = FakeIo;
        type Error = BoxError;
        type Future = BoxFuture<Result<FakeIo, BoxError>>;

        fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _dst: Uri) -> Self::Future {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let mut gate = self.gate.clone();
            Box::pin(async move {
                let h2 = *gate.wait_for(Option::is_some).await?;
                Ok(FakeIo(h2 == Some(true)))
            })
        }
    }

    fn setup() -> (
        SingleFlight<Fake>,
        watch::Sender<Option<bool>>,
        Arc<AtomicUsize>,
    ) {
        let (tx, gate) = watch::channel(None);
        let calls = Arc::new(AtomicUsize::new(0));
        let fake = Fake {
            gate,
            calls: calls.clone(),
        };
        (SingleFlight::new(fake, Duration::from_secs(10)), tx, calls)
    }

    fn uri() -> Uri {
        Uri::from_static("https://example.test:443")
    }

    /// Polls once in the current task: starts the future (as hyper-util's `select` does).
    async fn poll_once<F: Future + Unpin>(fut: &mut F) -> Option<F::Output> {
        std::future::poll_fn(|cx| {
            Poll::Ready(match Pin::new(&mut *fut).poll(cx) {
                Poll::Ready(v) => Some(v),
                Poll::Pending => None,
            })
        })
        .await
    }

    #[tokio::test]
    async fn a_held_connect_moved_to_another_task_after_h2_does_not_dial() {
        let (mut sf, gate, calls) = setup();
        let leader = sf.call(uri());
        let mut held = sf.call(uri());
        assert!(poll_once(&mut held).await.is_none());
        gate.send_replace(Some(true));
        let conn = leader.await.unwrap();
        assert!(conn.connected().is_negotiated_h2());
        // Still held in its own task while the leader's connection is open.
        assert!(poll_once(&mut held).await.is_none());
        let err = tokio::spawn(held).await.unwrap().err().unwrap();
        assert!(err.is::<Superseded>(), "{err}");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // The flight is over: the next connect (made only when the pool has nothing) leads.
        drop(conn);
        sf.call(uri()).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_held_connect_dials_when_the_h2_connection_closes_before_the_pool_has_it() {
        let (mut sf, gate, calls) = setup();
        let leader = sf.call(uri());
        let mut held = sf.call(uri());
        assert!(poll_once(&mut held).await.is_none());
        gate.send_replace(Some(true));
        drop(leader.await.unwrap());
        held.await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_held_connect_dials_after_the_hold_limit() {
        let (mut sf, gate, calls) = setup();
        let leader = sf.call(uri());
        let held = sf.call(uri());
        gate.send_replace(Some(true));
        let _conn = leader.await.unwrap();
        let start = tokio::time::Instant::now();
        held.await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(10));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn held_connects_dial_when_the_leader_gets_http1_or_is_dropped() {
        let (mut sf, gate, calls) = setup();
        let leader = sf.call(uri());
        let mut held = sf.call(uri());
        assert!(poll_once(&mut held).await.is_none());
        gate.send_replace(Some(false));
        assert!(!leader.await.unwrap().connected().is_negotiated_h2());
        held.await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let (mut sf, gate, calls) = setup();
        let mut leader = sf.call(uri());
        assert!(poll_once(&mut leader).await.is_none());
        let mut held = sf.call(uri());
        assert!(poll_once(&mut held).await.is_none());
        drop(leader);
        assert!(poll_once(&mut held).await.is_none(), "dialing now");
        gate.send_replace(Some(true));
        held.await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn plain_http_and_other_origins_are_not_held() {
        let (mut sf, gate, calls) = setup();
        let _leader = sf.call(uri());
        let plain = sf.call(Uri::from_static("http://example.test:443"));
        let other = sf.call(Uri::from_static("https://other.test"));
        gate.send_replace(Some(false));
        plain.await.unwrap();
        other.await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
