/// A type-erased driver, for code that picks a provider at run time (the `roster` tool).
public struct AnyRosterDriver: RosterDriver {
    /// The wrapped driver.
    public let base: any RosterDriver

    /// Wraps `base`.
    public init(_ base: any RosterDriver) { self.base = base }

    /// Forwards to the wrapped driver.
    public var provider: ProviderID { base.provider }
    /// Forwards to the wrapped driver.
    public var capabilities: DriverCapabilities { base.capabilities }
    /// Forwards to the wrapped driver.
    public func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        try await base.fetchEnrollments(request)
    }
    /// Forwards to the wrapped driver.
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        try await base.fetchCourses(request)
    }
    /// Forwards to the wrapped driver.
    public func course(_ id: CourseID) async throws -> Course { try await base.course(id) }
    /// Forwards to the wrapped driver.
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        try await base.enrollment(id, course: course)
    }
    /// Forwards to the wrapped driver.
    public func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws
        -> Enrollment
    {
        try await base.update(id, course: course, with: changes)
    }
    /// Forwards to the wrapped driver.
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome { try await base.enroll(request) }
    /// Forwards to the wrapped driver.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        try await base.previewEnroll(request)
    }
    /// Forwards to the wrapped driver.
    public func unenroll(_ id: EnrollmentID, course: CourseID?) async throws {
        try await base.unenroll(id, course: course)
    }
    /// Forwards to the wrapped driver.
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        try await base.findLearners(identity)
    }
    /// Forwards to the wrapped driver (so its own batch lookup is used).
    public func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        try await base.findLearners(anyOf: identities)
    }
    /// Forwards to the wrapped driver.
    public func createLearner(_ learner: NewLearner) async throws -> Learner { try await base.createLearner(learner) }
}
