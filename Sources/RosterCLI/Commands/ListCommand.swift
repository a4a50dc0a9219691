#if CLI
import ArgumentParser
import RosterCore

/// `roster list`: one canonical record per enrollment, on stdout and nothing else.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List enrollments, one canonical record each.",
        discussion: """
            On a terminal the table prints as rows arrive. Examples (against
            `roster serve --vendor all --port 8700 --records 40 --courses 3 --seed 1`):
              roster list --provider frontcore --course 22353 \\
                  --status enrolled,completed --format jsonl
              roster list --provider meltingspot --email zoe.rousseau.1@courriel.fr
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var filters: QueryOptions

    @Flag(help: "Add each record's vendor JSON, exactly as the vendor sent it (credentials masked), as \"raw\".")
    var raw = false

    @Option(help: "table | jsonl | csv | json")
    var format: OutputFormat = .table

    func run() async throws {
        let roster = try filters.applyingConcurrency(to: try connection.roster())
        let query = try filters.query()
        let writer = try RecordWriter(format: format, output: .standardOutput, includeRaw: raw)
        let listing = roster.enrollments(query)
        let titles = CourseTitles(roster: roster)
        do {
            for try await enrollment in listing { try writer.write(try await titles.fill(enrollment)) }
        } catch let error as FileWriteError {
            TextOutput.standardOutput.discard()
            throw error
        } catch {
            // The records so far stay on stdout, but a JSON array is left unclosed: a failed listing
            // must not look like a complete one to a parser.
            try writer.abandon()
            throw error
        }
        try writer.finish()
        if connection.verbose { TextOutput.standardError.line(ListingSummary(listing.report).text) }
    }
}
#endif
