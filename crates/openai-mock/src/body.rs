//! The response body the server sends: a queue of frames with pauses between them, which can
//! end with a deliberate connection drop.
//!
//! Returning an error frame makes hyper abort the connection (HTTP/1) or reset the stream
//! (HTTP/2) — exactly the "server went away mid-body" fault the scripts ask for.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

/// The error that ends a body or a service call on purpose.
#[derive(Debug)]
pub(crate) struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("openai-mock dropped the connection on purpose (scripted fault)")
    }
}

impl std::error::Error for Dropped {}

#[derive(Debug)]
enum Item {
    Pause(Duration),
    /// Return `Pending` once (after waking ourselves) so hyper flushes what it has buffered.
    Yield,
    Data(Bytes),
    Abort,
}

/// A response body replayed from a plan.
#[derive(Debug)]
pub(crate) struct MockBody {
    items: VecDeque<Item>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    exact_len: Option<u64>,
}

impl MockBody {
    /// Frames each preceded by its pause; `abort_after` cuts the body after that many bytes.
    pub(crate) fn new(frames: Vec<(Duration, Bytes)>, abort_after: Option<usize>) -> Self {
        let total: usize = frames.iter().map(|f| f.1.len()).sum();
        let mut items = VecDeque::new();
        let mut budget = abort_after;
        for (pause, data) in frames {
            if budget == Some(0) {
                break;
            }
            if !pause.is_zero() {
                items.push_back(Item::Pause(pause));
            }
            let data = match &mut budget {
                Some(left) if data.len() >= *left => {
                    let cut = data.slice(..*left);
                    *left = 0;
                    cut
                }
                Some(left) => {
                    *left -= data.len();
                    data
                }
                None => data,
            };
            if !data.is_empty() {
                items.push_back(Item::Data(data));
            }
        }
        if abort_after.is_some() {
            // Without the yield, hyper would see the error in the same poll as the data and
            // drop the connection before writing the head and the first bytes.
            items.push_back(Item::Yield);
            items.push_back(Item::Abort);
        }
        // A single-frame body that is not cut gets an exact length (content-length); streams
        // and cut bodies are sent chunked / with an explicit header.
        let single = items.iter().filter(|i| matches!(i, Item::Data(_))).count() <= 1;
        let no_pause = !items.iter().any(|i| matches!(i, Item::Pause(_)));
        let exact_len = (abort_after.is_none() && single && no_pause).then_some(total as u64);
        Self {
            items,
            sleep: None,
            exact_len,
        }
    }

    pub(crate) fn empty() -> Self {
        Self::new(Vec::new(), None)
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = Dropped;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Dropped>>> {
        let this = self.get_mut();
        loop {
            if let Some(sleep) = this.sleep.as_mut() {
                ready!(sleep.as_mut().poll(cx));
                this.sleep = None;
            }
            match this.items.pop_front() {
                None => return Poll::Ready(None),
                Some(Item::Pause(d)) => this.sleep = Some(Box::pin(tokio::time::sleep(d))),
                Some(Item::Data(data)) => return Poll::Ready(Some(Ok(Frame::data(data)))),
                Some(Item::Yield) => {
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                Some(Item::Abort) => return Poll::Ready(Some(Err(Dropped))),
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.items.is_empty() && self.sleep.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        match self.exact_len {
            Some(n) => SizeHint::with_exact(n),
            None => SizeHint::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn cut_after_bytes_spans_frames() {
        let frames = vec![
            (Duration::ZERO, Bytes::from_static(b"abc")),
            (Duration::ZERO, Bytes::from_static(b"defg")),
        ];
        let mut body = MockBody::new(frames, Some(5));
        let mut got = Vec::new();
        let mut failed = false;
        while let Some(frame) = body.frame().await {
            match frame {
                Ok(f) => got.extend_from_slice(&f.into_data().unwrap()),
                Err(_) => failed = true,
            }
        }
        assert_eq!(got, b"abcde");
        assert!(failed);
    }

    #[tokio::test(start_paused = true)]
    async fn pauses_use_tokio_time() {
        let frames = vec![
            (Duration::ZERO, Bytes::from_static(b"a")),
            (Duration::from_secs(30), Bytes::from_static(b"b")),
        ];
        let body = MockBody::new(frames, None);
        assert_eq!(body.size_hint().exact(), None);
        let start = tokio::time::Instant::now();
        let all = body.collect().await.unwrap().to_bytes();
        assert_eq!(&all[..], b"ab");
        assert_eq!(start.elapsed(), Duration::from_secs(30));
    }

    #[test]
    fn single_frame_has_exact_length() {
        let body = MockBody::new(vec![(Duration::ZERO, Bytes::from_static(b"{}"))], None);
        assert_eq!(body.size_hint().exact(), Some(2));
        assert_eq!(MockBody::empty().size_hint().exact(), Some(0));
    }
}
