import RosterCore
import RosterHTTP
import Testing

/// Records inserted and deleted between pages of a listing.
enum ChurnCases {
    /// After each full page: two inserts, and one deletion (alternately a record already yielded and
    /// one not yet yielded). Checks: nothing twice, nothing foreign, records present throughout
    /// yielded (keyset: all; other styles: all but at most one per deletion, since offsets shift),
    /// and reported drift where the vendor reports totals.
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
                guard yielded.count % pageSize == 0 else { continue }
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
            return context.fail("the listing failed under churn: \(error)")
        }
        let got = Set(yielded)
        context.check(got.count == yielded.count, "a record was yielded twice under churn")
        context.check(
            got.isSubset(of: initial.union(inserted)),
            "records that never existed were yielded: \(got.subtracting(initial.union(inserted)).sorted())")
        let missing = initial.subtracting(deleted).subtracting(got)
        let style = subject.roster.capabilities.enrollmentPaging
        if style == .keyset {
            context.check(missing.isEmpty, "keyset paging missed records present throughout: \(missing.sorted())")
        } else {
            context.check(
                missing.count <= deleted.count,
                "\(missing.count) records present throughout were missed, more than the \(deleted.count) deletions explain"
            )
        }
        let report = listing.report
        context.check(report.finished, "the listing under churn did not finish")
        if report.firstReportedTotal != nil, report.pages > 1 {
            context.check(
                !report.totalChanges.isEmpty && report.countDrift != 0,
                "the vendor reports totals, yet the report shows no drift after \(boundaries) changes")
        }
    }
}
