public import Foundation
public import RosterCore
public import RosterHTTP

/// The in-memory provider's driver: speaks `InMemoryAPI` through RosterHTTP exactly as a vendor
/// adapter speaks its vendor's API, and declares every capability.
public struct InMemoryDriver: RosterDriver {
    /// `in-memory`.
    public let provider: ProviderID
    /// Every operation; paging as configured.
    public let capabilities: DriverCapabilities
    /// The API access (client, redactor, error mapping).
    public let api: VendorAPI

    /// The filters the in-memory API applies itself; the facade applies the others locally.
    public static let serverFilters: Set<EnrollmentFilter> = [
        .course, .learner, .status, .role, .email, .updatedSince, .updatedBefore, .search,
    ]

    /// Creates a driver sending through `client` (e.g. `HTTPClient.standard` over an
    /// `InProcessTransport`) to the API at `baseURL`, which pages in `paging`.
    public init(
        client: any HTTPTransport, paging: PagingStyle, redactor: CredentialRedactor,
        baseURL: URL = InMemoryAPI.defaultBaseURL, provider: ProviderID = "in-memory"
    ) throws {
        self.provider = provider
        api = try VendorAPI(
            provider: provider, baseURL: baseURL, client: client, redactor: redactor, errorMapper: InMemoryErrors.map)
        capabilities = DriverCapabilities(
            operations: Set(DriverCapabilities.Operation.allCases), enrollmentPaging: paging, coursePaging: paging,
            defaultPageSize: 50, maxPageSize: InMemoryAPI.maxPageSize, serverFilters: Self.serverFilters,
            listsPerCourse: false, writableStatuses: Set(EnrollmentStatus.known),
            enrollableRoles: Set(EnrollmentRole.known), learnerLookups: Set(LearnerIdentity.Kind.allCases),
            updatableFields: [.status, .completed, .passed, .paymentCode])
    }

