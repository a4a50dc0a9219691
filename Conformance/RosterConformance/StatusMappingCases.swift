import RosterCore
import RosterHTTP
import Testing

/// Status mapping beyond the table: undocumented values survive as unknown, writable statuses
/// round-trip (storing the table's vendor value), and unwritable ones are refused by the facade and by
/// the driver itself.
enum StatusMappingCases {
    /// Sets the harness's undocumented raw value and reads it back from the listing and by id.
    static func undocumented<H>(_ context: ConformanceContext<H>) async throws {
        let raw = context.harness.undocumentedVendorStatus
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        guard let target = try await learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        try await subject.backend.setVendorStatus(raw, of: target.id)
        let listed = try await subject.roster.listAll().records.first { $0.id == target.id }
        context.check(
            listed?.status == .unknown(raw: raw),
            "the undocumented status \(raw) was listed as \(listed.map { "\($0.status)" } ?? "nothing")")
        if subject.roster.capabilities.supports(.getEnrollment) {
            let read = try await subject.roster.enrollment(target.id, course: target.course.id)
            context.check(
                read.status == .unknown(raw: raw), "the undocumented status \(raw) was read as \(read.status)")
        }
    }

    /// Writes every writable status and checks the answer, a re-read, and the raw value stored.
    static func writableRoundTrip<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        let writable = EnrollmentStatus.known.filter(roster.capabilities.writableStatuses.contains)
        guard let target = try await learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        let writes = context.harness.mappingTable.writes
        for status in writable {
            guard let stored = await writeStatus(status, to: target, subject, context) else { continue }
            context.check(
                stored.vendorStatus.code == writes[status],
                "writing \(status) stored the vendor value \(stored.vendorStatus.code), the table says \(writes[status] ?? "none")"
            )
        }
    }

    /// Writes `status` to `record`; checks the answer and a re-read show it. Returns the re-read record.
    @discardableResult
    static func writeStatus<H>(
        _ status: EnrollmentStatus, to record: Enrollment, _ subject: ConformanceSubject<H.Driver>,
        _ context: ConformanceContext<H>
    ) async -> Enrollment? {
        do {
            let answered = try await subject.roster.update(
                record.id, course: record.course.id, with: EnrollmentUpdate(status: status))
            context.check(answered.id == record.id, "writing \(status) to \(record.id) answered record \(answered.id)")
            context.check(answered.status == status, "writing \(status) answered \(answered.status)")
            let reread = try await reread(record, subject)
            context.check(
                reread?.status == status, "writing \(status) re-read as \(reread.map { "\($0.status)" } ?? "nothing")")
            return reread
        } catch {
            context.note(error)
            context.fail("writing the writable status \(status) failed: \(error)")
            return nil
        }
    }

    /// Writes a status outside `writableStatuses`.
    static func unwritable<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 2))
        let roster = subject.roster
        let candidates = EnrollmentStatus.known + [.unknown(raw: "conformance-unwritable")]
        let status = candidates.first { !roster.capabilities.writableStatuses.contains($0) }!
        guard let target = try await learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        let before = subject.backend.injector.mutatingRequestCount
        let change = EnrollmentUpdate(status: status)
        await context.expectError(.unsupported, "writing \(status) through the facade") {
            try await roster.update(target.id, course: target.course.id, with: change)
        }
        await context.expectError(.unsupported, "writing \(status) through the driver itself") {
            try await roster.driver.update(target.id, course: target.course.id, with: change)
        }
        context.check(
            subject.backend.injector.mutatingRequestCount == before, "an unwritable status reached the backend")
        let after = try await reread(target, subject)
        context.check(
            after?.vendorStatus == target.vendorStatus,
            "refusing to write \(status) changed the record's vendor status to \(after.map { "\($0.vendorStatus.code)" } ?? "nothing")"
        )
    }

    /// The subject's learner-role records, in id order.
    static func learnerRecords<H>(_ subject: ConformanceSubject<H.Driver>, _ context: ConformanceContext<H>)
        async throws
        -> [Enrollment]
    {
        try await subject.roster.listAll().records.filter { $0.role == .learner }.sorted { $0.id < $1.id }
    }

    /// `record` read again: by id where the provider can, else from the listing.
    static func reread<D>(_ record: Enrollment, _ subject: ConformanceSubject<D>) async throws -> Enrollment? {
        if subject.roster.capabilities.supports(.getEnrollment) {
            return try await subject.roster.enrollment(record.id, course: record.course.id)
        }
        return try await subject.roster.listAll(EnrollmentQuery(course: record.course.id)).records.first {
            $0.id == record.id
        }
    }
}
