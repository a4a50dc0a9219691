import RosterCore
import RosterHTTP
import Testing

/// The adapter's mapping table against what the adapter really does: every row is set on its own
/// backend record (raw status, raw role, condition) and read back through the provider's transport,
/// by listing and by id; each must read exactly as its row says.
enum MappingTableCases {
    static func readsAsDocumented<H>(_ context: ConformanceContext<H>) async throws {
        let table = context.harness.mappingTable
        let rows = table.reads
        context.check(!rows.isEmpty, "the mapping table has no rows")
        for row in rows {
            if case .unknown = row.status { context.fail("the documented row \(row) reads as an unknown status") }
            if case .unknown = row.role { context.fail("the documented row \(row) reads as an unknown role") }
        }
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: max(rows.count, 1)))
        let roster = subject.roster
        context.check(
            roster.capabilities.writableStatuses == table.writableStatuses,
            "the driver declares writable statuses \(names(roster.capabilities.writableStatuses)), its table writes \(names(table.writableStatuses))"
        )
        let targets = try await StatusMappingCases.learnerRecords(subject, context)
        guard targets.count >= rows.count else {
            return context.fail("needs \(rows.count) learner records, the backend has \(targets.count)")
        }
        for (row, record) in zip(rows, targets) { try await subject.backend.apply(row, to: record.id) }
        let listed = Dictionary(try await roster.listAll().records.map { ($0.id, $0) }) { first, _ in first }
        for (row, record) in zip(rows, targets) {
            guard let read = listed[record.id] else {
                context.fail("the record carrying \(row) vanished from the listing")
                continue
            }
            check(read, against: row, "listed", context)
            guard roster.capabilities.supports(.getEnrollment) else { continue }
            do {
                let read = try await roster.enrollment(record.id, course: record.course.id)
                check(read, against: row, "read by id", context)
            } catch {
                context.note(error)
                context.fail("reading the record carrying \(row) by id failed: \(error)")
            }
        }
    }

    private static func names(_ statuses: Set<EnrollmentStatus>) -> [String] { statuses.map(\.description).sorted() }

    private static func check<H>(
        _ read: Enrollment, against row: StatusMappingTable.Row, _ how: String, _ context: ConformanceContext<H>
    ) {
        context.check(read.status == row.status, "\(row): \(how) with status \(read.status)")
        context.check(read.role == row.role, "\(row): \(how) with role \(read.role)")
        context.check(
            read.vendorStatus.code == row.vendorStatus, "\(row): \(how) keeping the raw value \(read.vendorStatus.code)")
    }
}
