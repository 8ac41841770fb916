#![only_if(cursor_pages)]
//! Listings paged by a cursor as one stream of items: each page is asked for with a value read from the page
//! before (the oldest timestamp, say), lazily, one after another. An error ends the stream after the items
//! already yielded.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use crate::Error;

/// The items of the page asked for with `start`, then of each page asked for with the cursor `next` reads from
/// the page before, up to the first empty page, a page `next` finds no cursor in, a cursor that does not move
/// (a server that ignores it would otherwise be asked for the same page forever), or an error.
pub(crate) fn cursor_pages<'a, T, C, F, Fut, N>(
    start: Option<C>,
    fetch: F,
    next: N,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    T: 'a,
    C: Clone + PartialEq + 'a,
    F: FnMut(Option<C>) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
    N: Fn(&[T]) -> Option<C> + 'a,
{
    stream::unfold(Some((start, fetch, next)), |state| async move {
        let (cursor, mut fetch, next) = state?;
        match fetch(cursor.clone()).await {
            Ok(items) if items.is_empty() => None,
            Ok(items) => {
                let following = next(&items).filter(|c| cursor.as_ref() != Some(c));
                let state = following.map(|c| (Some(c), fetch, next));
                Some((stream::iter(items.into_iter().map(Ok)).left_stream(), state))
            }
            Err(error) => Some((stream::iter([Err(error)]).right_stream(), None)),
        }
    })
    .flatten()
}
