import RosterCore
import RosterHTTP
import Testing

/// Completeness: every record exactly once, whatever the data set size relative to the page size.
enum CompletenessCases {
    /// 0, 1, n−1, n, n+1 records at page sizes 1, 2, 7 and the maximum (n = page size).
    static func smallSets<H>(_ context: ConformanceContext<H>) async throws {
        for pageSize in try await pageSizes(context) {
            let sizes = [0, 1, pageSize - 1, pageSize, pageSize + 1].filter { $0 >= 0 }
            for size in Array(Set(sizes)).sorted() {
                try await check(context, records: size, pageSize: pageSize)
            }
        }
    }

    /// 1,000 records at page sizes 1, 2, 7 and the maximum.
    static func thousandRecords<H>(_ context: ConformanceContext<H>) async throws {
        for pageSize in try await pageSizes(context) {
            try await check(context, records: 1000, pageSize: pageSize)
        }
    }

    /// 1, 2, 7 and the provider's maximum, within what it accepts.
    private static func pageSizes<H>(_ context: ConformanceContext<H>) async throws -> [Int] {
        let max = try await context.subject(SubjectSetup(enrollmentsPerCourse: 0)).roster.capabilities.maxPageSize
        return Array(Set([1, 2, 7, max].filter { $0 <= max })).sorted()
    }

    private static func check<H>(_ context: ConformanceContext<H>, records: Int, pageSize: Int) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: records))
        let expected = await subject.backend.enrollmentIDs(course: nil)
        let what = "\(records) records at page size \(pageSize)"
        let result: ListingResult
        do {
            result = try await subject.roster.listAll(EnrollmentQuery(pageSize: pageSize))
        } catch {
            context.note(error)
            context.fail("\(what): the listing failed: \(error)")
            return
        }
        let ids = result.ids
        context.check(ids.count == Set(ids).count, "\(what): a record was yielded twice")
        let got = Set(ids)
        context.check(
            got == expected,
            "\(what): missing \(expected.subtracting(got).sorted().prefix(5)), unexpected \(got.subtracting(expected).sorted().prefix(5))"
        )
        context.check(result.report.finished, "\(what): the report is not marked finished")
        context.check(
            result.report.records == ids.count,
            "\(what): the report counts \(result.report.records) records, \(ids.count) were yielded")
        context.check(
            result.report.duplicatesDropped == 0,
            "\(what): \(result.report.duplicatesDropped) duplicates on an unchanging backend")
    }
}
