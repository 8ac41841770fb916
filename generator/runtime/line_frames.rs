#![only_if(line_streams)]
//! Streams of JSON texts, cut into one record per text: JSON Lines / NDJSON (`application/jsonl`,
//! `application/x-ndjson`) and JSON text sequences (RFC 7464, `application/json-seq`). Operations that stream
//! such bodies feed the bytes here as they arrive, in whatever pieces the network delivers, and get each
//! record as soon as its end is known, without copying, for them to decode. No I/O happens here.

use bytes::{Buf, Bytes, BytesMut};

/// The ASCII record separator, which starts each text of a JSON text sequence.
const RS: u8 = 0x1E;

/// How the texts of a stream are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// One text per line (JSON Lines, NDJSON): a LF, or CRLF, ends each.
    Lines,
    /// Each text preceded by RS (RFC 7464) and usually followed by LF.
    RecordSeparated,
}

/// A record longer than the limit (a runaway server), with the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong {
    /// The limit given to `LineFrames::new`.
    pub(crate) limit: usize,
}

/// A stream of JSON texts being cut into records: the bytes of the record being received, and how far they
/// have been looked at, so that bytes can come in any pieces and each is scanned once.
pub(crate) struct LineFrames {
    framing: Framing,
    /// The most bytes one record may hold.
    limit: usize,
    /// The bytes received and not yet returned: the start of the record being received.
    pending: BytesMut,
    /// How many bytes of `pending` have been scanned for the record's end.
    scanned: usize,
    /// Where the text in `pending` stands, for `Framing::RecordSeparated`.
    text: TextScan,
    /// A record was too long: the rest of this body cannot be cut.
    failed: bool,
}

impl LineFrames {
    /// `limit`: the most bytes one record (with the whitespace around it) may hold before `push` fails.
    pub(crate) fn new(framing: Framing, limit: usize) -> Self {
        Self {
            framing,
            limit,
            pending: BytesMut::new(),
            scanned: 0,
            text: TextScan::default(),
            failed: false,
        }
    }

    /// Complete records (the bytes of one JSON text each, without separators or surrounding whitespace)
    /// completed by `bytes`, in order. Once it has failed, it fails until `finish`.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Result<Vec<Bytes>, TooLong> {
        if self.failed {
            return Err(self.too_long());
        }
        self.pending.extend_from_slice(bytes);
        let mut records = Vec::new();
        match self.split_records(&mut records) {
            Ok(()) => Ok(records),
            Err(error) => {
                self.fail();
                Err(error)
            }
        }
    }

    /// The last record when the body ends without a final separator (a last line without a newline). The
    /// next bytes pushed are read as a new body.
    pub(crate) fn finish(&mut self) -> Option<Bytes> {
        let raw = std::mem::take(&mut self.pending).freeze();
        self.scanned = 0;
        self.text = TextScan::default();
        self.failed = false;
        self.record(&raw, false)
    }

    /// Cuts the records `pending` completes off its front, leaving the start of the next one.
    fn split_records(&mut self, records: &mut Vec<Bytes>) -> Result<(), TooLong> {
        while let Some(end) = self.next_end() {
            let then_line_feed = self.pending.get(end) == Some(&b'\n');
            let raw = self.pending.split_to(end).freeze();
            self.pending.advance(1);
            self.scanned = 0;
            self.check(raw.len())?;
            records.extend(self.record(&raw, then_line_feed));
        }
        self.check(self.pending.len())
    }

    /// Where in `pending` the record being received ends (at its separator), scanning only new bytes.
    fn next_end(&mut self) -> Option<usize> {
        let unscanned = self.pending.get(self.scanned..).unwrap_or_default();
        let found = match self.framing {
            Framing::Lines => unscanned.iter().position(|&byte| byte == b'\n'),
            Framing::RecordSeparated => self.text.find_end(unscanned),
        };
        match found {
            Some(at) => Some(self.scanned + at),
            None => {
                self.scanned = self.pending.len();
                None
            }
        }
    }

    /// The text of a record, without the whitespace around it; `None` for an empty record, and (RFC 7464,
    /// section 2.4) for a text of a sequence that may have been cut short.
    fn record(&self, raw: &Bytes, then_line_feed: bool) -> Option<Bytes> {
        let text = trimmed(raw)?;
        let cut_short = self.framing == Framing::RecordSeparated
            && !then_line_feed
            && !raw.last().copied().is_some_and(is_json_space)
            && !is_self_delimiting(&text);
        (!cut_short).then_some(text)
    }

    /// Drops what was received of the record that grew too long and refuses the rest of the body.
    fn fail(&mut self) {
        self.pending = BytesMut::new();
        self.scanned = 0;
        self.text = TextScan::default();
        self.failed = true;
    }

    /// Fails when a record of `len` bytes is longer than the limit.
    fn check(&self, len: usize) -> Result<(), TooLong> {
        if len > self.limit {
            Err(self.too_long())
        } else {
            Ok(())
        }
    }

    /// The error for this framer's limit.
    fn too_long(&self) -> TooLong {
        TooLong { limit: self.limit }
    }
}

