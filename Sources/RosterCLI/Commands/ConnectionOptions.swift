#if CLI
import ArgumentParser
import Crypto
import Foundation
import RosterCore
import RosterHTTP

/// `--provider`, `--base-url`, `--retries`, `--deadline`, `--verbose`: how a command reaches its
/// provider. The credential comes only from the environment, never from the command line (argv is
/// visible to every user of the machine).
struct ConnectionOptions: ParsableArguments {
    @Option(help: "frontcore | meltingspot | course-dashboard | in-memory")
    var provider: String

    @Option(help: "Replaces the vendor's base URL (https://, or http:// on a loopback host only).")
    var baseURL: String?

    @Option(help: "Retries of a request answered 429/5xx or failing on the network.")
    var retries: Int = 5

    @Option(
        help: """
            Seconds the whole command may spend on the network, retries and waits included (0: no \
            limit). Past it the command stops with exit 6 (10 for a write left without an answer).
            """)
    var deadline: Double = Self.defaultDeadline

    @Flag(help: "Log every request (method, URL without secrets, status, time) to stderr.")
    var verbose = false

    @Option(
        help: """
            Pace requests to REQUESTS/SECONDS (e.g. 20/1) instead of the vendor's documented limit, \
            for an account with a negotiated limit or a local simulator. 429s are still retried.
            """)
    var rateLimit: String?

    /// The default `--deadline`: ten minutes, enough for a large listing at a vendor's rate limit,
    /// short of what a never-answering vendor would cost through every retry of every request.
    static let defaultDeadline: Double = 600

    /// The kit of `--provider`.
    func kit() throws -> ProviderKit { try ProviderCatalog.require(provider) }

    /// The facade for `--provider`, built from the environment.
    /// With `dryRun`, writes are captured there instead of being sent (see `DryRunTransport`).
    /// `allowBooking` lets a provider that enrolls through orders (frontcore) do so.
    func roster(
        environment: [String: String] = ProcessInfo.processInfo.environment, dryRun: DryRunRecorder? = nil,
        allowBooking: Bool = false
    ) throws -> Roster<AnyRosterDriver> {
        guard deadline >= 0, deadline.isFinite else {
            throw ToolFailure(.usage, "--deadline must be a number of seconds (0 for no limit)")
        }
        return try Self.roster(
            provider: provider, baseURL: baseURL, retries: retries, verbose: verbose, environment: environment,
            dryRun: dryRun, allowBooking: allowBooking, rateLimit: try rateLimit.map(Self.rateLimit))
    }

    /// `REQUESTS/SECONDS` as a budget, or a usage failure: whole requests 1...1,000,000 over a window
    /// of 0.001...86,400 seconds.
    static func rateLimit(_ text: String) throws -> RateLimit {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let requests = Int(parts[0]), (1...1_000_000).contains(requests),
            let seconds = Double(parts[1]), seconds.isFinite, seconds >= 0.001, seconds <= 86_400
        else {
            throw ToolFailure(
                .usage, "--rate-limit takes REQUESTS/SECONDS, e.g. 20/1 or 100/10, not \"\(text)\"")
        }
        return RateLimit(requests: requests, per: seconds)
    }

    /// The facade for `provider`, built from the environment, `baseURL` (when given) and the retry and
    /// logging settings: what every command that reaches a provider uses (`sync` reaches two).
    static func roster(
        provider: String, baseURL: String?, retries: Int, verbose: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment, dryRun: DryRunRecorder? = nil,
        allowBooking: Bool = false, rateLimit: RateLimit? = nil
    ) throws -> Roster<AnyRosterDriver> {
        let kit = try ProviderCatalog.require(provider)
        guard retries >= 0, retries <= 20 else { throw ToolFailure(.usage, "--retries must be within 0...20") }
        SharedRateBudget.enableIfAsked(environment: environment)
        let network = URLSessionTransport(deadlineSeconds: 60)
        let connection = ProviderConnection(
            baseURL: try Self.baseURL(baseURL, of: kit, environment: environment), environment: environment,
            transport: dryRun.map { DryRunTransport(base: network, recorder: $0) } ?? network,
            retry: retryPolicy(retries: retries),
            observer: verbose ? StandardErrorObserver() : nil, allowBooking: allowBooking, rateLimit: rateLimit)
        return try kit.roster(connection)
    }

    /// `--base-url`, else the kit's variable, else its documented URL; checked for scheme and host.
    func baseURL(of kit: ProviderKit, environment: [String: String]) throws -> URL {
        try Self.baseURL(baseURL, of: kit, environment: environment)
    }

