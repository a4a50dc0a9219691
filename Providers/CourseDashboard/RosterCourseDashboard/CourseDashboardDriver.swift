import Foundation
public import RosterCore
public import RosterHTTP

/// The Roster driver for SelfCommunity's API v2 course dashboard ("Course Dashboard"): lists a
/// course's users (creator, managers, learners, invitations, requests), the caller's courses, and
/// writes memberships through the role and invite endpoints. Listings without a course walk every
/// course the token's user creates or manages (the facade does the walking).
///
/// There is no status write (`update` is unsupported): the vendor's writes are role changes and
/// invitations, offered as `enroll`, `unenroll`, `invite`, `withdrawInvitations` and `makeManager`.
public struct CourseDashboardDriver: RosterDriver, CustomStringConvertible, CustomDebugStringConvertible {
    /// The provider name, `course-dashboard`.
    public static let providerID = ProviderID("course-dashboard")
    /// The largest page Roster asks for. The vendor documents no maximum; DRF's `max_limit` is
    /// commonly 100, and the simulator caps at that too.
    public static let maxPageSize = 100

    /// The configuration in force.
    public let configuration: CourseDashboardConfiguration
    let api: VendorAPI

    /// Creates a driver. Throws `invalidArgument` for a base URL that is not https (or http on loopback).
    public init(
        configuration: CourseDashboardConfiguration, transport: any HTTPTransport = URLSessionTransport(),
        clock: any RosterClock = SystemClock(), observer: (any HTTPObserver)? = nil
    ) throws {
        guard (1...Self.maxPageSize).contains(configuration.pageSize) else {
            throw RosterError(
                .invalidArgument, "the page size \(configuration.pageSize) is outside 1...\(Self.maxPageSize)",
                provider: Self.providerID)
        }
        self.configuration = configuration
        // Tokens from a provider (minted JWTs, refreshed OAuth tokens) are learned as they are handed out.
        let learned = SecretStore()
        let redactor = CredentialRedactor(secrets: configuration.knownToken.map { [$0] } ?? [], learned: learned)
        let source = RememberingCredential(configuration.token, store: learned)
        // One budget per credential (per community host when the token comes from a closure).
        let budgetKey = "course-dashboard " + (configuration.knownToken ?? configuration.baseURL.absoluteString)
        let budget = configuration.rateLimit.map { RateBudget.shared(key: budgetKey, limits: [$0], clock: clock) }
        let client = HTTPClient.standard(
            transport: transport, auth: AuthMiddleware(prefix: "Bearer ", source: source), budget: budget,
            retry: configuration.retry, clock: clock, observer: observer, redactor: redactor)
        api = try VendorAPI(
            provider: Self.providerID, baseURL: configuration.baseURL, client: client, redactor: redactor,
            errorMapper: CourseDashboardErrors.map)
    }

    /// `course-dashboard`.
    public var provider: ProviderID { Self.providerID }

    /// The provider and host, never the token.
    public var description: String { "CourseDashboardDriver(\(configuration))" }

    /// The same as `description`: nothing secret to show.
    public var debugDescription: String { description }

    /// Next-link paging for users and courses, one course at a time; course, role and search filters
    /// on the server; status narrows the server's `statuses` and is then applied exactly by the facade
    /// (`joined` splits by progress); no status write; people found by username and external id
    /// (`CourseDashboardLearners.swift`), never created.
    public var capabilities: DriverCapabilities {
        DriverCapabilities(
            operations: [
                .listEnrollments, .listCourses, .getCourse, .getEnrollment, .enroll, .unenroll, .findLearners,
            ],
            enrollmentPaging: .nextLink, coursePaging: .nextLink,
            defaultPageSize: configuration.pageSize, maxPageSize: Self.maxPageSize,
            serverFilters: [.course, .role, .search], listsPerCourse: true,
            enrollableRoles: [.learner, .manager],
            rateLimits: configuration.rateLimit.map { [$0] } ?? [], narrowingFilters: [.status],
            // Course users carry no e-mail, session, organization, creation or update time, and only a
            // real name (display name), no given or family name.
            unavailableFilters: [
                .email, .session, .organization, .updatedSince, .updatedBefore, .createdSince, .createdBefore,
                .firstName, .lastName,
            ],
            learnerLookups: Self.learnerLookups, orderings: [.enrolledAt, .lastActivityAt])
    }