/// How far the JSON text of a sequence's record has got, to tell whether a LF ends it: a LF inside an object
/// or array (pretty printers write them) does not, a LF after a whole text does, so a record comes out
/// without waiting for the next RS. Only brackets and strings are followed; the decoder judges the rest.
#[derive(Debug, Default, Clone, Copy)]
struct TextScan {
    /// Objects and arrays open.
    depth: usize,
    /// Inside a string.
    in_string: bool,
    /// After a backslash inside a string.
    escaped: bool,
    /// Something other than whitespace has come.
    started: bool,
    /// A bracket closed that was not open: the record ends only at the next RS.
    unbalanced: bool,
}

impl TextScan {
    /// Where in `bytes` the record ends: at a RS, or at a LF after a whole text. The scan then starts over
    /// for the next record.
    fn find_end(&mut self, bytes: &[u8]) -> Option<usize> {
        for (at, &byte) in bytes.iter().enumerate() {
            if byte == RS || (byte == b'\n' && self.is_whole()) {
                *self = Self::default();
                return Some(at);
            }
            self.advance(byte);
        }
        None
    }

    /// Whether a text has come and all it opened is closed.
    fn is_whole(&self) -> bool {
        self.started && self.depth == 0 && !self.in_string && !self.unbalanced
    }

    /// Takes one more byte of the text into account.
    fn advance(&mut self, byte: u8) {
        if self.in_string {
            self.advance_in_string(byte);
            return;
        }
        match byte {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth = self.depth.saturating_add(1),
            b'}' | b']' => match self.depth.checked_sub(1) {
                Some(depth) => self.depth = depth,
                None => self.unbalanced = true,
            },
            _ if is_json_space(byte) => return,
            _ => {}
        }
        self.started = true;
    }

    /// Takes one more byte of a string into account: only an unescaped quote ends it.
    fn advance_in_string(&mut self, byte: u8) {
        if self.escaped {
            self.escaped = false;
        } else if byte == b'\\' {
            self.escaped = true;
        } else if byte == b'"' {
            self.in_string = false;
        }
    }
}

/// Whether `byte` is whitespace around JSON tokens.
fn is_json_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// `raw` without the whitespace around it (sharing its bytes); `None` when nothing else is left.
fn trimmed(raw: &Bytes) -> Option<Bytes> {
    let start = raw.iter().position(|&byte| !is_json_space(byte))?;
    let end = raw.iter().rposition(|&byte| !is_json_space(byte))?;
    Some(raw.slice(start..=end))
}

