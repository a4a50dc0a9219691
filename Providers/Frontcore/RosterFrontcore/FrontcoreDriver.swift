import Foundation
public import RosterCore
public import RosterHTTP

/// The Frontcore API v2 adapter: lists participants (`GET /participants`, keyset-paged by `since_id`,
/// see `FrontcorePagingMode`), gets one (`GET /participants/:id`) and updates one (`PUT
/// /participants/:id`, form-encoded); lists courses and reads one (`FrontcoreCourses.swift`), and,
/// only when `configuration.booking` is set, enrolls by booking an order (`FrontcoreBooking.swift`).
/// Use it through `Roster(driver:)`; the Frontcore-only listings are on the driver
/// (`roster.driver.legalBases()`, `roster.driver.courseDates(of:)`).
///
/// Requests carry `X-API-Key` and `Accept: application/json` and go through the standard client:
/// retries on 429/502–504, a token bucket of `configuration.rateLimit` per API key, and the observer.
public struct FrontcoreDriver: RosterDriver {
    /// The account settings (the key is redacted from its description).
    public let configuration: FrontcoreConfiguration
    let api: VendorAPI
    let mapping: FrontcoreParticipantMapping

    /// `frontcore`.
    public var provider: ProviderID { FrontcoreParticipantMapping.provider }

    /// Participants can be listed (filters per `FrontcoreFilters.server`), read and updated, people
    /// found by e-mail, external id or username (`FrontcoreLearnerLookup.swift`), courses listed and
    /// read. Enrolling is declared only when `configuration.booking` is set: Frontcore enrolls (and
    /// creates people) only through orders (`POST /booking`). `listsPerCourse` stays false even though
    /// courses can be listed: one keyset walk over every participant is safer and cheaper than a walk
    /// per course, and each participant carries its course's title.
    public let capabilities: DriverCapabilities

    /// Creates a driver. Throws `invalidArgument` for an empty key or a base URL that is not https
    /// (plain http is allowed on loopback, for the simulator).
    public init(
        configuration: FrontcoreConfiguration, transport: any HTTPTransport = URLSessionTransport(),
        clock: any RosterClock = SystemClock(), observer: (any HTTPObserver)? = nil
    ) throws {
        guard !configuration.apiKey.isEmpty else {
            throw RosterError(
                .invalidArgument, "the Frontcore API key is empty", provider: FrontcoreParticipantMapping.provider)
        }
        let redactor = CredentialRedactor(secrets: [configuration.apiKey])
        // The one non-idempotent write (a booking) must never be repeated, whatever the policy says.
        var retry = configuration.retry
        retry.retryNonIdempotent = false
        let client = HTTPClient.standard(
            transport: transport,
            auth: AuthMiddleware(header: "X-API-Key", source: StaticCredential(configuration.apiKey)),
            budget: RateBudget.shared(key: configuration.apiKey, limits: [configuration.rateLimit], clock: clock),
            retry: retry, clock: clock, observer: observer, redactor: redactor)
        self.configuration = configuration
        self.api = try VendorAPI(
            provider: FrontcoreParticipantMapping.provider, baseURL: configuration.baseURL, client: client,
            redactor: redactor, errorMapper: FrontcoreErrors.map)
        self.mapping = FrontcoreParticipantMapping(
            timestamps: FrontcoreTimestamps(timeZone: configuration.accountTimeZone))
        var operations: Set<DriverCapabilities.Operation> = [
            .listEnrollments, .listCourses, .getCourse, .getEnrollment, .updateEnrollment, .findLearners,
        ]
        if configuration.booking != nil { operations.insert(.enroll) }
        self.capabilities = DriverCapabilities(
            operations: operations,
            enrollmentPaging: configuration.paging.style, coursePaging: .pageNumber(firstPage: 1),
            defaultPageSize: 250, maxPageSize: 250, serverFilters: FrontcoreFilters.server, listsPerCourse: false,
            writableStatuses: FrontcoreStatusMapping.writableStatuses,
            enrollableRoles: configuration.booking == nil ? [] : [.learner], rateLimits: [configuration.rateLimit],
            learnerLookups: Self.learnerLookups,
            updatableFields: [.status, .completed, .passed, .paymentCode, .customProperties])
    }

