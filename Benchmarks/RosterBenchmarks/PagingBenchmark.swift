// P2: a listing whose every request takes 25 ms (the simulators' injected latency, on the real
// clock), fetched one page at a time (`ListingPolicy.sequential`) and with the default policy
// (pages and courses fetched ahead), per paging style and for 10-course walks. Prints both wall
// times and their ratio, for each policy of `pagesInFlight` given.
import CourseDashboardSimulator
import Foundation
import MeltingspotSimulator
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import RosterInMemory
import RosterMeltingspot

/// One listing set-up: a name and a facade under a policy.
struct PagingCase {
    var name: String
    var records: Int
    var list: @Sendable (ListingPolicy) async throws -> Int
}

func runPagingBenchmark(latency: Double, windows: [Int]) async throws {
    let faults = FaultPlan(latencySeconds: latency)
    var cases: [PagingCase] = []
    // One walk of 4,000 records at 50 a page (80 pages) per style, through the in-memory provider.
    for style in [PagingStyle.pageNumberWithTotal(firstPage: 1), .pageNumber(firstPage: 1), .keyset, .nextLink] {
        cases.append(
            PagingCase(name: "\(style)", records: 4_000) { policy in
                let provider = InMemoryProvider(
                    seed: 7, courses: 1, enrollmentsPerCourse: 4_000, paging: style, faults: faults)
                return try await count(provider.roster.with(listingPolicy: policy), pageSize: 50)
            })
    }
    // Walks of 10 courses of 200 participants, 50 a page: Meltingspot (page number with total) and
    // Course Dashboard (next link), their simulators in process, no client rate budget.
    cases.append(
        PagingCase(name: "10-course walk, Meltingspot", records: 2_000) { policy in
            let simulator = MeltingspotSimulator(seed: 7, courses: 10, participantsPerCourse: 200, faults: faults)
            let driver = try MeltingspotDriver(
                configuration: MeltingspotConfiguration(secretKey: simulator.secretKey, rateLimits: []),
                transport: simulator.transport)
            return try await count(Roster(driver: driver, listingPolicy: policy), pageSize: 50)
        })
    cases.append(
        PagingCase(name: "10-course walk, Course Dashboard", records: 2_020) { policy in
            let simulator = CourseDashboardSimulator(seed: 7, courses: 10, learnersPerCourse: 200, faults: faults)
            let driver = try CourseDashboardDriver(
                configuration: CourseDashboardConfiguration(
                    baseURL: CourseDashboardSimulator.defaultBaseURL, token: simulator.token, pageSize: 50),
                transport: simulator.transport)
            return try await count(Roster(driver: driver, listingPolicy: policy), pageSize: 50)
        })

    print("P2: \(Int(latency * 1000)) ms per request; wall seconds, sequential vs fetched ahead")
    for item in cases {
        let sequentialRun = try await wall { try await item.list(.sequential) }
        var line = "\(item.name): \(sequentialRun.count) records, sequential \(format(sequentialRun.seconds, 3)) s"
        for window in windows {
            let policy = ListingPolicy(pagesInFlight: window, coursesInFlight: window)
            let run = try await wall { try await item.list(policy) }
            guard run.count == sequentialRun.count else {
                fatalError("\(item.name): \(run.count) records ahead, \(sequentialRun.count) sequential")
            }
            line += "; \(window) in flight \(format(run.seconds, 3)) s = \(format(sequentialRun.seconds / run.seconds, 2))×"
        }
        print(line)
    }
}

/// Records of an unfiltered listing at `pageSize`.
private func count<D>(_ roster: Roster<D>, pageSize: Int) async throws -> Int {
    var count = 0
    for try await _ in roster.enrollments(EnrollmentQuery(pageSize: pageSize)) { count += 1 }
    return count
}

/// The wall time of `body` and what it returned.
func wall(_ body: () async throws -> Int) async rethrows -> (count: Int, seconds: Double) {
    let start = ProcessInfo.processInfo.systemUptime
    let count = try await body()
    return (count, ProcessInfo.processInfo.systemUptime - start)
}
