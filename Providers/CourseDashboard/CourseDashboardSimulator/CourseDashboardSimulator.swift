public import Foundation
public import RosterHTTP

/// A stateful, deterministic stand-in for a SelfCommunity community's API v2 course endpoints,
/// written from the vendor's docs: course users (dashboard), courses, course search, users, role
/// changes and invitations, with bearer-token auth, DRF limit/offset paging with absolute links on
/// the host the request came to, and the shared fault plan in front.
public final class CourseDashboardSimulator: Sendable {
    /// Where the simulator pretends to live when used in-process.
    public static let defaultBaseURL = URL(string: "https://community.example")!

    /// A bearer token of the service user (id 1), who manages every course.
    public let token: String
    /// A bearer token of a community member (id 2) who manages no course: the dashboard answers 403.
    public let outsiderToken: String
    /// The fault injector in front of the handler: request log, counts, plan.
    public let injector: FaultInjector
    /// The user id behind `token`.
    public let serviceUserID = 1
    /// The user id behind `outsiderToken`.
    public let outsiderUserID = 2

    let store: SimulatorStore
    let clock: any RosterClock
    /// Course-users listings, filtered and sorted once per state version.
    let sortedRows = SortedRowsCache()

    /// Creates a community of `courses` courses, each with a creator, the service user as manager,
    /// and `learnersPerCourse` learners in assorted join states.
    public init(
        seed: UInt64 = 1, courses: Int = 3, learnersPerCourse: Int = 30, faults: FaultPlan = .none,
        clock: any RosterClock = SystemClock()
    ) {
        var state = SimulatorSeedData.community(seed: seed, courses: courses, learnersPerCourse: learnersPerCourse)
        token = Self.mintToken(&state.random)
        outsiderToken = Self.mintToken(&state.random)
        state.tokens[token] = 1
        state.tokens[outsiderToken] = 2
        store = SimulatorStore(state)
        self.clock = clock
        injector = FaultInjector(plan: faults, clock: clock) { status in Self.errorBody(status: status) }
    }

    /// Answers one request, faults first (as planned), then the routes under `/api/v2/`.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await injector.handle(request) { [self] in route($0) }
        } catch {
            return Self.error(503, code: "service_unavailable", message: "the request was interrupted")
        }
    }

    /// An in-process transport answering with this simulator.
    public var transport: InProcessTransport {
        InProcessTransport { [self] request in await handle(request) }
    }

    static func mintToken(_ random: inout SeededGenerator) -> String {
        "sc_" + (0..<4).map { _ in String(random.next() & 0xFFFF_FFFF, radix: 16) }.joined()
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: encode(value))
    }

    static let noContent = HTTPResponse(status: 204)
}
