import Foundation
import RosterCore
import RosterFrontcore
import RosterFuzzing
import Testing

/// Every numeric field of Frontcore's samples and of simulator pages, with a hostile value planted in
/// it one at a time, goes through the adapter's real decoding path: the record decodes sanely, or
/// the call fails with a `decoding` error naming that field's JSON path. Never a trap.
@Suite struct FrontcoreHostileNumberTests {
    static func target() async throws -> FuzzTarget {
        try await .frontcore(
            participantLists: [("participants list", try Fixture.data("frontcore-participants-list"))],
            participants: [("PUT response", try Fixture.data("frontcore-participant-put-response"))],
            legalBasisLists: [("legal bases list", try Fixture.data("frontcore-legalbases-list"))])
    }

    /// A one-participant list page with `coursedate` as given.
    static func participant(coursedate: String) -> String {
        #"[{"id": 1, "idStatus": 1, "course": {"id": 2}, "user": {"id": 3}, "coursedate": "# + coursedate + "}]"
    }

    /// Numeric by type even where the samples hold null.
    static let numericKeys: Set<String> = ["gmt_offset", "lat", "lng", "idPaid", "idStatus", "version", "idLead"]

    @Test(arguments: NumberPlanting.values)
    func everyNumericFieldDecodesSanelyOrFailsAtItsPath(_ value: String) async throws {
        let plantings = NumberPlanting.plantings(of: value, in: try await Self.target(), numericKeys: Self.numericKeys)
        #expect(plantings.count > 100)
        #expect(plantings.contains { $0.jsonPath == "$[0].coursedate.gmt_offset" })
        for planting in plantings {
            let verdict = await planting.verdict()
            #expect(verdict == nil, "\(value) in \(planting): \(verdict ?? "")")
        }
    }

    @Test(arguments: ["1e30", "-1e30", "64801", "-64801", #""+19:00""#, #""1e300""#, #""NaN""#, #""99:99""#])
    func anOffsetBeyondEighteenHoursFailsAtItsPath(_ value: String) async throws {
        let record = Self.participant(coursedate: #"{"id": 4, "gmt_offset": \#(value)}"#)
        let transport = RecordingTransport(body: Data(record.utf8))
        let error = await rosterError {
            _ = try await TestDrivers.driver(transport: transport).fetchEnrollments(
                PageRequest(query: EnrollmentQuery(), position: .start, limit: 10))
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$[0].coursedate.gmt_offset")
    }

    @Test(arguments: [("3600", 3600), ("-2", -7200), (#""+05:30""#, 19_800), (#""-1.5""#, -5400), ("64800", 64800)])
    func plausibleOffsetsStillDecode(_ value: String, _ seconds: Int) async throws {
        let record = Self.participant(coursedate: #"{"id": 4, "gmt_offset": \#(value)}"#)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: Data(record.utf8)))
        let page = try await driver.fetchEnrollments(PageRequest(query: EnrollmentQuery(), position: .start, limit: 10))
        #expect(page.records.first?.session?.utcOffsetSeconds == seconds)
    }

    @Test(arguments: [("lat", "91"), ("lat", #""NaN""#), ("lng", "-180.5"), ("lng", "1e300"), ("lat", #""inf""#)])
    func aCoordinateOutOfRangeFailsAtItsPath(_ key: String, _ value: String) async throws {
        let record = Self.participant(coursedate: #"{"id": 4, "location": {"id": 5, "\#(key)": \#(value)}}"#)
        let error = await rosterError {
            _ = try await TestDrivers.driver(transport: RecordingTransport(body: Data(record.utf8))).fetchEnrollments(
                PageRequest(query: EnrollmentQuery(), position: .start, limit: 10))
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$[0].coursedate.location.\(key)")
    }
}

/// The structure-aware fuzzer's fixed-seed sample for Frontcore (the million-case run is
/// `roster-fuzz`, see Benchmarks/README.md).
@Suite struct FrontcoreFuzzSampleTests {
    @Test func tenThousandMutatedBodiesDecodeOrFailWithARosterError() async throws {
        // One record per page and small planted values keep ten thousand cases to seconds in a debug
        // build; `roster-fuzz` runs the full-size seeds and values.
        let full = try await FrontcoreHostileNumberTests.target()
        let target = FuzzTarget(vendor: full.vendor, seeds: full.seeds.map { $0.trimmed(toArraysOf: 1) })
        let campaign = FuzzCampaign(
            target: target, seed: 2026, mutator: FuzzMutator(maxStringLength: 1024, maxCopies: 3))
        #expect(campaign.truncationCases > 500)
        let tally = await campaign.run(0..<10_000)
        #expect(tally.cases == 10_000)
        let failures = tally.failures.map(\.description).joined(separator: "\n")
        #expect(tally.failureCount == 0, "\(tally.summary)\n\(failures)")
        // The sample reaches both outcomes: decoded records and typed errors.
        #expect(tally.decoded > 100)
        #expect((tally.errors[.decoding] ?? 0) > 1000)
    }
}

/// The `RosterError` `body` threw, or nil (another error becomes an `unavailable` stand-in that fails
/// the expectations).
func rosterError(_ body: () async throws -> Void) async -> RosterError? {
    do {
        try await body()
        return nil
    } catch let error as RosterError {
        return error
    } catch {
        return RosterError(.unavailable, "unexpected \(type(of: error)): \(error)")
    }
}
