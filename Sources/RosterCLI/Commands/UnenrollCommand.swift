#if CLI
import ArgumentParser
import RosterCore

/// `roster unenroll`: takes enrollments out of their course; `--dry-run` prints the write it would
/// send instead of sending it.
struct UnenrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unenroll", abstract: "Remove enrollments (by enrollment id) where the provider supports it.",
        usage: "roster unenroll --provider <p> [<options>] <ids> ...",
        discussion: """
            Prints one JSON line per enrollment (result: removed, dryRun, failed,
            or unknown when no answer came to the write). Example:
              roster unenroll --provider course-dashboard --course 101 --dry-run \\
                  101:1005
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course (needed by per-course providers).")
    var course: String?

    @Flag(help: "Run the checks and lookups, print the write that would be sent, and send no write.")
    var dryRun = false

    @Argument(help: "Enrollment ids.")
    var ids: [String]

    func run() async throws {
        _ = try IDArgument.checked(course, "--course")
        for id in ids { _ = try IDArgument.checked(id, "the enrollment id") }
        let recorder = dryRun ? DryRunRecorder() : nil
        let roster = try connection.roster(dryRun: recorder)
        guard roster.capabilities.supports(.unenroll) else { throw roster.driver.unsupported(.unenroll) }
        var batch = BatchRun(operation: "unenroll", provider: roster.provider.rawValue)
        for id in ids {
            var fields: [(key: String, value: JSONValue)] = [(key: "id", value: .text(id))]
            if let course { fields.append((key: "courseId", value: .text(course))) }
            try await batch.attempt(fields, dryRun: recorder) {
                try await roster.unenroll(EnrollmentID(id), course: course.map(CourseID.init))
                return "removed"
            }
        }
        try batch.finish()
    }
}
#endif
