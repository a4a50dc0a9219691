#if CLI
import RosterCore

extension ToolFailure {
    /// A file or stream the tool could not write: a path that cannot be used (a directory, device,
    /// FIFO or socket, a missing folder, no permission) is a usage error (2); a write, sync, close or
    /// rename the system refused (a full disk, a file size limit, an I/O error) is `outputFailed` (11).
    init(_ error: FileWriteError) {
        switch error.kind {
        case .unsuitableDestination, .open: self.init(.usage, error.description)
        case .write: self.init(.outputFailed, error.description)
        }
    }
}
#endif
