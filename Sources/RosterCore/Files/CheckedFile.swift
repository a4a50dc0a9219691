public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor whose every write, sync and close is checked: a short write is continued, an
/// interrupted one retried, and any other failure (a full disk, a file size limit, an I/O error, a
/// closed pipe) is thrown as `FileWriteError`, never ignored. It is the primitive under
/// `AtomicFileWriter` and under anything that appends durably (a journal: `openAppending`, `write`,
/// `synchronize`). Calls are serialised by a lock, so one instance may be shared between tasks.
public final class CheckedFile: @unchecked Sendable {
    /// The path (or name, e.g. `standard output`) used in errors.
    public let path: String
    private let descriptor: Int32
    private let owned: Bool
    private let lock = NSLock()
    private var closed = false
    private var written: Int64 = 0

    private init(descriptor: Int32, path: String, owned: Bool) {
        self.descriptor = descriptor
        self.path = path
        self.owned = owned
    }

    deinit {
        if owned && !closed { _ = systemClose(descriptor) }
    }

    /// Creates a new file at `path` that must not exist yet (`O_CREAT | O_EXCL`, and `O_NOFOLLOW`, so
    /// not even a dangling symbolic link is followed), readable and writable by its owner only by
    /// default. Throws `FileWriteError` (kind `open`; `errorNumber` is `EEXIST` when the name is taken).
    public static func createExclusive(atPath path: String, permissions: UInt16 = 0o600) throws -> CheckedFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw FileWriteError.system(.open, "create", path) }
        return CheckedFile(descriptor: descriptor, path: path, owned: true)
    }

    /// Opens `path` for appending, creating it (owner-only by default) when missing; a symbolic link
    /// at `path` is refused rather than followed. Each `write` lands at the end of the file.
    public static func openAppending(atPath path: String, permissions: UInt16 = 0o600) throws -> CheckedFile {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw FileWriteError.system(.open, "open", path) }
        return CheckedFile(descriptor: descriptor, path: path, owned: true)
    }

    /// Opens the existing regular file at `path` to go on writing it after its first `keepingBytes`
    /// bytes: anything after them (bytes written after the caller last recorded a consistent length)
    /// is cut off, and writes append from there. A symbolic link, anything but a regular file, or a
    /// file shorter than `keepingBytes` is refused. `bytesWritten` starts at `keepingBytes`.
    public static func openTruncating(atPath path: String, keepingBytes: Int64) throws -> CheckedFile {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError.system(.open, "open", path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = FileWriteError.system(.open, "inspect", path)
            _ = systemClose(descriptor)
            throw error
        }
        guard info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) >= keepingBytes, keepingBytes >= 0 else {
            _ = systemClose(descriptor)
            throw FileWriteError(
                .open, operation: "resume", path: path,
                reason: "it is not a regular file of at least \(keepingBytes) bytes")
        }
        guard ftruncate(descriptor, off_t(keepingBytes)) == 0 else {
            let error = FileWriteError.system(.write, "truncate", path)
            _ = systemClose(descriptor)
            throw error
        }
        let file = CheckedFile(descriptor: descriptor, path: path, owned: true)
        file.written = keepingBytes
        return file
    }

    /// Writes to a descriptor the caller keeps owning (standard output, standard error): `close`
    /// leaves it open. `name` is used in errors.
    public static func borrowing(descriptor: Int32, name: String) -> CheckedFile {
        CheckedFile(descriptor: descriptor, path: name, owned: false)
    }

    /// Bytes written through this instance so far.
    public var bytesWritten: Int64 { lock.withLock { written } }

    /// Writes all of `bytes` or throws: a short write is continued, `EINTR` retried, `EAGAIN` (a
    /// non-blocking descriptor that is full) waited out; anything else is thrown.
    public func write(_ bytes: Data) throws {
        try lock.withLock {
            guard !closed else {
                throw FileWriteError(.write, operation: "write", path: path, reason: "the file is closed")
            }
            try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                guard var next = buffer.baseAddress else { return }
                var left = buffer.count
                while left > 0 {
                    let count = systemWrite(descriptor, next, left)
                    if count < 0 {
                        if errno == EINTR { continue }
                        if errno == EAGAIN || errno == EWOULDBLOCK {
                            var waiter = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                            _ = poll(&waiter, 1, -1)
                            continue
                        }
                        throw FileWriteError.system(.write, "write", path)
                    }
                    if count == 0 {
                        throw FileWriteError(.write, operation: "write", path: path, reason: "the system wrote nothing")
                    }
                    next += count
                    left -= count
                    written += Int64(count)
                }
            }
        }
    }

    /// Writes `text` as UTF-8 (see `write(_:)`).
    public func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// Forces what was written onto the storage device (`fsync`), so it survives a crash or a power
    /// cut. A descriptor that cannot be synced (a pipe or terminal) is not an error.
    public func synchronize() throws {
        try lock.withLock {
            guard !closed else { return }
            while fsync(descriptor) != 0 {
                if errno == EINTR { continue }
                if errno == EINVAL || errno == EROFS || errno == ENOTSUP { return }
                throw FileWriteError.system(.write, "sync", path)
            }
        }
    }

    /// Closes the descriptor (a borrowed one stays open) and reports a failure the system only tells
    /// at close (some file systems report a full disk there). Closing twice does nothing.
    public func close() throws {
        try lock.withLock {
            guard !closed else { return }
            closed = true
            guard owned else { return }
            // On Linux the descriptor is released even when close fails with EINTR: never retry.
            if systemClose(descriptor) != 0 && errno != EINTR { throw FileWriteError.system(.write, "close", path) }
        }
    }
}

// The system calls, named so they do not collide with this type's own `write` and `close`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, bytes, count)
    #else
    Glibc.write(descriptor, bytes, count)
    #endif
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Glibc.close(descriptor)
    #endif
}