    /// One page of participants: the query's server filters, `since_id` or `page`, and `limit`.
    public func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        var query = try FrontcoreFilters.queryItems(for: request.query, timestamps: mapping.timestamps)
        query += try configuration.paging.queryItems(at: request.position)
        query.append(("limit", String(request.limit)))
        if configuration.includeAttendance { query.append(("include[]", "attendance")) }
        let url = api.url("/participants", query: query)
        let (participants, raws) = try await fetchList(FrontcoreMappedParticipant.self, url)
        var records: [Enrollment] = []
        records.reserveCapacity(participants.count)
        for (index, participant) in participants.enumerated() {
            records.append(try mapping.enrollment(participant, raw: raws[index], at: index))
        }
        let lastKey = try configuration.paging.lastKey(of: participants.map(\.id.value), after: request.position)
        return FetchedPage(records: records, lastKey: lastKey)
    }

    /// One participant by id (`course` is not needed).
    public func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        let url = api.url("/participants/\(try numeric(id))", query: attendanceQuery)
        let response = try await api.send(.get, url)
        try checkStrict(response, .get, url)
        return try mapping.enrollment(
            try api.decode(FrontcoreMappedParticipant.self, from: response, for: .get, url),
            raw: JSONRecordBytes.record(in: response.body))
    }

    /// Sends the update form-encoded (see `FrontcoreUpdateEncoding`) and returns the record Frontcore
    /// answers with. A `PUT` that sets the given fields: idempotent by method, so a timeout or lost
    /// connection is retried within the retry policy, and ends in `outcomeUnknown` only when no attempt
    /// is answered.
    public func update(_ id: EnrollmentID, course: CourseID?, with changes: EnrollmentUpdate) async throws -> Enrollment
    {
        let body = try FrontcoreUpdateEncoding.form(changes)
        let url = api.url("/participants/\(try numeric(id))")
        let response = try await api.send(.put, url, body: body)
        try checkStrict(response, .put, url)
        return try mapping.enrollment(
            try api.decode(FrontcoreMappedParticipant.self, from: response, for: .put, url),
            raw: JSONRecordBytes.record(in: response.body))
    }

    /// One page of privacy legal bases (`GET /privacy/users/legalbases`), keyset- or page-numbered like
    /// participants. Most callers want `legalBases(_:)`, which walks every page.
    public func fetchLegalBases(_ request: PageRequest<FrontcoreLegalBasisQuery>) async throws
        -> FetchedPage<FrontcoreLegalBasis>
    {
        let q = request.query
        var query = FrontcoreFilters.dateRange(
            created: (q.createdSince, q.createdBefore), updated: (q.updatedSince, q.updatedBefore),
            timestamps: mapping.timestamps)
        query += try configuration.paging.queryItems(at: request.position)
        query.append(("limit", String(request.limit)))
        let url = api.url("/privacy/users/legalbases", query: query)
        let (wires, _) = try await fetchList(FrontcoreLegalBasisWire.self, url)
        let records = try wires.enumerated().map { try mapping.legalBasis($1, at: $0) }
        return FetchedPage(
            records: records,
            lastKey: try configuration.paging.lastKey(of: wires.map(\.id.value), after: request.position))
    }

    /// Every legal basis matching `query`, fetched page by page as the caller iterates.
    public func legalBases(_ query: FrontcoreLegalBasisQuery = FrontcoreLegalBasisQuery()) -> FrontcoreLegalBasisListing
    {
        FrontcoreLegalBasisListing(driver: self, query: query)
    }

    private var attendanceQuery: [(String, String)] {
        configuration.includeAttendance ? [("include[]", "attendance")] : []
    }

    /// The records of a list response and the raw JSON of each.
    func fetchList<Record: Decodable>(_ type: Record.Type, _ url: URL) async throws
        -> ([Record], [RawVendorRecord])
    {
        let response = try await api.send(.get, url)
        try checkStrict(response, .get, url)
        do {
            let records = try FrontcoreListBody.records(type, from: response.body, decoder: JSONDecoder())
            return (records, try FrontcoreListBody.raw(of: response.body, count: records.count))
        } catch let error as DecodingError {
            throw api.redactor.redact(RosterError.decoding(error, provider: provider, method: "GET", path: url.path))
        } catch var error as RosterError {
            error.provider = provider
            error.method = "GET"
            error.path = url.path
            throw error
        }
    }

    /// Fails on JSON that Foundation would accept but JSON forbids (see `FrontcoreStrictJSON`), and
    /// on bodies Foundation's decoder cannot take safely (see `JSONNesting`).
    func checkStrict(_ response: HTTPResponse, _ method: HTTPMethod, _ url: URL) throws {
        do {
            try JSONNesting.check(response.body)
            try FrontcoreStrictJSON.check(response.body)
        } catch var error as RosterError {
            error.provider = provider
            error.method = method.rawValue
            error.path = url.path
            throw error
        }
    }

    private func numeric(_ id: EnrollmentID) throws -> Int {
        guard let number = Int(id.rawValue), number > 0 else {
            throw RosterError(
                .invalidArgument, "Frontcore participant ids are positive integers, not \"\(id)\"", provider: provider)
        }
        return number
    }
}
