#if CLI
import Foundation
import RosterCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text sink over a checked file (stdout, stderr or an export file). Text is buffered and
/// written in chunks of about 64 KiB; since callers append whole records, a chunk always ends at a
/// record boundary, and `flush` pushes out the rest. Every write is checked (`CheckedFile`): a full
/// disk, a file size limit or a closed pipe throws `FileWriteError` instead of losing records
/// silently. Only stdout ever carries records.
package final class TextOutput: @unchecked Sendable {
    private let sink: @Sendable (Data) throws -> Void
    private var buffer = Data()
    private let lock = NSLock()
    /// True when the descriptor is a terminal (aligned tables, progress lines).
    let isTerminal: Bool

    /// Writes through `sink` (each call gets whole records).
    init(isTerminal: Bool = false, sink: @escaping @Sendable (Data) throws -> Void) {
        self.sink = sink
        self.isTerminal = isTerminal
    }

    /// Writes to a descriptor the process keeps (1 or 2); `name` is used in errors.
    convenience init(descriptor: Int32, name: String) {
        let file = CheckedFile.borrowing(descriptor: descriptor, name: name)
        self.init(isTerminal: isatty(descriptor) == 1, sink: { try file.write($0) })
    }

    /// Standard output: records and nothing else.
    package static let standardOutput = TextOutput(descriptor: 1, name: "standard output")
    /// Standard error: errors, reports and progress.
    package static let standardError = TextOutput(descriptor: 2, name: "standard error")

    /// Appends `text`; writes the buffer out when it is large.
    func write(_ text: String) throws {
        try lock.withLock {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 65_536 { try drain() }
        }
    }

    /// Appends UTF-8 `bytes` (whole records); writes the buffer out when it is large.
    func write(bytes: [UInt8]) throws {
        try lock.withLock {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 65_536 { try drain() }
        }
    }

    /// Writes out everything buffered.
    func flush() throws { try lock.withLock { try drain() } }

    /// A diagnostic for stderr: appends `text` and a line break and writes it out at once. A failure
    /// to write a diagnostic is dropped: there is nowhere left to report it.
    package func line(_ text: String) {
        try? write(text + "\n")
        try? flush()
    }

    /// Drops what is buffered (after a write failed, so the same bytes are not tried again).
    func discard() { lock.withLock { buffer.removeAll() } }

    private func drain() throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try sink(chunk)
    }
}
#endif
