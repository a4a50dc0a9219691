#if CLI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text sink over a file descriptor (stdout, stderr or an export file). Records are
/// written in 64 KiB chunks; `flush` pushes out the rest. Only stdout ever carries records.
final class TextOutput: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = Data()
    private let lock = NSLock()
    /// True when the descriptor is a terminal (aligned tables, progress lines).
    let isTerminal: Bool

    /// Writes to `handle`.
    init(_ handle: FileHandle) {
        self.handle = handle
        isTerminal = isatty(handle.fileDescriptor) == 1
    }

    /// Standard output: records and nothing else.
    static let standardOutput = TextOutput(FileHandle.standardOutput)
    /// Standard error: errors, reports and progress.
    static let standardError = TextOutput(FileHandle.standardError)

    /// Appends `text`; flushes when the buffer is large.
    func write(_ text: String) {
        lock.withLock {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 65_536 { drain() }
        }
    }

    /// Appends `text` and a line break, then flushes (for messages that must show at once).
    func line(_ text: String) {
        write(text + "\n")
        flush()
    }

    /// Writes out everything buffered.
    func flush() { lock.withLock { drain() } }

    private func drain() {
        guard !buffer.isEmpty else { return }
        try? handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
#endif
