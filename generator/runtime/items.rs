#![only_if(pages, streaming)]
//! The items of a paged listing, or of an answer read as it arrives, as one stream that is easy to read: it owns what it needs (only the client is
//! borrowed), it is `Unpin`, and it has an inherent `next`, so `while let Some(item) = items.next().await`
//! works with nothing imported. It is a `futures::Stream` too (the crate re-exports `StreamExt` and
//! `TryStreamExt`) for `try_collect`, `take` and the rest.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Stream, StreamExt};

use crate::Error;

/// The items of a paged listing, fetched page by page as they are read (from a `*_stream` method), or of an
/// answer read as it arrives (events, lines, the chunks of a download). An error that ends the stream comes
/// after the items before it.
#[must_use = "a stream does nothing until it is read"]
pub struct Items<'a, T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>,
}

impl<'a, T> Items<'a, T> {
    /// The stream of a listing's pages, boxed so it can be named and moved.
    pub(crate) fn new(stream: impl Stream<Item = Result<T, Error>> + Send + 'a) -> Self {
        Self {
            inner: Box::pin(stream),
        }
    }

    /// The next item, `None` after the last one, or the error that ended the stream.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        self.inner.next().await
    }

    /// Every item, or the first error.
    pub async fn all(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.inner.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T> Stream for Items<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Items<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
