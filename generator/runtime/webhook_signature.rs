#![only_if(webhook_signature)]
//! Verifying that an incoming webhook was sent by the API. A webhook endpoint is a public URL: anyone who finds it
//! can post to it, so a service must check the signature the API puts on each delivery before trusting it. The
//! check runs on the raw bytes of the body as received, before any parsing (parsing and serialising again rarely
//! gives the same bytes back), compares in constant time (so response timing reveals nothing of the expected
//! signature), and rejects deliveries whose signed timestamp is too old or too far ahead, so a captured delivery
//! cannot be replayed later. The signature is an HMAC-SHA256 keyed with the webhook's signing secret; how each API
//! lays out what it signs and where it puts the signature is described by a [`Scheme`].

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use sha2::Sha256;

/// The HMAC webhooks are signed with.
type HmacSha256 = Hmac<Sha256>;

/// The length of an HMAC-SHA256 signature, in bytes.
const SIGNATURE_LEN: usize = 32;

/// How an API signs its webhooks (from the spec's `x-webhook-signature`).
pub(crate) struct Scheme {
    /// The header holding the signature(s), e.g. "X-Crisp-Signature", "X-Hub-Signature-256", "webhook-signature".
    pub(crate) signature_header: &'static str,
    /// What is signed: literal text and placeholders, in order.
    pub(crate) signed: &'static [Piece],
    /// The header holding the timestamp that is signed and checked for age, if any.
    pub(crate) timestamp_header: Option<&'static str>,
    /// Unit of that timestamp.
    pub(crate) timestamp_unit: TimestampUnit,
    /// How each signature is written in the header.
    pub(crate) encoding: Encoding,
    /// Text before each signature in the header ("sha256=", "v1,"), empty for none.
    pub(crate) prefix: &'static str,
    /// Whether the header may hold several space-separated signatures (Standard Webhooks), any of which may match.
    pub(crate) several: bool,
    /// How the secret is turned into the HMAC key.
    pub(crate) key: KeyForm,
}

