#if CLI
import Foundation
import RosterCore

/// The checkpoint `roster export` keeps beside its output (`FILE.checkpoint`) while it runs: which
/// partial file holds the records so far, how many of its bytes are whole records that the listing
/// checkpoint accounts for, and that listing checkpoint. Each save is one atomic replace, made only
/// after those bytes were synced, so after a Ctrl-C, a network failure or `kill -9` the file and the
/// checkpoint agree: `--resume` cuts the partial file back to `bytes` and lists on from `listing`,
/// with no record twice and none missing.
struct ExportCheckpointFile: Codable, Equatable {
    /// The layout of this file; a resume refuses any other.
    var layout = 1
    /// The provider listed.
    var provider: String
    /// The output format.
    var format: String
    /// The query listed (also inside `listing`, which is nil before the first page).
    var query: EnrollmentQuery
    /// The partial file the records go to.
    var partialFile: String
    /// Bytes of `partialFile` that hold whole records accounted for by `listing`.
    var bytes: Int64
    /// Records in those bytes.
    var records: Int
    /// Where the listing stands after those records; nil when it has not fetched a page yet.
    var listing: ListingCheckpoint?

    /// `FILE.checkpoint` for the output `FILE`.
    static func path(forOutput output: String) -> String { output + ".checkpoint" }

    /// Writes the checkpoint to `path`, replacing the previous one in one atomic step.
    func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let writer = try AtomicFileWriter(destination: path)
        do {
            try writer.write(try encoder.encode(self) + Data("\n".utf8))
            try writer.commit()
        } catch {
            writer.abandon(keepingTemporaryFile: false)
            throw error
        }
    }

    /// The checkpoint saved at `path`, or a usage failure saying why there is nothing to resume.
    static func load(from path: String) throws -> ExportCheckpointFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToolFailure(
                .usage, "export: nothing to resume: \(path) does not exist",
                hint: "run the same command without --resume to export from the start")
        }
        guard let saved = try? JSONDecoder().decode(ExportCheckpointFile.self, from: data), saved.layout == 1,
            saved.bytes >= 0, saved.records >= 0
        else {
            throw ToolFailure(
                .usage, "export: \(path) is not a checkpoint this roster can resume",
                hint: "remove it and run the same command without --resume")
        }
        return saved
    }

    /// Removes the checkpoint at `path` (after a completed export); a missing one is fine.
    static func remove(at path: String) { try? FileManager.default.removeItem(atPath: path) }
}
#endif
