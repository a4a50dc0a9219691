public import Foundation
import RosterCore

/// Wraps a simulator's handler: counts and logs every request, then injects the faults of a
/// `FaultPlan` before (or instead of) calling the real handler. Simulators use it so that every
/// vendor fails in the same, scripted ways.
public final class FaultInjector: @unchecked Sendable {
    /// One request as the simulator received it.
    public struct LoggedRequest: Hashable, Sendable {
        /// 1-based request number.
        public var number: Int
        /// The method.
        public var method: HTTPMethod
        /// The path.
        public var path: String
        /// The decoded query items.
        public var query: [String: [String]]
        /// The status answered.
        public var status: Int
    }

    private let lock = NSLock()
    private var plan: FaultPlan
    private var count = 0
    private var churned = 0
    private var listPagesServed = 0
    private var log: [LoggedRequest] = []
    private var random: SeededGenerator
    private var bucketTokens: Double = 0
    private var bucketUpdatedAt: Double?
    /// Arrival times of the requests the sliding window accepted, oldest first (from `windowHead`).
    private var windowLog: [Double] = []
    private var windowHead = 0
    private var limited = 0
    private let clock: any RosterClock
    private let errorBody: @Sendable (Int) -> Data

    /// Creates an injector. `errorBody` renders the vendor's own error body for a status.
    public init(plan: FaultPlan = .none, clock: any RosterClock = SystemClock(), errorBody: @escaping @Sendable (Int) -> Data) {
        self.plan = plan
        self.clock = clock
        self.errorBody = errorBody
        self.random = SeededGenerator(seed: plan.seed)
    }

    /// The plan in force.
    public var currentPlan: FaultPlan { lock.withLock { plan } }

    /// The churn to apply after the list page just served: the plan's inserts and deletes, or none
    /// once `churnPages` list pages have been churned after.
    public func takeChurn() -> (inserts: Int, deletes: Int) {
        lock.withLock {
            guard plan.insertsPerPage > 0 || plan.deletesPerPage > 0 else { return (0, 0) }
            if let limit = plan.churnPages {
                guard churned < limit else { return (0, 0) }
            }
            churned += 1
            return (plan.insertsPerPage, plan.deletesPerPage)
        }
    }

    /// Counts one enrollment list page about to be served and returns how the plan damages it (nil:
    /// serve it as it is). Simulators call it once per enrollment list page, before rendering it.
    public func takePageTamper() -> PageTamper? {
        lock.withLock {
            listPagesServed += 1
            return plan.pageTampering[listPagesServed] ?? plan.pageTampering[0]
        }
    }

    /// Replaces the plan (request numbering continues).
    public func setPlan(_ newPlan: FaultPlan) {
        lock.withLock {
            plan = newPlan
            random = SeededGenerator(seed: newPlan.seed)
            churned = 0
            listPagesServed = 0
        }
    }

    /// Every request received so far.
    public var requests: [LoggedRequest] { lock.withLock { log } }

    /// How many requests the enforced rate limit refused (429).
    public var rateLimitedCount: Int { lock.withLock { limited } }

    /// How many requests were received.
    public var requestCount: Int { lock.withLock { count } }

    /// How many received requests were not GET or HEAD (the "listings never write" check).
    public var mutatingRequestCount: Int {
        lock.withLock { log.filter { $0.method != .get && $0.method != .head }.count }
    }

