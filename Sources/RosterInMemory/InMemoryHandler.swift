public import Foundation
public import RosterCore
public import RosterHTTP

/// Serves `InMemoryAPI` over an `InMemoryStore`: the in-memory provider's "server". Plug it into an
/// `InProcessTransport` (behind a `FaultInjector`), or serve it over real HTTP.
public struct InMemoryHandler: Sendable {
    /// The data served.
    public let store: InMemoryStore
    /// The bearer token every request must carry.
    public let token: String
    /// How listings page.
    public let paging: PagingStyle
    /// The base URL next links are built on.
    public let baseURL: URL

    /// Creates a handler.
    public init(store: InMemoryStore, token: String, paging: PagingStyle, baseURL: URL = InMemoryAPI.defaultBaseURL) {
        self.store = store
        self.token = token
        self.paging = paging
        self.baseURL = baseURL
    }

    /// Answers one request; an enrollment list page is damaged as `tamper` says (see `FaultPlan`).
    public func respond(to request: HTTPRequest, tamper: PageTamper? = nil) -> HTTPResponse {
        guard request.headers["Authorization"] == "Bearer \(token)", !store.isRevoked(token) else {
            return Self.error(401, "missing or wrong bearer token")
        }
        let basePath = baseURL.path.hasSuffix("/") ? String(baseURL.path.dropLast()) : baseURL.path
        guard request.url.path.hasPrefix(basePath) else { return Self.error(404, "no such endpoint") }
        let parts = request.url.path.dropFirst(basePath.count).split(separator: "/").map(String.init)
        let query = FaultInjector.queryItems(of: request.url)
        do {
            switch (request.method, parts.count, parts.first) {
            case (.get, 1, "courses"): return try listCourses(query, request)
            case (.get, 2, "courses"):
                guard let course = store.courses.first(where: { $0.id == parts[1] }) else {
                    throw Failure(404, "no course \(parts[1])")
                }
                return try Self.json(ServedCourse(id: course.id, title: course.title))
            case (.get, 1, "enrollments"): return try listEnrollments(query, request, tamper: tamper)
            case (.post, 1, "enrollments"): return try enroll(request.body)
            case (.get, 2, "enrollments"): return try show(parts[1])
            case (.patch, 2, "enrollments"): return try update(parts[1], request.body)
            case (.get, 1, "people"): return try findPeople(query)
            case (.post, 1, "people"): return try createPerson(request.body)
            case (.delete, 2, "enrollments"):
                guard store.delete(parts[1]) else { throw Failure(404, "no enrollment \(parts[1])") }
                return HTTPResponse(status: 204)
            default: return Self.error(404, "no such endpoint")
            }
        } catch let failure as Failure {
            return Self.error(failure.status, failure.message)
        } catch {
            return Self.error(500, "internal error")
        }
    }

    private func listCourses(_ query: [String: [String]], _ request: HTTPRequest) throws -> HTTPResponse {
        let courses = store.courses.map { ServedCourse(id: $0.id, title: $0.title) }
        return try page(of: courses, key: \.id, query: query, request: request)
    }

    /// True when `request` asks for a page of the enrollment listing (what page tampering damages).
    public func isEnrollmentListing(_ request: HTTPRequest) -> Bool {
        let basePath = baseURL.path.hasSuffix("/") ? String(baseURL.path.dropLast()) : baseURL.path
        return request.method == .get && request.url.path == basePath + "/enrollments"
    }

    private func listEnrollments(_ query: [String: [String]], _ request: HTTPRequest, tamper: PageTamper?) throws
        -> HTTPResponse
    {
        let filter = try InMemoryServerFilter(query)
        let all = store.enrollments
        return try page(
            of: filter.isEmpty ? all : all.filter(filter.matches), key: \.id, query: query, request: request,
            tamper: tamper)
    }

    private func show(_ id: String) throws -> HTTPResponse {
        guard let record = store.enrollment(id) else { throw Failure(404, "no enrollment \(id)") }
        return try Self.json(record)
    }

    private func update(_ id: String, _ body: Data?) throws -> HTTPResponse {
        let change = try Self.object(body)
        let status = change["status"] as? String
        if let status, status.isEmpty { throw Failure(400, "status is empty") }
        let updated = store.modify(id) { record in
            if let status { record.status = status }
            if let completed = change["completed"] as? Bool, completed {
                record.status = "completed"
                record.completionRate = 100
            }
            if let passed = change["passed"] as? Bool { record.passed = passed }
            if let paid = change["paid"] as? Bool { record.paid = paid }
        }
        guard let updated else { throw Failure(404, "no enrollment \(id)") }
        return try Self.json(updated)
    }

