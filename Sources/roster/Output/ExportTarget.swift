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
