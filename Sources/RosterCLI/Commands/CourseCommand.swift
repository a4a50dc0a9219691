#if CLI
import ArgumentParser
import RosterCore
import RosterFrontcore

/// `roster course`: one course by id, as one JSON line; on frontcore, `--dates` adds its course dates.
struct CourseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Show one course (and, on frontcore, its course dates).",
        discussion: """
            Prints one JSON object with the fields of `roster courses` (provider,
            id, title, status, reference, privacy, createdAt, updatedAt; absent
            values omitted), and with --dates a "sessions" array. frontcore and
            course-dashboard can read one course; meltingspot documents no such
            endpoint (exit 2).
            Examples:
              roster course --provider course-dashboard 101
              roster course --provider frontcore --dates 22353
            """)

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "frontcore: also list the course's dates (sessions), in id order.")
    var dates = false

    @Argument(help: "The course id.")
    var id: String

    /// The most course dates printed; a course with more fails rather than print a cut list.
    static let maxDates = 10_000

    func run() async throws {
        let id = CourseID(try IDArgument.checked(self.id, "the course id"))
        let roster = try connection.roster()
        var frontcore: FrontcoreDriver?
        if dates {
            frontcore = roster.driver.base as? FrontcoreDriver
            if frontcore == nil {
                throw ToolFailure(.usage, "--dates is for frontcore, whose courses have course dates")
            }
        }
        let course = try await roster.course(id)
        var fields = CourseRecord(provider: roster.provider, course: course, members: nil).fields
        if let frontcore {
            var sessions: [JSONValue] = []
            for try await session in frontcore.courseDates(of: id) {
                guard sessions.count < Self.maxDates else {
                    throw ToolFailure(.unavailable, "course \(id) has more than \(Self.maxDates) course dates")
                }
                sessions.append(SessionRecord.value(session))
            }
            fields.append((key: "sessions", value: .array(sessions)))
        }
        let line = EnvironmentSecrets.redactor.redact(JSONValue.object(fields).compact)
        try TextOutput.standardOutput.write(line + "\n")
        try TextOutput.standardOutput.flush()
    }
}

extension CourseCommand: ProviderCommand {}

/// A course's session as the tool prints it: lowerCamelCase keys, absent values left out, days as
/// `YYYY-MM-DD`, times as `HH:MM`.
enum SessionRecord {
    /// The JSON object of `session`.
    static func value(_ session: CourseSession) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [(key: "id", value: .text(session.id.rawValue))]
        for (key, text) in [
            ("title", session.title), ("startDate", session.startDate?.description),
            ("endDate", session.endDate?.description), ("startTime", session.startTime?.description),
            ("endTime", session.endTime?.description), ("timeZone", session.timeZone),
            ("vendorStatus", session.vendorStatus),
        ] {
            if let value = JSONValue.text(present: text) { fields.append((key: key, value: value)) }
        }
        if let location = session.location {
            var place: [(key: String, value: JSONValue)] = []
            for (key, text) in [
                ("id", location.id), ("name", location.name), ("city", location.city), ("region", location.region),
            ] {
                if let value = JSONValue.text(present: text) { place.append((key: key, value: value)) }
            }
            if !place.isEmpty { fields.append((key: "location", value: .object(place))) }
        }
        if let virtual = session.isVirtual { fields.append((key: "isVirtual", value: .bool(virtual))) }
        return .object(fields)
    }
}
#endif
