import Foundation
public import RosterCore
public import RosterHTTP

/// The in-memory provider in one line, for apps' own tests and demos:
///
/// ```swift
/// let provider = InMemoryProvider(seed: 42, courses: 3, enrollmentsPerCourse: 25)
/// for try await enrollment in provider.roster.enrollments() { … }
/// ```
///
/// It wires a seeded `InMemoryStore`, the `InMemoryHandler` behind a `FaultInjector`, and an
/// `InMemoryDriver` using the standard HTTP client (retry, auth, observer) over an in-process transport.
public struct InMemoryProvider: Sendable {
    /// The facade to use.
    public let roster: Roster<InMemoryDriver>
    /// The data: read it, or change it in the middle of a listing.
    public let store: InMemoryStore
    /// The fault injector in front of the handler: request counts and log, and the fault plan.
    public let injector: FaultInjector
    /// Every request and response the driver's observer saw.
    public let observer: RecordingObserver
    /// The token the handler accepts.
    public let token: String

    /// The token used when none is given.
    public static let defaultToken = "in-memory-token-0f3c9a"

    /// Creates a provider holding `courses` × `enrollmentsPerCourse` generated enrollments.
    /// - Parameters:
    ///   - seed: the seed of the generated data (the same seed gives the same data).
    ///   - courses: how many courses to generate.
    ///   - enrollmentsPerCourse: how many enrollments each course gets.
    ///   - paging: how the API pages (any of the four styles).
    ///   - faults: what the fault injector does to requests.
    ///   - token: the token the handler accepts.
    ///   - credential: the token the driver sends; defaults to `token` (pass another to get 401s).
    ///   - retry: how the driver retries 429s, 5xx answers and network failures.
    ///   - clock: the clock of retries and injected latency (a `VirtualClock` in tests).
    public init(
        seed: UInt64 = 1, courses: Int = 3, enrollmentsPerCourse: Int = 20,
        paging: PagingStyle = .pageNumberWithTotal(firstPage: 1), faults: FaultPlan = .none,
        token: String = InMemoryProvider.defaultToken, credential: String? = nil, retry: RetryPolicy = .init(),
        clock: any RosterClock = SystemClock()
    ) {
        let store = InMemoryStore()
        InMemoryDataGenerator(seed: seed).populate(store, courses: courses, enrollmentsPerCourse: enrollmentsPerCourse)
        let handler = InMemoryHandler(store: store, token: token, paging: paging)
        let injector = FaultInjector(plan: faults, clock: clock) { InMemoryAPI.errorBody(status: $0) }
        let generator = InMemoryDataGenerator(seed: seed)
        let transport = InProcessTransport { request in
            let response = try await injector.handle(request) { request in
                handler.respond(
                    to: request, tamper: handler.isEnrollmentListing(request) ? injector.takePageTamper() : nil)
            }
            if request.method == .get, response.isSuccess, request.url.path.hasSuffix("/enrollments") {
                Self.churn(store, injector.takeChurn(), generator)
            }
            return response
        }
        let sent = credential ?? token
        let redactor = CredentialRedactor(secrets: [token, sent])
        let observer = RecordingObserver()
        let client = HTTPClient.standard(
            transport: transport, auth: AuthMiddleware(prefix: "Bearer ", source: StaticCredential(sent)), budget: nil,
            retry: retry, clock: clock, observer: observer, redactor: redactor)
        // The base URL is a constant known to be valid, so the driver cannot fail to build.
        let driver = try! InMemoryDriver(client: client, paging: paging, redactor: redactor)
        self.roster = Roster(driver: driver)
        self.store = store
        self.injector = injector
        self.observer = observer
        self.token = token
    }

    /// Applies a fault plan's churn after a served list page: `insertsPerPage` new learners (in the
    /// courses in turn) and `deletesPerPage` deletions of the oldest records, which shifts offset pages.
    private static func churn(
        _ store: InMemoryStore, _ churn: (inserts: Int, deletes: Int), _ generator: InMemoryDataGenerator
    ) {
        let courses = store.courses
        for index in 0..<churn.inserts where !courses.isEmpty {
            generator.insertNewLearner(in: courses[index % courses.count], into: store)
        }
        for _ in 0..<churn.deletes {
            guard let oldest = store.enrollments.first else { break }
            store.delete(oldest.id)
        }
    }
}