    // MARK: Listing

    /// One page of a course's users from `GET /api/v2/course/{id}/users/`, oldest membership first
    /// (`ordering=joined_at`, so people who join mid-listing land at the end instead of shifting pages)
    /// unless the query asks for another order (`ordering` = `joined_at` or `last_active_at`, `-` for
    /// newest first; see `orderingParameter`).
    /// A user whose `join_status` is null has no relation to the course, so no enrollment: the entry
    /// is left out and counted in the page's `omitted` (and the listing report's `omittedByDriver`).
    public func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        guard let course = request.query.course else {
            throw RosterError(.invalidArgument, "Course Dashboard lists one course at a time", provider: provider)
        }
        let statuses = CourseDashboardStatusMapping.joinStatuses(
            for: request.query.roles, statuses: request.query.statuses, additional: configuration.additionalJoinStatuses)
        if statuses.isEmpty { return FetchedPage(records: [], total: 0) }
        var parameters = [
            ("statuses", CourseDashboardStatusMapping.statusesParameter(statuses)),
            ("ordering", Self.orderingParameter(request.query.order)),
        ]
        if let search = request.query.search { parameters.append(("search", search)) }
        let url = try pageURL(
            try Self.usersPath(course), parameters: parameters, position: request.position, limit: request.limit)
        return try await fetchPage(url, of: CourseDashboardUserRecord.self) { record, raw in
            record.joinStatus == nil ? nil : CourseDashboardRecordMapping.enrollment(record, course: course, raw: raw)
        }
    }

    /// One page of the courses the token's user creates or manages (`GET /api/v2/course/` with
    /// `statuses=["creator","manager"]`), or of `GET /api/v2/course/search/` when the query searches.
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        let url: URL
        if let search = request.query.search, !search.isEmpty {
            url = try pageURL(
                "/api/v2/course/search/", parameters: [("search", search)], position: request.position,
                limit: request.limit)
        } else {
            let managed = CourseDashboardStatusMapping.statusesParameter([
                CourseDashboardJoinStatus.creator.rawValue, CourseDashboardJoinStatus.manager.rawValue,
            ])
            url = try pageURL(
                "/api/v2/course/", parameters: [("statuses", managed)], position: request.position, limit: request.limit)
        }
        return try await fetchPage(url, of: CourseDashboardCourseRecord.self) {
            CourseDashboardRecordMapping.course($0, raw: $1)
        }
    }

    // MARK: Single records

    /// One membership. The API has no endpoint for it, so this reads the user (`GET /api/v2/user/{id}/`,
    /// which also gives `ext_id`) and then searches the course's users for that username.
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        let (courseID, userID) = try split(id, course: course)
        let user = try await communityUser(userID)
        guard user.username != nil else {
            throw RosterError(.notFound, "user \(userID) has no username to search for", provider: provider)
        }
        guard let found = try await membership(of: userID, user: user, in: courseID) else {
            throw RosterError(
                .notFound, "user \(userID.rawValue) has no membership in course \(courseID.rawValue)",
                provider: provider)
        }
        return found
    }

    /// Enrolls a user as learner (`{"joined":[id]}`) or manager (`{"managers":[id]}`). A user who
    /// already holds that place (a manager or creator counts as enrolled) is reported, not re-sent; a
    /// user or course that does not exist fails before anything is sent (see `previewEnroll`).
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        if let outcome = try await previewEnroll(request) { return outcome }
        try await setRole(try Self.joinStatus(for: request.role), users: [request.learner], course: request.course)
        let id = CourseDashboardIdentity.enrollmentID(course: request.course, user: request.learner)
        return .created(try await existingEnrollment(id, course: request.course))
    }

    /// The reads `enroll` makes before its write: the user (`GET /api/v2/user/{id}/`; a missing user
    /// is `notFound`, where the write would be refused) and the user's membership in the course (a
    /// missing course is `notFound`). `.alreadyEnrolled` when the membership already holds the place,
    /// nil when `enroll` would send the role write.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        let target = try Self.joinStatus(for: request.role)
        let user = try await communityUser(request.learner)
        guard let existing = try await membership(of: request.learner, user: user, in: request.course),
            Self.holds(existing.vendorStatus.code, target)
        else { return nil }
        return .alreadyEnrolled(existing)
    }

    /// Removes a user from the course (`POST …/role/ {"unjoined":[id]}`). The creator cannot leave:
    /// the vendor answers 400, surfaced as `invalidArgument`.
    public func unenroll(_ id: EnrollmentID, course: CourseID?) async throws {
        let (courseID, userID) = try split(id, course: course)
        try await setRole(nil, users: [userID], course: courseID)
    }

    // MARK: Helpers

    /// The vendor's `ordering` value for `order`: `joined_at` / `last_active_at`, `-` prefixed for newest
    /// first; `joined_at` (oldest membership first) when the query sets none. Any order other than
    /// oldest-joined-first lets a join or a lesson completed mid-listing move people between pages: the
    /// facade sees the repeat or the changed count and re-reads (a repair pass) so nobody is missed.
    static func orderingParameter(_ order: EnrollmentOrder?) -> String {
        guard let order else { return "joined_at" }
        let field =
            switch order.key {
            case .enrolledAt: "joined_at"
            case .lastActivityAt: "last_active_at"
            }
        return (order.descending ? "-" : "") + field
    }

    static func usersPath(_ course: CourseID) throws -> String {
        "/api/v2/course/\(try CourseDashboardIdentity.courseNumber(course))/users/"
    }

    /// The join status `role` is written as: `joined` for a learner, `manager` for a manager.
    static func joinStatus(for role: EnrollmentRole) throws -> CourseDashboardJoinStatus {
        switch role {
        case .learner: .joined
        case .manager: .manager
        default: throw RosterError(.unsupported, "Course Dashboard cannot enroll as \(role)", provider: providerID)
        }
    }

    /// The membership of `userID` (read as `user`) in `course`, found by searching the course's users
    /// for the username; nil when there is none, or when the user has no username to search for.
    func membership(
        of userID: LearnerID, user: CourseDashboardCommunityUser, in course: CourseID
    ) async throws -> Enrollment? {
        guard let username = user.username else { return nil }
        let query = EnrollmentQuery(course: course, search: username)
        var walker = PageWalker(style: .nextLink, limit: capabilities.maxPageSize)
        var position = PagePosition.start
        while true {
            let page = try await fetchEnrollments(PageRequest(query: query, position: position, limit: walker.limit))
            if var found = page.records.first(where: { $0.learner.id == userID }) {
                found.learner.externalID = user.extID
                return found
            }
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: page.records.count)
            else { return nil }
            position = next
        }
    }

    /// True when a user with `current` status already holds `target`.
    static func holds(_ current: String, _ target: CourseDashboardJoinStatus) -> Bool {
        switch target {
        case .joined: ["joined", "manager", "creator"].contains(current)
        case .manager: ["manager", "creator"].contains(current)
        default: current == target.rawValue
        }
    }

    /// The course and user of `id`, checked against `course` when given.
    func split(_ id: EnrollmentID, course: CourseID?) throws -> (CourseID, LearnerID) {
        guard let parts = CourseDashboardIdentity.parse(id) else {
            throw RosterError(
                .invalidArgument, "\"\(id.rawValue)\" is not a Course Dashboard enrollment id (<course>:<user>)",
                provider: provider)
        }
        if let course, course != parts.course {
            throw RosterError(
                .invalidArgument, "enrollment \(id.rawValue) is not in course \(course.rawValue)", provider: provider)
        }
        return parts
    }

    /// The membership, or nil when the user has none in the course (read after a write).
    func existingEnrollment(_ id: EnrollmentID, course: CourseID) async throws -> Enrollment? {
        do {
            return try await enrollment(id, course: course)
        } catch let error as RosterError where error.code == .notFound {
            return nil
        }
    }

    /// `GET /api/v2/user/{id}/`.
    func communityUser(_ id: LearnerID) async throws -> CourseDashboardCommunityUser {
        let url = api.url("/api/v2/user/\(try CourseDashboardIdentity.userNumber(id))/")
        let response = try await api.send(.get, url)
        return try api.decode(CourseDashboardCommunityUser.self, from: response, for: .get, url)
    }
}
