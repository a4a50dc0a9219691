#if CLI
import ArgumentParser
import Foundation
import RosterCore

/// The filters of `list` and `export`, turned into an `EnrollmentQuery`. Filters the vendor cannot
/// apply on its server are applied by Roster locally (the export report says which).
struct QueryOptions: ParsableArguments {
    @Option(help: "Only this course.")
    var course: String?

    @Option(help: "Only this session (course date).")
    var session: String?

    @Option(
        help:
            "Only these statuses, comma-separated: invited,requested,pending,enrolled,waitlisted,inProgress,completed,cancelled."
    )
    var status: String?

    @Option(help: "Only these roles, comma-separated: learner,manager,owner.")
    var role: String?

    @Option(help: "Only records updated at or after this ISO 8601 instant (e.g. 2025-01-31T00:00:00Z).")
    var updatedSince: String?

    @Option(help: "Only learners whose name, username or e-mail contains this text.")
    var search: String?

    @Option(
        name: .customLong("first-name"),
        help: "Only learners with exactly this given name, case and accents included (repeatable).")
    var firstNames: [String] = []

    @Option(
        name: .customLong("last-name"),
        help: "Only learners with exactly this family name, case and accents included (repeatable).")
    var lastNames: [String] = []

    // Unconditional: the value may start with "-" (newest first), which would otherwise read as a flag.
    @Option(
        parsing: .unconditional,
        help: """
            The order, where the provider's server can order (course-dashboard): joined_at, -joined_at, \
            last_active_at or -last_active_at (- for newest first).
            """)
    var orderBy: String?

    @Option(help: "Records per request (within the provider's limit).")
    var pageSize: Int?

    /// The query, or a usage failure naming the bad value.
    func query() throws -> EnrollmentQuery {
        var query = EnrollmentQuery(
            course: try IDArgument.checked(course, "--course").map(CourseID.init),
            session: try IDArgument.checked(session, "--session").map(SessionID.init), search: search,
            pageSize: pageSize)
        query.statuses = Set(try Self.list(status).map(Self.status))
        query.firstNames = Set(firstNames)
        query.lastNames = Set(lastNames)
        query.order = try orderBy.map(Self.order)
        query.roles = Set(try Self.list(role).map(Self.role))
        if let text = updatedSince {
            guard let instant = try? Date(text, strategy: Date.ISO8601FormatStyle()) else {
                throw ToolFailure(
                    .usage, "--updated-since \"\(text)\" is not an ISO 8601 instant",
                    hint: "write it like 2025-01-31T00:00:00Z")
            }
            query.updatedSince = instant
        }
        return query
    }

    /// The canonical status `name`, or a usage failure listing the names.
    static func status(_ name: String) throws -> EnrollmentStatus {
        guard let value = EnrollmentStatus(name: name) else {
            throw ToolFailure(
                .usage, "unknown status \"\(name)\"",
                hint: "use: \(EnrollmentStatus.known.map(\.name).joined(separator: ", "))")
        }
        return value
    }

    /// The order `text` names (`joined_at`, `-last_active_at`, or the neutral `enrolledAt`,
    /// `-lastActivityAt`), or a usage failure listing them.
    static func order(_ text: String) throws -> EnrollmentOrder {
        let descending = text.hasPrefix("-")
        let name = descending ? String(text.dropFirst()) : text
        let key: EnrollmentOrder.Key? =
            switch name {
            case "joined_at", "enrolledAt": .enrolledAt
            case "last_active_at", "lastActivityAt": .lastActivityAt
            default: nil
            }
        guard let key else {
            throw ToolFailure(
                .usage, "unknown order \"\(text)\"",
                hint: "use joined_at, -joined_at, last_active_at or -last_active_at")
        }
        return EnrollmentOrder(key, descending: descending)
    }

    /// The canonical role `name`, or a usage failure listing the names.
    static func role(_ name: String) throws -> EnrollmentRole {
        guard let value = EnrollmentRole(name: name) else {
            throw ToolFailure(.usage, "unknown role \"\(name)\"", hint: "use: learner, manager, owner")
        }
        return value
    }

    /// The items of a comma-separated option, trimmed, empty ones dropped.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
#endif
