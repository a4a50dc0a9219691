import Foundation

/// The facade users call: one API over any provider. It owns what every provider shares — paging,
/// de-duplication, loop guards, query validation, local filtering, error wrapping, consistency
/// reports — and hands the vendor-specific work to its driver.
///
/// ```swift
/// let roster = Roster(driver: someDriver)
/// for try await enrollment in roster.enrollments(EnrollmentQuery(statuses: [.enrolled])) { … }
/// ```
public struct Roster<Driver: RosterDriver>: Sendable {
    /// The driver doing the vendor-specific work; also the escape hatch to vendor-only APIs.
    public let driver: Driver
    /// How listings guard against runaway paging and repair drift.
    public let listingPolicy: ListingPolicy

    /// Creates a facade over `driver`, listing under `listingPolicy`.
    public init(driver: Driver, listingPolicy: ListingPolicy = ListingPolicy()) {
        self.driver = driver
        self.listingPolicy = listingPolicy
    }

    /// The same facade with another listing policy (e.g. `.always` verification for a migration).
    public func with(listingPolicy: ListingPolicy) -> Roster<Driver> {
        Roster(driver: driver, listingPolicy: listingPolicy)
    }

    /// The provider's name.
    public var provider: ProviderID { driver.provider }

    /// What the provider can do.
    public var capabilities: DriverCapabilities { driver.capabilities }

    /// A lazy listing of the enrollments matching `query`. Nothing is fetched until iteration starts;
    /// an invalid query, a bad credential or a missing capability fails on the first `next()`, before
    /// any record is handed out. Pass a saved `checkpoint` to resume a listing where it stopped.
    public func enrollments(
        _ query: EnrollmentQuery = EnrollmentQuery(), resumingFrom checkpoint: ListingCheckpoint? = nil
    ) -> EnrollmentListing<Driver> {
        EnrollmentListing(roster: self, query: query, resumeFrom: checkpoint)
    }

    /// A lazy listing of courses.
    public func courses(_ query: CourseQuery = CourseQuery()) -> CourseListing<Driver> {
        CourseListing(roster: self, query: query)
    }

    /// One course by id, as the vendor describes it (the vendor's own record on `native`).
    public func course(_ id: CourseID) async throws -> Course {
        if id.rawValue.isEmpty { throw RosterError(.invalidArgument, "the course id is empty", provider: provider) }
        return try await perform(.getCourse, course: id) { try await driver.course(id) }
    }

    /// One enrollment by id. Per-course vendors need `course`.
    public func enrollment(_ id: EnrollmentID, course: CourseID? = nil) async throws -> Enrollment {
        try await perform(.getEnrollment, course: course) { try await driver.enrollment(id, course: course) }
    }

    /// Applies `changes` to one enrollment and returns the record as the vendor now holds it. A status
    /// the vendor cannot express throws `unsupported` before anything is sent.
    public func update(_ id: EnrollmentID, course: CourseID? = nil, with changes: EnrollmentUpdate) async throws
        -> Enrollment
    {
        if changes.isEmpty { throw RosterError(.invalidArgument, "the update changes nothing", provider: provider) }
        if let status = changes.status, !capabilities.writableStatuses.contains(status) {
            throw RosterError(.unsupported, "\(provider) cannot write the status \(status)", provider: provider)
        }
        let unwritable = changes.fields.subtracting(capabilities.updatableFields)
        if capabilities.supports(.updateEnrollment), !unwritable.isEmpty {
            throw RosterError(
                .unsupported,
                "\(provider) cannot write \(unwritable.map(\.rawValue).sorted().joined(separator: ", "))",
                provider: provider)
        }
        return try await perform(.updateEnrollment, course: course) {
            try await driver.update(id, course: course, with: changes)
        }
    }