    /// `given`, else the kit's variable, else its documented URL; checked for scheme and host.
    static func baseURL(_ baseURL: String?, of kit: ProviderKit, environment: [String: String]) throws -> URL {
        let given = baseURL ?? kit.baseURLVariable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        guard let text = given else {
            guard let url = kit.defaultBaseURL else {
                let variable = kit.baseURLVariable.map { "set \($0) or " } ?? ""
                throw ToolFailure(.usage, "\(kit.name): no base URL: \(variable)pass --base-url")
            }
            return url
        }
        #if canImport(FoundationNetworking)
        if text.contains("://[") {
            throw ToolFailure(
                .usage,
                "\(kit.name): the base URL \"\(text)\" has a bracketed IPv6 host, which URLSession on Linux cannot reach",
                hint: "use 127.0.0.1 for loopback, e.g. \(text.replacingOccurrences(of: "[::1]", with: "127.0.0.1"))")
        }
        #endif
        guard let url = URL(string: text), url.host != nil else {
            throw ToolFailure(.usage, "\(kit.name): the base URL \"\(text)\" is not an absolute URL")
        }
        do {
            try BaseURLPolicy.validate(url, provider: ProviderID(kit.name))
        } catch let error as RosterError {
            throw ToolFailure(.usage, "\(kit.name): \(error.message)")
        }
        return url
    }

    /// The tool's retry policy: `retries` retries with exponential backoff and full jitter, at most
    /// 30 s per wait and 2 minutes in all; `Retry-After` is honoured first.
    static func retryPolicy(retries: Int) -> RetryPolicy {
        RetryPolicy(maxAttempts: retries + 1, baseDelay: 0.5, maxDelay: 30, maxTotalDelay: 120)
    }
}

/// A command that reaches a provider through `ConnectionOptions`: the tool runs it under its
/// `--deadline` (see `RosterTool.main`).
protocol ProviderCommand {
    /// The connection options.
    var connection: ConnectionOptions { get }
}

extension ListCommand: ProviderCommand {}
extension GetCommand: ProviderCommand {}
extension UpdateCommand: ProviderCommand {}
extension EnrollCommand: ProviderCommand {}
extension UnenrollCommand: ProviderCommand {}
extension ExportCommand: ProviderCommand {}
extension CoursesCommand: ProviderCommand {}

/// Writes each request's log line to stderr, for `--verbose`. The lines carry no secret (the HTTP
/// layer redacts them) and are flattened for the terminal (`TerminalText`): a vendor's next link or
/// failure reason cannot run an escape sequence.
struct StandardErrorObserver: HTTPObserver {
    func observe(_ event: HTTPEvent) {
        if case .sending = event.kind { return }
        TextOutput.standardError.line(TerminalText.flatten(event.logLine))
    }
}

/// A redactor holding every credential the environment carries (and every token the tool minted from
/// one), applied to every error message and every record the tool prints: no credential is ever
/// shown, even if a vendor echoed one.
enum EnvironmentSecrets {
    /// The variables that hold secrets.
    static let variables = [
        "FRONTCORE_API_KEY", "MELTINGSPOT_API_KEY", "COURSE_DASHBOARD_TOKEN", "COURSE_DASHBOARD_JWT_SECRET",
        "IN_MEMORY_TOKEN",
    ]

    /// Tokens the tool minted during this run (Course Dashboard JWTs).
    static let minted = SecretStore()

    /// A redactor for the current environment.
    static var redactor: CredentialRedactor {
        let environment = ProcessInfo.processInfo.environment
        return CredentialRedactor(secrets: variables.compactMap { environment[$0] }, learned: minted)
    }
}

/// `ROSTER_SHARE_RATE_BUDGET=1`: every roster process that sets it shares one rate budget per
/// credential, through a locked file per credential in the user's cache folder
/// (`~/.cache/roster/rate-budgets`), so two runs against the same account stay under its limit
/// together. The file is named by a SHA-256 digest of the credential and holds only send times.
enum SharedRateBudget {
    /// The variable that turns sharing on.
    static let variable = "ROSTER_SHARE_RATE_BUDGET"

    /// Turns sharing on when `environment` asks for it.
    static func enableIfAsked(environment: [String: String]) {
        guard let value = environment[variable], ["1", "true", "yes"].contains(value.lowercased()) else { return }
        let caches = FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask).first
            ?? FileManager.default.temporaryDirectory
        RateBudget.shareAcrossProcesses(in: caches.appendingPathComponent("roster/rate-budgets", isDirectory: true)) {
            key in SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined() + ".budget"
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
#endif
