#if CLI
import Foundation
import RosterCore
import RosterHTTP

/// Everything the tool knows about one provider: its name on the command line, where its base URL and
/// credential come from, how to build its driver, and (for vendors) how to start its simulator.
/// Adding a provider to the tool is one `ProviderKit` value in `ProviderCatalog`.
struct ProviderKit: Sendable {
    /// The `--provider` name, e.g. `frontcore`.
    let name: String
    /// What it is, for `roster providers`.
    let title: String
    /// The variable holding the base URL; nil for a provider that has no URL to set.
    let baseURLVariable: String?
    /// The documented base URL; nil when every customer has its own (the variable is then required).
    let defaultBaseURL: URL?
    /// The variables a credential can come from, in the order they are tried (for messages).
    let credentialVariables: [String]
    /// Builds the driver for a connection. Throws `ToolFailure` for a missing or bad credential.
    let makeDriver: @Sendable (ProviderConnection) throws -> any RosterDriver
    /// Starts this vendor's simulator; nil for providers that have none to serve.
    let makeSimulator: (@Sendable (SimulatorSettings) -> ServedSimulator)?

    /// A facade for a connection, type-erased so that commands pick the provider at run time.
    func roster(_ connection: ProviderConnection) throws -> Roster<AnyRosterDriver> {
        Roster(driver: AnyRosterDriver(try makeDriver(connection)))
    }
}

/// How to reach a provider: base URL, the credential variables' values, transport and retry policy.
struct ProviderConnection: Sendable {
    /// The API root (validated: https, or http on loopback).
    var baseURL: URL
    /// The environment (or, for the demo, the simulators' credentials under the same names).
    var environment: [String: String]
    /// The transport: URLSession for real use, in-process for the demo.
    var transport: any HTTPTransport
    /// How 429/5xx answers and network failures are retried.
    var retry: RetryPolicy
    /// Told about every request, for `--verbose`.
    var observer: (any HTTPObserver)?
    /// True when the user allowed enrolling through orders (`roster enroll --allow-booking`): only
    /// then may a provider that enrolls by booking (frontcore) send a booking.
    var allowBooking = false
    /// The budget requests are paced to (`--rate-limit`), in place of the vendor's documented one.
    var rateLimit: RateLimit?

    /// A library configuration read from the environment (`fromEnvironment`); its `invalidArgument`
    /// (a missing or malformed variable) becomes the tool's one-line usage failure.
    static func configuration<C>(for provider: String, _ read: () throws -> C) throws -> C {
        do {
            return try read()
        } catch let error as RosterError where error.code == .invalidArgument {
            throw ToolFailure(.usage, "\(provider): \(error.message)")
        }
    }
}

/// What `roster serve` and `roster demo` need to make a simulator.
struct SimulatorSettings: Sendable {
    /// The data seed.
    var seed: UInt64
    /// Records per course.
    var recordsPerCourse: Int
    /// Courses.
    var courses: Int
    /// Faults to inject (rate limit included, when asked for).
    var faults: FaultPlan
    /// People to plant in every simulator (`--people-in-common`).
    var peopleInCommon: [PersonInCommon] = []
}

/// A running simulator as the tool serves it: its handler, where its API root lies relative to the
/// server root, and the credential (under the variable name a client reads it from).
struct ServedSimulator: Sendable {
    /// The provider name.
    let provider: String
    /// The path of the API root on the server (`/v2`, `/v1`, or "" for a community host).
    let pathPrefix: String
    /// The variable a client reads the credential from.
    let credentialVariable: String
    /// The credential the simulator accepts (a fake one, safe to print).
    let credential: String
    /// Counts, logs and injects faults.
    let injector: FaultInjector
    /// Answers one request.
    let handle: @Sendable (HTTPRequest) async -> HTTPResponse
    /// The base URL a driver uses in process.
    let inProcessBaseURL: URL
    /// For simulators that take JWTs (`serve --jwt-secret`): the simulator's own token of a user id,
    /// and the user a client's minted tokens should name.
    var jwtUsers: (issue: @Sendable (Int) -> String, serviceUser: Int)? = nil

    /// An in-process transport to this simulator.
    var transport: InProcessTransport { InProcessTransport { [handle] in await handle($0) } }
}
#endif
