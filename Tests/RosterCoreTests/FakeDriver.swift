import Foundation
import RosterCore

/// A tiny driver over an array, paging in any style, for testing the facade without HTTP. It applies
/// the filters it receives (the facade sends only the declared ones), logs every request, and can be
/// told to fail or to damage pages.
struct FakeDriver: RosterDriver {
    var provider: ProviderID = "fake"
    var capabilities: DriverCapabilities
    var records: [Enrollment]
    var courses: [Course] = []
    let log = RequestLog()
    /// Called with the 1-based number of each enrollment fetch; throw to fail it.
    var failure: @Sendable (Int) throws -> Void = { _ in }
    /// Rewrites each page before it is returned.
    var damage: @Sendable (PageRequest<EnrollmentQuery>, FetchedPage<Enrollment>) -> FetchedPage<Enrollment> = { $1 }

    init(
        style: PagingStyle = .pageNumber(firstPage: 1), records: [Enrollment],
        serverFilters: Set<EnrollmentFilter> = [],
        operations: Set<DriverCapabilities.Operation> = [.listEnrollments], listsPerCourse: Bool = false,
        writable: Set<EnrollmentStatus> = [], maxPageSize: Int = 50
    ) {
        capabilities = DriverCapabilities(
            operations: operations, enrollmentPaging: style, coursePaging: style, defaultPageSize: 10,
            maxPageSize: maxPageSize, serverFilters: serverFilters, listsPerCourse: listsPerCourse,
            needsCourseForRecordAccess: listsPerCourse, writableStatuses: writable)
        self.records = records
    }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        let number = log.append(request)
        try failure(number)
        let matching = records.filter { request.query.matches($0, on: request.query.filters) }
        return damage(
            request, Self.page(of: matching, key: \.id.rawValue, request, style: capabilities.enrollmentPaging))
    }

    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        Self.page(of: courses, key: \.id.rawValue, request, style: capabilities.coursePaging)
    }

    func enrollment(_ id: EnrollmentID, course: CourseID?) async throws -> Enrollment {
        guard let record = records.first(where: { $0.id == id }) else { throw RosterError(.notFound, "no \(id)") }
        return record
    }

    static func page<R, Q>(of items: [R], key: KeyPath<R, String>, _ request: PageRequest<Q>, style: PagingStyle)
        -> FetchedPage<R>
    {
        let limit = request.limit
        switch (style, request.position) {
        case (.pageNumber(let first), _), (.pageNumberWithTotal(let first), _):
            var page = first
            if case .page(let n) = request.position { page = n }
            let slice = Array(items.dropFirst((page - first) * limit).prefix(limit))
            if case .pageNumberWithTotal = style { return FetchedPage(records: slice, total: items.count) }
            return FetchedPage(records: slice)
        case (.keyset, .after(let after)):
            let slice = Array(items.filter { $0[keyPath: key] > after }.prefix(limit))
            return FetchedPage(records: slice, lastKey: slice.last?[keyPath: key])
        case (.keyset, _):
            let slice = Array(items.prefix(limit))
            return FetchedPage(records: slice, lastKey: slice.last?[keyPath: key])
        case (.nextLink, _):
            var offset = 0
            if case .link(let link) = request.position { offset = Int(link.split(separator: "=").last!)! }
            let slice = Array(items.dropFirst(offset).prefix(limit))
            let next = offset + limit < items.count ? "https://fake.test/items?offset=\(offset + limit)" : nil
            return FetchedPage(records: slice, total: items.count, nextLink: next)
        }
    }
}

/// Every page request a fake driver received.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [PageRequest<EnrollmentQuery>] = []
    /// Appends `request`; returns its 1-based number.
    func append(_ request: PageRequest<EnrollmentQuery>) -> Int {
        lock.withLock {
            stored.append(request)
            return stored.count
        }
    }
    var requests: [PageRequest<EnrollmentQuery>] { lock.withLock { stored } }
}

/// Enrollment number `n` (ids sort in number order), in `course`, with `status`.
func sampleEnrollment(_ n: Int, course: CourseID = "c1", status: EnrollmentStatus = .enrolled, name: String = "Åse")
    -> Enrollment
{
    let id = String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
    return Enrollment(
        provider: "fake", id: EnrollmentID("e\(id)"), course: CourseReference(id: course),
        learner: Learner(id: LearnerID("u\(n)"), email: "p\(n)@example.org", firstName: name, lastName: "Øvrebø \(n)"),
        status: status, vendorStatus: VendorStatus(code: status.name))
}

/// `count` sample enrollments numbered from 1.
func sampleEnrollments(_ count: Int, course: CourseID = "c1", from start: Int = 1) -> [Enrollment] {
    (0..<count).map { sampleEnrollment(start + $0, course: course, status: EnrollmentStatus.known[$0 % 8]) }
}

/// Every id yielded by `listing`, in order.
func ids<D>(_ listing: EnrollmentListing<D>) async throws -> [EnrollmentID] {
    var result: [EnrollmentID] = []
    for try await record in listing { result.append(record.id) }
    return result
}
