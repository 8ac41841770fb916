#![only_if(streaming)]
//! Answers read as they arrive instead of whole: Server-Sent Events, JSON Lines and downloads. Each is a
//! stream of items (`crate::Items`) that owns what it reads, so it can outlive the call that opened it. A
//! failure ends the stream with an error item, except where the item alone is bad (an event or a line that
//! does not decode), which is an error item the stream goes on after.

use futures::stream;
use reqwest::header::HeaderMap;

use crate::{Error, Items, RequestInfo, Response};

#[only_if(line_streams)]
/// How a line becomes an item: decoded as JSON.
pub(crate) type Decode<T> = fn(&[u8]) -> Result<T, (String, serde_json::Error)>;

#[only_if(event_streams)]
/// How an event's data becomes an item, given the event's name (its `event` field): decoded as JSON, as
/// the name says, or kept as text.
pub(crate) type DecodeEvent<T> = fn(Option<&str>, &[u8]) -> Result<T, (String, serde_json::Error)>;

/// A successful answer, open: its head has arrived, its body is read as it arrives.
pub(crate) struct Opened {
    /// The client, for resuming an event stream.
    pub(crate) client: crate::Client,
    /// The operation's id in the spec.
    pub(crate) operation: &'static str,
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) response: reqwest::Response,
    pub(crate) request: RequestInfo,
}

impl Opened {
    /// The stream `items` makes of this answer, with the answer's status and headers.
    fn respond<T>(
        self,
        items: impl FnOnce(Body, crate::Client, reqwest::StatusCode) -> Items<'static, T>,
    ) -> Response<Items<'static, T>> {
        let Self {
            client,
            operation,
            status,
            headers,
            response,
            request,
        } = self;
        let body = Body {
            operation,
            response,
            request,
        };
        Response::new(status.as_u16(), headers, items(body, client, status))
    }

    #[only_if(byte_streams)]
    /// The body as the chunks it arrives in.
    pub(crate) fn chunks(self) -> Response<Items<'static, bytes::Bytes>> {
        self.respond(|body, _, _| {
            Items::new(stream::unfold(Some(body), |body| async move {
                let mut body = body?;
                match body.chunk().await {
                    Ok(Some(chunk)) => Some((Ok(chunk), Some(body))),
                    Ok(None) => None,
                    Err(error) => Some((Err(error), None)),
                }
            }))
        })
    }

    #[only_if(line_streams)]
    /// The body as JSON texts framed by `framing`, each decoded by `decode`.
    pub(crate) fn lines<T: Send + 'static>(
        self,
        framing: crate::line_frames::Framing,
        decode: Decode<T>,
    ) -> Response<Items<'static, T>> {
        self.respond(|body, client, status| {
            let frames = crate::line_frames::LineFrames::new(framing, body_limit(&client));
            let reading = Lines {
                framed: Framed::new(body, frames),
                status,
                decode,
            };
            Items::new(stream::unfold(reading, |mut reading| async move {
                let item = reading.next().await?;
                Some((item, reading))
            }))
        })
    }

    #[only_if(event_streams)]
    /// The body as Server-Sent Events, each event's data decoded by `decode`, up to an event whose data is
    /// `sentinel`; resumed with `resume` (the call again) when the connection drops and the retry policy
    /// allows.
    pub(crate) fn events<T: Send + 'static>(
        self,
        resume: Option<crate::call::Call>,
        decode: DecodeEvent<T>,
        sentinel: Option<&'static str>,
    ) -> Response<Items<'static, ServerEvent<T>>> {
        self.respond(|body, client, status| {
            let frames = crate::event_frames::EventFrames::new(body_limit(&client));
            let reading = Events {
                framed: Framed::new(body, frames),
                status,
                resume,
                client,
                decode,
                sentinel,
                drops: 0,
            };
            Items::new(stream::unfold(reading, |mut reading| async move {
                let item = reading.next().await?;
                Some((item, reading))
            }))
        })
    }
}

#[only_if(event_streams, line_streams)]
/// The most bytes one event or line may hold: the client's answer limit, which bounds one item of a stream
/// as it bounds a whole answer.
fn body_limit(client: &crate::Client) -> usize {
    usize::try_from(client.max_answer_size()).unwrap_or(usize::MAX)
}

