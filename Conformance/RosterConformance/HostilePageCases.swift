import RosterCore
import RosterHTTP
import Testing

/// Hostile pages served at the wire: the backend damages an enrollment list page in its own format
/// (`FaultPlan.pageTampering`), and the provider's adapter and the facade must end the listing with
/// `inconsistentPaging` — or, where the damage is indistinguishable from the style's own signals, with
/// the outcome documented for it below — in a bounded number of requests, never yielding a record
/// twice or one the backend does not hold.
enum HostilePageCases {
    static let pageSize = 3
    /// Enough records for five pages, so the damaged page has real pages on both sides.
    static let recordsPerCourse = 4 * pageSize + 1
    /// The enrollment list page that is damaged (counted from the listing's first).
    static let damagedPage = 2
    /// Requests after this many are refused by the backend, so a runaway client ends.
    static let runawayCeiling = 80

    /// What a damaged listing must come to.
    enum Expectation: CustomStringConvertible {
        /// Fails with `inconsistentPaging`.
        case inconsistentPaging
        /// Ends at the damaged page, having yielded the pages before it: the damage is the style's own
        /// end marker (an empty bare-array page under keyset paging), which nothing can tell apart.
        case endsAtTheDamage
        /// Yields every record exactly once, and the report shows the drift or the repair.
        case completeAndReported

        var description: String {
            switch self {
            case .inconsistentPaging: "an inconsistentPaging error"
            case .endsAtTheDamage: "an end at the damaged page"
            case .completeAndReported: "a complete listing with the damage reported"
            }
        }
    }

    /// The documented outcome of `tamper` under `style`.
    static func expectation(_ tamper: PageTamper, _ style: PagingStyle) -> Expectation {
        switch (tamper, style) {
        // A bare array's empty page is its end: keyset paging stops there; page-number paging stops
        // too, and its verifying re-read (every multi-page walk is re-read) finds the rest.
        case (.emptyPageOnward, .keyset): .endsAtTheDamage
        case (.emptyPageOnward, .pageNumber): .completeAndReported
        // A short page of records already served ends a bare page-number walk as deletions would
        // leave it; the repeats are drift, and the re-read finds the rest.
        case (.onlySeenRecords, .pageNumber): .completeAndReported
        // A DRF page's next link is what pages: a short page is followed on, and the count that
        // disagrees with the records seen triggers the repair pass that finds the one left out.
        case (.shortPageWithTotalOnward, .nextLink): .completeAndReported
        // A full page is never taken as the last on the word of a total, and a changed total is drift.
        case (.totalTooLow, _): .completeAndReported
        default: .inconsistentPaging
        }
    }

    /// The previous page served again at page 2 (every style); with next links, also a next link that
    /// points at its own page on every page (caught however the adapter follows links).
    static func repeatedCursor<H>(_ context: ConformanceContext<H>) async throws {
        try await run(context, .repeatPreviousPage)
        if context.harness.declaredCapabilities.enrollmentPaging == .nextLink {
            try await run(context, .selfLink, damaging: [0: .selfLink])
        }
    }

    /// Lists a one-course backend whose page `damagedPage` (or `damaging`) is damaged by `tamper`,
    /// and judges the outcome against `expectation(tamper, style)`.
    static func run<H>(_ context: ConformanceContext<H>, _ tamper: PageTamper, damaging: [Int: PageTamper]? = nil)
        async throws
    {
        let subject = try await context.subject(SubjectSetup(courses: 1, enrollmentsPerCourse: recordsPerCourse))
        let style = subject.roster.capabilities.enrollmentPaging
        let expected = await subject.backend.enrollmentIDs(course: nil)
        let what = "\(tamper) under \(style)"
        let injector = subject.backend.injector
        let before = injector.requestCount
        subject.backend.injectFromNextRequest(
            FaultPlan(pageTampering: damaging ?? [damagedPage: tamper], refuseRequestsAfter: runawayCeiling))
        var yielded: [EnrollmentID] = []
        let listing = subject.roster.enrollments(EnrollmentQuery(pageSize: pageSize))
        var failure: (any Error)?
        do {
            for try await record in listing { yielded.append(record.id) }
        } catch {
            context.note(error)
            failure = error
        }
        let requests = injector.requestCount - before
        let cleanPages = (expected.count + pageSize - 1) / pageSize
        let bound = 3 * cleanPages + 3
        context.check(
            requests <= bound,
            "\(what): \(requests) requests (a clean listing takes about \(cleanPages + 1)); the damage was not caught in bounded requests"
        )
        context.check(Set(yielded).count == yielded.count, "\(what): a record was yielded twice")
        context.check(
            Set(yielded).isSubset(of: expected),
            "\(what): records the backend does not hold were yielded: \(Set(yielded).subtracting(expected).sorted())")
        let expectation = expectation(tamper, style)
        switch (expectation, failure) {
        case (.inconsistentPaging, let error?):
            let code = (error as? RosterError)?.code
            context.check(code == .inconsistentPaging, "\(what): expected \(expectation), got \(error)")
        case (.inconsistentPaging, nil):
            context.fail("\(what): the listing ended without an error after \(yielded.count) records")
        case (_, let error?):
            context.fail("\(what): expected \(expectation), got \(error)")
        case (.endsAtTheDamage, nil):
            let before = (damagedPage - 1) * pageSize
            context.check(
                yielded.count == before, "\(what): \(yielded.count) records, the pages before the damage hold \(before)")
            context.check(listing.report.finished, "\(what): the report is not marked finished")
        case (.completeAndReported, nil):
            context.check(
                Set(yielded) == expected,
                "\(what): missing \(expected.subtracting(yielded).sorted().prefix(5)) after the listing ended")
            let report = listing.report
            let reported =
                report.repairPasses > 0 || !report.totalChanges.isEmpty || !report.countMismatches.isEmpty
            context.check(reported, "\(what): the listing completed, but its report shows no drift and no repair")
        }
    }
}
