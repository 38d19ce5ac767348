//! [`SpeechAudioStream`]: generated speech as the bytes arrive.

/// The audio of a speech request, read from the connection as it is polled: the kit's
/// [`Download`](core_http::kit::Download), a [`Stream`](futures_core::Stream) of `Bytes`
/// chunks with `next`, `bytes`, `write_to` and `write_to_file`. Nothing is buffered beyond the
/// chunk in hand, so a long text costs the same memory as a short one.
pub type SpeechAudioStream = core_http::kit::Download;
