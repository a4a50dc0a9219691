public import RosterCore
public import RosterHTTP

/// What a provider's test target implements so that the shared suite can run against it: build a
/// fresh backend (simulator or in-memory store) holding a requested data set, and a driver pointed at
/// it through the in-process transport.
public protocol ConformanceHarness: Sendable {
    /// The driver under test.
    associatedtype Driver: RosterDriver

    /// The provider's name, for messages.
    var name: String { get }

    /// Every status value the vendor documents (raw, as the vendor sends it). Each must map to a
    /// known canonical status.
    var documentedVendorStatuses: [String] { get }

    /// A raw status value the vendor does not document; it must survive as `.unknown(raw:)`.
    var undocumentedVendorStatus: String { get }

    /// Builds a backend holding `setup`'s data, and a facade over a driver that talks to it.
    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<Driver>
}

/// The data and conditions a case asks for.
public struct SubjectSetup: Sendable {
    /// Courses to create.
    public var courses: Int
    /// Enrollments to create in each course (learner role, any listable status).
    public var enrollmentsPerCourse: Int
    /// Faults the backend injects.
    public var faults: FaultPlan
    /// When false, the driver gets a wrong credential (the backend must answer as the vendor does).
    public var validCredential: Bool
    /// The clock for the driver's retry and rate budget AND the backend's fault injector (virtual in
    /// the suite: no real sleeping; an HTTP-date `Retry-After` is computed on it, so both must share it).
    public var clock: any RosterClock
    /// Seed for generated data.
    public var seed: UInt64

    /// Creates a setup.
    public init(
        courses: Int = 1, enrollmentsPerCourse: Int, faults: FaultPlan = .none, validCredential: Bool = true,
        clock: any RosterClock = VirtualClock(), seed: UInt64 = 7
    ) {
        self.courses = courses
        self.enrollmentsPerCourse = enrollmentsPerCourse
        self.faults = faults
        self.validCredential = validCredential
        self.clock = clock
        self.seed = seed
    }
}

/// A provider under test: the facade, the backend behind it, and what the suite checks secrets against.
public struct ConformanceSubject<Driver: RosterDriver>: Sendable {
    /// The facade over the driver under test.
    public var roster: Roster<Driver>
    /// The backend, for mutation mid-listing and request counts.
    public var backend: any ConformanceBackend
    /// Every credential the driver holds; none may appear in an error or a log line.
    public var secrets: [String]
    /// The log lines the driver's observer middleware produced so far.
    public var observedLog: @Sendable () -> [String]

    /// Creates a subject.
    public init(
        roster: Roster<Driver>, backend: any ConformanceBackend, secrets: [String],
        observedLog: @escaping @Sendable () -> [String]
    ) {
        self.roster = roster
        self.backend = backend
        self.secrets = secrets
        self.observedLog = observedLog
    }
}

/// The backend side of a subject, in neutral terms.
public protocol ConformanceBackend: Sendable {
    /// The fault injector in front of the backend: request counts, request log, plan.
    var injector: FaultInjector { get }
    /// The courses the backend holds.
    func courseIDs() async -> [CourseID]
    /// The neutral ids of every enrollment an unfiltered listing must return (in `course`, or in all
    /// courses when nil): for Course Dashboard that includes the creator and managers.
    func enrollmentIDs(course: CourseID?) async -> Set<EnrollmentID>
    /// Adds one learner enrollment to `course` (a new person), as the vendor would; returns its neutral id.
    /// Its id must sort after every existing one where the vendor pages by ascending id.
    func insertEnrollment(course: CourseID) async throws -> EnrollmentID
    /// Removes one enrollment, as the vendor would.
    func deleteEnrollment(_ id: EnrollmentID) async throws
    /// Sets an enrollment's raw vendor status value.
    func setVendorStatus(_ raw: String, of id: EnrollmentID) async throws
    /// Every identity the backend holds for the person `learner` (normalized, one per kind the person
    /// has): what lookups must find them by. Read behind the API, not through it.
    func identities(of learner: LearnerID) async throws -> [LearnerIdentity]
    /// Adds a new person who shares `identity` with someone already there (behind the API: the vendor's
    /// data can hold such duplicates whatever its API allows) and can be found by lookups; returns the
    /// new person's id.
    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID
}