    /// Puts a person into a course; reports `alreadyEnrolled` (not an error) when nothing changed.
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        try checkEnrollableRole(request.role)
        return try await perform(.enroll, course: request.course) { try await driver.enroll(request) }
    }

    /// What `enroll(request)` would do, found by reading only: `.alreadyEnrolled` when the person
    /// already holds the place, nil when a write would be sent. Throws what `enroll` would throw
    /// before writing (an unsupported role, a missing course or person). For dry runs.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        try checkEnrollableRole(request.role)
        return try await perform(.enroll, course: request.course) { try await driver.previewEnroll(request) }
    }

    private func checkEnrollableRole(_ role: EnrollmentRole) throws {
        if !capabilities.enrollableRoles.isEmpty, !capabilities.enrollableRoles.contains(role) {
            throw RosterError(.unsupported, "\(provider) cannot enroll with the role \(role)", provider: provider)
        }
    }

    /// Takes a person out of a course.
    public func unenroll(_ id: EnrollmentID, course: CourseID? = nil) async throws {
        try await perform(.unenroll, course: course) { try await driver.unenroll(id, course: course) }
    }

    /// Checks `query` against the provider's limits; throws `invalidArgument` or `unsupported`.
    public func validate(_ query: EnrollmentQuery) throws {
        let caps = capabilities
        guard caps.supports(.listEnrollments) else { throw driver.unsupported(.listEnrollments) }
        let impossible = query.filters.intersection(caps.unavailableFilters)
        if !impossible.isEmpty {
            throw RosterError(
                .unsupported,
                "\(provider) records carry no data for the filter(s) \(impossible.sorted().map(\.rawValue).joined(separator: ", ")): they would match nothing",
                provider: provider)
        }
        if let size = query.pageSize, !(1...caps.maxPageSize).contains(size) {
            throw RosterError(
                .invalidArgument, "page size \(size) is outside 1...\(caps.maxPageSize)", provider: provider)
        }
        if let order = query.order, !caps.orderings.contains(order.key) {
            let can = caps.orderings.sorted().map(\.rawValue).joined(separator: ", ")
            let alternatives = can.isEmpty ? "it lists in its own order only" : "it can order by \(can)"
            throw RosterError(
                .unsupported, "\(provider) cannot list in the order \(order) (\(alternatives))", provider: provider)
        }
        if query.firstNames.contains(where: \.isEmpty) || query.lastNames.contains(where: \.isEmpty) {
            throw RosterError(.invalidArgument, "a name filter holds an empty name", provider: provider)
        }
        if let since = query.updatedSince, let before = query.updatedBefore, since > before {
            throw RosterError(.invalidArgument, "updatedSince is after updatedBefore", provider: provider)
        }
        if let since = query.createdSince, let before = query.createdBefore, since > before {
            throw RosterError(.invalidArgument, "createdSince is after createdBefore", provider: provider)
        }
        if let search = query.search, search.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RosterError(.invalidArgument, "the search text is empty", provider: provider)
        }
        if caps.listsPerCourse, query.course == nil, !caps.supports(.listCourses) {
            throw RosterError(.invalidArgument, "\(provider) lists one course at a time: give a course", provider: provider)
        }
        for id in [query.course?.rawValue, query.session?.rawValue, query.learner?.rawValue].compactMap({ $0 })
        where id.isEmpty {
            throw RosterError(.invalidArgument, "an id filter is empty", provider: provider)
        }
    }

    /// Every course, walking the course listing to its verified end (ids de-duplicated, vendor order
    /// kept; a course listing that drifts is repaired like an enrollment listing, since a missed
    /// course would miss all of its enrollments).
    func allCourses(counters: ListingCounters) async throws -> [Course] {
        let driver = self.driver
        var walk = PagedSegment<CourseQuery, Course>(
            query: CourseQuery(), style: capabilities.coursePaging, limit: capabilities.defaultPageSize,
            policy: listingPolicy, fetch: { try await driver.fetchCourses($0) })
        var courses: [Course] = []
        while true {
            try Task.checkCancellation()
            let page = try await ListingCounters.$current.withValue(counters) { try await walk.nextPage() }
            guard let page else { break }
            courses += page.fresh
        }
        return courses
    }

    /// Runs a single-record operation after checking the capability, wrapping its errors.
    func perform<T: Sendable>(
        _ operation: DriverCapabilities.Operation, course: CourseID?, _ body: () async throws -> T
    ) async throws -> T {
        guard capabilities.supports(operation) else { throw driver.unsupported(operation) }
        if capabilities.needsCourseForRecordAccess, course == nil,
            [.getEnrollment, .updateEnrollment, .unenroll].contains(operation)
        {
            throw RosterError(.invalidArgument, "\(provider) needs the course id for \(operation.rawValue)", provider: provider)
        }
        do {
            return try await body()
        } catch let error as CancellationError {
            throw error
        } catch {
            throw wrap(error)
        }
    }

    /// Any error as a `RosterError` attributed to this provider (`CancellationError` is left alone).
    func wrap(_ error: any Error) -> any Error {
        switch error {
        case is CancellationError: return error
        case let error as RosterError: return error.attributed(to: provider)
        case let error as DecodingError: return RosterError.decoding(error, provider: provider)
        default: return RosterError(.unavailable, String(describing: error), provider: provider)
        }
    }
}
