import RosterCore
import RosterHTTP
import Testing

/// Records inserted and deleted between pages of a listing, in every paging style.
enum ChurnCases {
    /// Page boundaries followed by churn: a bounded burst, so that repair passes can settle (churn
    /// without end makes page-number and offset listings fail loudly, by design).
    static let churnedBoundaries = 3

    /// After each of the first `churnedBoundaries` full pages: two inserts and one deletion
    /// (alternately a record already yielded and one not yet yielded), made through the backend while
    /// the listing runs. Checks the exactly-once rule: every record present for the whole listing is
    /// yielded exactly once, inserted and deleted ones at most once, nothing the backend never held;
    /// the report is finished, shows the drift where the vendor reports totals, and counts the pages
    /// repair passes cost.
    static func insertsAndDeletes<H>(_ context: ConformanceContext<H>) async throws {
        let pageSize = 3
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 4 * pageSize + 1))
        let backend = subject.backend
        guard let course = await backend.courseIDs().first else {
            return context.fail("the backend holds no course")
        }
        let initial = await backend.enrollmentIDs(course: nil)
        let listing = subject.roster.enrollments(EnrollmentQuery(pageSize: pageSize))
        var iterator = listing.makeAsyncIterator()
        var yielded: [EnrollmentID] = []
        var inserted: Set<EnrollmentID> = []
        var deleted: Set<EnrollmentID> = []
        var boundaries = 0
        do {
            while let record = try await iterator.next() {
                yielded.append(record.id)
                guard yielded.count % pageSize == 0, boundaries < churnedBoundaries else { continue }
                boundaries += 1
                inserted.insert(try await backend.insertEnrollment(course: course))
                inserted.insert(try await backend.insertEnrollment(course: course))
                let pending = initial.subtracting(yielded).subtracting(deleted).sorted()
                let victim = boundaries % 2 == 1 ? yielded.last : pending.last
                // A record deleted before it was handed out may still be yielded (its page was
                // already fetched, ahead of the caller): it is gone, so it is no victim.
                if let victim, !deleted.contains(victim) {
                    try await backend.deleteEnrollment(victim)
                    deleted.insert(victim)
                }
            }
        } catch {
            context.note(error)
            return context.fail("the listing failed under a bounded burst of churn: \(error)")
        }
        context.check(boundaries == churnedBoundaries, "the listing ended after \(boundaries) churned pages")
        var times: [EnrollmentID: Int] = [:]
        for id in yielded { times[id, default: 0] += 1 }
        let throughout = initial.subtracting(deleted)
        let missed = throughout.filter { times[$0] == nil }
        let twice = times.filter { $0.value > 1 }.keys
        let foreign = Set(times.keys).subtracting(initial.union(inserted))
        context.check(missed.isEmpty, "records present for the whole listing were missed: \(missed.sorted())")
        context.check(twice.isEmpty, "records were yielded more than once: \(twice.sorted())")
        context.check(foreign.isEmpty, "records the backend never held were yielded: \(foreign.sorted())")
        let report = listing.report
        context.check(report.finished, "the listing under churn did not finish")
        context.check(
            report.records == yielded.count,
            "the report counts \(report.records) records, \(yielded.count) were yielded")
        context.check(
            report.repairPages <= report.pages && (report.repairPasses == 0) == (report.repairPages == 0),
            "the report's repair cost is inconsistent: \(report.repairPasses) passes, \(report.repairPages) of \(report.pages) pages"
        )
        if report.firstReportedTotal != nil, report.pages > 1 {
            context.check(
                !report.totalChanges.isEmpty,
                "the vendor reports totals, yet the report shows no drift after \(boundaries) changes")
        }
    }
}
