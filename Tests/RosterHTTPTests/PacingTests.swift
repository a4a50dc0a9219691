import Foundation
import RosterCore
import RosterHTTP
import Testing

/// The client's pacing against a server that enforces the same limit, counted either way a vendor
/// may count it, with requests reaching the server a little late by varying amounts (virtual clocks:
/// nothing sleeps for real).
@Suite("Pacing against token-bucket and sliding-window limiters (virtual clock)")
struct PacingTests {
    static let kinds: [FaultPlan.RateLimiterKind] = [.tokenBucket, .slidingWindow]
    static let limits = [RateLimit(requests: 5, per: 1), RateLimit(requests: 100, per: 10)]

    /// The send times of `count` requests paced by a budget of `limit` with `margin`.
    func sendTimes(_ count: Int, _ limit: RateLimit, margin: Double = RateBudget.defaultMargin) async throws -> [Double] {
        let clock = VirtualClock()
        let budget = RateBudget(limits: [limit], clock: clock, margin: margin)
        var sends: [Double] = []
        for _ in 0..<count {
            try await budget.acquire()
            sends.append(clock.uptime())
        }
        return sends
    }

    /// How many of `arrivals` (seconds) a server enforcing `limit` the `kind` way answers 429.
    func refusals(_ arrivals: [Double], _ limit: RateLimit, _ kind: FaultPlan.RateLimiterKind) async throws -> Int {
        let clock = VirtualClock()
        let server = FaultInjector(
            plan: FaultPlan(enforcedRateLimit: limit, rateLimiter: kind), clock: clock, errorBody: { _ in Data() })
        let request = HTTPRequest(method: .get, url: URL(string: "https://vendor.test/items")!)
        for arrival in arrivals.sorted() {
            clock.advance(by: arrival - clock.uptime())
            _ = try await server.handle(request) { _ in HTTPResponse(status: 200, headers: [:], body: Data()) }
        }
        return server.rateLimitedCount
    }

    /// Each send time delayed by a seeded amount between 0 and `spread` seconds.
    func arrivals(_ sends: [Double], spread: Double, seed: UInt64 = 7) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return sends.map { $0 + spread * Double(random.next() % 1_000) / 1_000 }
    }

    @Test(arguments: kinds, limits)
    func thePacerNeverExceedsTheLimiterAndUsesOver95PercentOfIt(
        _ kind: FaultPlan.RateLimiterKind, _ limit: RateLimit
    ) async throws {
        let sends = try await sendTimes(limit.requests * 8, limit)
        // Transit times that vary by up to 2.5 % of the window: a later request may overtake.
        for seed in 1...5 as ClosedRange<UInt64> {
            let refused = try await refusals(arrivals(sends, spread: 0.025 * limit.seconds, seed: seed), limit, kind)
            #expect(refused == 0, "seed \(seed)")
        }
        // After the first window's burst, the steady rate against the limit's.
        let steady = Double(sends.count - limit.requests) / (sends.last! - sends.first!)
        let ceiling = Double(limit.requests) / limit.seconds
        #expect(steady / ceiling >= 0.95 && steady / ceiling <= 1)
    }

    @Test(arguments: kinds)
    func withoutTheMarginVaryingTransitTimesDrawRefusals(_ kind: FaultPlan.RateLimiterKind) async throws {
        // The control for the test above: the same pacing with no margin is refused now and then.
        let limit = RateLimit(requests: 5, per: 1)
        let sends = try await sendTimes(40, limit, margin: 0)
        var refused = 0
        for seed in 1...5 as ClosedRange<UInt64> {
            refused += try await refusals(arrivals(sends, spread: 0.025, seed: seed), limit, kind)
        }
        #expect(refused > 0)
    }

    @Test func aTokenBucketPacerIsRefusedBySlidingWindowServer() async throws {
        // What the budget did before: a burst of 5, then one request every 0.2 s. A sliding-window
        // server refuses the sixth (5 already within the last second), whatever the transit time.
        let tokenBucketSends = (0..<5).map { _ in 0.0 } + (1...20).map { Double($0) * 0.2 }
        let limit = RateLimit(requests: 5, per: 1)
        #expect(try await refusals(tokenBucketSends, limit, .slidingWindow) > 0)
        #expect(try await refusals(tokenBucketSends, limit, .tokenBucket) == 0)
    }

    @Test func twoBudgetsOnOneStateFileShareTheWindow() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-budget-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("budget")
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        clock.advance(by: 100)
        let limit = RateLimit(requests: 4, per: 1)
        let first = RateBudget(limits: [limit], clock: clock, stateFile: file)
        let second = RateBudget(limits: [limit], clock: clock, stateFile: file)
        var sends: [Double] = []
        for index in 0..<12 {
            try await (index % 2 == 0 ? first : second).acquire()
            sends.append(clock.uptime())
        }
        // Together they keep to 4 within any 1.03 s, as one budget would.
        for index in 4..<sends.count { #expect(sends[index] - sends[index - 4] >= 1.03 - 1e-9) }
        #expect(first.remaining(in: limit) == 0 && second.remaining(in: limit) == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("4 1.0 "))
    }
}
