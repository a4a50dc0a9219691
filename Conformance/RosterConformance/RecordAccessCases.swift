import RosterCore
import RosterHTTP
import Testing

/// Single-record operations: get, missing id, update, and the declared capabilities.
enum RecordAccessCases {
    /// Gets the first few listed records by id.
    static func getByID<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        let roster = subject.roster
        guard roster.capabilities.supports(.getEnrollment) else {
            await context.expectError(.unsupported, "get without the capability") {
                try await roster.enrollment("1", course: "1")
            }
            return
        }
        for record in try await roster.listAll().records.prefix(3) {
            do {
                let read = try await roster.enrollment(record.id, course: record.course.id)
                context.check(read.id == record.id, "get \(record.id) answered \(read.id)")
                context.check(
                    read.course.id == record.course.id,
                    "get \(record.id): course \(read.course.id), listed \(record.course.id)")
                context.check(
                    read.learner.id == record.learner.id,
                    "get \(record.id): learner \(read.learner.id), listed \(record.learner.id)")
                context.check(
                    read.status == record.status, "get \(record.id): status \(read.status), listed \(record.status)")
                context.check(read.role == record.role, "get \(record.id): role \(read.role), listed \(record.role)")
            } catch {
                context.note(error)
                context.fail("get \(record.id) failed: \(error)")
            }
        }
    }

    /// Deletes a record at the backend, then gets it.
    static func missingID<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        guard roster.capabilities.supports(.getEnrollment) else { return }
        guard let record = try await StatusMappingCases.learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        try await subject.backend.deleteEnrollment(record.id)
        await context.expectError(.notFound, "get of a deleted id") {
            try await roster.enrollment(record.id, course: record.course.id)
        }
    }

    /// Writes a status other than the current one; checks the answer and a re-read.
    static func updatePersists<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        guard let record = try await StatusMappingCases.learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        let writable = EnrollmentStatus.known.filter(roster.capabilities.writableStatuses.contains)
        guard roster.capabilities.supports(.updateEnrollment),
            let status = writable.first(where: { $0 != record.status })
        else {
            await context.expectError(.unsupported, "update without the capability") {
                try await roster.update(record.id, course: record.course.id, with: EnrollmentUpdate(status: .cancelled))
            }
            return
        }
        await StatusMappingCases.writeStatus(status, to: record, subject, context)
    }

    /// Undeclared operations throw `unsupported`; declared course listing, enroll and unenroll work.
    static func capabilities<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 3))
        let roster = subject.roster
        let caps = roster.capabilities
        let courses = await subject.backend.courseIDs()
        let records = try await StatusMappingCases.learnerRecords(subject, context)
        guard courses.count == 2, let record = records.first(where: { $0.course.id == courses[0] }) else {
            return context.fail("the backend should hold 2 courses with learners")
        }
        let request = EnrollRequest(course: courses[1], learner: record.learner.id)
        for operation in DriverCapabilities.Operation.allCases where !caps.supports(operation) {
            await context.expectError(.unsupported, "the undeclared operation \(operation)") {
                () async throws -> Void in
                switch operation {
                case .listEnrollments: _ = try await roster.listAll()
                case .listCourses: _ = try await roster.courses().collect(max: 10_000)
                case .getCourse: _ = try await roster.course(courses[0])
                case .getEnrollment: _ = try await roster.enrollment(record.id, course: record.course.id)
                case .updateEnrollment:
                    _ = try await roster.update(
                        record.id, course: record.course.id, with: EnrollmentUpdate(passed: true))
                case .enroll: _ = try await roster.enroll(request)
                case .unenroll: try await roster.unenroll(record.id, course: record.course.id)
                case .findLearners: _ = try await roster.findLearner(.email("ase.odegard@example.no"))
                case .createLearner: _ = try await roster.createLearner(NewLearner(email: "ny.person@example.no"))
                }
            }
        }
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
}
