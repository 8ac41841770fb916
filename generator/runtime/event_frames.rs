#![only_if(event_streams)]
//! Server-sent events (`text/event-stream`), parsed as the WHATWG HTML standard says ("Parsing an event
//! stream", "Interpreting an event stream"). Operations that stream events feed the body's bytes here as they
//! arrive, in whatever pieces the network delivers, and get each event as soon as its blank line is in. No
//! I/O happens here, and the event's data is left for the caller to decode.

use std::time::Duration;

/// The UTF-8 byte order mark, which a stream may start with and which is not part of its first line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One event as the server sent it, its data not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    /// The event's type from its `event` field; `None` for the default type (`message`).
    pub(crate) event: Option<String>,
    /// The event's `data` fields, joined with line feeds.
    pub(crate) data: String,
    /// The last event id when the event was dispatched: set by this event or by an earlier one.
    pub(crate) id: Option<String>,
}

/// An event stream being read: what is left of the line being received and the fields of the event being
/// built, so that bytes can come in any pieces and each is looked at once.
pub(crate) struct EventFrames {
    /// The most bytes the pending line and event may hold.
    limit: usize,
    /// The bytes of the line received so far, without its end.
    line: Vec<u8>,
    /// No line has ended yet in this body, so a byte order mark may still lead the first one.
    at_start: bool,
    /// The last line ended with a CR: a LF right after it belongs to that line end (CRLF).
    after_cr: bool,
    /// The data buffer: each `data` value followed by a line feed.
    data: String,
    /// The event type buffer: the type of the next event to be dispatched, empty for the default.
    event: String,
    /// The last event id buffer: what the `id` fields have set so far, committed at the next dispatch.
    id: Option<String>,
    /// The last event id as of the last dispatch, which a reconnection sends as `Last-Event-ID`.
    last_event_id: Option<String>,
    /// The reconnection time the server asked for.
    retry: Option<Duration>,
    /// An event was too long: the rest of this body cannot be read.
    failed: bool,
}

