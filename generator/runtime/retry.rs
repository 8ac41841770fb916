//! Retries: which failures are worth another attempt, and how long to wait before it.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When and how often a failed request is sent again.
///
/// Retried: connection failures, timeouts, and the statuses 408, 420 (a rate limit some APIs use), 429, 500, 502, 503
/// and 504. Requests that are not idempotent (POST, PATCH) are retried only when they provably did not reach
/// the server (the connection could not be made) or the server asked for another attempt (429, 420 or 503 with
/// `Retry-After`), so a retry cannot apply them twice. Delays grow exponentially from the base delay with full
/// jitter (a random delay between zero and the exponential bound), capped at the maximum delay; a `Retry-After`
/// from the server (seconds or an HTTP date) replaces the computed delay and is capped the same way. The body is
/// sent again intact on every attempt; multipart bodies are streamed and sent once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, 250 ms base delay, 30 s maximum delay.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// At most `max_attempts` attempts in all (at least one), waiting between `base_delay` and `max_delay`.
    pub fn new(max_attempts: u32, base_delay: Duration, max_delay: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            base_delay,
            max_delay: max_delay.max(base_delay),
        }
    }

    /// One attempt, never retried.
    pub fn none() -> Self {
        Self::new(1, Duration::ZERO, Duration::ZERO)
    }

    /// How many attempts a request gets in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// How long to wait before the attempt after `attempt` (1-based), when the answer was `status`.
    pub(crate) fn delay_after_status(
        &self,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !is_retryable_status(status.as_u16()) {
            return None;
        }
        let asked = retry_after(headers, SystemTime::now());
        let server_asked_again = asked.is_some() && matches!(status.as_u16(), 420 | 429 | 503);
        if !is_idempotent(method) && !server_asked_again {
            return None;
        }
        Some(match asked {
            Some(delay) => delay.min(self.max_delay),
            None => self.backoff(attempt),
        })
    }

    /// How long to wait before the attempt after `attempt`, when sending failed with `error`.
    pub(crate) fn delay_after_failure(
        &self,
        method: &Method,
        error: &reqwest::Error,
        attempt: u32,
    ) -> Option<Duration> {
        let never_reached_server = error.is_connect();
        let retryable = never_reached_server || error.is_timeout() || error.is_request();
        if attempt >= self.max_attempts || !retryable {
            return None;
        }
        (never_reached_server || is_idempotent(method)).then(|| self.backoff(attempt))
    }

    #[only_if(event_streams)]
    /// How long to wait before resuming an event stream of `method` that dropped `drops` times in a row: the
    /// reconnection time the server `asked` for, or the backoff, capped at the maximum delay. `None` when the
    /// method may not be repeated (a POST stream is not resumed, as it is not retried) or the drops have
    /// spent the attempts.
    pub(crate) fn delay_before_resuming(
        &self,
        method: &Method,
        asked: Option<Duration>,
        drops: u32,
    ) -> Option<Duration> {
        if drops >= self.max_attempts || !is_idempotent(method) {
            return None;
        }
        Some(asked.map_or_else(|| self.backoff(drops), |asked| asked.min(self.max_delay)))
    }

    /// Full jitter: a random delay up to `base_delay * 2^(attempt - 1)`, capped at `max_delay`.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        let bound = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let millis = u64::try_from(bound.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    }
}

/// Whether a status says that the same request may succeed later.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 420 | 429 | 500 | 502 | 503 | 504)
}

/// Methods whose repetition has the same effect as one request (QUERY is the safe method with a body).
fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    ) || method.as_str() == "QUERY"
}

/// The wait a `Retry-After` header asks for: delay seconds or an HTTP date (relative to `now`).
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = retry_after.parse() {
            headers.insert(RETRY_AFTER, value);
        }
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:30 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:27:00 GMT"), now),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
    }

    #[test]
    fn backoff_grows_and_stays_under_the_cap() {
        let policy = RetryPolicy::new(10, Duration::from_millis(100), Duration::from_millis(500));
        for attempt in 1..10 {
            let bound = Duration::from_millis(100 * 2u64.pow(attempt - 1)).min(Duration::from_millis(500));
            assert!(policy.backoff(attempt) <= bound);
        }
    }

    #[test]
    fn posts_are_retried_only_when_the_server_asks() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let later = headers("2");
        let status = |code| StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
        assert!(policy.delay_after_status(&Method::GET, status(500), &none, 1).is_some());
        assert!(policy.delay_after_status(&Method::POST, status(500), &none, 1).is_none());
        assert!(policy.delay_after_status(&Method::POST, status(429), &none, 1).is_none());
        assert_eq!(
            policy.delay_after_status(&Method::POST, status(429), &later, 1),
            Some(Duration::from_secs(2))
        );
        assert!(policy.delay_after_status(&Method::GET, status(404), &none, 1).is_none());
        assert!(
            policy.delay_after_status(&Method::GET, status(503), &none, 3).is_none(),
            "the third attempt was the last"
        );
        assert_eq!(
            RetryPolicy::new(3, Duration::ZERO, Duration::from_secs(1))
                .delay_after_status(&Method::GET, status(429), &headers("120"), 1),
            Some(Duration::from_secs(1)),
            "Retry-After is capped by the maximum delay"
        );
    }
}
