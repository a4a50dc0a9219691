public import RosterCore
public import RosterHTTP

/// What a provider's test target implements so that the shared suite can run against it: build a
/// fresh backend (simulator or in-memory store) holding a requested data set, and a driver pointed at
/// it through the in-process transport.
public protocol ConformanceHarness: Sendable {
    /// The driver under test.
    associatedtype Driver: RosterDriver

    /// The provider and configuration, for messages (e.g. `frontcore (page numbers)`).
    var name: String { get }

    /// The capabilities the subject's driver declares, known before any subject is built: which
    /// cases apply is decided from them (see `ConformanceCase.applicable(to:)`).
    var declaredCapabilities: DriverCapabilities { get }

    /// The adapter's published mapping table (e.g. `FrontcoreStatusMapping.table`). The suite reads
    /// every row through the adapter's real decoding path and checks the answer is the row's.
    var mappingTable: StatusMappingTable { get }

    /// A raw status value the vendor does not document; it must survive as `.unknown(raw:)`.
    var undocumentedVendorStatus: String { get }

    /// A field of every listed record that the adapter must decode strictly, as a key path inside
    /// one record (e.g. `["status", "id"]`), and where the records sit in a list page body (e.g.
    /// `["items"]`; empty for a bare array). A malformed value there must fail the listing with a
    /// decoding error naming exactly that record and key.
    var strictField: StrictField { get }

    /// Builds a backend holding `setup`'s data, and a facade over a driver that talks to it.
    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<Driver>
}

/// A field the adapter must decode strictly, and where list pages keep their records.
public struct StrictField: Hashable, Sendable {
    /// The keys from a list page body's root to its array of records (empty for a bare array).
    public var recordsAt: [String]
    /// The keys from a record to the field.
    public var field: [String]

    /// Creates a description.
    public init(recordsAt: [String], field: [String]) {
        self.recordsAt = recordsAt
        self.field = field
    }

    /// The JSON path of the field in record `index` of a page, as `RosterError.jsonPath` writes it
    /// (e.g. `$.items[3].status`).
    public func jsonPath(record index: Int) -> String {
        "$" + recordsAt.map { ".\($0)" }.joined() + "[\(index)]" + field.map { ".\($0)" }.joined()
    }
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
    /// Every credential the driver holds (read when the case ends, so tokens minted during it count);
    /// none may appear in an error or a log line.
    public var secrets: [String] { heldSecrets() }
    /// The log lines the driver's observer middleware produced so far.
    public var observedLog: @Sendable () -> [String]
    private let heldSecrets: @Sendable () -> [String]

    /// Creates a subject whose driver holds the fixed credentials `secrets`.
    public init(
        roster: Roster<Driver>, backend: any ConformanceBackend, secrets: [String],
        observedLog: @escaping @Sendable () -> [String]
    ) {
        self.init(roster: roster, backend: backend, secrets: { secrets }, observedLog: observedLog)
    }

    /// Creates a subject whose driver's credentials are whatever `secrets` answers when asked (a
    /// credential source that mints tokens).
    public init(
        roster: Roster<Driver>, backend: any ConformanceBackend, secrets: @escaping @Sendable () -> [String],
        observedLog: @escaping @Sendable () -> [String]
    ) {
        self.roster = roster
        self.backend = backend
        self.heldSecrets = secrets
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
    /// Gives an enrollment the vendor values of `row`: its raw status, its raw role where the vendor
    /// keeps one apart, and what its condition asks (a completed flag, a completion rate).
    func apply(_ row: StatusMappingTable.Row, to id: EnrollmentID) async throws
    /// Makes the credential the subject's driver holds invalid from now on, as a key revoked in the
    /// vendor's settings or a token that expired would be (for a credential source that mints tokens:
    /// the tokens it mints from now on are refused too).
    func revokeCredentials() async throws
    /// Every identity the backend holds for the person `learner` (normalized, one per kind the person
    /// has): what lookups must find them by. Read behind the API, not through it.
    func identities(of learner: LearnerID) async throws -> [LearnerIdentity]
    /// Adds a new person who shares `identity` with someone already there (behind the API: the vendor's
    /// data can hold such duplicates whatever its API allows) and can be found by lookups; returns the
    /// new person's id.
    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID
}

/// A transport for drivers built only to read their declarations (a harness's
/// `declaredCapabilities`): it sends nothing and fails every request.
public struct DeclarationOnlyTransport: HTTPTransport {
    /// Creates the transport.
    public init() {}

    /// Fails: this transport is not for sending.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw RosterError(.unavailable, "this driver was built to read its declaration, not to send")
    }
}
