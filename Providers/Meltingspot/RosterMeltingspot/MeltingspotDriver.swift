import Foundation
public import RosterCore
public import RosterHTTP

/// The Meltingspot adapter (public API v1): lists courses and course participants, reads one
/// participant, enrolls by invitation, and finds (by e-mail) and creates spot members (see
/// `MeltingspotLearners.swift`). Participants are listed per course, so the facade walks every
/// course when a query names none. Unenrolling has no documented endpoint and throws `unsupported`.
/// Vendor-only operations (spot members, bulk invite, the daily budget) are methods of this driver,
/// reachable as `roster.driver`.
public struct MeltingspotDriver: RosterDriver {
    /// `meltingspot`.
    public let provider = MeltingspotEnrollmentMapping.provider
    /// What Meltingspot can do through Roster.
    public let capabilities: DriverCapabilities
    let api: VendorAPI
    let budget: RateBudget?
    let dailyLimit: RateLimit?
    let bulkInviteChunkSize: Int
    let emailLookupChunkSize: Int

    /// Creates a driver. Throws `invalidArgument` for an empty key, a base URL that is neither https
    /// nor loopback http, or a chunk size below 1.
    public init(
        configuration: MeltingspotConfiguration, transport: any HTTPTransport = URLSessionTransport(),
        clock: any RosterClock = SystemClock(), observer: (any HTTPObserver)? = nil
    ) throws {
        let provider = MeltingspotEnrollmentMapping.provider
        guard !configuration.secretKey.isEmpty else {
            throw RosterError(.invalidArgument, "the Meltingspot secret key is empty", provider: provider)
        }
        guard configuration.bulkInviteChunkSize >= 1, configuration.emailLookupChunkSize >= 1 else {
            throw RosterError(.invalidArgument, "Meltingspot chunk sizes must be at least 1", provider: provider)
        }
        let redactor = CredentialRedactor(secrets: [configuration.secretKey])
        let budget =
            configuration.rateLimits.isEmpty
            ? nil
            : RateBudget.shared(
                key: "meltingspot|\(configuration.baseURL.absoluteString)|\(configuration.secretKey)",
                limits: configuration.rateLimits, clock: clock)
        let auth = AuthMiddleware(
            header: "Authorization", prefix: configuration.authorizationScheme.prefix,
            source: StaticCredential(configuration.secretKey))
        let client = HTTPClient.standard(
            transport: transport, auth: auth, budget: budget, retry: configuration.retryPolicy, clock: clock,
            observer: observer, redactor: redactor)
        self.api = try VendorAPI(
            provider: provider, baseURL: configuration.baseURL, client: client, redactor: redactor,
            errorMapper: MeltingspotErrors.map)
        self.budget = budget
        self.dailyLimit = configuration.dailyLimit
        self.bulkInviteChunkSize = configuration.bulkInviteChunkSize
        self.emailLookupChunkSize = configuration.emailLookupChunkSize
        self.capabilities = DriverCapabilities(
            operations: [.listEnrollments, .listCourses, .getEnrollment, .enroll, .findLearners, .createLearner],
            enrollmentPaging: MeltingspotPaging.style, coursePaging: MeltingspotPaging.style,
            defaultPageSize: MeltingspotPaging.defaultPageSize, maxPageSize: MeltingspotPaging.maxPageSize,
            serverFilters: MeltingspotFilters.serverSide, listsPerCourse: true, needsCourseForRecordAccess: true,
            writableStatuses: [], enrollableRoles: [.learner], rateLimits: configuration.rateLimits,
            narrowingFilters: MeltingspotFilters.narrowing, unavailableFilters: MeltingspotFilters.unavailable,
            learnerLookups: MeltingspotLearners.lookups)
    }

    /// Requests left in today's budget for this key (nil when no daily budget is configured): the
    /// client-side count of the documented 50,000 per day.
    public var remainingDailyBudget: Int? {
        guard let budget, let dailyLimit else { return nil }
        return budget.remaining(in: dailyLimit)
    }

    /// One page of one course's participants (`GET /courses/{courseId}/participants`).
    public func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        guard let course = request.query.course else {
            throw RosterError(
                .invalidArgument, "Meltingspot lists participants one course at a time", provider: provider)
        }
        guard let filters = MeltingspotFilters.participantQueryItems(for: request.query) else {
            return FetchedPage(records: [], total: 0)
        }
        let url = api.url(
            try MeltingspotPaths.participants(course: course.rawValue),
            items: MeltingspotPaging.queryItems(at: request.position, limit: request.limit) + filters)
        let response = try await api.send(.get, url)
        let envelope = try api.decode(MeltingspotEnvelope<MeltingspotParticipant>.self, from: response, for: .get, url)
        return try attributed(url) {
            try MeltingspotPaging.page(envelope, body: response.body) { MeltingspotEnrollmentMapping.enrollment($0, raw: $1) }
        }
    }

    /// One page of courses (`GET /courses`).
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        let url = api.url(
            MeltingspotPaths.courses, items: MeltingspotPaging.queryItems(at: request.position, limit: request.limit))
        let response = try await api.send(.get, url)
        let envelope = try api.decode(MeltingspotEnvelope<MeltingspotCourse>.self, from: response, for: .get, url)
        return try attributed(url) {
            try MeltingspotPaging.page(envelope, body: response.body) { MeltingspotEnrollmentMapping.course($0, raw: $1) }
        }
    }

    /// Runs `body`, naming this provider and the GET of `url` in a `RosterError` it throws.
    private func attributed<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as RosterError {
            error.provider = provider
            error.method = "GET"
            error.path = url.path
            throw error
        }
    }

    /// One participant (`GET /courses/{courseId}/participants/{id}`). A missing participant is
    /// `notFound` (the vendor says "Course not found" for both).
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        guard let course else {
            throw RosterError(
                .invalidArgument, "Meltingspot needs the course id to read a participant", provider: provider)
        }
        let url = api.url(try MeltingspotPaths.participant(id.rawValue, course: course.rawValue))
        let response = try await api.send(.get, url)
        return MeltingspotEnrollmentMapping.enrollment(
            try api.decode(MeltingspotParticipant.self, from: response, for: .get, url),
            raw: JSONRecordBytes.record(in: response.body))
    }

    /// Enrolls by inviting the spot member `request.learner` (see `invite(spotMember:to:invitedBy:notify:)`).
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        guard request.role == .learner else {
            throw RosterError(
                .unsupported, "Meltingspot can only invite participants (role learner)", provider: provider)
        }
        return try await invite(spotMember: request.learner.rawValue, to: request.course, notify: request.notify)
    }

    /// What `enroll` would do, found by reading (Meltingspot answers it only to the invitation itself):
    /// the course's participants (`GET /courses/{courseId}/participants`, every page; a missing course
    /// is `notFound`, as the invitation would be) — a participant for the member means the vendor
    /// would answer 200 "Member already invited", so `.alreadyEnrolled` — then the member
    /// (`GET /spotMembers/{id}`; a missing member is `notFound`). nil when the invitation would create
    /// a participant.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        guard request.role == .learner else {
            throw RosterError(
                .unsupported, "Meltingspot can only invite participants (role learner)", provider: provider)
        }
        let participants: [MeltingspotParticipant] = try await listAll(
            try MeltingspotPaths.participants(course: request.course.rawValue), filters: [], id: \.id)
        if let existing = participants.first(where: { $0.spotMemberId == request.learner.rawValue }) {
            return .alreadyEnrolled(MeltingspotEnrollmentMapping.enrollment(existing))
        }
        _ = try await spotMember(id: request.learner.rawValue)
        return nil
    }
}