/// Whether a text shows where it ends (an object, array or string), unlike a number or literal, which may
/// have been cut short when nothing follows it.
fn is_self_delimiting(text: &[u8]) -> bool {
    matches!(text.first(), Some(b'{' | b'[' | b'"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a body pushed in `chunks`, including the one `finish` delivers.
    fn records_of(framing: Framing, chunks: &[&[u8]]) -> Vec<Bytes> {
        let mut frames = LineFrames::new(framing, 1024);
        let mut records = Vec::new();
        for chunk in chunks {
            records.extend(frames.push(chunk).expect("within the limit"));
        }
        records.extend(frames.finish());
        records
    }

    /// Records as the tests expect them.
    fn expected(records: &[&str]) -> Vec<Bytes> {
        records
            .iter()
            .map(|record| Bytes::copy_from_slice(record.as_bytes()))
            .collect()
    }

    /// Checks that `body` gives `records` whole, split at any one or two positions, and byte by byte.
    fn assert_any_split(framing: Framing, body: &[u8], records: &[&str]) {
        let records = expected(records);
        assert_eq!(records_of(framing, &[body]), records, "whole");
        for first in 0..=body.len() {
            for second in first..=body.len() {
                let chunks = [&body[..first], &body[first..second], &body[second..]];
                assert_eq!(
                    records_of(framing, &chunks),
                    records,
                    "split at {first} and {second}"
                );
            }
        }
        let bytes: Vec<&[u8]> = body.chunks(1).collect();
        assert_eq!(records_of(framing, &bytes), records, "byte by byte");
    }

    #[test]
    fn lines_give_one_record_each() {
        assert_any_split(
            Framing::Lines,
            b"{\"a\":1}\n\r\n  [1, 2] \r\n\n\"caf\xC3\xA9\"\r\n \t\n42\ntrue",
            &["{\"a\":1}", "[1, 2]", "\"caf\u{e9}\"", "42", "true"],
        );
    }

    #[test]
    fn a_line_comes_out_as_soon_as_it_ends() {
        let mut frames = LineFrames::new(Framing::Lines, 1024);
        assert_eq!(frames.push(b"{\"a\":").unwrap(), expected(&[]));
        assert_eq!(
            frames.push(b"1}\r\n{\"b\"").unwrap(),
            expected(&["{\"a\":1}"])
        );
        assert_eq!(frames.push(b":2}\n\n").unwrap(), expected(&["{\"b\":2}"]));
        assert_eq!(frames.finish(), None);
    }

    #[test]
    fn a_last_line_without_newline_comes_from_finish() {
        let mut frames = LineFrames::new(Framing::Lines, 1024);
        assert_eq!(frames.push(b"1\n2").unwrap(), expected(&["1"]));
        assert_eq!(frames.finish(), Some(Bytes::from_static(b"2")));
        assert_eq!(frames.finish(), None);
        assert_eq!(
            records_of(Framing::Lines, &[b"1\n  \r\n "]),
            expected(&["1"])
        );
        assert_eq!(
            records_of(Framing::Lines, &[b"\"a\"\r"]),
            expected(&["\"a\""])
        );
        assert_eq!(records_of(Framing::Lines, &[]), expected(&[]));
    }

    #[test]
    fn lines_ignore_record_separators() {
        assert_eq!(
            records_of(Framing::Lines, &[b"\x1e{}\n"]),
            expected(&["\x1e{}"])
        );
    }

    #[test]
    fn a_sequence_gives_one_record_per_text() {
        assert_any_split(
            Framing::RecordSeparated,
            b"\x1e{\"a\":1}\n\x1e\x1e\n\x1e [1,\n 2\n]\n\x1e\"x\\\"}\n\"\n\x1e{\"b\":\"]\"}\x1e 7 \x1e8\n\x1e{\"c\":",
            &[
                "{\"a\":1}",
                "[1,\n 2\n]",
                "\"x\\\"}\n\"",
                "{\"b\":\"]\"}",
                "7",
                "8",
                "{\"c\":",
            ],
        );
    }

    #[test]
    fn a_text_of_a_sequence_comes_out_at_its_line_feed() {
        let mut frames = LineFrames::new(Framing::RecordSeparated, 1024);
        assert_eq!(frames.push(b"\x1e{\"a\":\n").unwrap(), expected(&[]));
        assert_eq!(
            frames.push(b"[1, {}]}\n").unwrap(),
            expected(&["{\"a\":\n[1, {}]}"])
        );
        assert_eq!(frames.push(b"\x1e12\n").unwrap(), expected(&["12"]));
        // An escaped quote does not end a string.
        assert_eq!(
            frames.push(b"\x1e{\"k\":\"\\\"]\"}\n").unwrap(),
            expected(&["{\"k\":\"\\\"]\"}"])
        );
        assert_eq!(frames.push(b"\x1e\"a\nb\"").unwrap(), expected(&[]));
        assert_eq!(frames.finish(), Some(Bytes::from_static(b"\"a\nb\"")));
    }

    #[test]
    fn a_stray_closing_bracket_waits_for_the_next_separator() {
        assert_eq!(
            records_of(Framing::RecordSeparated, &[b"\x1e]\n[\n\x1e1\n"]),
            expected(&["]\n[", "1"])
        );
    }

    #[test]
    fn a_number_that_may_be_cut_short_is_dropped() {
        assert_eq!(
            records_of(
                Framing::RecordSeparated,
                &[b"\x1e123\x1e{}\n\x1etrue\x1e4 \x1e5"]
            ),
            expected(&["{}", "4"])
        );
        assert_eq!(
            records_of(Framing::RecordSeparated, &[b"\x1e123\n\x1e[]"]),
            expected(&["123", "[]"])
        );
        // JSON Lines have no such rule: a last line without newline is whole.
        assert_eq!(
            records_of(Framing::Lines, &[b"1\n23"]),
            expected(&["1", "23"])
        );
    }

    #[test]
    fn records_share_the_received_bytes() {
        let mut frames = LineFrames::new(Framing::Lines, 1024);
        let records = frames.push(b" [1]\n[2]\n").unwrap();
        let (first, second) = (&records[0], &records[1]);
        assert_eq!(
            second.as_ptr(),
            first.as_ptr().wrapping_add(first.len() + 1)
        );
    }

    #[test]
    fn a_record_longer_than_the_limit_fails() {
        for framing in [Framing::Lines, Framing::RecordSeparated] {
            assert_eq!(
                LineFrames::new(framing, 5).push(b"[123]\n[456]\n").unwrap(),
                expected(&["[123]", "[456]"])
            );
            assert_eq!(
                LineFrames::new(framing, 4).push(b"[12]\n[345]\n"),
                Err(TooLong { limit: 4 })
            );
            let mut frames = LineFrames::new(framing, 4);
            assert_eq!(frames.push(b"[1, ").unwrap(), expected(&[]));
            assert_eq!(frames.push(b"2"), Err(TooLong { limit: 4 }));
        }
    }

    #[test]
    fn after_failing_the_body_is_refused_until_finish() {
        let mut frames = LineFrames::new(Framing::Lines, 4);
        assert!(frames.push(b"[1, 2]\n").is_err());
        assert_eq!(frames.push(b"1\n"), Err(TooLong { limit: 4 }));
        assert_eq!(frames.finish(), None);
        assert_eq!(frames.push(b"1\n").unwrap(), expected(&["1"]));
    }
}
