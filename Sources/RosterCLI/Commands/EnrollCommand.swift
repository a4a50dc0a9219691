#if CLI
import ArgumentParser
import Foundation
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
            frontcore enrolls only by booking a course date (POST /booking), and
            only with --allow-booking: EACH BOOKING CREATES AN ORDER in the
            Frontcore account and, paid by invoice, MAY SEND THE PERSON AN
            INVOICE. A booking is sent once and never repeated (no answer is
            result unknown: list the course date before booking again). Give the
            course date with --course-date and the person by user id, by --email
            (found among the account's participants), or, for someone new, by
            one --email with --first-name and --last-name. Try --dry-run first.
            Examples:
              roster enroll --provider course-dashboard --course 101 --dry-run \\
                  1042 1043
              roster enroll --provider frontcore --course 22353 \\
                  --course-date 12746584 --allow-booking \\
                  --email kari.nordmann@eksempel.no \\
                  --first-name Kari --last-name Nordmann
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

    @Option(
        name: [.customLong("course-date"), .customLong("session")],
        help: "The session to enroll on (frontcore: the course date, which must belong to --course).")
    var session: String?

    @Flag(
        help: """
            frontcore: allow enrolling by booking (POST /booking). Each booking CREATES AN ORDER and may \
            send the person AN INVOICE; it is sent once, never repeated.
            """)
    var allowBooking = false

    @Option(name: .customLong("first-name"), help: "With one --email: the person's given name, to book someone new.")
    var firstName: String?

    @Option(name: .customLong("last-name"), help: "With one --email: the person's family name, to book someone new.")
    var lastName: String?

    @Argument(help: "Provider user ids.")
    var learners: [String] = []

    func validate() throws {
        if learners.isEmpty && emails.isEmpty && externalIDs.isEmpty && usernames.isEmpty {
            throw ValidationError("name at least one person: a user id, --email, --external-id or --username")
        }
        if firstName != nil || lastName != nil {
            guard firstName != nil, lastName != nil else {
                throw ValidationError("--first-name and --last-name go together")
            }
            guard namedPeople.count == 1, namedPeople.first?.kind == .email, learners.isEmpty else {
                throw ValidationError("--first-name and --last-name describe one person: give exactly one --email")
            }
        }
    }

    /// The person to book by their details (one --email with both names), or nil.
    var personByDetails: NewLearner? {
        guard let firstName, let lastName, let email = namedPeople.first, email.kind == .email else { return nil }
        return NewLearner(
            email: email.text.trimmingCharacters(in: .whitespaces), firstName: firstName, lastName: lastName,
            notify: notify)
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
        let session = try IDArgument.checked(self.session, "--course-date").map(SessionID.init)
        for learner in learners { _ = try IDArgument.checked(learner, "the learner id") }
        if allowBooking, connection.provider != "frontcore" {
            throw ToolFailure(.usage, "--allow-booking is for frontcore, which enrolls by booking orders")
        }
        let recorder = dryRun ? DryRunRecorder() : nil
        let roster = try connection.roster(dryRun: recorder, allowBooking: allowBooking)
        let capabilities = roster.capabilities
        guard capabilities.supports(.enroll) else {
            var failure = ToolFailure(roster.driver.unsupported(.enroll))
            if connection.provider == "frontcore" {
                failure.hint =
                    "frontcore enrolls by booking a course date: pass --allow-booking (each booking creates an "
                    + "order and may invoice the person; try --dry-run first)"
            }
            throw failure
        }
        if !capabilities.enrollableRoles.isEmpty, !capabilities.enrollableRoles.contains(role) {
            throw ToolFailure(.usage, "\(roster.provider) cannot enroll with the role \(role)")
        }
        var batch = BatchRun(operation: "enroll", provider: roster.provider.rawValue)
        func send(_ request: EnrollRequest) async throws -> String {
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
        var base: [(key: String, value: JSONValue)] = [(key: "courseId", value: .text(course))]
        if let session { base.append((key: "sessionId", value: .text(session.rawValue))) }
        let roleField: [(key: String, value: JSONValue)] = [(key: "role", value: .text(role.name))]
        if let person = personByDetails {
            guard let session else {
                throw ToolFailure(.usage, "booking someone new needs the course date: give --course-date")
            }
            let request = EnrollRequest(course: CourseID(course), session: session, person: person, notify: notify)
            try await batch.attempt(base + [(key: "email", value: .text(person.email))] + roleField, dryRun: recorder) {
                try await send(request)
            }
            try batch.finish()
            return
        }
        let people = EnrollPeople(roster: roster, named: namedPeople, notify: notify)
        try people.checkCapabilities()
        func enroll(_ learner: LearnerID) async throws -> String {
            try await send(
                EnrollRequest(course: CourseID(course), learner: learner, role: role, notify: notify, session: session))
        }
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
