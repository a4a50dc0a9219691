#if CLI
import Foundation
import Hummingbird
import RosterCLI
import ServiceLifecycle

/// The HTTP servers of `roster serve`: one Hummingbird application per vendor on 127.0.0.1, each
/// printing its export lines once it listens, all run together until SIGINT or SIGTERM.
enum VendorServers {
    /// Serves `vendors` until SIGINT or SIGTERM; a port that cannot be bound is a usage failure.
    @Sendable static func run(_ vendors: [ServedVendor]) async throws {
        let started = StartCounter(total: vendors.count)
        var applications = vendors.map { application(for: $0, started: started) }
        guard !applications.isEmpty else { return }
        let port = vendors[0].port
        var first = applications.removeFirst()
        first.addServices(applications.map { $0 as any Service })
        do {
            try await first.runService()
        } catch {
            throw ToolFailure(
                .usage, "serve: could not serve on 127.0.0.1 (port \(port)…): \(error)",
                hint: "is the port in use? pick another with --port, or --port 0 for free ones")
        }
        TextOutput.standardError.line("roster: simulators stopped")
    }

    /// One HTTP server for `vendor`; prints its export lines once it listens.
    static func application(for vendor: ServedVendor, started: StartCounter) -> Application<SimulatorResponder> {
        let bound = BoundPort()
        return Application(
            responder: SimulatorResponder(vendor: vendor, fallbackAuthority: { "127.0.0.1:\(bound.value)" }),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: vendor.port)),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? vendor.port
                bound.value = actual
                TextOutput.standardOutput.line(vendor.exportLines(boundPort: actual))
                if started.markStarted() {
                    TextOutput.standardOutput.line("# serving on 127.0.0.1; Ctrl-C stops")
                }
            })
    }
}

/// The port a server bound to, set once it is running.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    /// The port (0 until the server runs).
    var value: Int {
        get { lock.withLock { port } }
        set { lock.withLock { port = newValue } }
    }
}

/// Counts servers that have started, to say "serving" once all of them listen.
final class StartCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    init(total: Int) { remaining = total }
    /// Notes one start; true for the last one.
    func markStarted() -> Bool {
        lock.withLock {
            remaining -= 1
            return remaining == 0
        }
    }
}
#endif
