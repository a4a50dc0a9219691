#if CLI
import ArgumentParser
import RosterCore

/// `roster get`: one enrollment by id.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one enrollment.",
        usage: "roster get --provider <provider> [<options>] <id>",
        discussion: """
            Course Dashboard ids are <course>:<user>. Example:
              roster get --provider frontcore 100000
              roster get --provider course-dashboard --course 101 101:1005
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course (needed by per-course providers).")
    var course: String?

    @Option(help: "table | jsonl | csv | json")
    var format: OutputFormat = .jsonl

    @Argument(help: "The enrollment id.")
    var id: String

    func run() async throws {
        let id = EnrollmentID(try IDArgument.checked(self.id, "the enrollment id"))
        let course = try IDArgument.checked(course, "--course").map(CourseID.init)
        let roster = try connection.roster()
        let enrollment = try await CourseTitles(roster: roster).fill(try await roster.enrollment(id, course: course))
        let writer = try RecordWriter(format: format, output: .standardOutput)
        try writer.write(enrollment)
        try writer.finish()
    }
}
#endif
