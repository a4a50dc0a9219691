import RosterCore
import RosterHTTP
import Testing

/// Single-record operations: get, missing id, update.
enum RecordAccessCases {
    /// Gets the first few listed records by id.
    static func getByID<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 5))
        let roster = subject.roster
        let records = try await roster.listAll().records.prefix(3)
        context.check(!records.isEmpty, "the backend holds no records to get")
        for record in records {
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
        guard let status = writable.first(where: { $0 != record.status }) else {
            return context.fail("no writable status differs from the record's \(record.status)")
        }
        await StatusMappingCases.writeStatus(status, to: record, subject, context)
    }
}