    /// Answers `request`: a planned fault, or `handler`'s response (possibly damaged).
    public func handle(
        _ request: HTTPRequest, with handler: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let (number, plan, randomThrottle, rateLimited) = lock.withLock { () -> (Int, FaultPlan, Bool, Double?) in
            count += 1
            let roll = Double(random.next() % 1_000_000) / 1_000_000
            return (count, self.plan, roll < self.plan.randomThrottleRate, takeToken())
        }
        if plan.latencySeconds > 0 { try await clock.sleep(seconds: plan.latencySeconds) }
        let response: HTTPResponse
        if let ceiling = plan.refuseRequestsAfter, number > ceiling {
            response = HTTPResponse(status: 400, headers: ["Content-Type": "application/json"], body: errorBody(400))
        } else if let wait = rateLimited {
            response = throttle(retryAfter: "\(Int(wait.rounded(.up)))")
        } else if plan.throttled.contains(number) || randomThrottle {
            response = throttle(retryAfter: retryAfterValue(plan.retryAfter))
        } else if plan.unavailable.contains(number) {
            response = HTTPResponse(status: 503, headers: ["Content-Type": "application/json"], body: errorBody(503))
        } else if let status = plan.forcedStatus[number] {
            response = HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: errorBody(status))
        } else if plan.echoHeaders.contains(number) {
            let echoed = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "; ")
            response = HTTPResponse(
                status: 400, headers: ["Content-Type": "application/json"], body: errorBody(400) + Data(" \(echoed)".utf8))
        } else if plan.malformed.contains(number) {
            response = HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: Data("<html>502 Bad Gateway</html>".utf8))
        } else {
            var real = try await handler(request)
            if plan.truncated.contains(number) { real.body = real.body.prefix(real.body.count / 2) }
            if plan.lateAnswers.contains(number) { try await clock.sleep(seconds: plan.lateAnswerSeconds) }
            response = real
        }
        let entry = LoggedRequest(
            number: number, method: request.method, path: request.url.path, query: Self.queryItems(of: request.url),
            status: response.status)
        lock.withLock { log.append(entry) }
        return response
    }

    private func throttle(retryAfter: String?) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let retryAfter { headers["Retry-After"] = retryAfter }
        return HTTPResponse(status: 429, headers: headers, body: errorBody(429))
    }

    private func retryAfterValue(_ form: FaultPlan.RetryAfterForm) -> String? {
        switch form {
        case .seconds(let s): return String(s)
        case .httpDate(let ahead): return RetryAfter.httpDateString(clock.now().addingTimeInterval(Double(ahead)))
        case .none: return nil
        }
    }

    /// Counts the request against `enforcedRateLimit` in the plan's way; returns the wait when over
    /// budget. Call under the lock.
    private func takeToken() -> Double? {
        guard let limit = plan.enforcedRateLimit, limit.requests > 0, limit.seconds > 0 else { return nil }
        let wait: Double?
        switch plan.rateLimiter {
        case .tokenBucket: wait = takeBucketToken(limit)
        case .slidingWindow: wait = takeWindowPlace(limit)
        }
        if wait != nil { limited += 1 }
        return wait
    }

    /// Sliding window: at most `limit.requests` accepted arrivals within any `limit.seconds`.
    private func takeWindowPlace(_ limit: RateLimit) -> Double? {
        let now = clock.uptime()
        while windowHead < windowLog.count, windowLog[windowHead] <= now - limit.seconds { windowHead += 1 }
        if windowHead > 1_024, windowHead * 2 > windowLog.count {
            windowLog.removeFirst(windowHead)
            windowHead = 0
        }
        if windowLog.count - windowHead < limit.requests {
            windowLog.append(now)
            return nil
        }
        return max(0.001, windowLog[windowHead] + limit.seconds - now)
    }

    /// Token bucket, full at the first request.
    private func takeBucketToken(_ limit: RateLimit) -> Double? {
        let capacity = Double(limit.requests)
        let refill = capacity / limit.seconds
        let now = clock.uptime()
        if let last = bucketUpdatedAt {
            bucketTokens = min(capacity, bucketTokens + (now - last) * refill)
        } else {
            bucketTokens = capacity
        }
        bucketUpdatedAt = now
        if bucketTokens >= 1 - 1e-9 {  // within rounding of a whole token: let it through
            bucketTokens = max(0, bucketTokens - 1)
            return nil
        }
        return (1 - bucketTokens) / refill
    }

    /// The query of `url` as name → values, percent-decoded (a `+` stays a `+`).
    public static func queryItems(of url: URL) -> [String: [String]] {
        var result: [String: [String]] = [:]
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery else {
            return result
        }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            result[name, default: []].append(value)
        }
        return result
    }
}
