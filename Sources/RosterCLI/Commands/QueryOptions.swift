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

    @Option(help: "Pages fetched ahead of the output, 1...64 (1: one page at a time; default 4).")
    var pagesInFlight: Int = ListingPolicy.defaultPagesInFlight

    @Option(help: "Courses walked at once when listing every course, 1...64 (default 4).")
    var coursesInFlight: Int = ListingPolicy.defaultCoursesInFlight

    /// `roster` with the concurrency these options ask for, or a usage failure for a value out of range.
    func applyingConcurrency<Driver>(to roster: Roster<Driver>) throws -> Roster<Driver> {
        for (flag, value) in [("--pages-in-flight", pagesInFlight), ("--courses-in-flight", coursesInFlight)]
        where !(1...64).contains(value) {
            throw ToolFailure(.usage, "\(flag) must be within 1...64, not \(value)")
        }
        var policy = roster.listingPolicy
        policy.pagesInFlight = pagesInFlight
        policy.coursesInFlight = coursesInFlight
        return roster.with(listingPolicy: policy)
    }

    /// The query, or a usage failure naming the bad value.
    func query() throws -> EnrollmentQuery {
        var query = EnrollmentQuery(
            course: try IDArgument.checked(course, "--course").map(CourseID.init),
            session: try IDArgument.checked(session, "--session").map(SessionID.init),
            learner: try IDArgument.checked(learner, "--learner").map(LearnerID.init), search: search,
            pageSize: pageSize)
        query.statuses = Set(try Self.list(status).map(Self.status))
        query.firstNames = Set(firstNames)
        query.lastNames = Set(lastNames)
        query.order = try orderBy.map(Self.order)
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
