#if CLI
import ArgumentParser
import Foundation
import Hummingbird
import RosterCore
import RosterHTTP
import ServiceLifecycle

/// `roster serve`: the vendor simulators as real HTTP servers on 127.0.0.1, one port per vendor
/// (`--port N` gives the first N, the next N+1, …; 0 picks free ports). Prints, per vendor, shell
/// lines setting its base URL and credential variables, then serves until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the vendor simulators over HTTP on 127.0.0.1.",
        usage: "roster serve [<options>]",
        discussion: """
            Prints `export NAME=value` lines (base URL and a credential per
            vendor) on stdout. Example:
              roster serve --vendor all --port 8700 --faults throttle=0.2,retry-after=0
              # in another shell, paste the export lines, then:
              roster list --provider frontcore --format jsonl
            """)

    @Option(help: "all | frontcore | meltingspot | course-dashboard | in-memory")
    var vendor: String = "all"

    @Option(help: "The first vendor's port; the others follow. 0 picks free ports.")
    var port: Int = 8700

    @Option(help: "The seed of the simulated data.")
    var seed: UInt64 = 1

    @Option(help: "Enrollments per course.")
    var records: Int = 40

    @Option(help: "Courses per vendor.")
    var courses: Int = 3

    @Flag(help: "Enforce each vendor's documented rate limit (429 with Retry-After when exceeded).")
    var rateLimit = false

    @Option(help: "Faults to inject, e.g. throttle=0.3,retry-after=0 (see README).")
    var faults: String?

    @Option(
        help: """
            Plant N people known to every vendor (same e-mail, username and \
            external id), for trying `roster sync`.
            """)
    var peopleInCommon: Int = 0

    @Flag(
        help: """
            Course Dashboard also takes HS256 JWTs signed with a secret: prints \
            COURSE_DASHBOARD_JWT_SECRET and COURSE_DASHBOARD_USER_ID instead of a \
            token (the secret is COURSE_DASHBOARD_JWT_SECRET's value when set).
            """)
    var jwtSecret = false

    func run() async throws {
        let kits = try selectedKits()
        let secret = jwtSecret ? Self.jwtSecretValue() : nil
        guard (0...65_535).contains(port), port == 0 || port + kits.count - 1 <= 65_535 else {
            throw ToolFailure(.usage, "--port must be within 0...65535")
        }
        guard records >= 0, courses >= 1 else { throw ToolFailure(.usage, "--records must be ≥ 0 and --courses ≥ 1") }
        guard (0...1_000).contains(peopleInCommon) else {
            throw ToolFailure(.usage, "--people-in-common must be within 0...1000")
        }
        let plan = try faults.map(FaultSpec.parse) ?? FaultPlan()
        let started = StartCounter(total: kits.count)
        var applications: [Application<SimulatorResponder>] = []
        for (index, kit) in kits.enumerated() {
            var kitPlan = plan
            if rateLimit {
                kitPlan.enforcedRateLimit = try ProviderCatalog.capabilities(of: kit).rateLimits.min {
                    $0.seconds < $1.seconds
                }
            }
            let settings = SimulatorSettings(
                seed: seed, recordsPerCourse: records, courses: courses, faults: kitPlan,
                peopleInCommon: PersonInCommon.first(peopleInCommon))
            guard let simulator = kit.makeSimulator?(settings) else { continue }
            var gate: JWTGate?
            if let secret, let users = simulator.jwtUsers { gate = JWTGate(secret: secret, issue: users.issue) }
            applications.append(
                application(
                    for: simulator, kit: kit, port: port == 0 ? 0 : port + index, started: started, gate: gate,
                    secret: gate == nil ? nil : secret))
        }
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

    /// The vendors `--vendor` names.
    func selectedKits() throws -> [ProviderKit] {
        if vendor == "all" { return ProviderCatalog.vendors }
        guard let kit = ProviderCatalog.kit(named: vendor), kit.makeSimulator != nil else {
            throw ToolFailure(
                .usage, "no simulator named \"\(vendor)\"",
                hint: "use all or one of: \(ProviderCatalog.servable.map(\.name).joined(separator: ", "))")
        }
        return [kit]
    }

    /// The secret served JWTs must be signed with: COURSE_DASHBOARD_JWT_SECRET's value, or a fresh
    /// random one (printed in the export lines; it is the simulator's, not a real community's).
    static func jwtSecretValue(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let given = environment["COURSE_DASHBOARD_JWT_SECRET"], !given.isEmpty { return given }
        return "sim-jwt-" + (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
    }

    /// One HTTP server for `simulator`; prints its export lines once it listens.
    func application(
        for simulator: ServedSimulator, kit: ProviderKit, port: Int, started: StartCounter, gate: JWTGate?,
        secret: String?
    ) -> Application<SimulatorResponder> {
        let bound = BoundPort()
        let credentialLines =
            if let secret, let user = simulator.jwtUsers?.serviceUser {
                "export COURSE_DASHBOARD_JWT_SECRET=\(secret)\nexport COURSE_DASHBOARD_USER_ID=\(user)"
            } else {
                "export \(simulator.credentialVariable)=\(simulator.credential)"
            }
        return Application(
            responder: SimulatorResponder(
                simulator: simulator, gate: gate, fallbackAuthority: { "127.0.0.1:\(bound.value)" }),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                bound.value = actual
                TextOutput.standardOutput.line(
                    """
                    # \(kit.name): \(kit.title) simulator
                    export \(kit.baseURLVariable ?? "BASE_URL")=http://127.0.0.1:\(actual)\(simulator.pathPrefix)
                    \(credentialLines)
                    """)
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
