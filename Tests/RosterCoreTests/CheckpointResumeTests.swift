import Foundation
import RosterCore
import Testing

/// Resuming from a checkpoint saved after ANY record (page boundaries and the very last record
/// included) yields exactly the records not yet yielded, in every paging style and in per-course walks.
@Suite struct CheckpointResumeTests {
    static let styles: [PagingStyle] = [.pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .keyset, .nextLink]

    func driver(_ style: PagingStyle, perCourse: Bool) -> FakeDriver {
        let records = sampleEnrollments(5, course: "c1") + sampleEnrollments(4, course: "c2", from: 20)
        var driver = FakeDriver(
            style: style, records: records, operations: [.listEnrollments, .listCourses], listsPerCourse: perCourse)
        driver.courses = [Course(id: "c1"), Course(id: "c2"), Course(id: "c3-empty")]
        return driver
    }

    @Test(arguments: styles, [false, true])
    func everyCutPointResumesExactly(_ style: PagingStyle, perCourse: Bool) async throws {
        let roster = Roster(driver: driver(style, perCourse: perCourse))
        let query = EnrollmentQuery(pageSize: 2)
        let all = try await ids(roster.enrollments(query))
        #expect(all.count == 9)
        for cut in 1...all.count {
            var first: [EnrollmentID] = []
            var saved: ListingCheckpoint?
            let listing = roster.enrollments(query)
            for try await record in listing {
                first.append(record.id)
                saved = listing.checkpoint
                if first.count == cut { break }
            }
            let encoded = try JSONEncoder().encode(saved)
            let checkpoint = try JSONDecoder().decode(ListingCheckpoint.self, from: encoded)
            let rest = try await ids(roster.enrollments(query, resumingFrom: checkpoint))
            #expect(first + rest == all, "cut after \(cut) in \(style), per course: \(perCourse)")
        }
    }

    @Test func eachPassKeepsItsOwnCheckpoint() async throws {
        let records = sampleEnrollments(9)
        let roster = Roster(driver: FakeDriver(records: records))
        let query = EnrollmentQuery(pageSize: 2)
        let listing = roster.enrollments(query)
        var first = listing.makeAsyncIterator()
        var seen: [EnrollmentID] = []
        for _ in 0..<4 { seen.append(try #require(try await first.next()).id) }
        var second = listing.makeAsyncIterator()
        _ = try await second.next()
        let saved = try #require(first.checkpoint)
        let rest = try await ids(roster.enrollments(query, resumingFrom: saved))
        #expect(seen + rest == records.map(\.id))
    }
}
