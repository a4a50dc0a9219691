/// The small protocol a vendor adapter implements. A driver fetches ONE page, gets one record,
/// applies one write, and maps vendor errors to `RosterError`; the `Roster` facade does everything
/// shared (paging, de-duplication, loop guards, local filters, reports). Operations a driver does not
/// declare in `capabilities` keep the default implementation, which throws `unsupported`.
public protocol RosterDriver: Sendable {
    /// The provider's name, e.g. `frontcore`.
    var provider: ProviderID { get }
    /// What this driver can do.
    var capabilities: DriverCapabilities { get }

    /// One page of enrollments. The query holds only filters listed in `serverFilters` or
    /// `narrowingFilters`; the driver must apply the first exactly and may use the second to narrow.
    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment>
    /// One page of courses.
    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course>
    /// One course by id; `notFound` when the vendor has none with it.
    func course(_ id: CourseID) async throws -> Course
    /// One enrollment by id; `course` is given when `needsCourseForRecordAccess` (and may be otherwise).
    func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment
    /// Applies `changes` and returns the record as the vendor now holds it.
    func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws -> Enrollment
    /// Puts a person into a course.
    func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome
    /// What `enroll(request)` would do, found by reading only (nothing is written), so a dry run
    /// agrees with the real run: `.alreadyEnrolled` when the person already holds the place, nil when
    /// `enroll` would send a write; throws what `enroll` would throw for a missing course or person.
    func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome?
    /// Takes a person out of a course.
    func unenroll(_ id: EnrollmentID, course: CourseID?) async throws
    /// Every person on the provider whose identity of `identity.kind` equals `identity` (both sides
    /// normalized), each once; empty when nobody has it. `identity` may arrive as a caller wrote it
    /// (the facade passes it on unchanged once it knows it can match someone): compare normalized. A
    /// kind outside `learnerLookups` throws `unsupported`.
    func findLearners(_ identity: LearnerIdentity) async throws -> [Learner]
    /// The people of each identity in `identities`, for callers with many to look up (a sync): one
    /// entry per identity, empty when nobody has it. The default asks `findLearners(_:)` once per
    /// identity; a driver whose lookup walks a whole listing overrides it to walk once for all.
    func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]]
    /// Creates a person and returns them as the provider now holds them. Never retried blind: a
    /// repeat could create a second person.
    func createLearner(_ learner: NewLearner) async throws -> Learner
}

extension RosterDriver {
    /// Default for drivers without this capability: throws `unsupported`.
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        throw unsupported(.listCourses)
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func course(_ id: CourseID) async throws -> Course {
        throw unsupported(.getCourse)
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        throw unsupported(.getEnrollment)
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws
        -> Enrollment
    {
        throw unsupported(.updateEnrollment)
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        throw unsupported(.enroll)
    }
    /// Default for drivers that cannot tell without writing: throws `unsupported`.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        throw RosterError(
            .unsupported, "\(provider) cannot tell what an enrollment would do without sending it (no dry run)",
            provider: provider)
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func unenroll(_ id: EnrollmentID, course: CourseID?) async throws {
        throw unsupported(.unenroll)
    }

    /// Default for drivers without this capability: throws `unsupported`.
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        throw unsupported(.findLearners)
    }
    /// Asks `findLearners(_:)` once per identity, in a stable order.
    public func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        var found: [LearnerIdentity: [Learner]] = [:]
        for identity in identities.sorted(by: { $0.description < $1.description }) {
            try Task.checkCancellation()
            found[identity] = try await findLearners(identity)
        }
        return found
    }
    /// Default for drivers without this capability: throws `unsupported`.
    public func createLearner(_ learner: NewLearner) async throws -> Learner {
        throw unsupported(.createLearner)
    }

    /// Throws `unsupported` unless `capabilities` declare lookups by `kind`: the first line of every
    /// driver's `findLearners`, so that a direct call behaves as the declaration says.
    public func requireLookup(_ kind: LearnerIdentity.Kind) throws {
        guard capabilities.supports(.findLearners) else { throw unsupported(.findLearners) }
        guard capabilities.learnerLookups.contains(kind) else {
            throw RosterError(
                .unsupported, "\(provider) cannot look people up by \(kind.rawValue)", provider: provider)
        }
    }

    /// The `unsupported` error for `operation` at this provider.
    public func unsupported(_ operation: DriverCapabilities.Operation) -> RosterError {
        RosterError(.unsupported, "\(provider) does not support \(operation.rawValue)", provider: provider)
    }
}