/// A part of what is signed. (Which parts occur depends on the API.)
#[allow(dead_code)]
pub(crate) enum Piece {
    /// Literal text.
    Text(&'static str),
    /// The body, as received.
    Body,
    /// The timestamp header's value, as received (only in schemes that have a timestamp header).
    Timestamp,
    /// The value of this header, as received.
    Header(&'static str),
}

/// The unit of a signed timestamp: since the Unix epoch. (Which occurs depends on the API.)
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimestampUnit {
    Seconds,
    Milliseconds,
}

/// How a signature is written in its header. (Which occurs depends on the API.)
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Hexadecimal digits, in either case.
    Hex,
    /// Standard base64, with padding.
    Base64,
}

/// How the signing secret is turned into the HMAC key. (Which occurs depends on the API.)
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyForm {
    /// The secret's bytes, as given.
    Raw,
    /// Standard base64 of the key, after this prefix if the secret has it (Standard Webhooks: "whsec_").
    Base64WithPrefix(&'static str),
}

/// A webhook's signing secret, as the API shows it when the webhook is set up. It is never printed: its `Debug`
/// shows `Secret(..)`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The signing secret, as the API gives it (keep it out of source code: read it from the environment or a
    /// secret store).
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// Checks the signatures of incoming webhooks with one signing secret.
///
/// When the API signs a timestamp, a delivery is accepted only if that timestamp is within the tolerance of
/// this machine's clock, in either direction: 5 minutes unless set with [`tolerance`](Self::tolerance).
#[derive(Debug, Clone)]
pub struct Verifier {
    secret: Secret,
    tolerance: Option<Duration>,
}

impl Verifier {
    /// The largest difference between a signed timestamp and this machine's clock accepted by default.
    pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

    /// Checks signatures made with `secret`, with the default tolerance for timestamps.
    pub fn new(secret: Secret) -> Self {
        Self {
            secret,
            tolerance: Some(Self::DEFAULT_TOLERANCE),
        }
    }

    /// Accepts signed timestamps up to `tolerance` away from this machine's clock, in either direction.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// Accepts signed timestamps of any age. The timestamp is still part of what is signed, but a captured
    /// delivery can then be replayed at any time: only for tests, or when the service rejects repeated deliveries
    /// itself (by the delivery's id).
    pub fn no_timestamp_check(mut self) -> Self {
        self.tolerance = None;
        self
    }
}

/// Why a webhook was rejected. Whatever the reason, the delivery must not be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// A header the signature needs is missing.
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A header is not in the form the API sends: not text, a signature that does not decode or lacks its
    /// prefix, a timestamp that is not an integer.
    MalformedHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The signature is genuine but its timestamp is further from this machine's clock than the tolerance (in
    /// the past, or in the future): a replayed delivery, or a clock that is off.
    StaleTimestamp {
        /// How far the timestamp is from this machine's clock, in either direction.
        age: Duration,
        /// The largest difference accepted.
        tolerance: Duration,
    },
    /// No signature in the header matches the body and the secret.
    Mismatch,
    /// The signing secret is empty, or not in the form the API gives (Standard Webhooks: `whsec_` followed by
    /// base64).
    InvalidSecret,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader { name } => write!(
                f,
                "the webhook has no `{name}` header: check that it comes from the API and \
                 that no proxy drops the header"
            ),
            Self::MalformedHeader { name } => write!(
                f,
                "the webhook's `{name}` header is not in the form the API sends: \
                 check that no proxy rewrites it"
            ),
            Self::StaleTimestamp { age, tolerance } => write!(
                f,
                "the webhook's signed timestamp is {age:?} away from this machine's clock, \
                 more than the {tolerance:?} tolerated: a replayed delivery, \
                 or this machine's clock is off"
            ),
            Self::Mismatch => f.write_str(
                "no signature of the webhook matches: check the signing secret, and that the body \
                 is verified exactly as received, before any parsing or decoding",
            ),
            Self::InvalidSecret => f.write_str(
                "the webhook signing secret is empty or not in the form the API gives: \
                 check the configured secret",
            ),
        }
    }
}

impl std::error::Error for SignatureError {}

/// Checks that a webhook (its `headers` and raw `body`) was signed as `scheme` says with the verifier's secret,
/// and, if the scheme signs a timestamp, that it is within the verifier's tolerance of `now`.
///
/// The signature is checked before the timestamp's age, so [`SignatureError::StaleTimestamp`] is only ever said of
/// genuine deliveries.
pub(crate) fn verify(
    scheme: &Scheme,
    verifier: &Verifier,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Result<(), SignatureError> {
    let key = key(scheme.key, &verifier.secret)?;
    let signatures = signatures(scheme, headers)?;
    let timestamp = match scheme.timestamp_header {
        Some(name) => Some(timestamp(name, scheme.timestamp_unit, headers)?),
        None => None,
    };
    let mut mac = HmacSha256::new_from_slice(&key).map_err(|_| SignatureError::InvalidSecret)?;
    for piece in scheme.signed {
        match *piece {
            Piece::Text(text) => mac.update(text.as_bytes()),
            Piece::Body => mac.update(body),
            Piece::Timestamp => mac.update(timestamp.as_ref().map_or(&[][..], |t| t.text)),
            Piece::Header(name) => mac.update(
                headers
                    .get(name)
                    .ok_or(SignatureError::MissingHeader { name })?
                    .as_bytes(),
            ),
        }
    }
    // `verify_slice` compares in constant time.
    if !signatures
        .iter()
        .any(|signature| mac.clone().verify_slice(signature).is_ok())
    {
        return Err(SignatureError::Mismatch);
    }
    if let (Some(timestamp), Some(tolerance)) = (timestamp, verifier.tolerance) {
        let age = match now.duration_since(timestamp.sent) {
            Ok(past) => past,
            Err(ahead) => ahead.duration(),
        };
        if age > tolerance {
            return Err(SignatureError::StaleTimestamp { age, tolerance });
        }
    }
    Ok(())
}

/// [`verify`] against this machine's clock.
pub(crate) fn verify_now(
    scheme: &Scheme,
    verifier: &Verifier,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), SignatureError> {
    verify(scheme, verifier, headers, body, SystemTime::now())
}

/// The HMAC key that `secret` stands for.
fn key(form: KeyForm, secret: &Secret) -> Result<Cow<'_, [u8]>, SignatureError> {
    let key = match form {
        KeyForm::Raw => Cow::Borrowed(secret.0.as_bytes()),
        KeyForm::Base64WithPrefix(prefix) => {
            let encoded = secret.0.strip_prefix(prefix).unwrap_or(&secret.0);
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|_| SignatureError::InvalidSecret)?;
            Cow::Owned(decoded)
        }
    };
    if key.is_empty() {
        return Err(SignatureError::InvalidSecret);
    }
    Ok(key)
}