    /// One page of `GET /enrollments` with the declared filters as query items.
    public func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        let url = try listURL("/enrollments", request, filters: filterItems(request.query))
        let response = try await api.send(.get, url)
        let page = try InMemoryPaging.decode(
            InMemoryWireEnrollment.self, style: capabilities.enrollmentPaging, response: response, api: api, url: url,
            key: \.id.rawValue, convert: { $0.enrollment(provider: provider) })
        if capabilities.enrollmentPaging == .keyset {
            try InMemoryPaging.checkAscending(
                page.records.map(\.id.rawValue), after: request.position, provider: provider)
        }
        return page
    }

    /// One page of `GET /courses`.
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        let url = try listURL("/courses", request, filters: [])
        let response = try await api.send(.get, url)
        return try InMemoryPaging.decode(
            InMemoryWireCourse.self, style: capabilities.coursePaging, response: response, api: api, url: url,
            key: \.id.rawValue, convert: { Course(id: $0.id, title: $0.title) })
    }

    /// `GET /courses/{id}`.
    public func course(_ id: CourseID) async throws -> Course {
        let url = api.url("/courses/\(try PathSegment.encode(id.rawValue, provider: provider))")
        let wire = try api.decode(InMemoryWireCourse.self, from: try await api.send(.get, url), for: .get, url)
        return Course(id: wire.id, title: wire.title)
    }

    /// `GET /enrollments/{id}`.
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        let url = api.url("/enrollments/\(try PathSegment.encode(id.rawValue, provider: provider))")
        return try decodeRecord(from: try await api.send(.get, url), url, method: .get)
    }

    /// `PATCH /enrollments/{id}`; custom properties and payment codes other than paid/unpaid are
    /// `unsupported` (the API has nowhere to store them).
    public func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws
        -> Enrollment
    {
        if let status = changes.status, !capabilities.writableStatuses.contains(status) {
            throw RosterError(
                .unsupported, "the in-memory API cannot be set to the status \(status)", provider: provider)
        }
        if changes.customProperties != nil || changes.paymentCode.map({ $0 != "paid" && $0 != "unpaid" }) == true {
            throw RosterError(
                .unsupported, "the in-memory API stores no custom properties or payment codes other than paid/unpaid",
                provider: provider)
        }
        var body: [String: Any] = [:]
        if let status = changes.status { body["status"] = InMemoryStatusMapping.code(for: status) }
        if let completed = changes.completed { body["completed"] = completed }
        if let passed = changes.passed { body["passed"] = passed }
        if let payment = changes.paymentCode { body["paid"] = payment == "paid" }
        let url = api.url("/enrollments/\(try PathSegment.encode(id.rawValue, provider: provider))")
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return try decodeRecord(
            from: try await api.send(.patch, url, body: .json(data), retryable: true), url, method: .patch)
    }

    /// `POST /enrollments`: 201 is `created`, 200 is `alreadyEnrolled`. Not marked retryable, so that
    /// apps' tests of lost answers see the strict behaviour: `outcomeUnknown`, never repeated.
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        let body: [String: String] = [
            "course_id": request.course.rawValue, "learner_id": request.learner.rawValue,
            "role": InMemoryStatusMapping.code(for: request.role),
        ]
        let url = api.url("/enrollments")
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let response = try await api.send(.post, url, body: .json(data))
        let record = try decodeRecord(from: response, url, method: .post)
        return response.status == 201 ? .created(record) : .alreadyEnrolled(record)
    }

    /// The reads that tell what `enroll` would do: the course's enrollment of the learner
    /// (`GET /enrollments?course=…&learner=…`) is `.alreadyEnrolled`, as the API would answer 200; a
    /// course missing from `GET /courses` is `notFound`, as the API would answer 404; nil otherwise.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        let query = EnrollmentQuery(course: request.course, learner: request.learner)
        let existing = try await fetchEnrollments(PageRequest(query: query, position: .start, limit: 1))
        if let record = existing.records.first { return .alreadyEnrolled(record) }
        var walker = PageWalker(style: capabilities.coursePaging, limit: capabilities.maxPageSize)
        var position = PagePosition.start
        while true {
            let page = try await fetchCourses(
                PageRequest(query: CourseQuery(), position: position, limit: walker.limit))
            if page.records.contains(where: { $0.id == request.course }) { return nil }
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: page.records.count)
            else { throw RosterError(.notFound, "no course \(request.course.rawValue)", provider: provider) }
            position = next
        }
    }

    /// `DELETE /enrollments/{id}`.
    public func unenroll(_ id: EnrollmentID, course: CourseID?) async throws {
        let url = api.url("/enrollments/\(try PathSegment.encode(id.rawValue, provider: provider))")
        _ = try await api.send(.delete, url)
    }

    private func decodeRecord(from response: HTTPResponse, _ url: URL, method: HTTPMethod) throws -> Enrollment {
        try api.decode(InMemoryWireEnrollment.self, from: response, for: method, url).enrollment(provider: provider)
    }

    private func listURL<Q>(_ path: String, _ request: PageRequest<Q>, filters: [(String, String)]) throws -> URL {
        if case .link(let link) = request.position {
            guard let url = URL(string: link) else {
                throw RosterError(.invalidArgument, "the saved next link is not a URL", provider: provider)
            }
            try api.checkSameOrigin(url)
            return url
        }
        let style = path == "/courses" ? capabilities.coursePaging : capabilities.enrollmentPaging
        return api.url(path, query: filters + InMemoryPaging.queryItems(for: request, style: style))
    }

    /// The server-side filters of `query` as query items (only declared filters reach the driver).
    private func filterItems(_ query: EnrollmentQuery) -> [(String, String)] {
        var items: [(String, String)] = []
        if let course = query.course { items.append(("course", course.rawValue)) }
        if let learner = query.learner { items.append(("learner", learner.rawValue)) }
        items += query.statuses.map { InMemoryStatusMapping.code(for: $0) }.sorted().map { ("status", $0) }
        items += query.roles.map { InMemoryStatusMapping.code(for: $0) }.sorted().map { ("role", $0) }
        items += query.emails.sorted().map { ("email", $0) }
        // The API stores whole seconds: rounding the bounds inward keeps the inclusive semantics exact.
        if let since = query.updatedSince { items.append(("updated_since", Self.instant(since, .up))) }
        if let before = query.updatedBefore { items.append(("updated_before", Self.instant(before, .down))) }
        if let search = query.search { items.append(("search", search)) }
        return items
    }

    private static func instant(_ date: Date, _ rule: FloatingPointRoundingRule) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(rule)).formatted(.iso8601)
    }
}
