import RosterCore
import RosterHTTP
import Testing

/// Loop guards: damaged pages from the subject's own driver must end the listing with
/// `inconsistentPaging` (or, where the damage is the style's normal end, simply end) in finite time.
enum LoopGuardCases {
    static func run<H>(_ context: ConformanceContext<H>, tamper: TamperingDriver<H.Driver>.Tamper) async throws {
        let pageSize = 3
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 4 * pageSize + 1))
        let driver = TamperingDriver(base: subject.roster.driver, tamper: tamper)
        let roster = Roster(driver: driver)
        let style = roster.capabilities.enrollmentPaging
        var yielded = 0
        var outcome: Result<Void, any Error> = .success(())
        do {
            for try await _ in roster.enrollments(EnrollmentQuery(pageSize: pageSize)) { yielded += 1 }
        } catch {
            context.note(error)
            outcome = .failure(error)
        }
        if driver.fetchCount > driver.fetchLimit {
            return context.fail(
                "\(tamper) under \(style): the listing ran past \(driver.fetchLimit) pages without a guard firing")
        }
        let endsQuietly: Bool =
            switch (tamper, style) {
            case (.emptyPageOnward, .pageNumber), (.emptyPageOnward, .keyset): true
            default: false
            }
        switch outcome {
        case .success:
            context.check(
                endsQuietly, "\(tamper) under \(style): the listing ended without an inconsistentPaging error")
            if endsQuietly {
                context.check(yielded <= pageSize, "\(tamper) under \(style): \(yielded) records from one real page")
            }
        case .failure(let error as RosterError):
            context.check(
                error.code == .inconsistentPaging,
                "\(tamper) under \(style): expected inconsistentPaging, got \(error)")
        case .failure(let error):
            context.fail("\(tamper) under \(style): expected a RosterError, got \(type(of: error)): \(error)")
        }
        context.check(
            driver.fetchCount <= 3,
            "\(tamper) under \(style): \(driver.fetchCount) pages fetched before the guard fired")
    }
}
