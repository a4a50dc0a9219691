import RosterConformance
import RosterCore
import RosterInMemory

/// The in-memory harness with its driver replaced by `wrap(driver)`.
struct WrappedHarness<D: RosterDriver>: ConformanceHarness {
    let base: InMemoryHarness
    let wrap: @Sendable (InMemoryDriver) -> D

    /// The in-memory harness in `paging`, its driver wrapped by `wrap`, publishing `table` as its
    /// mapping table (the in-memory one when nil).
    init(paging: PagingStyle, table: StatusMappingTable? = nil, wrap: @escaping @Sendable (InMemoryDriver) -> D) {
        base = InMemoryHarness(paging: paging)
        self.table = table
        self.wrap = wrap
    }

    let table: StatusMappingTable?

    var name: String { "\(D.self) over in-memory (\(pagingName(base.paging)))" }
    var declaredCapabilities: DriverCapabilities {
        wrap(InMemoryProvider(courses: 1, enrollmentsPerCourse: 0, paging: base.paging).roster.driver).capabilities
    }
    var mappingTable: StatusMappingTable { table ?? base.mappingTable }
    var undocumentedVendorStatus: String { base.undocumentedVendorStatus }
    var strictField: StrictField { base.strictField }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<D> {
        let subject = try await base.makeSubject(setup)
        return ConformanceSubject(
            roster: Roster(driver: wrap(subject.roster.driver)), backend: subject.backend, secrets: subject.secrets,
            observedLog: subject.observedLog)
    }
}

/// Forwards everything to the in-memory driver; the broken drivers below override one thing.
protocol ForwardingDriver: RosterDriver {
    var base: InMemoryDriver { get }
}

extension ForwardingDriver {
    var provider: ProviderID { base.provider }
    var capabilities: DriverCapabilities { base.capabilities }
    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        try await base.fetchEnrollments(request)
    }
    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        try await base.fetchCourses(request)
    }
    func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        try await base.enrollment(id, course: course)
    }
    func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws -> Enrollment {
        try await base.update(id, course: course, with: changes)
    }
    func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome { try await base.enroll(request) }
    func unenroll(_ id: EnrollmentID, course: CourseID?) async throws { try await base.unenroll(id, course: course) }
    func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] { try await base.findLearners(identity) }
    func createLearner(_ learner: NewLearner) async throws -> Learner { try await base.createLearner(learner) }
}

/// The in-memory driver declaring that it lists one course at a time and needs the course for
/// record access, as Course Dashboard does: runs the suite through the facade's per-course walk.
struct PerCourseDriver: ForwardingDriver {
    let base: InMemoryDriver

    var capabilities: DriverCapabilities {
        var caps = base.capabilities
        caps.listsPerCourse = true
        caps.needsCourseForRecordAccess = true
        caps.serverFilters.remove(.course)
        return caps
    }
}

/// The in-memory driver declaring only listing and get, and no server filter: runs the suite's
/// `unsupported` and local-filter paths.
struct ListOnlyDriver: ForwardingDriver {
    let base: InMemoryDriver

    var capabilities: DriverCapabilities {
        var caps = base.capabilities
        caps.operations = [.listEnrollments, .getEnrollment]
        caps.serverFilters = []
        caps.writableStatuses = []
        caps.enrollableRoles = []
        caps.learnerLookups = []
        return caps
    }

    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        throw unsupported(.listCourses)
    }
    func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws -> Enrollment {
        throw unsupported(.updateEnrollment)
    }
    func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome { throw unsupported(.enroll) }
    func unenroll(_ id: EnrollmentID, course: CourseID?) async throws { throw unsupported(.unenroll) }
    func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] { throw unsupported(.findLearners) }
    func createLearner(_ learner: NewLearner) async throws -> Learner { throw unsupported(.createLearner) }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        precondition(request.query.filters.isEmpty, "the facade sent an undeclared filter to the driver")
        return try await base.fetchEnrollments(request)
    }
}
