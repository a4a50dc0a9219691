#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why writing a file failed: the operation, the path and the system's reason. Thrown by
/// `CheckedFile` and `AtomicFileWriter`, which never ignore a failed write, sync, close or rename.
public struct FileWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Kind: String, Hashable, Sendable {
        /// The destination exists and is not a regular file or a symbolic link (a directory, device,
        /// FIFO or socket): it is refused before anything is written.
        case unsuitableDestination
        /// The file could not be created or opened (missing folder, no permission, …).
        case open
        /// The system refused a write, sync, close or rename: a full disk (`ENOSPC`), a file size limit
        /// (`EFBIG`), an I/O error, a closed pipe (`EPIPE`), …
        case write
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The operation that failed, e.g. `write` or `rename`.
    public var operation: String
    /// The path (or a name such as `standard output`) it failed on.
    public var path: String
    /// The system's error number (`errno`), 0 when the failure is not a system error.
    public var errorNumber: Int32
    /// What the system or Roster said about it.
    public var reason: String

    /// Creates an error.
    public init(_ kind: Kind, operation: String, path: String, errorNumber: Int32 = 0, reason: String? = nil) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.errorNumber = errorNumber
        self.reason = reason ?? (errorNumber == 0 ? "failed" : String(cString: strerror(errorNumber)))
    }

    /// `cannot write /tmp/x.jsonl: No space left on device`.
    public var description: String { "cannot \(operation) \(path): \(reason)" }

    /// The error for the current `errno`.
    static func system(_ kind: Kind, _ operation: String, _ path: String) -> FileWriteError {
        FileWriteError(kind, operation: operation, path: path, errorNumber: errno)
    }
}
