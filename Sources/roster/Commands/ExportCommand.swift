#if CLI
import ArgumentParser
import Foundation
import RosterCore

/// `roster export`: a listing streamed into a file. It writes to `FILE.partial` and renames it to
/// FILE only when the listing completed, so a FILE that exists is always complete; the consistency
/// report goes to stderr at the end.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Stream a whole roster into a file, with a consistency report.",
        discussion: """
            Progress shows on stderr when it is a terminal. Example:
              roster export --provider meltingspot --output roster.jsonl
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var filters: QueryOptions

    @Option(help: "The file to write.")
    var output: String

    @Option(help: "jsonl | csv | json")
    var format: OutputFormat = .jsonl

    func run() async throws {
        guard format != .table else { throw ToolFailure(.usage, "export writes jsonl, csv or json, not a table") }
        let roster = try connection.roster()
        let query = try filters.query()
        let destination = URL(fileURLWithPath: output)
        let partial = destination.appendingPathExtension("partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: partial)
        else { throw ToolFailure(.usage, "cannot write \(partial.path)") }
        let writer = RecordWriter(format: format, output: TextOutput(handle))
        let progress = ExportProgress(output: .standardError)
        let listing = roster.enrollments(query)
        do {
            for try await enrollment in listing {
                writer.write(enrollment)
                let report = listing.report
                progress.update(records: writer.recordCount, pages: report.pages, total: report.firstReportedTotal)
            }
        } catch {
            writer.finish()
            try? handle.close()
            progress.clear()
            TextOutput.standardError.line(
                "roster: export stopped after \(writer.recordCount) records; they are in \(partial.path)")
            throw error
        }
        writer.finish()
        try handle.close()
        _ = try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: partial, to: destination)
        progress.clear()
        TextOutput.standardError.line(
            "exported \(writer.recordCount) \(roster.provider) records to \(destination.path) (\(format.rawValue))\n"
                + ListingSummary(listing.report).text)
    }
}
#endif
