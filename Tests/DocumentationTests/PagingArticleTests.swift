import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

/// The code of the article "Paging and consistency", run.
@Suite struct PagingArticleTests {
    @Test func theReportShowsWhatARepairCost() async throws {
        let fake = InMemoryProvider(seed: 3, courses: 1, enrollmentsPerCourse: 60,
                                    paging: .pageNumber(firstPage: 1), faults: FaultPlan(deletesPerPage: 1))
        let listing = fake.roster.enrollments(EnrollmentQuery(pageSize: 10))
        let everyone = try await listing.collect(max: 1_000)
        print(everyone.count, listing.report.repairPasses, listing.report.recordsFoundByRepair)
        #expect(Set(everyone.map(\.id)).count == everyone.count, "a record was yielded twice")
        #expect(listing.report.repairPasses >= 1, "deletions during page-number paging must trigger a repair")
        // Every record that survived the whole listing was yielded.
        let survivors = Set(fake.store.enrollments.map { EnrollmentID($0.id) })
        #expect(survivors.isSubset(of: Set(everyone.map(\.id))))
    }

    @Test func aSavedCheckpointResumesWithNoRecordTwiceAndNoneMissing() async throws {
        let source = InMemoryProvider(seed: 5, courses: 2, enrollmentsPerCourse: 30)
        let query = EnrollmentQuery(pageSize: 7)
        var firstPart: [EnrollmentID] = []
        var saved: ListingCheckpoint?
        let interrupted = source.roster.enrollments(query)
        for try await enrollment in interrupted {
            firstPart.append(enrollment.id)
            if firstPart.count == 25 {
                saved = interrupted.checkpoint
                break
            }
        }
        let data = try JSONEncoder().encode(saved)
        let checkpoint = try JSONDecoder().decode(ListingCheckpoint.self, from: data)
        let rest = try await source.roster.enrollments(query, resumingFrom: checkpoint).collect(max: 1_000)

        let all = try await source.roster.enrollments(query).collect(max: 1_000)
        #expect(firstPart.count == 25)
        #expect(firstPart + rest.map(\.id) == all.map(\.id))
    }
}
