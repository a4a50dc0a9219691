#if CLI
import Foundation
import RosterCore

/// The canonical export record (README "Output formats") of one enrollment, as an ordered list of fields: the one
/// source that JSON Lines, JSON, CSV and the table are all rendered from, so the formats never disagree.
/// Absent values (nil, or an empty string a vendor sent for "none") are left out, never written as "".
struct CanonicalRecord: Equatable {
    /// The fields in output order; `learner` is a nested object.
    private(set) var fields: [(key: String, value: JSONValue)]

    /// Appends a field after the canonical ones (the vendor's raw record, with `--raw`).
    mutating func add(_ key: String, _ value: JSONValue) { fields.append((key: key, value: value)) }

    static func == (lhs: CanonicalRecord, rhs: CanonicalRecord) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }

    /// The flat column names of CSV, in order (`learner.id` becomes `learnerId`).
    static let csvColumns = [
        "provider", "id", "courseId", "courseTitle", "sessionId", "status", "role", "vendorStatus",
        "learnerId", "learnerEmail", "learnerFirstName", "learnerLastName", "learnerDisplayName", "learnerUsername",
        "learnerExternalID", "completionRate", "passed", "paid", "enrolledAt", "startedAt", "completedAt",
        "cancelledAt", "lastActivityAt", "createdAt", "updatedAt", "customProperties",
    ]

    /// Builds the record of `enrollment`.
    init(_ enrollment: Enrollment) {
        var fields: [(String, JSONValue)] = []
        func add(_ key: String, _ value: JSONValue?) {
            if let value { fields.append((key, value)) }
        }
        add("provider", .text(enrollment.provider.rawValue))
        add("id", .text(enrollment.id.rawValue))
        add("courseId", .text(enrollment.course.id.rawValue))
        add("courseTitle", .text(present: enrollment.course.title))
        add("sessionId", .text(present: enrollment.session?.id.rawValue))
        add("status", .text(enrollment.status.name))
        add("role", .text(enrollment.role.name))
        add("vendorStatus", .text(enrollment.vendorStatus.code))
        let learner = enrollment.learner
        var person: [(String, JSONValue)] = [("id", .text(learner.id.rawValue))]
        for (key, value) in [
            ("email", learner.email), ("firstName", learner.firstName), ("lastName", learner.lastName),
            ("displayName", learner.displayName), ("username", learner.username), ("externalID", learner.externalID),
        ] {
            if let text = JSONValue.text(present: value) { person.append((key, text)) }
        }
        add("learner", .object(person.map { (key: $0.0, value: $0.1) }))
        add("completionRate", enrollment.completionRate.map { .number($0) })
        add("passed", enrollment.passed.map { .bool($0) })
        add("paid", enrollment.payment?.isPaid.map { .bool($0) })
        let times = enrollment.timestamps
        for (key, instant) in [
            ("enrolledAt", times.enrolledAt), ("startedAt", times.startedAt), ("completedAt", times.completedAt),
            ("cancelledAt", times.cancelledAt), ("lastActivityAt", times.lastActivityAt),
            ("createdAt", times.createdAt), ("updatedAt", times.updatedAt),
        ] {
            add(key, instant.map { .text(Self.instant($0)) })
        }
        // Undocumented vendor shape (Frontcore attendance): written as the vendor sent it.
        add("attendance", enrollment.attendance.map { .vendor($0.description) })
        add("customProperties", Self.properties(enrollment.customProperties))
        self.fields = fields.map { (key: $0.0, value: $0.1) }
    }

    /// A vendor's custom properties as one object, keys sorted so the same record always prints the
    /// same bytes; a property set to null stays an explicit null. Nil or empty: absent.
    static func properties(_ properties: [String: String?]?) -> JSONValue? {
        guard let properties, !properties.isEmpty else { return nil }
        return .object(properties.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.map { .text($0) } ?? .null) })
    }

    /// The value of `key` (a nested learner key as `learnerId`, `learnerEmail`, `learnerExternalID`, …),
    /// or nil when absent.
    func value(forColumn column: String) -> JSONValue? {
        if column.hasPrefix("learner"), case .object(let person)? = fields.first(where: { $0.key == "learner" })?.value
        {
            let rest = column.dropFirst("learner".count)
            let key = rest.prefix(1).lowercased() + rest.dropFirst()
            return person.first { $0.key == key }?.value
        }
        return fields.first { $0.key == column }?.value
    }

    /// An instant as ISO 8601 in UTC with `Z`, keeping the vendor's sub-second precision: whole
    /// seconds as `2025-03-04T09:30:00Z`, milliseconds as `…:00.988Z`, microseconds as `…:00.123456Z`.
    static func instant(_ date: Date) -> String { ISO8601Instant.format(date) }
}
#endif
