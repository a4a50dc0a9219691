public import RosterCore

/// Faults a simulator injects, the same vocabulary for every vendor simulator and the in-memory
/// provider. Request numbers count every request the simulator receives, from 1. Deterministic: the
/// same plan and the same requests give the same faults.
public struct FaultPlan: Hashable, Sendable, Codable {
    /// How a 429 states its `Retry-After`.
    public enum RetryAfterForm: Hashable, Sendable, Codable {
        /// `Retry-After: <seconds>`.
        case seconds(Int)
        /// `Retry-After: <IMF-fixdate>`, this many seconds after the simulator's clock.
        case httpDate(secondsAhead: Int)
        /// No `Retry-After` header.
        case none
    }

    /// Request numbers answered 429 with `retryAfter`.
    public var throttled: Set<Int> = []
    /// The `Retry-After` of injected 429s.
    public var retryAfter: RetryAfterForm = .seconds(1)
    /// Request numbers answered 503 (a burst is a run of consecutive numbers).
    public var unavailable: Set<Int> = []
    /// Request numbers answered with a forced status and the vendor's error body for it
    /// (e.g. 401, 403, 404, 500).
    public var forcedStatus: [Int: Int] = [:]
    /// Request numbers answered 400 with the vendor's 400 body followed by every request header value,
    /// as a vendor that reflects the request back would: credentials must not survive into errors.
    public var echoHeaders: Set<Int> = []
    /// Request numbers answered 200 with a malformed (non-JSON) body.
    public var malformed: Set<Int> = []
    /// Request numbers answered 200 with the real body cut in half.
    public var truncated: Set<Int> = []
    /// Request numbers handled as usual (a write is applied) but answered only `lateAnswerSeconds`
    /// later: a vendor whose answer is lost, as a client with a shorter deadline sees it.
    public var lateAnswers: Set<Int> = []
    /// How late the answers of `lateAnswers` come, in seconds (slept on the simulator's clock).
    public var lateAnswerSeconds: Double = 30
    /// Extra latency on every request, in seconds (slept on the simulator's clock).
    public var latencySeconds: Double = 0
    /// A fraction (0...1) of requests answered 429 at random (seeded by `seed`), on top of `throttled`.
    public var randomThrottleRate: Double = 0
    /// A rate limit the simulator enforces like the real vendor: over budget → 429 with Retry-After.
    public var enforcedRateLimit: RateLimit?
    /// How the simulator counts `enforcedRateLimit`.
    public var rateLimiter: RateLimiterKind = .tokenBucket
    /// Records inserted after each list page is served (churn between pages).
    public var insertsPerPage: Int = 0
    /// Records deleted after each list page is served.
    public var deletesPerPage: Int = 0
    /// How many list pages are followed by churn; nil: every one. A bounded churn lets a listing's
    /// repair passes settle; unbounded churn makes page-number and offset listings fail loudly.
    public var churnPages: Int?
    /// Enrollment list pages served damaged, by list page number: 1 is the first enrollment list page
    /// the simulator serves after the plan is set, 2 the next, and so on; key 0 damages every list
    /// page without a key of its own. Each simulator damages the page in its own wire format.
    public var pageTampering: [Int: PageTamper] = [:]
    /// Requests after this many (counted like the other request numbers) are answered 400 with the
    /// vendor's error body: a client that would never stop is stopped, and a test can fail it on the
    /// count instead of hanging.
    public var refuseRequestsAfter: Int?
    /// Seed for the random choices.
    public var seed: UInt64 = 1

    /// How a server counts requests against a `RateLimit` of N per T seconds.
    public enum RateLimiterKind: String, Hashable, Sendable, Codable {
        /// A bucket of N tokens, full at the first request, refilled at N / T per second; a request
        /// takes a token or is refused. Allows a burst of N, then an even N / T per second.
        case tokenBucket
        /// At most N accepted requests within any T seconds (a log of accepted arrivals). After a
        /// burst of N, the next request must wait a whole T.
        case slidingWindow
    }

    /// No faults.
    public static let none = FaultPlan()

    /// Creates a plan.
    public init(
        throttled: Set<Int> = [], retryAfter: RetryAfterForm = .seconds(1), unavailable: Set<Int> = [],
        forcedStatus: [Int: Int] = [:], echoHeaders: Set<Int> = [], malformed: Set<Int> = [], truncated: Set<Int> = [], latencySeconds: Double = 0,
        randomThrottleRate: Double = 0, enforcedRateLimit: RateLimit? = nil, insertsPerPage: Int = 0,
        deletesPerPage: Int = 0, churnPages: Int? = nil, pageTampering: [Int: PageTamper] = [:],
        refuseRequestsAfter: Int? = nil, seed: UInt64 = 1, rateLimiter: RateLimiterKind = .tokenBucket
    ) {
        self.pageTampering = pageTampering
        self.refuseRequestsAfter = refuseRequestsAfter
        self.rateLimiter = rateLimiter
        self.churnPages = churnPages
        self.throttled = throttled
        self.retryAfter = retryAfter
        self.unavailable = unavailable
        self.forcedStatus = forcedStatus
        self.echoHeaders = echoHeaders
        self.malformed = malformed
        self.truncated = truncated
        self.latencySeconds = latencySeconds
        self.randomThrottleRate = randomThrottleRate
        self.enforcedRateLimit = enforcedRateLimit
        self.insertsPerPage = insertsPerPage
        self.deletesPerPage = deletesPerPage
        self.seed = seed
    }
}

/// A small deterministic random generator (SplitMix64): the same seed gives the same data on every
/// platform, which `SystemRandomNumberGenerator` cannot.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
