// P5: the achieved request rate against each vendor's documented short-window limit, and the 429s,
// when the simulator enforces that limit as a token bucket and as a sliding window. Real clock; each
// request reaches the simulator after a random 0–20 ms (a network whose transit times vary). The
// client is the vendor's driver with its default (documented) budget, sending as fast as the
// budget lets it for `seconds`.
import Foundation
import FrontcoreSimulator
import MeltingspotSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import RosterMeltingspot

func runPacingBenchmark(seconds: Double) async throws {
    print("P5: \(Int(seconds)) s per run, transit 0–20 ms; achieved rate against the limit, and 429s")
    for kind in [FaultPlan.RateLimiterKind.tokenBucket, .slidingWindow] {
        try await pace(vendor: "Frontcore 5/s", limit: RateLimit(requests: 5, per: 1), kind: kind, seconds: seconds) {
            faults, jitter in
            // A key of its own per run: budgets are kept per credential, so runs do not share one.
            let key = "pacing-\(UUID().uuidString)"
            let simulator = FrontcoreSimulator(seed: 3, participants: 10, courses: 1, faults: faults, apiKey: key)
            let driver = try FrontcoreDriver(
                configuration: FrontcoreConfiguration(apiKey: key, retry: RetryPolicy(maxAttempts: 1)),
                transport: jitter(simulator.transport))
            return (simulator.injector, {
                _ = try await driver.fetchEnrollments(PageRequest(query: EnrollmentQuery(), position: .start, limit: 1))
            })
        }
        try await pace(
            vendor: "Meltingspot 100/10 s", limit: RateLimit(requests: 100, per: 10), kind: kind, seconds: seconds
        ) { faults, jitter in
            let key = "msk_pacing_\(UUID().uuidString)"
            let simulator = MeltingspotSimulator(
                seed: 3, courses: 1, participantsPerCourse: 1, faults: faults, secretKey: key)
            let driver = try MeltingspotDriver(
                configuration: MeltingspotConfiguration(secretKey: key, retryPolicy: RetryPolicy(maxAttempts: 1)),
                transport: jitter(simulator.transport))
            return (simulator.injector, {
                _ = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 1))
            })
        }
    }
}

/// Sends requests one after another for `seconds` and reports the rate the server accepted.
private func pace(
    vendor: String, limit: RateLimit, kind: FaultPlan.RateLimiterKind, seconds: Double,
    make: (FaultPlan, (any HTTPTransport) -> any HTTPTransport) throws -> (FaultInjector, @Sendable () async throws -> Void)
) async throws {
    let faults = FaultPlan(enforcedRateLimit: limit, rateLimiter: kind)
    let (injector, send) = try make(faults) { JitteredTransport(inner: $0) }
    let start = ProcessInfo.processInfo.systemUptime
    var refused = 0
    while ProcessInfo.processInfo.systemUptime - start < seconds {
        do { try await send() } catch let error as RosterError where error.code == .rateLimited { refused += 1 }
    }
    let elapsed = ProcessInfo.processInfo.systemUptime - start
    let accepted = injector.requests.filter { $0.status == 200 }
    // The steady rate: requests after the first window's burst, over the time after that window.
    let times = accepted.count
    let ceiling = Double(limit.requests) / limit.seconds
    let achieved = Double(times) / elapsed
    let steady = Double(max(0, times - limit.requests)) / max(1e-9, elapsed - limit.seconds)
    print(
        "\(vendor), server \(kind): \(times) accepted in \(format(elapsed, 1)) s, 429s \(injector.rateLimitedCount) "
            + "(client saw \(refused)); \(format(achieved, 2))/s overall = \(format(achieved / ceiling * 100, 1)) %, steady \(format(steady / ceiling * 100, 1)) % of \(format(ceiling, 1))/s"
    )
}

/// Hands each request on after a random 0–20 ms.
struct JitteredTransport: HTTPTransport {
    let inner: any HTTPTransport
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await Task.sleep(nanoseconds: UInt64.random(in: 0...20_000_000))
        return try await inner.send(request)
    }
}
