import Foundation
import RosterCore
import RosterFuzzing
import RosterHTTP
import RosterMeltingspot
import Testing

/// Every numeric field of Meltingspot's sample and of simulator pages (totals, completion rates,
/// epoch-millisecond timestamps, ids), with a hostile value planted in it one at a time, goes through
/// the adapter's real decoding path: a sane record, or a `decoding` error naming that field's JSON
/// path. Never a trap.
@Suite struct MeltingspotHostileNumberTests {
    static func target() async throws -> FuzzTarget {
        try await .meltingspot(participants: [("published participant", try TestSupport.seedParticipantJSON())])
    }

    /// A page of one participant with `field` (a `"name": value` pair) added.
    static func page(_ field: String) -> String {
        #"{"items": [{"id": "p1", "courseId": "c1", "spotMemberId": "m1", "status": "Started", "# + field
            + #"}], "total": 1}"#
    }

    /// Numeric by type even where the samples hold null.
    static let numericKeys: Set<String> = ["completionRate", "total", "updatedAt", "lastActivityAt"]

    @Test(arguments: NumberPlanting.values)
    func everyNumericFieldDecodesSanelyOrFailsAtItsPath(_ value: String) async throws {
        let plantings = NumberPlanting.plantings(of: value, in: try await Self.target(), numericKeys: Self.numericKeys)
        #expect(plantings.contains { $0.jsonPath == "$.total" })
        #expect(plantings.contains { $0.jsonPath == "$.items[0].completionRate" })
        #expect(plantings.contains { $0.jsonPath == "$.updatedAt" })
        for planting in plantings {
            let verdict = await planting.verdict()
            #expect(verdict == nil, "\(value) in \(planting): \(verdict ?? "")")
        }
    }

    /// Progress is 0–100 by design: a rate outside it is a vendor bug, refused at its path rather
    /// than clamped into a plausible-looking number. Decimals are rounded first.
    @Test(arguments: ["101", "-1", "100.6", "150", #""250""#, "-0.6"])
    func aCompletionRateOutsideZeroToHundredFailsAtItsPath(_ value: String) async throws {
        let (driver, _) = try TestSupport.scripted { _ in
            TestSupport.json(Self.page(#""completionRate": \#(value)"#))
        }
        do {
            _ = try await driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: "c1"), position: .start, limit: 10))
            Issue.record("a completion rate of \(value) decoded")
        } catch let error as RosterError {
            #expect(error.code == .decoding)
            #expect(error.jsonPath == "$.items[0].completionRate")
        }
    }

    @Test(arguments: [("100.4", 100), ("12.6", 13), (#""42""#, 42), ("-0.4", 0), ("0", 0)])
    func aCompletionRateInRangeIsRounded(_ value: String, _ rate: Int) async throws {
        let (driver, _) = try TestSupport.scripted { _ in
            TestSupport.json(Self.page(#""completionRate": \#(value)"#))
        }
        let page = try await driver.fetchEnrollments(
            PageRequest(query: EnrollmentQuery(course: "c1"), position: .start, limit: 10))
        #expect(page.records.first?.completionRate == rate)
    }

    @Test(arguments: ["1e300", "-1e30", #""NaN""#, "253402300800000", #""1e400""#])
    func anEpochOutsideFourDigitYearsFailsAtItsPath(_ value: String) async throws {
        let (driver, _) = try TestSupport.scripted { _ in
            TestSupport.json(#"{"id": "m1", "email": "a@example.com", "updatedAt": \#(value)}"#)
        }
        do {
            _ = try await driver.spotMember(id: "m1")
            Issue.record("an epoch of \(value) decoded")
        } catch let error as RosterError {
            #expect(error.code == .decoding)
            #expect(error.jsonPath == "$.updatedAt")
        }
    }

    @Test func millisecondsSurviveFromTheVendor() async throws {
        let (driver, _) = try TestSupport.scripted { _ in
            TestSupport.json(Self.page(#""startedAt": "2025-08-22T17:45:44.919Z""#))
        }
        let page = try await driver.fetchEnrollments(
            PageRequest(query: EnrollmentQuery(course: "c1"), position: .start, limit: 10))
        let started = try #require(page.records.first?.timestamps.startedAt)
        #expect(ISO8601Instant.format(started) == "2025-08-22T17:45:44.919Z")
    }
}

/// The structure-aware fuzzer's fixed-seed sample for Meltingspot (the million-case run is
/// `roster-fuzz`, see Benchmarks/README.md).
@Suite struct MeltingspotFuzzSampleTests {
    @Test func tenThousandMutatedBodiesDecodeOrFailWithARosterError() async throws {
        // Two records per page and small planted values keep ten thousand cases to seconds in a debug
        // build; `roster-fuzz` runs the full-size seeds and values.
        let full = try await MeltingspotHostileNumberTests.target()
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
