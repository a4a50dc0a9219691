#if CLI
import ArgumentParser
import RosterCore

/// `roster unenroll`: takes enrollments out of their course; `--dry-run` checks and prints only.
struct UnenrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unenroll", abstract: "Remove enrollments (by enrollment id) where the provider supports it.",
        discussion: """
            Prints one JSON line per enrollment (result: removed, dryRun or failed). Example:
              roster unenroll --provider course-dashboard --course 7 --dry-run 7:1042
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course (needed by per-course providers).")
    var course: String?

    @Flag(help: "Check and print what would be sent; send nothing.")
    var dryRun = false

    @Argument(help: "Enrollment ids.")
    var ids: [String]

    func run() async throws {
        let roster = try connection.roster()
        guard roster.capabilities.supports(.unenroll) else { throw roster.driver.unsupported(.unenroll) }
        var batch = BatchRun(operation: "unenroll", provider: roster.provider.rawValue)
        for id in ids {
            var fields: [(key: String, value: JSONValue)] = [(key: "id", value: .text(id))]
            if let course { fields.append((key: "courseId", value: .text(course))) }
            if dryRun {
                batch.record(fields, result: "dryRun")
                continue
            }
            await batch.attempt(fields) {
                try await roster.unenroll(EnrollmentID(id), course: course.map(CourseID.init))
                return "removed"
            }
        }
        try batch.finish()
    }
}
#endif
