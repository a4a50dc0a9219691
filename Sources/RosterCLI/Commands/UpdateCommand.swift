#if CLI
import ArgumentParser
import RosterCore

/// `roster update`: changes one enrollment and prints it as the vendor now holds it.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change one enrollment's status, completion, outcome, payment or properties.",
        discussion: """
            A status the vendor cannot express fails with exit 2 before anything
            is sent. Example:
              roster update --provider frontcore 100000 --status cancelled \\
                  --property badge=42
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The course (needed by per-course providers).")
    var course: String?

    @Option(help: "The new canonical status.")
    var status: String?

    @Option(help: "true | false")
    var completed: Bool?

    @Option(help: "true | false")
    var passed: Bool?

    @Option(help: "The vendor's payment state id.")
    var paid: String?

    @Option(help: "KEY=VALUE to set a custom property; KEY= clears it. Repeatable.")
    var property: [String] = []

    @Option(help: "table | jsonl | csv | json")
    var format: OutputFormat = .jsonl

    @Argument(help: "The enrollment id.")
    var id: String

    func run() async throws {
        let changes = try update()
        let id = EnrollmentID(try IDArgument.checked(self.id, "the enrollment id"))
        let course = try IDArgument.checked(course, "--course").map(CourseID.init)
        let roster = try connection.roster()
        let enrollment = try await roster.update(id, course: course, with: changes)
        let writer = try RecordWriter(format: format, output: .standardOutput)
        try writer.write(enrollment)
        try writer.finish()
    }

    /// The changes asked for; a usage failure for a bad status or property, or when nothing is asked.
    func update() throws -> EnrollmentUpdate {
        var changes = EnrollmentUpdate(
            status: try status.map(QueryOptions.status), completed: completed, passed: passed, paymentCode: paid)
        if !property.isEmpty {
            var properties: [String: String?] = [:]
            for item in property {
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    throw ToolFailure(.usage, "--property \"\(item)\" is not KEY=VALUE")
                }
                let value = String(item[item.index(after: equals)...])
                properties[String(item[..<equals])] = .some(value.isEmpty ? nil : value)
            }
            changes.customProperties = properties
        }
        guard !changes.isEmpty else {
            throw ToolFailure(
                .usage, "nothing to update", hint: "give --status, --completed, --passed, --paid or --property")
        }
        return changes
    }
}
#endif
