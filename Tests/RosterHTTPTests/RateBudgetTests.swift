import Foundation
import RosterCore
import RosterHTTP
import Testing

@Suite("Rate budget (virtual clock)")
struct RateBudgetTests {
    @Test func aBurstWithinTheBudgetDoesNotWait() async throws {
        let clock = VirtualClock()
        let budget = RateBudget(limits: [RateLimit(requests: 5, per: 1)], clock: clock)
        for _ in 0..<5 { try await budget.acquire() }
        #expect(clock.recordedSleeps.isEmpty)
        #expect(budget.remaining(in: RateLimit(requests: 5, per: 1)) == 0)
    }

    @Test func overBudgetWaitsUntilTheWindowHasRoom() async throws {
        let clock = VirtualClock()
        let budget = RateBudget(limits: [RateLimit(requests: 5, per: 1)], clock: clock)
        for _ in 0..<25 { try await budget.acquire() }
        // 5 at once, then 5 more each time the window (1 s stretched by the 3 % margin) has passed.
        #expect(abs(clock.totalSlept - 4 * 1.03) < 0.001)
        let unstretched = VirtualClock()
        let noMargin = RateBudget(limits: [RateLimit(requests: 5, per: 1)], clock: unstretched, margin: 0)
        for _ in 0..<25 { try await noMargin.acquire() }
        #expect(abs(unstretched.totalSlept - 4) < 0.001)
    }

    @Test func theStrictestOfSeveralBudgetsWins() async throws {
        let clock = VirtualClock()
        let perTen = RateLimit(requests: 100, per: 10)
        let perDay = RateLimit(requests: 150, per: 86_400)
        let budget = RateBudget(limits: [perTen, perDay], clock: clock)
        for _ in 0..<120 { try await budget.acquire() }
        #expect(budget.remaining(in: perDay) == 30)
        #expect(clock.totalSlept > 0)
    }

    @Test func budgetsAreSharedPerCredential() {
        let limits = [RateLimit(requests: 5, per: 1)]
        let a = RateBudget.shared(key: "key-A-\(UUID())", limits: limits)
        let sameKey = RateBudget.shared(key: "key-B", limits: limits)
        let again = RateBudget.shared(key: "key-B", limits: limits)
        #expect(sameKey === again)
        #expect(a !== sameKey)
    }

    @Test func aSharedBudgetBelongsToOneClock() async throws {
        let limit = RateLimit(requests: 1, per: 10)
        let key = "key-\(UUID())"
        let first = VirtualClock()
        let second = VirtualClock()
        _ = RateBudget.shared(key: key, limits: [limit], clock: first)
        let budget = RateBudget.shared(key: key, limits: [limit], clock: second)
        try await budget.acquire()
        second.advance(by: 10)
        #expect(budget.remaining(in: limit) == 0)  // the window is stretched by the margin
        second.advance(by: 0.3)
        #expect(budget.remaining(in: limit) == 1)
    }

    @Test func aBudgetWithAnEmptyWindowIsIgnoredRatherThanWaitingForEver() async throws {
        let clock = VirtualClock()
        let budget = RateBudget(limits: [RateLimit(requests: 0, per: 1)], clock: clock)
        try await budget.acquire()
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func theMiddlewareTakesATokenPerAttempt() async throws {
        let clock = VirtualClock()
        let budget = RateBudget(limits: [RateLimit(requests: 2, per: 1)], clock: clock)
        let transport = ScriptedTransport([.respond(.status(503)), .respond(.status(503)), .respond(.status(200))])
        let client = HTTPClient(
            transport: transport,
            middleware: [RetryMiddleware(clock: clock, jitter: { _ in 0 }), RateBudgetMiddleware(budget: budget)])
        #expect(try await client.send(getRequest()).status == 200)
        // Three attempts against a window of two: the third waited for the window (1.03 s with the margin).
        #expect(abs(clock.totalSlept - 1.03) < 0.001)
    }
}
