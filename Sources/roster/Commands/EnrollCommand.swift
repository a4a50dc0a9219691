#if CLI
import ArgumentParser
import RosterCore

/// `roster enroll`: puts people into a course; `--dry-run` runs the checks and lookups and prints the
/// write it would send instead of sending it.
struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll", abstract: "Enroll people (by provider user id) in a course.",
        discussion: """
            Prints one JSON line per person (result: created, alreadyEnrolled, dryRun or failed).
            Example:
              roster enroll --provider course-dashboard --course 101 --dry-run 1042 1043
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course.")
    var course: String

    @Option(help: "learner | manager | owner (as the provider allows).")
    var role: String = "learner"

    @Flag(help: "Ask the vendor to e-mail the person, where it can.")
    var notify = false

    @Flag(help: "Run the checks and lookups, print the write that would be sent, and send no write.")
    var dryRun = false

    @Argument(help: "Provider user ids.")
    var learners: [String]

    func run() async throws {
        let role = try QueryOptions.role(self.role)
        _ = try IDArgument.checked(course, "--course")
        for learner in learners { _ = try IDArgument.checked(learner, "the learner id") }
        let recorder = dryRun ? DryRunRecorder() : nil
        let roster = try connection.roster(dryRun: recorder)
        let capabilities = roster.capabilities
        guard capabilities.supports(.enroll) else { throw roster.driver.unsupported(.enroll) }
        if !capabilities.enrollableRoles.isEmpty, !capabilities.enrollableRoles.contains(role) {
            throw ToolFailure(.usage, "\(roster.provider) cannot enroll with the role \(role)")
        }
        var batch = BatchRun(operation: "enroll", provider: roster.provider.rawValue)
        for learner in learners {
            let fields: [(key: String, value: JSONValue)] = [
                (key: "courseId", value: .text(course)), (key: "learnerId", value: .text(learner)),
                (key: "role", value: .text(role.name)),
            ]
            let request = EnrollRequest(
                course: CourseID(course), learner: LearnerID(learner), role: role, notify: notify)
            try await batch.attempt(fields, dryRun: recorder) {
                // A dry run first asks the provider what the write would do, by reading only, so it
                // agrees with the real run (already enrolled, missing course or person); only a write
                // that would really be sent is captured and printed.
                let outcome: EnrollOutcome
                if recorder != nil, let preview = try await roster.previewEnroll(request) {
                    outcome = preview
                } else {
                    outcome = try await roster.enroll(request)
                }
                return switch outcome {
                case .created: "created"
                case .alreadyEnrolled: "alreadyEnrolled"
                }
            }
        }
        try batch.finish()
    }
}
#endif
