public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that its destination is either left untouched or replaced whole, never half
/// written: the bytes go to a temporary file of its own, created exclusively (owner-only) in the
/// destination's folder; every write is checked; `commit` syncs and closes it and then renames it
/// over the destination in one atomic step. Two writers aiming at one path never share a file, and
/// the last to commit wins whole.
///
/// The destination may be missing, a regular file, or a symbolic link (the link itself is replaced,
/// its target never written). A directory, device, FIFO or socket is refused with
/// `FileWriteError.Kind.unsuitableDestination` before anything is created.
public final class AtomicFileWriter: @unchecked Sendable {
    /// The path that `commit` replaces.
    public let destination: String
    /// The temporary file the bytes go to until `commit` (`<name>.<random>.partial`, next to the
    /// destination). It is what a caller points at when it keeps the bytes after a failure.
    public let temporaryPath: String
    private let file: CheckedFile
    private let lock = NSLock()
    private var finished = false

    /// Checks `destination` and creates the temporary file. Throws `FileWriteError`.
    public init(destination: String) throws {
        try Self.checkDestination(destination)
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var attempt = 0
        while true {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let candidate = (folder as NSString).appendingPathComponent("\(name).\(suffix).partial")
            do {
                file = try CheckedFile.createExclusive(atPath: candidate)
                temporaryPath = candidate
                break
            } catch let error as FileWriteError where error.errorNumber == EEXIST && attempt < 32 {
                attempt += 1
            }
        }
        self.destination = destination
    }

    /// Goes on with the temporary file `temporaryPath` that an earlier writer for `destination` kept
    /// (`abandon(keepingTemporaryFile: true)`, or a process that was killed): its first
    /// `keepingBytes` bytes stay, anything after them is cut off, and `commit` replaces the
    /// destination as usual. The temporary file must lie in the destination's folder and carry the
    /// name this type gives (`<name>.<hex>.partial`); anything else is refused with
    /// `unsuitableDestination`, so a tampered record cannot aim the truncation at another file.
    public init(resuming temporaryPath: String, destination: String, keepingBytes: Int64) throws {
        try Self.checkDestination(destination)
        let url = URL(fileURLWithPath: destination)
        let partial = URL(fileURLWithPath: temporaryPath)
        let name = partial.lastPathComponent
        let middle = name.dropFirst(url.lastPathComponent.count + 1).dropLast(".partial".count)
        guard partial.deletingLastPathComponent().standardizedFileURL.path
            == url.deletingLastPathComponent().standardizedFileURL.path,
            name.hasPrefix(url.lastPathComponent + "."), name.hasSuffix(".partial"), !middle.isEmpty,
            middle.allSatisfy(\.isHexDigit)
        else {
            throw FileWriteError(
                .unsuitableDestination, operation: "resume", path: temporaryPath,
                reason: "it is not a partial file of \(destination)")
        }
        file = try CheckedFile.openTruncating(atPath: temporaryPath, keepingBytes: keepingBytes)
        self.temporaryPath = temporaryPath
        self.destination = destination
    }

    /// Forces the bytes written so far onto the storage device, so a length recorded after this call
    /// is on disk even after a power cut.
    public func synchronize() throws { try file.synchronize() }

    /// Throws `unsuitableDestination` when `path` exists as anything but a regular file or a symbolic
    /// link. A symbolic link is inspected as a link (`lstat`), never followed.
    public static func checkDestination(_ path: String) throws {
        if path.isEmpty || path.hasSuffix("/") {
            throw FileWriteError(
                .unsuitableDestination, operation: "replace", path: path,
                reason: "give the path of a file, not of a folder (or - for standard output)")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileWriteError.system(.open, "inspect", path)
        }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFLNK: return
        case S_IFDIR: kind = "a directory"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFIFO: kind = "a FIFO"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw FileWriteError(
            .unsuitableDestination, operation: "replace", path: path,
            reason: "it is \(kind); give the path of a regular file (or - for standard output)")
    }

    /// Bytes in the temporary file so far (a resumed writer counts the bytes it kept).
    public var bytesWritten: Int64 { file.bytesWritten }

    /// Appends all of `bytes` to the temporary file, or throws.
    public func write(_ bytes: Data) throws { try file.write(bytes) }

    /// Syncs and closes the temporary file, then renames it over the destination and syncs the
    /// folder, so the new file survives a crash. On failure the destination is untouched and the
    /// temporary file is removed.
    public func commit() throws {
        try lock.withLock {
            guard !finished else { return }
            finished = true
            do {
                try file.synchronize()
                try file.close()
                try Self.checkDestination(destination)
                guard rename(temporaryPath, destination) == 0 else {
                    throw FileWriteError.system(.write, "rename", temporaryPath)
                }
            } catch {
                try? file.close()
                unlink(temporaryPath)
                throw error
            }
            Self.synchronizeFolder(of: destination)
        }
    }

    /// Gives up without touching the destination: closes the temporary file and removes it, or keeps
    /// it (synced, for a caller that tells the user where the bytes written so far are).
    public func abandon(keepingTemporaryFile keep: Bool) {
        lock.withLock {
            guard !finished else { return }
            finished = true
            if keep { try? file.synchronize() }
            try? file.close()
            if !keep { unlink(temporaryPath) }
        }
    }

    /// Best effort: a folder that cannot be opened or synced leaves the rename done but less durable.
    private static func synchronizeFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
