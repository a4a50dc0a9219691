#if CLI
import ArgumentParser
import Foundation
import RosterCore
import RosterHTTP

/// `roster serve`: the vendor simulators as real HTTP servers on 127.0.0.1, one port per vendor
/// (`--port N` gives the first N, the next N+1, …; 0 picks free ports). Prints, per vendor, shell
/// lines setting its base URL and credential variables, then serves until SIGINT or SIGTERM. The
/// HTTP server itself lives in the sibling executable `roster-serve` (see `ServeServer`).
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

    /// Checks the options, then replaces this process with `roster-serve`, which holds the HTTP server
    /// (so that the rest of the tool builds without Hummingbird and SwiftNIO). `roster-serve` runs
    /// `ServeCommand` again through `RosterTool.main(_:server:)`, so the checks and the help are the same.
    func run() async throws {
        _ = try checkedSetup()
        try SiblingExecutable.replaceProcess(with: ServeServer.executableName, arguments: ServeServer.forwarded())
    }

    /// The vendors to serve and the fault plan, after every option is checked (a usage failure otherwise).
    func checkedSetup() throws -> (kits: [ProviderKit], plan: FaultPlan) {
        let kits = try selectedKits()
        guard (0...65_535).contains(port), port == 0 || port + kits.count - 1 <= 65_535 else {
            throw ToolFailure(.usage, "--port must be within 0...65535")
        }
        guard records >= 0, courses >= 1 else { throw ToolFailure(.usage, "--records must be ≥ 0 and --courses ≥ 1") }
        guard (0...1_000).contains(peopleInCommon) else {
            throw ToolFailure(.usage, "--people-in-common must be within 0...1000")
        }
        return (kits, try faults.map(FaultSpec.parse) ?? FaultPlan())
    }

    /// Every vendor to serve, its simulator built, after the checks of `checkedSetup`.
    func servedVendors() throws -> [ServedVendor] {
        let (kits, plan) = try checkedSetup()
        let secret = jwtSecret ? Self.jwtSecretValue() : nil
        var served: [ServedVendor] = []
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
            served.append(
                ServedVendor(
                    kit: kit, simulator: simulator, port: port == 0 ? 0 : port + index, gate: gate,
                    secret: gate == nil ? nil : secret))
        }
        return served
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
}
#endif
