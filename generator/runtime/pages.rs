#![only_if(numbered_pages)]
//! Page-numbered listings as one stream of items: pages are fetched lazily, one after another, and the stream
//! ends at the first empty page. An error ends the stream after the items already yielded.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use crate::Error;

/// The items of pages `first`, `first + 1`, ... as fetched by `fetch`, up to the first empty page or error.
pub(crate) fn pages<'a, T, F, Fut>(first: i64, fetch: F) -> impl Stream<Item = Result<T, Error>> + 'a
where
    T: 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
{
    stream::unfold(Some((first, fetch)), |state| async move {
        let (page, mut fetch) = state?;
        match fetch(page).await {
            Ok(items) if items.is_empty() => None,
            Ok(items) => Some((
                stream::iter(items.into_iter().map(Ok)).left_stream(),
                Some((page + 1, fetch)),
            )),
            Err(error) => Some((stream::iter([Err(error)]).right_stream(), None)),
        }
    })
    .flatten()
}
