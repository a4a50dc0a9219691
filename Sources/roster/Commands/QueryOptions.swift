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

    @Option(help: "Only this learner (the provider's user id).")
    var learner: String?

    @Option(help: "Only these e-mail addresses (repeat, or a comma list).")
    var email: [String] = []

    @Option(help: "Only these statuses, a comma list (see `roster providers`).")
    var status: String?

    @Option(help: "Only these roles, a comma list: learner,manager,owner.")
    var role: String?

    @Option(help: "Only records created at or after this instant (ISO 8601).")
    var createdSince: String?

    @Option(help: "Only records created at or before this instant.")
    var createdBefore: String?

    @Option(help: "Only records updated at or after this instant.")
    var updatedSince: String?

    @Option(help: "Only records updated at or before this instant.")
    var updatedBefore: String?

    @Option(help: "Only learners whose name, username or e-mail holds this text.")
    var search: String?

    @Option(help: "Records per request (within the provider's limit).")
    var pageSize: Int?

    /// The query, or a usage failure naming the bad value.
    func query() throws -> EnrollmentQuery {
        var query = EnrollmentQuery(
            course: try IDArgument.checked(course, "--course").map(CourseID.init),
            session: try IDArgument.checked(session, "--session").map(SessionID.init),
            learner: try IDArgument.checked(learner, "--learner").map(LearnerID.init), search: search,
            pageSize: pageSize)
        query.statuses = Set(try Self.list(status).map(Self.status))
        query.roles = Set(try Self.list(role).map(Self.role))
        query.emails = Set(email.flatMap { Self.list($0) })
        query.createdSince = try Self.instant(createdSince, "--created-since")
        query.createdBefore = try Self.instant(createdBefore, "--created-before")
        query.updatedSince = try Self.instant(updatedSince, "--updated-since")
        query.updatedBefore = try Self.instant(updatedBefore, "--updated-before")
        return query
    }

    /// The instant `text` of `option`, or a usage failure showing the form to write.
    static func instant(_ text: String?, _ option: String) throws -> Date? {
        guard let text else { return nil }
        guard let instant = ISO8601Instant.parse(text) else {
            throw ToolFailure(
                .usage, "\(option) \"\(text)\" is not an ISO 8601 instant",
                hint: "write it like 2025-01-31T00:00:00Z")
        }
        return instant
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
