#if CLI
import Foundation
import RosterCore

/// Where `roster export` writes: standard output (`-`), or a file replaced atomically through a
/// temporary file of its own (`AtomicFileWriter`): the destination is either left untouched or
/// replaced whole, and a directory, device, FIFO or socket is refused before anything is written.
final class ExportTarget: @unchecked Sendable {
    /// The text sink the records go to.
    let output: TextOutput
    private let file: AtomicFileWriter?

    private init(output: TextOutput, file: AtomicFileWriter?) {
        self.output = output
        self.file = file
    }

    /// The target `argument` names: `-` is standard output, anything else a file path.
    static func open(_ argument: String) throws -> ExportTarget {
        if argument == "-" { return ExportTarget(output: .standardOutput, file: nil) }
        let file = try AtomicFileWriter(destination: argument)
        return ExportTarget(output: TextOutput(sink: { try file.write($0) }), file: file)
    }

    /// The file `argument` names, going on from the `bytes` first bytes of the partial file an
    /// interrupted export kept (see `AtomicFileWriter.init(resuming:destination:keepingBytes:)`).
    static func resume(_ argument: String, partialFile: String, bytes: Int64) throws -> ExportTarget {
        let file = try AtomicFileWriter(resuming: partialFile, destination: argument, keepingBytes: bytes)
        return ExportTarget(output: TextOutput(sink: { try file.write($0) }), file: file)
    }

    /// The partial file's path (nil for standard output).
    var partialPath: String? { file?.temporaryPath }

    /// Writes out what is buffered and syncs it to the device; returns the bytes the partial file
    /// now holds (0 for standard output).
    func synchronize() throws -> Int64 {
        try output.flush()
        try file?.synchronize()
        return file?.bytesWritten ?? 0
    }

    /// True for `-`.
    var isStandardOutput: Bool { file == nil }

    /// `standard output`, or the destination path.
    var destinationName: String { file?.destination ?? "standard output" }

    /// Flushes, then replaces the destination with the complete file.
    func commit() throws {
        try output.flush()
        try file?.commit()
    }

    /// Keeps what was written (already flushed) and says where: the temporary file's path, or
    /// standard output.
    func keepPartial() -> String {
        guard let file else { return "standard output" }
        file.abandon(keepingTemporaryFile: true)
        return file.temporaryPath
    }

    /// Gives up: nothing more is written and the temporary file is removed.
    func discard() {
        output.discard()
        file?.abandon(keepingTemporaryFile: false)
    }
}
#endif
