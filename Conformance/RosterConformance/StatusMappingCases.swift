import RosterCore
import RosterHTTP
import Testing

/// Status mapping: documented values map to known statuses, undocumented ones survive as unknown,
/// writable statuses round-trip and unwritable ones are refused.
enum StatusMappingCases {
    /// Sets each documented raw value on its own record and reads every record back.
    static func documented<H>(_ context: ConformanceContext<H>) async throws {
        let raws = context.harness.documentedVendorStatuses
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: max(raws.count, 1)))
        let targets = try await learnerRecords(subject, context)
        guard targets.count >= raws.count else {
            return context.fail("needs \(raws.count) learner records, the backend has \(targets.count)")
        }
        for (raw, record) in zip(raws, targets) { try await subject.backend.setVendorStatus(raw, of: record.id) }
        let byID = Dictionary(try await subject.roster.listAll().records.map { ($0.id, $0) }) { first, _ in first }
        for (raw, record) in zip(raws, targets) {
            guard let read = byID[record.id] else {
                context.fail("the record with vendor status \(raw) vanished from the listing")
                continue
            }
            if case .unknown = read.status {
                context.fail("the documented vendor status \(raw) maps to \(read.status)")
            }
            context.check(read.vendorStatus.code == raw, "vendor status \(raw) was kept as \(read.vendorStatus.code)")
        }
    }

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

    /// Writes every writable status and checks the answer and a re-read.
    static func writableRoundTrip<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        let writable = EnrollmentStatus.known.filter(roster.capabilities.writableStatuses.contains)
        guard !writable.isEmpty else { return }
        guard let target = try await learnerRecords(subject, context).first else {
            return context.fail("the backend holds no learner record")
        }
        for status in writable { await writeStatus(status, to: target, subject, context) }
    }

    /// Writes `status` to `record`; checks the answer and a re-read show it.
    static func writeStatus<H>(
        _ status: EnrollmentStatus, to record: Enrollment, _ subject: ConformanceSubject<H.Driver>,
        _ context: ConformanceContext<H>
    ) async {
        do {
            let answered = try await subject.roster.update(
                record.id, course: record.course.id, with: EnrollmentUpdate(status: status))
            context.check(answered.id == record.id, "writing \(status) to \(record.id) answered record \(answered.id)")
            context.check(answered.status == status, "writing \(status) answered \(answered.status)")
            let reread = try await reread(record, subject)
            context.check(
                reread?.status == status, "writing \(status) re-read as \(reread.map { "\($0.status)" } ?? "nothing")")
        } catch {
            context.note(error)
            context.fail("writing the writable status \(status) failed: \(error)")
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
        await context.expectError(.unsupported, "writing \(status)") {
            try await roster.update(target.id, course: target.course.id, with: EnrollmentUpdate(status: status))
        }
        context.check(
            subject.backend.injector.mutatingRequestCount == before, "an unwritable status reached the backend")
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
