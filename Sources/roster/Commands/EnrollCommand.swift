#if CLI
import ArgumentParser
import RosterCore

/// `roster enroll`: puts people into a course, named by provider user id or by an identity the
/// provider can look up (`--email`, `--external-id`, `--username`; see `EnrollPeople`). `--dry-run`
/// runs the checks and lookups and prints the write it would send instead of sending it.
struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll", abstract: "Enroll people (by user id, e-mail, external id or username) in a course.",
        usage: "roster enroll --provider <p> --course <c> [<options>] [<learners> ...]",
        discussion: """
            Prints one JSON line per person (result: created, alreadyEnrolled,
            dryRun, failed, or unknown when the write was sent but no answer came:
            check with `roster get` before running it again). People named by
            --email, --external-id or --username are looked up first (frontcore:
            any of the three; meltingspot: e-mail; course-dashboard: username or
            external id). Two matches fail with the reason (enroll by id instead);
            no match fails too, except an e-mail on meltingspot, which creates
            the person first (with --dry-run only printed, as wouldSend).
            Examples:
              roster enroll --provider course-dashboard --course 101 --dry-run \\
                  1042 1043
              roster enroll --provider course-dashboard --course 102 \\
                  --username andrea_ferrara --external-id 101042
              roster enroll --provider meltingspot --dry-run \\
                  --course 077ca353-93f8-4e60-a3b4-000b7028473e \\
                  --email zoe.rousseau.1@courriel.fr,nouvelle.recrue@exemple.fr
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course.")
    var course: String

    @Option(help: "learner | manager | owner (as the provider allows).")
    var role: String = "learner"

    @Flag(help: "Ask the vendor to e-mail the person (and a person it creates), where it can.")
    var notify = false

    @Flag(help: "Run the checks and lookups, print the write that would be sent, and send no write.")
    var dryRun = false

    @Option(
        name: .customLong("email"),
        help: "A person by e-mail (repeatable, or a comma list); created first where the provider can (meltingspot).")
    var emails: [String] = []

    @Option(name: .customLong("external-id"), help: "A person by the id another system gave them (repeatable).")
    var externalIDs: [String] = []

    @Option(name: .customLong("username"), help: "A person by username (repeatable).")
    var usernames: [String] = []

    @Argument(help: "Provider user ids.")
    var learners: [String] = []

    func validate() throws {
        if learners.isEmpty && emails.isEmpty && externalIDs.isEmpty && usernames.isEmpty {
            throw ValidationError("name at least one person: a user id, --email, --external-id or --username")
        }
    }

    /// The people named by identity, in the order given: e-mails (comma lists split), then external ids,
    /// then usernames.
    var namedPeople: [(kind: LearnerIdentity.Kind, text: String)] {
        emails.flatMap { $0.split(separator: ",").map { (LearnerIdentity.Kind.email, String($0)) } }
            + externalIDs.map { (.externalID, $0) } + usernames.map { (.username, $0) }
    }

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
        let people = EnrollPeople(roster: roster, named: namedPeople, notify: notify)
        try people.checkCapabilities()
        var batch = BatchRun(operation: "enroll", provider: roster.provider.rawValue)
        func enroll(_ learner: LearnerID) async throws -> String {
            let request = EnrollRequest(course: CourseID(course), learner: learner, role: role, notify: notify)
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
        let base: [(key: String, value: JSONValue)] = [(key: "courseId", value: .text(course))]
        let roleField: [(key: String, value: JSONValue)] = [(key: "role", value: .text(role.name))]
        for learner in learners {
            try await batch.attempt(base + [(key: "learnerId", value: .text(learner))] + roleField, dryRun: recorder) {
                try await enroll(LearnerID(learner))
            }
        }
        try await people.run(into: &batch, fields: base, roleField: roleField, dryRun: recorder, enroll: enroll)
        try batch.finish()
    }
}
#endif