    private func enroll(_ body: Data?) throws -> HTTPResponse {
        let fields = try Self.object(body)
        guard let courseID = fields["course_id"] as? String, let learnerID = fields["learner_id"] as? String else {
            throw Failure(400, "course_id and learner_id are required")
        }
        let role = fields["role"] as? String ?? "learner"
        guard InMemoryAPI.roleCodes.contains(role) else { throw Failure(400, "unknown role \(role)") }
        guard let course = store.courses.first(where: { $0.id == courseID }) else {
            throw Failure(404, "no course \(courseID)")
        }
        let all = store.enrollments
        if let existing = all.first(where: { $0.courseID == courseID && $0.learner.id == learnerID }) {
            return try Self.json(existing, status: 200)
        }
        let learner = store.person(learnerID) ?? InMemoryLearner(id: learnerID)
        let record = store.insert(
            .init(courseID: course.id, courseTitle: course.title, status: "enrolled", role: role, learner: learner))
        return try Self.json(record, status: 201)
    }

    /// `GET /people` with exactly one of `email` (compared case-insensitively), `external_id` or
    /// `username` (compared exactly, after trimming): every match, unpaged (a lookup matches few).
    private func findPeople(_ query: [String: [String]]) throws -> HTTPResponse {
        let given = ["email", "external_id", "username"].compactMap { name in query[name].map { (name, $0) } }
        guard given.count == 1, let (name, values) = given.first, values.count == 1 else {
            throw Failure(400, "give exactly one of email, external_id or username, once")
        }
        let wanted = Self.trimmed(values[0])
        guard !wanted.isEmpty else { throw Failure(400, "\(name) is empty") }
        let matches = store.people.filter { person in
            switch name {
            case "email": person.email.map { Self.trimmed($0).lowercased() == wanted.lowercased() } ?? false
            case "external_id": person.externalID.map { Self.trimmed($0) == wanted } ?? false
            default: person.username.map { Self.trimmed($0) == wanted } ?? false
            }
        }
        return try Self.json(matches)
    }

