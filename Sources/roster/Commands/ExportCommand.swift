#if CLI
import ArgumentParser
import Foundation
import RosterCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `roster export`: a listing streamed into a file. Records go to a temporary file of this run's own
/// next to the destination, which replaces the destination in one atomic rename only when the
/// listing completed and every byte was written and synced: a destination that exists is always
/// complete, and a failed or interrupted export leaves it untouched. The consistency report goes to
/// stderr at the end.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Stream a whole roster into a file, with a consistency report.",
        discussion: """
            Progress shows on stderr when it is a terminal. A failed or interrupted (Ctrl-C, SIGTERM)
            export leaves FILE untouched and says where the records written so far are. Example:
              roster export --provider meltingspot --output roster.jsonl
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var filters: QueryOptions

    @Option(help: "The file to write (a regular file or a symbolic link, which is replaced), or - for stdout.")
    var output: String

    @Flag(help: "Add each record's vendor JSON, exactly as the vendor sent it (credentials masked), as \"raw\".")
    var raw = false

    @Option(help: "jsonl | csv | json")
    var format: OutputFormat = .jsonl

    func run() async throws {
        guard format != .table else { throw ToolFailure(.usage, "export writes jsonl, csv or json, not a table") }
        let roster = try connection.roster()
        let query = try filters.query()
        let target = try ExportTarget.open(output)
        let writer: RecordWriter
        do {
            writer = try RecordWriter(format: format, output: target.output, includeRaw: raw)
        } catch {
            target.discard()
            throw error
        }
        let progress = ExportProgress(output: .standardError)
        let listing = roster.enrollments(query)
        let copy = Task { try await Self.copy(listing, into: writer, progress: progress) }
        // The run ends when the copy ends or at the first SIGINT/SIGTERM, whichever comes first: a
        // request that does not heed cancellation cannot hold the export. The signals stay caught
        // until the run ends, so a second Ctrl-C cannot cut the partial file.
        let ending = FirstOutcome<Result<Void, any Error>?>()
        let watch = InterruptWatch.start {
            copy.cancel()
            ending.settle(nil)
        }
        defer { watch.stop() }
        Task { ending.settle(await copy.result) }
        let outcome = await ending.value
        progress.clear()

        if let signal = watch.receivedSignal {
            try stop(target, writer, because: "interrupted by \(InterruptWatch.name(of: signal))")
            throw InterruptedRun(signal: signal)
        }
        guard let result = outcome else { throw ToolFailure(.unavailable, "export stopped") }
        switch result {
        case .failure(let error as FileWriteError):
            target.discard()
            throw ToolFailure(
                .outputFailed, "export: \(error)\(untouched(target)) (\(writer.recordCount) records were read)")
        case .failure(let error):
            try stop(target, writer, because: "stopped")
            throw error
        case .success:
            do {
                try writer.finish()
                try target.commit()
            } catch let error as FileWriteError {
                target.discard()
                throw ToolFailure(.outputFailed, "export: \(error)\(untouched(target))")
            }
        }
        let done = "exported \(writer.recordCount) \(roster.provider) records to \(target.destinationName)"
        TextOutput.standardError.line(
            TerminalText.flatten("\(done) (\(format.rawValue))") + "\n" + ListingSummary(listing.report).text)
    }

    /// `; FILE was left untouched`, or nothing for standard output.
    private func untouched(_ target: ExportTarget) -> String {
        target.isStandardOutput ? "" : "; \(target.destinationName) was left untouched"
    }

    /// Streams every record of `listing` into `writer`, stopping between records when cancelled, and
    /// writes the whole records out at least every two seconds.
    private static func copy(
        _ listing: EnrollmentListing<AnyRosterDriver>, into writer: RecordWriter, progress: ExportProgress
    ) async throws {
        var flushed = Date()
        for try await enrollment in listing {
            try Task.checkCancellation()
            try writer.write(enrollment)
            if Date().timeIntervalSince(flushed) >= 2 {
                try writer.flush()
                flushed = Date()
            }
            let report = listing.report
            progress.update(records: writer.recordCount, pages: report.pages, total: report.firstReportedTotal)
        }
    }

    /// Ends an incomplete export: the whole records written so far are kept (a JSON array left
    /// unclosed) and one line on stderr says where they are. When even they cannot be written, the
    /// temporary file is removed and the line says so.
    private func stop(_ target: ExportTarget, _ writer: RecordWriter, because reason: String) throws {
        do {
            try writer.abandon()
        } catch let error as FileWriteError {
            target.discard()
            TextOutput.standardError.line(
                "roster: export \(reason) after \(writer.recordCount) records, which could not be kept: "
                    + TerminalText.flatten(error.description))
            return
        }
        let place = target.keepPartial()
        let records = "the \(writer.recordCount) complete records written so far are"
        TextOutput.standardError.line(
            TerminalText.flatten(
                target.isStandardOutput
                    ? "roster: export \(reason); \(records) on standard output"
                    : "roster: export \(reason); \(records) in \(place)\(untouched(target))"))
    }
}
#endif
