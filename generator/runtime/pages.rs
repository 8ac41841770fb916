#![only_if(pages)]
//! Paged listings as one stream of items. Whatever the API's shape (page numbers, offsets, a cursor in the
//! items or in the answer, a link to the next page), each page is fetched with a cursor and gives its items and
//! the cursor of the next page; pages are fetched lazily, one after another. An error ends the stream after
//! the items already yielded.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use crate::Error;

/// One page of a listing: its items, and the cursor that asks for the page after it (`None` on the last).
pub(crate) struct Page<T, C> {
    pub(crate) items: Vec<T>,
    pub(crate) next: Option<C>,
}

/// The items of the page `fetch` gets for `start`, then of each page its predecessor names, up to an empty
/// page, a page that names no next one, a next cursor equal to the last (a server that ignores the cursor
/// would otherwise be asked for the same page forever), or an error.
pub(crate) fn pages<'a, T, C, F, Fut>(start: C, fetch: F) -> impl Stream<Item = Result<T, Error>> + 'a
where
    T: 'a,
    C: Clone + PartialEq + 'a,
    F: FnMut(C) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T, C>, Error>> + 'a,
{
    stream::unfold(Some((start, fetch)), |state| async move {
        let (cursor, mut fetch) = state?;
        match fetch(cursor.clone()).await {
            Ok(page) if page.items.is_empty() => None,
            Ok(Page { items, next }) => {
                let state = next
                    .filter(|next| *next != cursor)
                    .map(|next| (next, fetch));
                Some((stream::iter(items.into_iter().map(Ok)).left_stream(), state))
            }
            Err(error) => Some((stream::iter([Err(error)]).right_stream(), None)),
        }
    })
    .flatten()
}

#[only_if(numbered_pages)]
/// A page asked for by its number: the next one is `page + 1`.
pub(crate) async fn numbered<T, N>(
    fetched: impl Future<Output = Result<Vec<T>, Error>>,
    page: N,
) -> Result<Page<T, N>, Error>
where
    N: std::ops::Add<Output = N> + From<u8>,
{
    Ok(Page {
        items: fetched.await?,
        next: Some(page + N::from(1)),
    })
}

#[only_if(offset_pages)]
/// A page asked for by the number of items before it: the next one starts after this page's items.
pub(crate) async fn offset<T, N>(
    fetched: impl Future<Output = Result<Vec<T>, Error>>,
    offset: N,
) -> Result<Page<T, N>, Error>
where
    N: std::ops::Add<Output = N> + TryFrom<usize>,
{
    let items = fetched.await?;
    let next = N::try_from(items.len()).ok().map(|count| offset + count);
    Ok(Page { items, next })
}

#[only_if(item_cursor_pages)]
/// A page asked for by a cursor (optional: the first page is asked for without one) that `next` reads from
/// the items of the page before.
pub(crate) async fn following<T, C>(
    fetched: impl Future<Output = Result<Vec<T>, Error>>,
    next: impl FnOnce(&[T]) -> Option<C>,
) -> Result<Page<T, Option<C>>, Error> {
    let items = fetched.await?;
    let next = next(&items).map(Some);
    Ok(Page { items, next })
}

#[cfg(test)]
mod tests {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use futures::stream::TryStreamExt;

    use super::*;

    /// Runs a future whose every step is ready at once (these tests' pages are), with no runtime.
    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                return value;
            }
        }
    }

    #[test]
    fn pages_are_read_in_order_until_one_names_no_next() {
        let mut asked = Vec::new();
        let items: Vec<u32> = block_on(
            pages(1_u32, |page| {
                asked.push(page);
                let next = (page < 3).then_some(page + 1);
                async move {
                    Ok(Page {
                        items: vec![page * 10, page * 10 + 1],
                        next,
                    })
                }
            })
            .try_collect(),
        )
        .expect("pages");
        assert_eq!(items, [10, 11, 20, 21, 30, 31]);
        assert_eq!(asked, [1, 2, 3]);
    }

    #[test]
    fn an_empty_page_ends_the_listing_whatever_it_names() {
        let items: Vec<u32> = block_on(
            pages(1_u32, |page| async move {
                Ok(Page {
                    items: Vec::<u32>::new(),
                    next: Some(page + 1),
                })
            })
            .try_collect(),
        )
        .expect("pages");
        assert!(items.is_empty());
    }

    #[test]
    fn a_cursor_that_does_not_move_ends_the_listing() {
        let mut asked = 0;
        let items: Vec<u32> = block_on(
            pages(0_u32, |_| {
                asked += 1;
                async {
                    Ok(Page {
                        items: vec![1],
                        next: Some(0),
                    })
                }
            })
            .try_collect(),
        )
        .expect("pages");
        assert_eq!((items, asked), (vec![1], 1));
    }
}