    /// `POST /people` `{"email", "first_name"?, "last_name"?, "external_id"?, "username"?}`: 201 with
    /// the new person; 409 when someone already has that e-mail (compared case-insensitively).
    private func createPerson(_ body: Data?) throws -> HTTPResponse {
        let fields = try Self.object(body)
        guard let email = (fields["email"] as? String).map(Self.trimmed), Self.looksLikeAnAddress(email) else {
            throw Failure(400, "email must be an e-mail address")
        }
        var person = InMemoryLearner(id: "")
        person.email = email
        for (name, path) in [
            ("first_name", \InMemoryLearner.firstName), ("last_name", \.lastName), ("external_id", \.externalID),
            ("username", \.username),
        ] as [(String, WritableKeyPath<InMemoryLearner, String?>)] {
            guard let value = fields[name], !(value is NSNull) else { continue }
            guard let text = value as? String else { throw Failure(400, "\(name) must be a string") }
            person[keyPath: path] = text
        }
        if store.people.contains(where: { $0.email.map(Self.trimmed)?.lowercased() == email.lowercased() }) {
            throw Failure(409, "a person with this e-mail already exists")
        }
        return try Self.json(store.addPerson(person), status: 201)
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The API's own minimal address check: one `@` with text on both sides and no space.
    private static func looksLikeAnAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    /// One page of `items` in the configured style (damaged as `tamper` says).
    private func page<T: Encodable>(
        of items: [T], key: KeyPath<T, String>, query: [String: [String]], request: HTTPRequest,
        tamper: PageTamper? = nil
    ) throws -> HTTPResponse {
        let limit = try Self.int(query, "limit") ?? 20
        guard (1...InMemoryAPI.maxPageSize).contains(limit) else {
            throw Failure(400, "limit must be 1 to \(InMemoryAPI.maxPageSize)")
        }
        if let tamper {
            return try damagedPage(of: items, key: key, query: query, request: request, limit: limit, tamper: tamper)
        }
        switch paging {
        case .pageNumber(let first), .pageNumberWithTotal(let first):
            let page = try Self.int(query, "page") ?? first
            guard page >= first else { throw Failure(400, "page must be at least \(first)") }
            let slice = Array(items.dropFirst((page - first) * limit).prefix(limit))
            if case .pageNumber = paging { return try Self.json(slice) }
            return try Self.json(TotalPage(items: slice, total: items.count))
        case .keyset:
            var rest = items[...]
            if let after = query["after"]?.first {
                if let number = Int(after) {
                    rest = items.drop { Int($0[keyPath: key]).map { $0 <= number } ?? true }
                } else if let index = items.firstIndex(where: { $0[keyPath: key] == after }) {
                    rest = items[(index + 1)...]
                } else {
                    throw Failure(400, "unknown key \(after)")
                }
            }
            return try Self.json(Array(rest.prefix(limit)))
        case .nextLink:
            let offset = try Self.int(query, "offset") ?? 0
            guard offset >= 0 else { throw Failure(400, "offset must not be negative") }
            let slice = Array(items.dropFirst(offset).prefix(limit))
            let next = offset + limit < items.count ? nextLink(request, query: query, offset: offset + limit) : nil
            return try Self.json(LinkPage(count: items.count, next: next, results: slice))
        }
    }

    /// The page the request asks for, damaged by `tamper` in this style's body shape.
    private func damagedPage<T: Encodable>(
        of items: [T], key: KeyPath<T, String>, query: [String: [String]], request: HTTPRequest, limit: Int,
        tamper: PageTamper
    ) throws -> HTTPResponse {
        let start: Int
        switch paging {
        case .pageNumber(let first), .pageNumberWithTotal(let first):
            let page = try Self.int(query, "page") ?? first
            let (offset, overflow) = (page - first).multipliedReportingOverflow(by: limit)
            start = overflow ? Int.max : offset
        case .keyset:
            if let after = query["after"]?.first {
                start = items.firstIndex { Self.sortsAfter($0[keyPath: key], after) } ?? items.count
            } else {
                start = 0
            }
        case .nextLink:
            start = try Self.int(query, "offset") ?? 0
        }
        // Only link pages can point at themselves; elsewhere a server ignoring the cursor serves the
        // previous page again.
        let served = paging != .nextLink && tamper == .selfLink ? .repeatPreviousPage : tamper
        let slice = served.slice(of: items, start: start, limit: limit)
        let response: HTTPResponse
        let recordsAt: [String]
        switch paging {
        case .pageNumber, .keyset:
            (response, recordsAt) = (try Self.json(slice.rows), [])
        case .pageNumberWithTotal:
            (response, recordsAt) = (try Self.json(TotalPage(items: slice.rows, total: slice.total)), ["items"])
        case .nextLink:
            let next =
                slice.pointsAtItself
                ? request.url.absoluteString : slice.nextStart.map { nextLink(request, query: query, offset: $0) }
            let page = LinkPage(count: slice.total, next: next, results: slice.rows)
            (response, recordsAt) = (try Self.json(page), ["results"])
        }
        var damaged = response
        damaged.body = tamper.malform(response.body, recordsAt: recordsAt)
        return damaged
    }

    /// True when `key` comes after the cursor `after` (numerically where both are numbers).
    private static func sortsAfter(_ key: String, _ after: String) -> Bool {
        if let number = Int(after), let value = Int(key) { return value > number }
        return key > after
    }

    /// The request's URL with `offset` replaced, on the handler's base URL.
    private func nextLink(_ request: HTTPRequest, query: [String: [String]], offset: Int) -> String {
        var items = query
        items["offset"] = [String(offset)]
        let encoded = items.keys.sorted().flatMap { name in
            items[name]!.map { "\(VendorAPI.encode(name))=\(VendorAPI.encode($0))" }
        }
        let base =
            baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        let path = request.url.path.dropFirst(baseURL.path.count)
        return base + path + "?" + encoded.joined(separator: "&")
    }

    // MARK: - Wire helpers

    private struct ServedCourse: Encodable {
        var id: String
        var title: String
    }

    private struct TotalPage<T: Encodable>: Encodable {
        var items: [T]
        var total: Int
    }

    private struct LinkPage<T: Encodable>: Encodable {
        var count: Int
        var next: String?
        var results: [T]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(count, forKey: .count)
            try c.encode(next, forKey: .next)
            try c.encode(results, forKey: .results)
        }
        enum CodingKeys: String, CodingKey { case count, next, results }
    }

    /// A request the API refuses, with its status.
    struct Failure: Error {
        var status: Int
        var message: String
        init(_ status: Int, _ message: String) {
            self.status = status
            self.message = message
        }
    }

    private static func json<T: Encodable>(_ value: T, status: Int = 200) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: try encoder.encode(value))
    }

    private static func error(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"],
            body: InMemoryAPI.errorBody(status: status, message: message))
    }

    private static func object(_ body: Data?) throws -> [String: Any] {
        guard let body, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Failure(400, "the body must be a JSON object")
        }
        return object
    }

    private static func int(_ query: [String: [String]], _ name: String) throws -> Int? {
        guard let text = query[name]?.first else { return nil }
        guard let value = Int(text) else { throw Failure(400, "\(name) must be an integer") }
        return value
    }
}