impl EventFrames {
    /// `limit`: the most bytes one event (its pending lines and data) may hold before `push` fails.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            line: Vec::new(),
            at_start: true,
            after_cr: false,
            data: String::new(),
            event: String::new(),
            id: None,
            last_event_id: None,
            retry: None,
            failed: false,
        }
    }

    /// Feeds bytes as they arrive (any split: mid-line, mid-UTF-8 character, between CR and LF) and returns
    /// the events completed by them, in order. Once it has failed, it fails until `finish`.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Result<Vec<RawEvent>, TooLong> {
        if self.failed {
            return Err(self.too_long());
        }
        let mut events = Vec::new();
        match self.read_lines(bytes, &mut events) {
            Ok(()) => Ok(events),
            Err(error) => {
                self.fail();
                Err(error)
            }
        }
    }

    /// At the end of the body: the last event, if one was pending without its blank line (dispatched anyway:
    /// servers that omit the final blank line are common). The last event id and the reconnection time are
    /// kept, and the next bytes pushed are read as a new body (a reconnection).
    pub(crate) fn finish(&mut self) -> Option<RawEvent> {
        let event = self.end_body();
        self.restart();
        event
    }

    /// After the connection dropped: what was pending of an event is dropped with it (an event cut short is
    /// not dispatched), and the next bytes pushed are read as a new body; the last event id and the
    /// reconnection time are kept.
    pub(crate) fn interrupted(&mut self) {
        self.restart();
    }

    /// The last event id the stream set (persists across events, as the standard says), for `Last-Event-ID`
    /// on reconnection.
    pub(crate) fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// The reconnection time the server last asked for with a `retry` field.
    pub(crate) fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// Splits `bytes` at line ends, interpreting each line completed and keeping the rest for later.
    fn read_lines(&mut self, mut bytes: &[u8], events: &mut Vec<RawEvent>) -> Result<(), TooLong> {
        while !bytes.is_empty() {
            if std::mem::take(&mut self.after_cr) {
                if let Some(rest) = bytes.strip_prefix(b"\n") {
                    bytes = rest;
                    continue;
                }
            }
            let Some(end) = line_end(bytes) else {
                return self.hold(bytes);
            };
            let (tail, rest) = bytes.split_at(end);
            self.after_cr = rest.first() == Some(&b'\r');
            bytes = rest.get(1..).unwrap_or_default();
            events.extend(self.end_line(tail)?);
        }
        Ok(())
    }

    /// Keeps the start of a line whose end has not arrived yet.
    fn hold(&mut self, bytes: &[u8]) -> Result<(), TooLong> {
        self.check(bytes.len())?;
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    /// Completes the pending line with `tail` and interprets it, without copying a line that arrived whole.
    fn end_line(&mut self, tail: &[u8]) -> Result<Option<RawEvent>, TooLong> {
        self.check(tail.len())?;
        let event = if self.line.is_empty() {
            self.interpret(tail)
        } else {
            let mut line = std::mem::take(&mut self.line);
            line.extend_from_slice(tail);
            let event = self.interpret(&line);
            line.clear();
            self.line = line;
            event
        };
        self.check(0)?;
        Ok(event)
    }

    /// Interprets one line: a blank line dispatches the event, a comment is skipped, any other line is a
    /// field.
    fn interpret(&mut self, line: &[u8]) -> Option<RawEvent> {
        let line = self.skip_bom(line);
        if line.is_empty() {
            return self.dispatch();
        }
        if line.first() != Some(&b':') {
            let line = String::from_utf8_lossy(line);
            let (field, value) = split_field(&line);
            self.apply(field, value);
        }
        None
    }

    /// The line without the byte order mark when it is the first line of the body.
    fn skip_bom<'a>(&mut self, line: &'a [u8]) -> &'a [u8] {
        if std::mem::take(&mut self.at_start) {
            line.strip_prefix(BOM).unwrap_or(line)
        } else {
            line
        }
    }

    /// Sets what a field sets; fields the standard does not know are ignored.
    fn apply(&mut self, field: &str, value: &str) {
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => {
                self.id = (!value.is_empty()).then(|| value.to_owned());
            }
            "retry" => {
                if let Some(millis) = retry_millis(value) {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
    }

    /// At a blank line: commits the last event id and returns the event, unless it has no data; either way
    /// the next event starts with an empty type and data.
    fn dispatch(&mut self) -> Option<RawEvent> {
        self.last_event_id.clone_from(&self.id);
        let event = std::mem::take(&mut self.event);
        if self.data.is_empty() {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        Some(RawEvent {
            event: (!event.is_empty()).then_some(event),
            data,
            id: self.last_event_id.clone(),
        })
    }

    /// Interprets a last line that has no line end, then dispatches what is pending as a blank line would.
    fn end_body(&mut self) -> Option<RawEvent> {
        let line = std::mem::take(&mut self.line);
        let from_line = if line.is_empty() {
            None
        } else {
            self.interpret(&line)
        };
        from_line.or_else(|| self.dispatch())
    }

    /// Gets ready for a new body, keeping what outlives one: the last event id and the reconnection time.
    fn restart(&mut self) {
        self.line.clear();
        self.at_start = true;
        self.after_cr = false;
        self.data.clear();
        self.event.clear();
        self.id.clone_from(&self.last_event_id);
        self.failed = false;
    }

    /// Drops the event that grew too long (its id is not committed) and refuses the rest of the body.
    fn fail(&mut self) {
        self.line = Vec::new();
        self.data = String::new();
        self.event = String::new();
        self.id.clone_from(&self.last_event_id);
        self.failed = true;
    }

    /// Fails when `extra` more bytes would make the pending line and event longer than the limit.
    fn check(&self, extra: usize) -> Result<(), TooLong> {
        let pending = self
            .line
            .len()
            .saturating_add(self.data.len())
            .saturating_add(self.event.len())
            .saturating_add(extra);
        if pending > self.limit {
            Err(self.too_long())
        } else {
            Ok(())
        }
    }

    /// The error for this parser's limit.
    fn too_long(&self) -> TooLong {
        TooLong { limit: self.limit }
    }
}

/// An event or line longer than the limit (a runaway server), with the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong {
    /// The limit given to `EventFrames::new`.
    pub(crate) limit: usize,
}

/// Where the first line of `bytes` ends: its CR or LF.
fn line_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&byte| byte == b'\r' || byte == b'\n')
}

/// A field's name and value: the value follows the first colon, less one leading space; a line without a
/// colon is a field with an empty value.
fn split_field(line: &str) -> (&str, &str) {
    match line.split_once(':') {
        Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
        None => (line, ""),
    }
}

