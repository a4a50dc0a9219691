public import RosterCore
public import RosterHTTP

/// What a provider's side implements so the sync section of the suite can use it as the source or
/// the target of a migration: a fresh backend holding one course with the people a `SyncSetup` asks
/// for, and a facade whose transport passes through the suite's write-fault injector.
public protocol SyncHarness: Sendable {
    /// The provider's name, for messages.
    var name: String { get }
    /// The identity kinds the provider's course listing records carry (what a source can match by).
    var listedIdentities: Set<LearnerIdentity.Kind> { get }
    /// Builds the backend and the facade; every request the driver sends passes through `wrap`.
    func makeSyncEnd(
        _ setup: SyncSetup, wrap: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport
    ) async throws -> SyncEnd
}

/// A person the suite plants; every identity derives from the number, so both ends of a pair agree.
public struct SyncPerson: Hashable, Sendable, Comparable {
    /// The person's number in the scenario.
    public var number: Int

    /// Creates person number `number`.
    public init(_ number: Int) { self.number = number }

    /// `learner.<n>@sync.example`.
    public var email: String { "learner.\(number)@sync.example" }
    /// `learner_<n>`.
    public var username: String { "learner_\(number)" }
    /// A numeric external id (Course Dashboard keeps `ext_id` as a number).
    public var externalID: String { String(700_000 + number) }
    /// Given name.
    public var firstName: String { "Læring" }
    /// Family name.
    public var lastName: String { "Nummer \(number)" }

    public static func < (lhs: SyncPerson, rhs: SyncPerson) -> Bool { lhs.number < rhs.number }
}

/// Where a planted person stands in the course.
public enum PlantedState: Hashable, Sendable {
    /// Holds a place and is active, not finished (the vendor's nearest counted status).
    case active
    /// Finished the course, passed where the vendor records a pass.
    case completed
}

/// The people of one backend: enrolled in its course, or only known to the provider.
public struct SyncSetup: Sendable {
    /// People in the course, with their state.
    public var enrolled: [SyncPerson: PlantedState]
    /// People the provider holds who are not in the course (ignored by providers with no people
    /// outside courses).
    public var known: [SyncPerson]

    /// Creates a setup.
    public init(enrolled: [SyncPerson: PlantedState] = [:], known: [SyncPerson] = []) {
        self.enrolled = enrolled
        self.known = known
    }
}

/// One built end of a sync.
public struct SyncEnd: Sendable {
    /// The facade over the driver under test.
    public var roster: Roster<AnyRosterDriver>
    /// The course holding the planted people.
    public var course: CourseID
    /// The backend's request log (writes are counted there).
    public var injector: FaultInjector
    /// The provider's own learner id of a planted person, for explicit maps; nil when not planted.
    public var learnerID: @Sendable (SyncPerson) -> LearnerID?

    /// Creates an end.
    public init(
        roster: Roster<AnyRosterDriver>, course: CourseID, injector: FaultInjector,
        learnerID: @escaping @Sendable (SyncPerson) -> LearnerID?
    ) {
        self.roster = roster
        self.course = course
        self.injector = injector
        self.learnerID = learnerID
    }

    /// Writes the backend applied: answers 2xx to anything but GET and HEAD.
    public var appliedWrites: Int {
        injector.requests.filter { $0.method != .get && $0.method != .head && (200..<300).contains($0.status) }.count
    }
}