/// The signatures the signature header holds, decoded. Entries without the scheme's prefix or that do not decode
/// are skipped (Standard Webhooks lets other kinds of signatures stand beside), but at least one must be usable.
fn signatures(scheme: &Scheme, headers: &HeaderMap) -> Result<Vec<Vec<u8>>, SignatureError> {
    let name = scheme.signature_header;
    let malformed = SignatureError::MalformedHeader { name };
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Err(SignatureError::MissingHeader { name });
    }
    let mut signatures = Vec::new();
    for value in values {
        let value = value.to_str().map_err(|_| malformed.clone())?.trim();
        let entries: Box<dyn Iterator<Item = &str>> = if scheme.several {
            Box::new(value.split_ascii_whitespace())
        } else {
            Box::new(std::iter::once(value))
        };
        signatures.extend(
            entries
                .filter_map(|entry| entry.strip_prefix(scheme.prefix))
                .filter_map(|encoded| decode(scheme.encoding, encoded))
                .filter(|signature| signature.len() == SIGNATURE_LEN),
        );
    }
    if signatures.is_empty() {
        return Err(malformed);
    }
    Ok(signatures)
}

/// A signed timestamp: its text as received and the time it stands for.
struct Timestamp<'a> {
    text: &'a [u8],
    sent: SystemTime,
}

/// The timestamp in header `name`.
fn timestamp<'a>(
    name: &'static str,
    unit: TimestampUnit,
    headers: &'a HeaderMap,
) -> Result<Timestamp<'a>, SignatureError> {
    let value = headers
        .get(name)
        .ok_or(SignatureError::MissingHeader { name })?;
    let malformed = || SignatureError::MalformedHeader { name };
    let count: u64 = value
        .to_str()
        .map_err(|_| malformed())?
        .trim()
        .parse()
        .map_err(|_| malformed())?;
    let since_epoch = match unit {
        TimestampUnit::Seconds => Duration::from_secs(count),
        TimestampUnit::Milliseconds => Duration::from_millis(count),
    };
    let sent = UNIX_EPOCH.checked_add(since_epoch).ok_or_else(malformed)?;
    Ok(Timestamp {
        text: value.as_bytes(),
        sent,
    })
}

/// `encoded` as bytes, or `None` if it is not valid in `encoding`.
fn decode(encoding: Encoding, encoded: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Hex => decode_hex(encoded),
        Encoding::Base64 => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok(),
    }
}

