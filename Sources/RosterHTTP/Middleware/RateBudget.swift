import Foundation
public import RosterCore

/// A client-side request budget: one token bucket per `RateLimit` (e.g. 100 per 10 s and 50,000 per
/// day), all of which a request must pass. Budgets are shared per credential through `shared(key:…)`,
/// so two drivers using the same key never add up to more than the vendor allows.
public final class RateBudget: @unchecked Sendable {
    private struct Bucket {
        let limit: RateLimit
        var tokens: Double
        var refillPerSecond: Double { Double(limit.requests) / limit.seconds }
    }

    private let lock = NSLock()
    private var buckets: [Bucket]
    private var updatedAt: Double
    private let clock: any RosterClock

    /// Creates a budget that starts full. Limits with no requests or no window are ignored (they
    /// would mean waiting for ever).
    public init(limits: [RateLimit], clock: any RosterClock = SystemClock()) {
        self.buckets = limits.filter { $0.requests > 0 && $0.seconds > 0 }
            .map { Bucket(limit: $0, tokens: Double($0.requests)) }
        self.clock = clock
        self.updatedAt = clock.uptime()
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [Int: RateBudget] = [:]

    /// The budget shared by every client using `key` (a credential; only its hash is kept) on the
    /// same clock: a test's virtual clock gets a budget of its own.
    public static func shared(key: String, limits: [RateLimit], clock: any RosterClock = SystemClock()) -> RateBudget {
        var hasher = Hasher()
        hasher.combine(key)
        for limit in limits { hasher.combine(limit) }
        hasher.combine(ObjectIdentifier(type(of: clock)))
        if type(of: clock) is AnyClass { hasher.combine(ObjectIdentifier(clock as AnyObject)) }
        let slot = hasher.finalize()
        return registryLock.withLock {
            if let existing = registry[slot] { return existing }
            let budget = RateBudget(limits: limits, clock: clock)
            registry[slot] = budget
            return budget
        }
    }

    /// Waits (on the clock) until every bucket has a token, then takes one from each.
    public func acquire() async throws {
        while true {
            let wait: Double = lock.withLock {
                refill()
                // A hair of tolerance: a refill computed in floating point can land a rounding error
                // short of a whole token, and waiting for that error would never end.
                let waits = buckets.map { $0.tokens >= 1 - 1e-9 ? 0 : (1 - $0.tokens) / $0.refillPerSecond }
                let longest = waits.max() ?? 0
                if longest == 0 {
                    for index in buckets.indices { buckets[index].tokens = max(0, buckets[index].tokens - 1) }
                    return 0
                }
                return max(longest, 0.000_001)
            }
            if wait == 0 { return }
            try await clock.sleep(seconds: wait)
        }
    }

    /// Whole requests left in the bucket for `window` right now (nil when no such budget is set).
    public func remaining(in window: RateLimit) -> Int? {
        lock.withLock {
            refill()
            return buckets.first { $0.limit == window }.map { Int($0.tokens.rounded(.down)) }
        }
    }

    /// Adds the tokens earned since the last look. Call under the lock.
    private func refill() {
        let now = clock.uptime()
        let elapsed = max(0, now - updatedAt)
        updatedAt = now
        for index in buckets.indices {
            let capacity = Double(buckets[index].limit.requests)
            buckets[index].tokens = min(capacity, buckets[index].tokens + elapsed * buckets[index].refillPerSecond)
        }
    }
}

/// Takes a token from a `RateBudget` before every attempt (retries included).
public struct RateBudgetMiddleware: HTTPMiddleware {
    /// The budget.
    public let budget: RateBudget

    /// Creates the middleware.
    public init(budget: RateBudget) { self.budget = budget }

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await budget.acquire()
        return try await next(request)
    }
}
