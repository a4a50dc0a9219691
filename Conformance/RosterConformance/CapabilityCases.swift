import RosterCore
import RosterHTTP
import Testing

/// Capability honesty: what a provider does not declare is refused with `unsupported` — by the facade
/// AND by the driver itself, called directly (the facade answers before any driver code runs, so only
/// the direct call shows whether the driver would quietly do it) — before any request; what it
/// declares works.
enum CapabilityCases {
    static func honoured<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 3))
        let roster = subject.roster
        let driver = roster.driver
        let caps = roster.capabilities
        let injector = subject.backend.injector
        let courses = await subject.backend.courseIDs()
        let records = try await StatusMappingCases.learnerRecords(subject, context)
        guard courses.count == 2, let record = records.first(where: { $0.course.id == courses[0] }) else {
            return context.fail("the backend should hold 2 courses with learners")
        }
        let request = EnrollRequest(course: courses[1], learner: record.learner.id)
        let before = injector.requestCount
        for operation in DriverCapabilities.Operation.allCases where !caps.supports(operation) {
            await context.expectError(.unsupported, "the undeclared operation \(operation), through the facade") {
                () async throws -> Void in
                try await attempt(operation, roster: roster, record: record, request: request)
            }
            await context.expectError(.unsupported, "the undeclared operation \(operation), from the driver itself") {
                () async throws -> Void in
                try await attempt(operation, driver: driver, record: record, request: request)
            }
        }
        context.check(
            injector.requestCount == before,
            "undeclared operations sent \(injector.requestCount - before) requests before refusing")
        if caps.supports(.listCourses) {
            let listed = Set(try await roster.courses().collect(max: 10_000).map(\.id))
            context.check(
                listed == Set(courses),
                "the course listing gave \(listed.sorted()), the backend holds \(courses.sorted())")
        }
        guard caps.supports(.enroll) else { return }
        let created = try await roster.enroll(request)
        guard case .created(let made) = created else {
            return context.fail("enrolling a new person answered \(created)")
        }
        let again = try await roster.enroll(request)
        if case .created = again { context.fail("enrolling the same person twice created a second enrollment") }
        let inCourse = try await roster.listAll(EnrollmentQuery(course: courses[1], learner: record.learner.id)).records
        context.check(
            inCourse.count == 1, "after enrolling, course \(courses[1]) lists the person \(inCourse.count) times")
        guard caps.supports(.unenroll), let enrollment = made ?? inCourse.first else { return }
        try await roster.unenroll(enrollment.id, course: courses[1])
        let after = try await roster.listAll(EnrollmentQuery(course: courses[1], learner: record.learner.id)).records
        context.check(
            after.allSatisfy { $0.status == .cancelled },
            "after unenrolling, course \(courses[1]) still lists the person as enrolled")
    }

    /// `operation` through the facade.
    private static func attempt<D>(
        _ operation: DriverCapabilities.Operation, roster: Roster<D>, record: Enrollment, request: EnrollRequest
    ) async throws {
        switch operation {
        case .listEnrollments: _ = try await roster.listAll()
        case .listCourses: _ = try await roster.courses().collect(max: 10_000)
        case .getCourse: _ = try await roster.course(record.course.id)
        case .getEnrollment: _ = try await roster.enrollment(record.id, course: record.course.id)
        case .updateEnrollment:
            _ = try await roster.update(record.id, course: record.course.id, with: EnrollmentUpdate(passed: true))
        case .enroll: _ = try await roster.enroll(request)
        case .unenroll: try await roster.unenroll(record.id, course: record.course.id)
        case .findLearners: _ = try await roster.findLearner(.email("ase.odegard@example.no"))
        case .createLearner: _ = try await roster.createLearner(NewLearner(email: "ny.person@example.no"))
        }
    }

    /// `operation` called on the driver directly, past every check of the facade.
    private static func attempt<D: RosterDriver>(
        _ operation: DriverCapabilities.Operation, driver: D, record: Enrollment, request: EnrollRequest
    ) async throws {
        switch operation {
        case .listEnrollments:
            _ = try await driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: record.course.id), position: .start, limit: 1))
        case .listCourses:
            _ = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 1))
        case .getCourse: _ = try await driver.course(record.course.id)
        case .getEnrollment: _ = try await driver.enrollment(record.id, course: record.course.id)
        case .updateEnrollment:
            _ = try await driver.update(record.id, course: record.course.id, with: EnrollmentUpdate(passed: true))
        case .enroll: _ = try await driver.enroll(request)
        case .unenroll: try await driver.unenroll(record.id, course: record.course.id)
        case .findLearners: _ = try await driver.findLearners(.email("ase.odegard@example.no"))
        case .createLearner: _ = try await driver.createLearner(NewLearner(email: "ny.person@example.no"))
        }
    }
}