/// The body of an open answer, with what its errors need.
struct Body {
    operation: &'static str,
    response: reqwest::Response,
    request: RequestInfo,
}

impl Body {
    /// The next chunk, `None` at the end of the body.
    async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Error> {
        self.response
            .chunk()
            .await
            .map_err(|error| Error::transport(self.operation, self.request.clone(), error))
    }

    #[only_if(event_streams, line_streams)]
    /// The error for an item that does not decode, in an answer of `status`.
    fn decode_error(
        &self,
        status: reqwest::StatusCode,
        item: &[u8],
        (path, source): (String, serde_json::Error),
    ) -> Error {
        Error::decode(
            self.operation,
            status,
            path,
            source,
            item,
            self.request.clone(),
        )
    }

    #[only_if(event_streams, line_streams)]
    /// The error for an item longer than the client reads.
    fn too_large(&self, limit: usize) -> Error {
        let limit = limit as u64;
        Error::TooLarge {
            operation: self.operation,
            size: limit.saturating_add(1),
            limit,
            request: Box::new(self.request.clone()),
        }
    }
}

#[only_if(event_streams, line_streams)]
/// Cuts a body into items as its bytes arrive: events, or JSON texts.
trait Frames {
    type Item;

    /// The items `bytes` completes; `Err` with the limit when an item grows longer than it.
    fn push(&mut self, bytes: &[u8]) -> Result<Vec<Self::Item>, usize>;

    /// The last item, when the body ends without its final separator.
    fn finish(&mut self) -> Option<Self::Item>;
}

#[only_if(event_streams)]
impl Frames for crate::event_frames::EventFrames {
    type Item = crate::event_frames::RawEvent;

    fn push(&mut self, bytes: &[u8]) -> Result<Vec<Self::Item>, usize> {
        Self::push(self, bytes).map_err(|too_long| too_long.limit)
    }

    fn finish(&mut self) -> Option<Self::Item> {
        Self::finish(self)
    }
}

#[only_if(line_streams)]
impl Frames for crate::line_frames::LineFrames {
    type Item = bytes::Bytes;

    fn push(&mut self, bytes: &[u8]) -> Result<Vec<Self::Item>, usize> {
        Self::push(self, bytes).map_err(|too_long| too_long.limit)
    }

    fn finish(&mut self) -> Option<Self::Item> {
        Self::finish(self)
    }
}

#[only_if(event_streams, line_streams)]
/// What reading a framed body gave next.
enum Next<T> {
    Item(T),
    /// The body ended, and every item before the end was taken.
    End,
    /// An item was longer than the client reads: nothing after it can be read.
    Failed(Error),
    /// The connection dropped; a stream that can be resumed opens a new body.
    Dropped(Error),
}

#[only_if(event_streams, line_streams)]
/// A body cut into items as it arrives, with the items cut and not yet taken.
struct Framed<F: Frames> {
    body: Body,
    frames: F,
    pending: std::collections::VecDeque<F::Item>,
    /// The body has ended or failed: what is pending is the rest.
    ended: bool,
}

#[only_if(event_streams, line_streams)]
impl<F: Frames> Framed<F> {
    /// A body to cut with `frames`.
    fn new(body: Body, frames: F) -> Self {
        Self {
            body,
            frames,
            pending: std::collections::VecDeque::new(),
            ended: false,
        }
    }

    /// The next item, reading the body as far as it takes.
    async fn next(&mut self) -> Next<F::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Next::Item(item);
            }
            if self.ended {
                return Next::End;
            }
            match self.body.chunk().await {
                Ok(Some(chunk)) => match self.frames.push(&chunk) {
                    Ok(items) => self.pending.extend(items),
                    Err(limit) => {
                        self.end();
                        return Next::Failed(self.body.too_large(limit));
                    }
                },
                Ok(None) => {
                    self.ended = true;
                    self.pending.extend(self.frames.finish());
                }
                Err(error) => return Next::Dropped(error),
            }
        }
    }

    /// Ends the stream here: nothing more is read or yielded.
    fn end(&mut self) {
        self.pending.clear();
        self.ended = true;
    }
}

#[only_if(line_streams)]
/// A JSON Lines (or JSON text sequence) answer being read.
struct Lines<T> {
    framed: Framed<crate::line_frames::LineFrames>,
    status: reqwest::StatusCode,
    decode: Decode<T>,
}