/// The milliseconds of a `retry` value made of ASCII digits only; `None` for any other value (or one too
/// large to hold), which is ignored.
fn retry_millis(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event as the tests expect it.
    fn event(kind: Option<&str>, data: &str, id: Option<&str>) -> RawEvent {
        RawEvent {
            event: kind.map(str::to_owned),
            data: data.to_owned(),
            id: id.map(str::to_owned),
        }
    }

    /// The events of a body pushed in `chunks`, including the one `finish` delivers.
    fn events_of(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut frames = EventFrames::new(1024);
        let mut events = Vec::new();
        for chunk in chunks {
            events.extend(frames.push(chunk).expect("within the limit"));
        }
        events.extend(frames.finish());
        events
    }

    /// A realistic stream with every kind of line end, a byte order mark, comments, multi-byte characters,
    /// invalid UTF-8, `retry`, `id` set, kept and reset, and a last event without its blank line.
    const STREAM: &[u8] = b"\xEF\xBB\xBF: hello\r\n\
        retry: 2500\r\n\
        event: greeting\r\n\
        id: 1\r\n\
        data: caf\xC3\xA9 \xF0\x9F\xA6\x80\r\n\
        data:  two spaces\r\n\
        \r\n\
        data: lone\rdata: cr\r\r\
        event: ignored\n\
        \n\
        id\n\
        data\n\
        \n\
        id: 2\x00\n\
        data: bad \xFF byte\n\
        \n\
        : keep-alive\n\
        id: 3\n\
        data: {\"last\": true}";

    /// What `STREAM` holds.
    fn stream_events() -> Vec<RawEvent> {
        vec![
            event(
                Some("greeting"),
                "caf\u{e9} \u{1f980}\n two spaces",
                Some("1"),
            ),
            event(None, "lone\ncr", Some("1")),
            event(None, "", None),
            event(None, "bad \u{fffd} byte", None),
            event(None, "{\"last\": true}", Some("3")),
        ]
    }

    #[test]
    fn a_stream_pushed_whole_gives_its_events() {
        let mut frames = EventFrames::new(1024);
        let mut events = frames.push(STREAM).unwrap();
        events.extend(frames.finish());
        assert_eq!(events, stream_events());
        assert_eq!(frames.retry(), Some(Duration::from_millis(2500)));
        assert_eq!(frames.last_event_id(), Some("3"));
    }

    #[test]
    fn a_stream_split_anywhere_gives_the_same_events() {
        for split in 0..=STREAM.len() {
            let (first, second) = STREAM.split_at(split);
            assert_eq!(
                events_of(&[first, second]),
                stream_events(),
                "split at {split}"
            );
        }
        for first in 0..=STREAM.len() {
            for second in first..=STREAM.len() {
                let chunks = [&STREAM[..first], &STREAM[first..second], &STREAM[second..]];
                assert_eq!(
                    events_of(&chunks),
                    stream_events(),
                    "split at {first} and {second}"
                );
            }
        }
    }

    #[test]
    fn a_stream_pushed_byte_by_byte_gives_the_same_events() {
        let chunks: Vec<&[u8]> = STREAM.chunks(1).collect();
        assert_eq!(events_of(&chunks), stream_events());
    }

    #[test]
    fn an_event_comes_out_as_soon_as_its_blank_line_is_in() {
        let mut frames = EventFrames::new(1024);
        assert_eq!(frames.push(b"data: a\n").unwrap(), []);
        assert_eq!(frames.push(b"\ndata: b").unwrap(), [event(None, "a", None)]);
        // A blank line ended by a lone CR dispatches without waiting for the next byte.
        assert_eq!(frames.push(b"\r\r").unwrap(), [event(None, "b", None)]);
        assert_eq!(frames.finish(), None);
    }

    #[test]
    fn lines_end_with_crlf_lf_or_a_lone_cr() {
        let expected = [event(None, "a\nb\nc", None), event(None, "d", None)];
        assert_eq!(
            events_of(&[b"data: a\r\ndata: b\ndata: c\r\r\ndata: d\n\r"]),
            expected
        );
        assert_eq!(
            events_of(&[b"data: a\rdata: b\rdata: c\r\rdata: d\r\r"]),
            expected
        );
    }

    #[test]
    fn a_crlf_split_between_pushes_is_one_line_end() {
        let mut frames = EventFrames::new(1024);
        assert_eq!(frames.push(b"data: a\r").unwrap(), []);
        // Were this LF a line of its own, the blank line would dispatch "a" alone.
        assert_eq!(frames.push(b"\n").unwrap(), []);
        assert_eq!(frames.push(b"").unwrap(), []);
        assert_eq!(
            frames.push(b"data: b\r\n\r").unwrap(),
            [event(None, "a\nb", None)]
        );
        assert_eq!(frames.push(b"\n").unwrap(), []);
        assert_eq!(frames.push(b"\r\n").unwrap(), []);
        assert_eq!(frames.finish(), None);
    }

    #[test]
    fn data_lines_are_joined_and_values_lose_one_leading_space() {
        assert_eq!(
            events_of(&[b"data:first\ndata: second\ndata:  third\ndata: a: b\ndata:\n\n"]),
            [event(None, "first\nsecond\n third\na: b\n", None)]
        );
    }

    #[test]
    fn a_field_without_colon_has_an_empty_value() {
        assert_eq!(events_of(&[b"data\n\n"]), [event(None, "", None)]);
        assert_eq!(events_of(&[b"data\ndata\n\n"]), [event(None, "\n", None)]);
        assert_eq!(
            events_of(&[b"event\ndata: x\n\n"]),
            [event(None, "x", None)]
        );
    }

    #[test]
    fn comments_are_skipped() {
        assert_eq!(events_of(&[b": ping\n\n:\n\n"]), []);
        assert_eq!(
            events_of(&[b"data: a\n: data: b\n\n"]),
            [event(None, "a", None)]
        );
    }

    #[test]
    fn the_event_type_lasts_for_one_dispatch_even_without_data() {
        assert_eq!(
            events_of(&[b"event: add\ndata: 1\n\ndata: 2\n\nevent: lost\n\ndata: 3\n\n"]),
            [
                event(Some("add"), "1", None),
                event(None, "2", None),
                event(None, "3", None),
            ]
        );
        assert_eq!(
            events_of(&[b"event: a\nevent: b\ndata: x\n\n"]),
            [event(Some("b"), "x", None)]
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        assert_eq!(
            events_of(&[b"foo: bar\nDATA: no\nData: no\n data: no\ndata: yes\n\n"]),
            [event(None, "yes", None)]
        );
    }

    #[test]
    fn the_last_event_id_persists_until_reset() {
        assert_eq!(
            events_of(&[b"id: 7\ndata: a\n\ndata: b\n\nid:\ndata: c\n\nid: 8\ndata: d\n\n"]),
            [
                event(None, "a", Some("7")),
                event(None, "b", Some("7")),
                event(None, "c", None),
                event(None, "d", Some("8")),
            ]
        );
    }

    #[test]
    fn an_id_with_a_nul_is_ignored() {
        assert_eq!(
            events_of(&[b"id: 1\n\nid: 2\x003\ndata: a\n\n"]),
            [event(None, "a", Some("1"))]
        );
    }

    #[test]
    fn the_last_event_id_is_committed_at_dispatch() {
        let mut frames = EventFrames::new(1024);
        frames.push(b"id: 5\ndata: x\n").unwrap();
        assert_eq!(frames.last_event_id(), None);
        frames.push(b"\n").unwrap();
        assert_eq!(frames.last_event_id(), Some("5"));
        // A block with only an id has no event, but sets the id a reconnection sends.
        assert_eq!(frames.push(b"id: 6\n\n").unwrap(), []);
        assert_eq!(frames.last_event_id(), Some("6"));
        frames.push(b"id\n\n").unwrap();
        assert_eq!(frames.last_event_id(), None);
    }

    #[test]
    fn retry_takes_ascii_digits_only() {
        let mut frames = EventFrames::new(1024);
        assert_eq!(frames.retry(), None);
        frames.push(b"retry: 3000\n").unwrap();
        assert_eq!(frames.retry(), Some(Duration::from_secs(3)));
        for ignored in [
            "retry: 3s\n",
            "retry: -1\n",
            "retry: +5\n",
            "retry:  5\n",
            "retry: 1.5\n",
            "retry:\n",
            "retry\n",
            "retry: 99999999999999999999999\n",
            "Retry: 4\n",
        ] {
            frames.push(ignored.as_bytes()).unwrap();
            assert_eq!(frames.retry(), Some(Duration::from_secs(3)), "{ignored:?}");
        }
        frames.push(b"retry:0\n\n").unwrap();
        assert_eq!(frames.retry(), Some(Duration::ZERO));
    }

    #[test]
    fn only_a_leading_byte_order_mark_is_skipped() {
        assert_eq!(
            events_of(&[b"\xEF", b"\xBB", b"\xBFdata: a\n\n"]),
            [event(None, "a", None)]
        );
        // A second mark is part of the field name, which is then unknown.
        assert_eq!(
            events_of(&[b"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\ndata: b\n\n"]),
            [event(None, "b", None)]
        );
        assert_eq!(
            events_of(&[b"data: a\n\xEF\xBB\xBFdata: b\n\n"]),
            [event(None, "a", None)]
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_and_split_characters_survive() {
        assert_eq!(
            events_of(&[b"data: a\xFFb\xC3\n\n"]),
            [event(None, "a\u{fffd}b\u{fffd}", None)]
        );
        assert_eq!(
            events_of(&[b"data: \xE2", b"\x82", b"\xAC\n\n"]),
            [event(None, "\u{20ac}", None)]
        );
    }

    #[test]
    fn finish_dispatches_an_event_without_its_blank_line() {
        assert_eq!(events_of(&[b"data: last"]), [event(None, "last", None)]);
        assert_eq!(events_of(&[b"data: last\n"]), [event(None, "last", None)]);
        assert_eq!(events_of(&[b"data: last\r"]), [event(None, "last", None)]);
        assert_eq!(
            events_of(&[b"event: end\nid: 9\ndata: a\ndata: b"]),
            [event(Some("end"), "a\nb", Some("9"))]
        );
        assert_eq!(events_of(&[b"data: a\n\n"]), [event(None, "a", None)]);
        assert_eq!(events_of(&[b"event: x\nid: 1\n: no data"]), []);
        assert_eq!(events_of(&[]), []);
    }

    #[test]
    fn finish_makes_ready_for_a_reconnection() {
        let mut frames = EventFrames::new(1024);
        frames
            .push(b"retry: 10\nid: 4\ndata: a\n\nevent: x\ndata: cut")
            .unwrap();
        assert_eq!(frames.finish(), Some(event(Some("x"), "cut", Some("4"))));
        assert_eq!(frames.finish(), None);
        assert_eq!(frames.last_event_id(), Some("4"));
        assert_eq!(frames.retry(), Some(Duration::from_millis(10)));
        // The new body may start with a byte order mark, and the id carries over.
        assert_eq!(
            frames.push(b"\xEF\xBB\xBFdata: b\n\n").unwrap(),
            [event(None, "b", Some("4"))]
        );
    }

    #[test]
    fn an_event_longer_than_the_limit_fails() {
        // "data: abc" is 9 bytes, then its data "abc\n" 4 bytes are pending.
        assert_eq!(
            EventFrames::new(9).push(b"data: abc\n\n").unwrap(),
            [event(None, "abc", None)]
        );
        assert_eq!(
            EventFrames::new(8).push(b"data: abc\n\n"),
            Err(TooLong { limit: 8 })
        );
        // A line that never ends, in small pieces.
        let mut frames = EventFrames::new(16);
        assert_eq!(frames.push(b"data: 0123456789").unwrap(), []);
        assert_eq!(frames.push(b"x"), Err(TooLong { limit: 16 }));
        // Short lines that add up.
        let mut frames = EventFrames::new(16);
        assert_eq!(frames.push(b"data: 01234\n").unwrap(), []);
        assert_eq!(frames.push(b"data: 56789\n"), Err(TooLong { limit: 16 }));
        // A long comment is a long line too.
        assert_eq!(
            EventFrames::new(16).push(&[b':'; 17]),
            Err(TooLong { limit: 16 })
        );
    }

    #[test]
    fn after_failing_the_body_is_refused_until_finish() {
        let mut frames = EventFrames::new(16);
        frames.push(b"id: 1\ndata: a\n\n").unwrap();
        assert!(frames.push(b"id: 2\ndata: 0123456789abcdef\n\n").is_err());
        assert_eq!(frames.push(b"data: b\n\n"), Err(TooLong { limit: 16 }));
        assert_eq!(frames.finish(), None);
        // The id of the event that failed was not committed.
        assert_eq!(frames.last_event_id(), Some("1"));
        assert_eq!(
            frames.push(b"data: c\n\n").unwrap(),
            [event(None, "c", Some("1"))]
        );
    }
}
