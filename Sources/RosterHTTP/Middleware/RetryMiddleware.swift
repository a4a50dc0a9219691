import Foundation
import RosterCore

/// When and how long to retry. Defaults: 4 attempts, exponential backoff from 0.5 s with full
/// jitter, no single wait over 30 s, no more than 60 s of waiting in all, on 429/502/503/504 and on
/// transport failures (`unavailable`: refused connections, timeouts of requests that may be repeated).
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The backoff before the second attempt (doubled each time, then jittered).
    public var baseDelay: Double
    /// The longest single wait; a `Retry-After` longer than this ends the retries.
    public var maxDelay: Double
    /// The most waiting in all for one request.
    public var maxTotalDelay: Double
    /// Statuses worth retrying.
    public var retryStatuses: Set<Int>
    /// When true, retries POST and PATCH answered with a retry status too (only for vendors where
    /// repeating them is harmless). It never repeats a POST or PATCH that got no answer after it may
    /// have been sent: that is `outcomeUnknown`, whatever the policy.
    public var retryNonIdempotent: Bool

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 30, maxTotalDelay: Double = 60,
        retryStatuses: Set<Int> = [429, 502, 503, 504], retryNonIdempotent: Bool = false
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
        self.retryStatuses = retryStatuses
        self.retryNonIdempotent = retryNonIdempotent
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxAttempts: 1)
}

/// Retries throttled, failed and timed-out requests per `RetryPolicy`. A `Retry-After` header (in
/// seconds or as an HTTP-date) is honoured before any backoff; without one it waits a random time
/// between 0 and the exponential backoff ("full jitter"). When retries run out the last response is
/// returned (or the last error thrown) for the adapter to map.
///
/// What may be repeated:
/// - a request answered with a retry status: a retryable one (`isRetryable`: idempotent methods, or
///   writes the adapter declared idempotent by definition), or any when the policy opts in;
/// - a request that failed before it was sent (`delivery == .notSent`: refused connection, unknown
///   host): any request, since the vendor never saw it;
/// - a request that may have been sent but got no answer (timeout, connection lost): only a
///   retryable one. A write that is not is `outcomeUnknown` at once and is never repeated.
///
/// Within `UnansweredWrites.$settledByCaller` no unanswered write is repeated, idempotent or not: the
/// caller reads the record before deciding.
///
/// A write of which any attempt may have reached the vendor without an answer ends in
/// `outcomeUnknown` when the retries run out without a success, whatever the last attempt got: that
/// earlier attempt may have been applied.
public struct RetryMiddleware: HTTPMiddleware {
    /// The policy.
    public let policy: RetryPolicy
    /// The clock waits happen on.
    public let clock: any RosterClock
    /// Picks the wait for a backoff ceiling; defaults to uniform in 0...ceiling (full jitter).
    public let jitter: @Sendable (Double) -> Double

    /// Creates the middleware.
    public init(
        policy: RetryPolicy = .init(), clock: any RosterClock = SystemClock(),
        jitter: @escaping @Sendable (Double) -> Double = { Double.random(in: 0...max(0, $0)) }
    ) {
        self.policy = policy
        self.clock = clock
        self.jitter = jitter
    }

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let mayRetry = request.isRetryable || policy.retryNonIdempotent
        var attempt = 1
        var waited = 0.0
        var unanswered: RosterError?  // the last attempt of this write that may have been applied unseen
        while true {
            let outcome: Result<HTTPResponse, RosterError>
            do {
                outcome = .success(try await next(request))
            } catch let error as RosterError where error.code == .unavailable || error.code == .outcomeUnknown {
                outcome = .failure(UnansweredRequest.settle(error, for: request))
            }
            var retryAfter: Double?
            let repeatable: Bool
            switch outcome {
            case .success(let response):
                guard policy.retryStatuses.contains(response.status) else { return response }
                retryAfter = response.headers["Retry-After"].flatMap { RetryAfter.seconds(from: $0, now: clock.now()) }
                repeatable = mayRetry
            case .failure(let error):
                if error.code == .outcomeUnknown { unanswered = error }
                // Within a scope that settles unanswered writes by reading, none is repeated here.
                let settledByCaller = UnansweredWrites.settledByCaller && error.code == .outcomeUnknown
                repeatable = (request.isRetryable && !settledByCaller) || error.delivery == .notSent
            }
            let backoff = policy.baseDelay * pow(2, Double(attempt - 1))
            let delay = retryAfter ?? jitter(min(policy.maxDelay, backoff))
            let giveUp =
                !repeatable || attempt >= policy.maxAttempts || delay > policy.maxDelay
                || waited + delay > policy.maxTotalDelay
            if giveUp {
                guard var unanswered else { return try outcome.get() }
                if attempt > 1 { unanswered.message += " (\(attempt) attempts, the last \(Self.summary(outcome)))" }
                throw unanswered
            }
            ListingCounters.current?.recordRetry()
            try await clock.sleep(seconds: delay)
            waited += delay
            attempt += 1
        }
    }

    /// How an attempt ended, in a few words.
    private static func summary(_ outcome: Result<HTTPResponse, RosterError>) -> String {
        switch outcome {
        case .success(let response): "answered HTTP \(response.status)"
        case .failure(let error) where error.code == .outcomeUnknown: "unanswered too"
        case .failure(let error): "failed: \(error.message)"
        }
    }
}
