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
/// complete, and a failed or interrupted export leaves it untouched. Beside the destination a
/// checkpoint (`FILE.checkpoint`, see `ExportCheckpointFile`) is saved every two seconds, so
/// `--resume` continues an interrupted export with no record twice and none missing. The consistency
/// report goes to stderr at the end.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Stream a whole roster into a file, with a consistency report.",
        discussion: """
            Progress shows on stderr when it is a terminal. A failed or interrupted
            export (Ctrl-C, SIGTERM, kill -9, a network failure) leaves FILE
            untouched, and keeps the records so far in a partial file and
            FILE.checkpoint beside it: the same command with --resume continues.
            Example:
              roster export --provider meltingspot --output roster.jsonl
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var filters: QueryOptions

    @Option(help: "The file to write (replaced whole at the end), or - for stdout.")
    var output: String

    @Flag(help: "Add each record's vendor JSON, exactly as the vendor sent it (credentials masked), as \"raw\".")
    var raw = false

    @Option(help: "jsonl | csv | json")
    var format: ExportFormat = .jsonl

    @Flag(help: "Continue the interrupted export of FILE from FILE.checkpoint.")
    var resume = false

    /// The format as a checkpoint names it: `jsonl`, or `jsonl+raw` with `--raw`.
    var formatKey: String { format.rawValue + (raw ? "+raw" : "") }

    /// Seconds between two checkpoints.
    static let checkpointInterval: Double = 2

    func run() async throws {
        let format = self.format.outputFormat
        let roster = try filters.applyingConcurrency(to: try connection.roster())
        let query = try filters.query()
        let checkpointPath = output == "-" ? nil : ExportCheckpointFile.path(forOutput: output)
        var saved: ExportCheckpointFile?
        if resume {
            guard let checkpointPath else { throw ToolFailure(.usage, "export: --resume needs --output FILE, not -") }
            let previous = try ExportCheckpointFile.load(from: checkpointPath)
            guard previous.provider == roster.provider.rawValue, previous.format == formatKey,
                previous.query == query
            else {
                throw ToolFailure(
                    .usage,
                    "export: \(checkpointPath) was saved for \(previous.provider), \(previous.format) and other filters",
                    hint: "resume with the options of the interrupted command, or run without --resume")
            }
            saved = previous
        }
        let target = try saved.map { try ExportTarget.resume(output, partialFile: $0.partialFile, bytes: $0.bytes) }
            ?? ExportTarget.open(output)
        let writer: RecordWriter
        do {
            writer = try RecordWriter(format: format, output: target.output, includeRaw: raw, resumingAfter: saved?.records)
        } catch {
            target.discard()
            throw error
        }
        let listing = roster.enrollments(query, resumingFrom: saved?.listing)
        let saver = checkpointPath.map {
            CheckpointSaver(path: $0, provider: roster.provider.rawValue, format: formatKey, query: query)
        }
        do {
            try saver?.save(target: target, writer: writer, listing: saved?.listing)
        } catch {
            target.discard()
            throw error
        }
        let progress = ExportProgress(output: .standardError)
        let walkingCourses = roster.capabilities.listsPerCourse && query.course == nil
        let titles = CourseTitles(roster: roster)
        let copy = Task {
            try await Self.copy(
                listing, into: writer, titles: titles, progress: progress, walkingCourses: walkingCourses,
                target: target, saver: saver)
        }
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
            // The copy may still be inside a request: the last checkpoint it saved stands.
            try stop(target, writer, because: "interrupted by \(InterruptWatch.name(of: signal))", saver: saver)
            throw InterruptedRun(signal: signal)
        }
        guard let result = outcome else { throw ToolFailure(.unavailable, "export stopped") }
        switch result {
        case .failure(let error as FileWriteError):
            target.discard()
            if let saver { ExportCheckpointFile.remove(at: saver.path) }
            throw ToolFailure(
                .outputFailed, "export: \(error)\(untouched(target)) (\(writer.recordCount) records were read)")
        case .failure(let error):
            // The copy has ended between two records: the listing's checkpoint matches the file.
            try? saver?.save(target: target, writer: writer, listing: listing.checkpoint)
            try stop(target, writer, because: "stopped", saver: saver)
            throw error
        case .success:
            do {
                try writer.finish()
                try target.commit()
            } catch let error as FileWriteError {
                target.discard()
                if let saver { ExportCheckpointFile.remove(at: saver.path) }
                throw ToolFailure(.outputFailed, "export: \(error)\(untouched(target))")
            }
            if let saver { ExportCheckpointFile.remove(at: saver.path) }
        }
        let done = "exported \(writer.recordCount) \(roster.provider) records to \(target.destinationName)"
        TextOutput.standardError.line(
            TerminalText.flatten("\(done) (\(format.rawValue))") + "\n" + ListingSummary(listing.report).text)
    }

    /// Saves the export's checkpoint file: the partial file's synced length, the records in it and the
    /// listing's checkpoint, taken together between two records.
    struct CheckpointSaver {
        let path: String
        let provider: String
        /// The format, with `+raw` when records carry the vendor's JSON (a resume must not mix shapes).
        let format: String
        let query: EnrollmentQuery

        func save(target: ExportTarget, writer: RecordWriter, listing: ListingCheckpoint?) throws {
            try writer.flush()
            let bytes = try target.synchronize()
            guard let partial = target.partialPath else { return }
            try ExportCheckpointFile(
                provider: provider, format: format, query: query, partialFile: partial, bytes: bytes,
                records: writer.recordCount, listing: listing
            ).save(to: path)
        }
    }

    /// `; FILE was left untouched`, or nothing for standard output.
    private func untouched(_ target: ExportTarget) -> String {
        target.isStandardOutput ? "" : "; \(target.destinationName) was left untouched"
    }

    /// Streams every record of `listing` into `writer`, stopping between records when cancelled; every
    /// `checkpointInterval` seconds the whole records are written out and a checkpoint is saved.
    private static func copy(
        _ listing: EnrollmentListing<AnyRosterDriver>, into writer: RecordWriter, titles: CourseTitles,
        progress: ExportProgress, walkingCourses: Bool, target: ExportTarget, saver: CheckpointSaver?
    ) async throws {
        var saved = Date()
        for try await enrollment in listing {
            try Task.checkCancellation()
            try writer.write(try await titles.fill(enrollment))
            if Date().timeIntervalSince(saved) >= checkpointInterval {
                if let saver {
                    try saver.save(target: target, writer: writer, listing: listing.checkpoint)
                } else {
                    try writer.flush()
                }
                saved = Date()
            }
            progress.update {
                ExportProgress.Facts(
                    records: writer.recordCount, report: listing.report, walkingCourses: walkingCourses,
                    remainingCourses: walkingCourses ? listing.checkpoint?.remainingCourses?.count : nil)
            }
        }
    }

    /// Ends an incomplete export: the whole records written so far are kept (a JSON array left
    /// unclosed) and stderr says where they are and how to continue. When even they cannot be
    /// written, the temporary file and the checkpoint are removed and the line says so.
    private func stop(_ target: ExportTarget, _ writer: RecordWriter, because reason: String, saver: CheckpointSaver?)
        throws
    {
        do {
            try writer.abandon()
        } catch let error as FileWriteError {
            target.discard()
            if let saver { ExportCheckpointFile.remove(at: saver.path) }
            TextOutput.standardError.line(
                "roster: export \(reason) after \(writer.recordCount) records, which could not be kept: "
                    + TerminalText.flatten(error.description))
            return
        }
        let place = target.keepPartial()
        let records = "the \(writer.recordCount) complete records written so far are"
        guard !target.isStandardOutput else {
            TextOutput.standardError.line(TerminalText.flatten("roster: export \(reason); \(records) on standard output"))
            return
        }
        TextOutput.standardError.line(
            TerminalText.flatten("roster: export \(reason); \(records) in \(place)\(untouched(target))")
                + "\n  continue with: " + TerminalText.flatten(Self.resumeCommand()))
    }

    /// The command line that was run, with `--resume` added: what continues this export.
    static func resumeCommand(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        let words = ["roster"] + arguments + (arguments.contains("--resume") ? [] : ["--resume"])
        return words.map(ShellWord.quoted).joined(separator: " ")
    }
}

/// The values `export --format` accepts (a table is for a screen, not a file).
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case jsonl, csv, json

    /// The record writer's format.
    var outputFormat: OutputFormat { OutputFormat(rawValue: rawValue)! }
}

/// Quoting for the shell, so a printed command runs as shown.
enum ShellWord {
    /// `word` as is when it holds only safe characters, else in single quotes.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=,@%+".contains($0)) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
#endif
