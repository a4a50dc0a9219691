#if CLI
import Foundation

/// How `roster serve` reaches its HTTP server, which is built as the separate executable `roster-serve`
/// so that every other command (the demo first of all) builds without Hummingbird and SwiftNIO.
/// `roster serve …` checks its options, then replaces itself with `roster-serve …` (same arguments,
/// same process id, so signals, output and the exit status are the server's). `roster-serve` passes
/// its `run` to `RosterTool.main(_:server:)`, which calls it instead of that replacement.
package enum ServeServer {
    /// Runs the HTTP servers of the vendors until SIGINT or SIGTERM.
    package typealias Run = @Sendable ([ServedVendor]) async throws -> Void

    /// The file name of the server executable, looked for beside `roster`.
    package static let executableName = "roster-serve"

    /// The arguments after `serve` in this process's command line: what `roster-serve` is given.
    static func forwarded(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> [String] {
        guard let index = arguments.firstIndex(of: "serve") else { return arguments }
        return Array(arguments[(index + 1)...])
    }
}
#endif