#[only_if(line_streams)]
impl<T> Lines<T> {
    /// The next item, an error for a line that does not decode (the stream goes on), or an error that
    /// ended the stream.
    async fn next(&mut self) -> Option<Result<T, Error>> {
        match self.framed.next().await {
            Next::Item(line) => Some((self.decode)(&line).map_err(|why| {
                self.framed.body.decode_error(self.status, &line, why)
            })),
            Next::End => None,
            Next::Failed(error) | Next::Dropped(error) => {
                self.framed.end();
                Some(Err(error))
            }
        }
    }
}

#[only_if(event_streams)]
/// One Server-Sent Event, its data decoded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ServerEvent<T> {
    /// The event's type (its `event:` field); `None` for the default type, `message`.
    pub event: Option<String>,
    /// The last event id the server set, which the stream sends back as `Last-Event-ID` when it resumes.
    pub id: Option<String>,
    /// The event's data: typed when the spec gives its schema, else the text as sent.
    pub data: T,
}

#[only_if(event_streams)]
/// An event stream being read.
struct Events<T> {
    framed: Framed<crate::event_frames::EventFrames>,
    status: reqwest::StatusCode,
    client: crate::Client,
    /// The call again, when it can be resent to resume the stream.
    resume: Option<crate::call::Call>,
    decode: DecodeEvent<T>,
    sentinel: Option<&'static str>,
    /// How many times in a row the connection dropped before an event came.
    drops: u32,
}

#[only_if(event_streams)]
impl<T> Events<T> {
    /// The next event, an error for an event whose data does not decode (the stream goes on), or an error
    /// that ended the stream.
    async fn next(&mut self) -> Option<Result<ServerEvent<T>, Error>> {
        loop {
            match self.framed.next().await {
                Next::Item(event) if self.sentinel == Some(event.data.as_str()) => {
                    self.framed.end();
                    return None;
                }
                Next::Item(event) => {
                    self.drops = 0;
                    return Some(self.decoded(event));
                }
                Next::End => return None,
                Next::Failed(error) => return Some(Err(error)),
                Next::Dropped(error) => {
                    if let Err(error) = self.resume(error).await {
                        self.framed.end();
                        return Some(Err(error));
                    }
                }
            }
        }
    }

    /// An event with its data decoded.
    fn decoded(&self, event: crate::event_frames::RawEvent) -> Result<ServerEvent<T>, Error> {
        let data = (self.decode)(event.event.as_deref(), event.data.as_bytes())
            .map_err(|why| {
                self.framed
                    .body
                    .decode_error(self.status, event.data.as_bytes(), why)
            })?;
        Ok(ServerEvent {
            event: event.event,
            id: event.id,
            data,
        })
    }

    /// Opens the stream again after the connection dropped with `error`, sending the last event id, after
    /// the server's reconnection time (or the retry policy's backoff); `error` when the stream cannot be
    /// resumed (a method that may not be repeated, or as many drops in a row as the policy's attempts).
    async fn resume(&mut self, error: Error) -> Result<(), Error> {
        let Some(call) = &self.resume else {
            return Err(error);
        };
        self.drops += 1;
        let frames = &mut self.framed.frames;
        let policy = self.client.retry_policy();
        let Some(delay) = policy.delay_before_resuming(&call.method, frames.retry(), self.drops)
        else {
            return Err(error);
        };
        let Some(mut again) = call.again() else {
            return Err(error);
        };
        if let Some(id) = frames.last_event_id() {
            again.replace_header("last-event-id", id);
        }
        tracing::debug!(drops = self.drops, delay_ms = delay.as_millis() as u64, "resuming");
        tokio::time::sleep(delay).await;
        let opened = self.client.open(Ok(again), |opened| opened).await?;
        self.framed.frames.interrupted();
        self.status = opened.status;
        self.framed.body = Body {
            operation: opened.operation,
            response: opened.response,
            request: opened.request,
        };
        Ok(())
    }
}

#[only_if(text_events)]
/// An item kept as text (invalid UTF-8 replaced), for event data the spec gives no schema.
pub(crate) fn text(item: &[u8]) -> Result<String, (String, serde_json::Error)> {
    Ok(String::from_utf8_lossy(item).into_owned())
}
