import Foundation
import RosterCore
import RosterCourseDashboard
import RosterFuzzing
import RosterHTTP
import Testing

/// Every numeric field of the Course Dashboard samples and of simulator pages (`count`, ids,
/// `user_completion_rate`), with a hostile value planted in it one at a time, goes through the
/// adapter's real decoding path: a sane record, or a `decoding` error naming that field's JSON path.
/// Never a trap.
@Suite struct CourseDashboardHostileNumberTests {
    static func target() async throws -> FuzzTarget {
        try await .courseDashboard(
            userPages: [("course users page", try Fixture.data("course-users-page"))],
            coursePages: [("courses page", try Fixture.data("courses-page"))])
    }

    /// Numeric by type even where the samples hold null.
    static let numericKeys: Set<String> = ["user_completion_rate", "count"]

    @Test(arguments: NumberPlanting.values)
    func everyNumericFieldDecodesSanelyOrFailsAtItsPath(_ value: String) async throws {
        let plantings = NumberPlanting.plantings(
            of: value, in: try await Self.target(), numericKeys: Self.numericKeys, recordsPerArray: 10)
        #expect(plantings.contains { $0.jsonPath == "$.count" })
        #expect(plantings.contains { $0.jsonPath == "$.results[2].user_completion_rate" })
        for planting in plantings {
            let verdict = await planting.verdict()
            #expect(verdict == nil, "\(value) in \(planting): \(verdict ?? "")")
        }
    }

    /// Progress is 0–100 by design: a rate outside it is a vendor bug, refused at its path rather
    /// than passed on (it also decides `completed` versus `inProgress`). Decimals are rounded first.
    @Test(arguments: ["101", "-1", "100.6", "1000", #""250""#])
    func aCompletionRateOutsideZeroToHundredFailsAtItsPath(_ value: String) async throws {
        let body = #"{"count": 1, "next": null, "results": [{"id": 7, "join_status": "joined", "#
            + #""user_completion_rate": \#(value)}]}"#
        let rig = try DashboardRig(
            transport: InProcessTransport { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
            })
        let error = await rosterError {
            _ = try await rig.driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: "101"), position: .start, limit: 10))
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.results[0].user_completion_rate")
    }

    @Test(arguments: ["-1", "2147483648", "1e30", #""-5""#])
    func aCountOutsideTheCountRangeFailsAtItsPath(_ value: String) async throws {
        let body = #"{"count": \#(value), "next": null, "results": []}"#
        let rig = try DashboardRig(
            transport: InProcessTransport { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
            })
        let error = await rosterError {
            _ = try await rig.driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: "101"), position: .start, limit: 10))
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.count")
    }

    @Test func microsecondsSurviveFromTheVendor() throws {
        let envelope = try JSONDecoder().decode(
            CourseDashboardPageEnvelope<CourseDashboardUserRecord>.self, from: try Fixture.data("course-users-page"))
        let joined = try #require(envelope.results[1].joinedAt)
        #expect(ISO8601Instant.format(joined) == "2025-01-22T09:15:30.123456Z")
        let active = try #require(envelope.results[2].lastActiveAt)
        #expect(ISO8601Instant.format(active) == "2025-02-14T17:05:11.500Z")
    }
}

/// The structure-aware fuzzer's fixed-seed sample for Course Dashboard (the million-case run is
/// `roster-fuzz`, see Benchmarks/README.md).
@Suite struct CourseDashboardFuzzSampleTests {
    @Test func tenThousandMutatedBodiesDecodeOrFailWithARosterError() async throws {
        // Two records per page and small planted values keep ten thousand cases to seconds in a debug
        // build; `roster-fuzz` runs the full-size seeds and values.
        let full = try await CourseDashboardHostileNumberTests.target()
        let target = FuzzTarget(vendor: full.vendor, seeds: full.seeds.map { $0.trimmed(toArraysOf: 2) })
        let campaign = FuzzCampaign(
            target: target, seed: 2026, mutator: FuzzMutator(maxStringLength: 1024, maxCopies: 3))
        #expect(campaign.truncationCases > 300)
        let tally = await campaign.run(0..<10_000)
        #expect(tally.cases == 10_000)
        let failures = tally.failures.map(\.description).joined(separator: "\n")
        #expect(tally.failureCount == 0, "\(tally.summary)\n\(failures)")
        #expect(tally.decoded > 100)
        #expect((tally.errors[.decoding] ?? 0) > 1000)
    }
}
