import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that only grows by whole lines, each on disk (fsync'd) before `append` returns: what a
/// journal needs so that a process killed at any instant leaves at most one torn last line, which
/// `openForAppending` cuts off before anything is appended after it.
final class AppendOnlyFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var closed = false

    /// Opens (creating, mode 0600) `path` for appending. Returns the complete lines already in it; a
    /// torn last line (no line break) is cut off the file first.
    static func openForAppending(_ path: String) throws -> (file: AppendOnlyFile, lines: [Data]) {
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError.io("cannot open \(path)", errno) }
        let file = AppendOnlyFile(path: path, descriptor: fd)
        // One process at a time: two runs applying the same journal would both see a write as not
        // started and both send it. The lock goes with the descriptor (and with the process).
        try lockExclusively(fd, path: path)
        if !existed { try syncDirectory(of: path) }
        let contents = try file.readAll()
        var lines: [Data] = []
        var start = contents.startIndex
        var complete = contents.startIndex
        for index in contents.indices where contents[index] == UInt8(ascii: "\n") {
            lines.append(contents[start..<index])
            start = contents.index(after: index)
            complete = start
        }
        if complete < contents.endIndex {
            guard ftruncate(fd, off_t(complete - contents.startIndex)) == 0, fsync(fd) == 0 else {
                throw JournalError.io("cannot cut the torn last line of \(path)", errno)
            }
        }
        return (file, lines)
    }

    /// Takes the exclusive lock, waiting up to a quarter of a second for it. The wait is for a child
    /// process being spawned elsewhere in this process: between its fork and its exec it holds a copy
    /// of every descriptor, lock included, for a moment after this process closed its own. Another run
    /// holds the lock far longer than that, so it is still reported as `inUse`. The caller's `file`
    /// owns `fd` and closes it when this throws.
    private static func lockExclusively(_ fd: Int32, path: String) throws {
        for attempt in 0..<50 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else { throw JournalError.io("cannot lock \(path)", error) }
            if attempt < 49 { usleep(5_000) }
        }
        throw JournalError.inUse(path)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { closeFile() }

    /// Closes the file, releasing its lock; appending afterwards throws. Idempotent.
    func closeFile() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            close(descriptor)
        }
    }

    /// Appends `line` and a line break, and returns once both are on disk.
    func append(_ line: Data) throws {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        try lock.withLock {
            guard !closed else { throw JournalError.io("\(path) is closed", EBADF) }
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw JournalError.io("cannot append to \(path)", errno)
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw JournalError.io("cannot flush \(path) to disk", errno) }
        }
    }

    private func readAll() throws -> Data {
        guard lseek(descriptor, 0, SEEK_SET) >= 0 else { throw JournalError.io("cannot read \(path)", errno) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw JournalError.io("cannot read \(path)", errno)
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }

    /// Makes the new file's directory entry durable, so the journal survives a crash right after it
    /// was created.
    private static func syncDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }
}