/// Hexadecimal digits (either case) as bytes, or `None` if `text` is not an even number of them.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    fn digit(byte: u8) -> Option<u8> {
        char::from(byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let pairs = text.as_bytes().chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return None;
    }
    pairs
        .map(|pair| Some((digit(pair[0])? << 4) | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use reqwest::header::{HeaderName, HeaderValue};

    /// Crisp's plugin hooks: lowercase hex of the HMAC of `[timestamp;body]`, the timestamp in milliseconds.
    const CRISP: Scheme = Scheme {
        signature_header: "X-Crisp-Signature",
        signed: &[
            Piece::Text("["),
            Piece::Timestamp,
            Piece::Text(";"),
            Piece::Body,
            Piece::Text("]"),
        ],
        timestamp_header: Some("X-Crisp-Request-Timestamp"),
        timestamp_unit: TimestampUnit::Milliseconds,
        encoding: Encoding::Hex,
        prefix: "",
        several: false,
        key: KeyForm::Raw,
    };

    /// GitHub: `sha256=` and the hex of the HMAC of the body, no timestamp.
    const GITHUB: Scheme = Scheme {
        signature_header: "X-Hub-Signature-256",
        signed: &[Piece::Body],
        timestamp_header: None,
        timestamp_unit: TimestampUnit::Seconds,
        encoding: Encoding::Hex,
        prefix: "sha256=",
        several: false,
        key: KeyForm::Raw,
    };

    /// Standard Webhooks: `v1,` and the base64 of the HMAC of `id.timestamp.body`, several signatures allowed, the
    /// key base64 in a `whsec_` secret.
    const STANDARD: Scheme = Scheme {
        signature_header: "webhook-signature",
        signed: &[
            Piece::Header("webhook-id"),
            Piece::Text("."),
            Piece::Timestamp,
            Piece::Text("."),
            Piece::Body,
        ],
        timestamp_header: Some("webhook-timestamp"),
        timestamp_unit: TimestampUnit::Seconds,
        encoding: Encoding::Base64,
        prefix: "v1,",
        several: true,
        key: KeyForm::Base64WithPrefix("whsec_"),
    };

    // Every expected signature below was computed with Python's `hmac`, `hashlib` and `base64` modules, not with
    // the code under test.

    const CRISP_SECRET: &str = "crisp-plugin-signing-secret";
    const CRISP_TIMESTAMP: &str = "1700000000123";
    const CRISP_BODY: &[u8] = br#"{"website_id":"42286ab3-b29a-4fde-8538-da0ae501d825","event":"message:send","data":{"content":"Hey :)"},"timestamp":1700000000123}"#;
    /// `hmac.new(CRISP_SECRET, b"[" + CRISP_TIMESTAMP + b";" + CRISP_BODY + b"]", hashlib.sha256).hexdigest()`
    const CRISP_SIGNATURE: &str =
        "aab5a7f5874ce31675fbf9f0b4c19306d6583e52c9f3631add41e08693c2752c";

    /// GitHub's documented example, checked with Python's `hmac` module.
    const GITHUB_SECRET: &str = "It's a Secret to Everybody";
    const GITHUB_BODY: &[u8] = b"Hello, World!";
    /// `"sha256=" + hmac.new(GITHUB_SECRET, GITHUB_BODY, hashlib.sha256).hexdigest()`
    const GITHUB_SIGNATURE: &str =
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    /// The Standard Webhooks specification's example, checked with Python's `hmac` and `base64` modules.
    const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const STANDARD_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const STANDARD_TIMESTAMP: &str = "1614265330";
    const STANDARD_BODY: &[u8] = br#"{"test": 2432232314}"#;
    /// `"v1," + base64.b64encode(hmac.new(key, id + b"." + timestamp + b"." + body, hashlib.sha256).digest())`
    /// with `key = base64.b64decode(STANDARD_SECRET[6:])`.
    const STANDARD_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    /// The same message signed with the key `b"another key"`: a signature that does not match.
    const STANDARD_OTHER_SIGNATURE: &str = "v1,G2/woLBsuE7rIeF5usOWE4VvDmlZhvdJxf+IK3804nE=";

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        headers
    }

    fn at_millis(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(millis)
    }

    fn crisp_headers(signature: &str, timestamp: &str) -> HeaderMap {
        headers(&[
            ("X-Crisp-Signature", signature),
            ("X-Crisp-Request-Timestamp", timestamp),
        ])
    }

    fn standard_headers(signature: &str, timestamp: &str) -> HeaderMap {
        headers(&[
            ("webhook-id", STANDARD_ID),
            ("webhook-timestamp", timestamp),
            ("webhook-signature", signature),
        ])
    }

    fn changed_byte(body: &[u8]) -> Vec<u8> {
        let mut changed = body.to_vec();
        changed[body.len() / 2] ^= 0x01;
        changed
    }

    #[test]
    fn crisp_signatures_are_checked() {
        let verifier = Verifier::new(Secret::new(CRISP_SECRET));
        let now = at_millis(1_700_000_000_123 + 30_000);
        let valid = crisp_headers(CRISP_SIGNATURE, CRISP_TIMESTAMP);
        assert_eq!(verify(&CRISP, &verifier, &valid, CRISP_BODY, now), Ok(()));
        let upper = crisp_headers(&CRISP_SIGNATURE.to_uppercase(), CRISP_TIMESTAMP);
        assert_eq!(verify(&CRISP, &verifier, &upper, CRISP_BODY, now), Ok(()));

        let changed = changed_byte(CRISP_BODY);
        assert!(matches!(
            verify(&CRISP, &verifier, &valid, &changed, now),
            Err(SignatureError::Mismatch)
        ));
        let wrong_secret = Verifier::new(Secret::new("another secret"));
        assert!(matches!(
            verify(&CRISP, &wrong_secret, &valid, CRISP_BODY, now),
            Err(SignatureError::Mismatch)
        ));
        let other_timestamp = crisp_headers(CRISP_SIGNATURE, "1700000000124");
        assert!(
            matches!(
                verify(&CRISP, &verifier, &other_timestamp, CRISP_BODY, now),
                Err(SignatureError::Mismatch)
            ),
            "the timestamp is signed"
        );

        let later = at_millis(1_700_000_000_123 + 5 * 60_000 + 1);
        assert!(matches!(
            verify(&CRISP, &verifier, &valid, CRISP_BODY, later),
            Err(SignatureError::StaleTimestamp { age, tolerance })
                if age == Duration::from_millis(5 * 60_000 + 1) && tolerance == Verifier::DEFAULT_TOLERANCE
        ));
        let earlier = at_millis(1_700_000_000_123 - 5 * 60_000 - 1);
        assert!(
            matches!(
                verify(&CRISP, &verifier, &valid, CRISP_BODY, earlier),
                Err(SignatureError::StaleTimestamp { .. })
            ),
            "a timestamp too far in the future is rejected too"
        );
        assert_eq!(
            verify(
                &CRISP,
                &verifier.clone().no_timestamp_check(),
                &valid,
                CRISP_BODY,
                later
            ),
            Ok(())
        );
        assert_eq!(
            verify(
                &CRISP,
                &verifier.clone().tolerance(Duration::from_secs(600)),
                &valid,
                CRISP_BODY,
                later
            ),
            Ok(())
        );

        let no_signature = headers(&[("X-Crisp-Request-Timestamp", CRISP_TIMESTAMP)]);
        assert!(matches!(
            verify(&CRISP, &verifier, &no_signature, CRISP_BODY, now),
            Err(SignatureError::MissingHeader {
                name: "X-Crisp-Signature"
            })
        ));
        let no_timestamp = headers(&[("X-Crisp-Signature", CRISP_SIGNATURE)]);
        assert!(matches!(
            verify(&CRISP, &verifier, &no_timestamp, CRISP_BODY, now),
            Err(SignatureError::MissingHeader {
                name: "X-Crisp-Request-Timestamp"
            })
        ));
        let not_hex = crisp_headers(&CRISP_SIGNATURE.replace('a', "g"), CRISP_TIMESTAMP);
        assert!(matches!(
            verify(&CRISP, &verifier, &not_hex, CRISP_BODY, now),
            Err(SignatureError::MalformedHeader {
                name: "X-Crisp-Signature"
            })
        ));
        let not_a_number = crisp_headers(CRISP_SIGNATURE, "2023-11-14T22:13:20Z");
        assert!(matches!(
            verify(&CRISP, &verifier, &not_a_number, CRISP_BODY, now),
            Err(SignatureError::MalformedHeader {
                name: "X-Crisp-Request-Timestamp"
            })
        ));
        let empty_secret = Verifier::new(Secret::new(""));
        assert!(matches!(
            verify(&CRISP, &empty_secret, &valid, CRISP_BODY, now),
            Err(SignatureError::InvalidSecret)
        ));
    }

    #[test]
    fn github_signatures_are_checked() {
        let verifier = Verifier::new(Secret::new(GITHUB_SECRET));
        let now = UNIX_EPOCH;
        let valid = headers(&[("X-Hub-Signature-256", GITHUB_SIGNATURE)]);
        assert_eq!(
            verify(&GITHUB, &verifier, &valid, GITHUB_BODY, now),
            Ok(()),
            "without a timestamp, any time will do"
        );

        let changed = changed_byte(GITHUB_BODY);
        assert!(matches!(
            verify(&GITHUB, &verifier, &valid, &changed, now),
            Err(SignatureError::Mismatch)
        ));
        let wrong_secret = Verifier::new(Secret::new("It's a Secret to Everybody!"));
        assert!(matches!(
            verify(&GITHUB, &wrong_secret, &valid, GITHUB_BODY, now),
            Err(SignatureError::Mismatch)
        ));
        assert!(matches!(
            verify(&GITHUB, &verifier, &HeaderMap::new(), GITHUB_BODY, now),
            Err(SignatureError::MissingHeader {
                name: "X-Hub-Signature-256"
            })
        ));
        let without_prefix = headers(&[(
            "X-Hub-Signature-256",
            GITHUB_SIGNATURE.trim_start_matches("sha256="),
        )]);
        assert!(matches!(
            verify(&GITHUB, &verifier, &without_prefix, GITHUB_BODY, now),
            Err(SignatureError::MalformedHeader {
                name: "X-Hub-Signature-256"
            })
        ));
        let cut_short = headers(&[("X-Hub-Signature-256", &GITHUB_SIGNATURE[..69])]);
        assert!(matches!(
            verify(&GITHUB, &verifier, &cut_short, GITHUB_BODY, now),
            Err(SignatureError::MalformedHeader { .. })
        ));
        let mut not_text = HeaderMap::new();
        not_text.insert(
            "X-Hub-Signature-256",
            HeaderValue::from_bytes(b"sha256=\xff").expect("a header value"),
        );
        assert!(matches!(
            verify(&GITHUB, &verifier, &not_text, GITHUB_BODY, now),
            Err(SignatureError::MalformedHeader { .. })
        ));
    }

    #[test]
    fn standard_webhooks_signatures_are_checked() {
        let verifier = Verifier::new(Secret::new(STANDARD_SECRET));
        let now = at_millis(1_614_265_330_000 + 10_000);
        let valid = standard_headers(STANDARD_SIGNATURE, STANDARD_TIMESTAMP);
        assert_eq!(
            verify(&STANDARD, &verifier, &valid, STANDARD_BODY, now),
            Ok(())
        );
        let among_others = standard_headers(
            &format!("v1a,c2lnbmVk {STANDARD_OTHER_SIGNATURE} {STANDARD_SIGNATURE}"),
            STANDARD_TIMESTAMP,
        );
        assert_eq!(
            verify(&STANDARD, &verifier, &among_others, STANDARD_BODY, now),
            Ok(()),
            "any of several signatures may match; other kinds are skipped"
        );
        let bare_key = Verifier::new(Secret::new(STANDARD_SECRET.trim_start_matches("whsec_")));
        assert_eq!(
            verify(&STANDARD, &bare_key, &valid, STANDARD_BODY, now),
            Ok(()),
            "the `whsec_` prefix is optional"
        );

        let changed = changed_byte(STANDARD_BODY);
        assert!(matches!(
            verify(&STANDARD, &verifier, &valid, &changed, now),
            Err(SignatureError::Mismatch)
        ));
        let only_other = standard_headers(STANDARD_OTHER_SIGNATURE, STANDARD_TIMESTAMP);
        assert!(matches!(
            verify(&STANDARD, &verifier, &only_other, STANDARD_BODY, now),
            Err(SignatureError::Mismatch)
        ));
        let wrong_secret = Verifier::new(Secret::new("whsec_QW5vdGhlciBrZXkgYWx0b2dldGhlcg=="));
        assert!(matches!(
            verify(&STANDARD, &wrong_secret, &valid, STANDARD_BODY, now),
            Err(SignatureError::Mismatch)
        ));
        let other_id = headers(&[
            ("webhook-id", "msg_another"),
            ("webhook-timestamp", STANDARD_TIMESTAMP),
            ("webhook-signature", STANDARD_SIGNATURE),
        ]);
        assert!(
            matches!(
                verify(&STANDARD, &verifier, &other_id, STANDARD_BODY, now),
                Err(SignatureError::Mismatch)
            ),
            "the id is signed"
        );

        let a_day_later = at_millis(1_614_265_330_000 + 86_400_000);
        assert!(matches!(
            verify(&STANDARD, &verifier, &valid, STANDARD_BODY, a_day_later),
            Err(SignatureError::StaleTimestamp { age, .. }) if age == Duration::from_secs(86_400)
        ));

        let no_id = headers(&[
            ("webhook-timestamp", STANDARD_TIMESTAMP),
            ("webhook-signature", STANDARD_SIGNATURE),
        ]);
        assert!(matches!(
            verify(&STANDARD, &verifier, &no_id, STANDARD_BODY, now),
            Err(SignatureError::MissingHeader { name: "webhook-id" })
        ));
        let not_base64 = standard_headers("v1,not*base64", STANDARD_TIMESTAMP);
        assert!(matches!(
            verify(&STANDARD, &verifier, &not_base64, STANDARD_BODY, now),
            Err(SignatureError::MalformedHeader {
                name: "webhook-signature"
            })
        ));
        let only_other_kinds = standard_headers("v1a,c2lnbmVk", STANDARD_TIMESTAMP);
        assert!(matches!(
            verify(&STANDARD, &verifier, &only_other_kinds, STANDARD_BODY, now),
            Err(SignatureError::MalformedHeader { .. })
        ));
        let secret_not_base64 = Verifier::new(Secret::new("whsec_not*base64"));
        assert!(matches!(
            verify(&STANDARD, &secret_not_base64, &valid, STANDARD_BODY, now),
            Err(SignatureError::InvalidSecret)
        ));
    }

    #[test]
    fn the_secret_is_never_printed() {
        let verifier = Verifier::new(Secret::new(CRISP_SECRET)).tolerance(Duration::from_secs(60));
        let printed = format!("{verifier:?}");
        assert!(!printed.contains(CRISP_SECRET), "{printed}");
        assert!(printed.contains("Secret(..)"), "{printed}");
        assert_eq!(format!("{:?}", Secret::new(CRISP_SECRET)), "Secret(..)");
    }

    #[test]
    fn messages_never_show_signatures() {
        let verifier = Verifier::new(Secret::new(CRISP_SECRET));
        let now = at_millis(1_700_000_000_123);
        let valid = crisp_headers(CRISP_SIGNATURE, CRISP_TIMESTAMP);
        let error = verify(&CRISP, &verifier, &valid, b"{}", now).expect_err("a changed body");
        let message = error.to_string();
        assert!(!message.contains(CRISP_SIGNATURE), "{message}");
        assert!(!message.contains(CRISP_SECRET), "{message}");
        assert!(message.contains("signing secret"), "{message}");
    }

    #[test]
    fn hex_decodes_in_either_case() {
        assert_eq!(decode_hex("00ff7A"), Some(vec![0x00, 0xff, 0x7a]));
        assert_eq!(decode_hex(""), Some(vec![]));
        assert_eq!(decode_hex("abc"), None);
        assert_eq!(decode_hex("+1"), None);
        assert_eq!(decode_hex("zz"), None);
    }
}
