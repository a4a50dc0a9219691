import Foundation
public import RosterHTTP

/// A stateful, deterministic fake of Frontcore API v2, written from the vendor documentation (not from
/// the adapter): `GET /participants` (bare array; `limit` default 75, clamped at 250; 1-based `page`;
/// `since_id` in ascending id order, otherwise newest first as in the published sample; every
/// documented filter; `include[]=attendance`), `GET` and `PUT /participants/:id` (form or JSON body),
/// `GET /privacy/users/legalbases`, the course and course-date endpoints
/// (`SimulatorCourseEndpoints.swift`) and `POST /booking` (`SimulatorBooking.swift`). Wrong keys get
/// `{"error": "Wrong API Key"}` (HTTP 401). Faults come from the `FaultInjector`, churn
/// (`insertsPerPage`/`deletesPerPage`) after each list page.
///
/// Routes on the path after a `/v2` prefix, so the same handler serves in-process at
/// `https://api.frontcore.com/v2` and over HTTP at `http://127.0.0.1:PORT/v2`.
public final class FrontcoreSimulator: @unchecked Sendable {
    /// The API key the simulator accepts.
    public let apiKey: String
    /// Counts and logs requests, and injects the fault plan's failures.
    public let injector: FaultInjector

    let lock = NSLock()
    var state: SimulatorState
    var keyRevoked = false
    let clock: any RosterClock
    let rendering = SimulatorRendering(time: SimulatorTime())

    /// Creates a simulator holding `participants` participants spread evenly over `courses` courses
    /// (two course dates each), generated from `seed`. It accepts `apiKey`, or a key derived from the
    /// seed (clients share a rate budget per key: give tests with their own clocks their own keys).
    public init(
        seed: UInt64 = 1, participants: Int = 120, courses: Int = 4, faults: FaultPlan = .none,
        clock: any RosterClock = SystemClock(), apiKey: String? = nil
    ) {
        var keyGenerator = SeededGenerator(seed: seed ^ 0xF00D)
        self.apiKey = apiKey ?? "fc_" + String(keyGenerator.next(), radix: 36)
        self.clock = clock
        self.state = SimulatorState(seed: seed, participants: participants, courses: max(1, courses))
        self.injector = FaultInjector(plan: faults, clock: clock) { status in
            SimulatorRendering.error(Self.errorMessage(for: status))
        }
    }

    /// A transport that answers in-process (for tests, benchmarks and the demo).
    public var transport: InProcessTransport {
        InProcessTransport { [self] request in try await self.respond(request) }
    }

    /// Answers `request` as Frontcore would (faults included). Never throws: a cancelled request gets 499.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await respond(request)
        } catch {
            return HTTPResponse(status: 499, body: SimulatorRendering.error("Request cancelled"))
        }
    }

    private func respond(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await injector.handle(request) { [self] request in route(request) }
    }

    // MARK: Routing

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.url.path
        guard let range = path.range(of: "/v2") else { return error(404, "Not found") }
        let segments = path[range.upperBound...].split(separator: "/")
        guard request.headers["X-API-Key"] == apiKey, !lock.withLock({ keyRevoked }) else {
            return error(401, "Wrong API Key")
        }
        let query = SimulatorRequests.query(of: request.url)
        let route = segments.map(String.init)
        switch (request.method, route.first, route.count) {
        case (.get, "participants", 1): return listParticipants(query)
        case (.get, "participants", 2): return participant(route[1], query: query)
        case (.put, "participants", 2): return update(route[1], request)
        case (.get, "privacy", 3) where route == ["privacy", "users", "legalbases"]: return listLegalBases(query)
        case (.get, "courses", 1): return listCourses(query)
        case (.get, "courses", 2): return course(route[1])
        case (.get, "courses", 3) where route[2] == "coursedates": return listCourseDates(course: route[1], query)
        case (.get, "courses", 4) where route[2] == "coursedates": return courseDate(route[3], course: route[1])
        case (.post, "booking", 1): return book(request)
        case (_, "participants", 1...2), (_, "booking", 1): return error(405, "Method not allowed")
        case (_, "courses", 1...4) where request.method != .get: return error(405, "Method not allowed")
        default: return error(404, "Not found")
        }
    }

    private func listParticipants(_ query: [String: [String]]) -> HTTPResponse {
        let listing: SimulatorListing
        do { listing = try SimulatorListing(query, time: rendering.time) } catch {
            return self.error(400, error.message)
        }
        let attendance = query["include[]"]?.contains("attendance") == true
        let tamper = injector.takePageTamper()
        let body: Data = lock.withLock {
            let ids = tamper.map { tampered($0, listing) } ?? state.select(listing)
            let pages = ids.map { state.rendered($0, attendance: attendance, rendering: rendering) }
            let churn = injector.takeChurn()
            state.churn(inserts: churn.inserts, deletes: churn.deletes, at: clock.now())
            return SimulatorJSON.arrayData(of: pages)
        }
        return json(tamper?.malform(body, recordsAt: []) ?? body)
    }

    /// The ids of a page damaged by `tamper`. A bare array has no total and no link, so only the
    /// records can be damaged; a self link is the server ignoring the cursor (the previous page again).
    /// Call under the lock.
    private func tampered(_ tamper: PageTamper, _ listing: SimulatorListing) -> [Int] {
        let (all, start) = state.selectAll(listing)
        let asServed = tamper == .selfLink ? .repeatPreviousPage : tamper
        return asServed.slice(of: all, start: start, limit: listing.limit).rows
    }

    private func participant(_ id: String, query: [String: [String]]) -> HTTPResponse {
        guard let number = Int(id) else { return error(404, "Participant not found") }
        let attendance = query["include[]"]?.contains("attendance") == true
        let body: Data? = lock.withLock {
            state.participants[number] == nil
                ? nil : state.rendered(number, attendance: attendance, rendering: rendering)
        }
        return body.map(json) ?? error(404, "Participant not found")
    }

    private func update(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard let number = Int(id) else { return error(404, "Participant not found") }
        guard
            let fields = SimulatorRequests.update(
                body: request.body ?? Data(), contentType: request.headers["Content-Type"])
        else { return error(400, "Malformed request body") }
        let now = clock.now()
        let outcome: Result<Data, SimulatorFailure> = lock.withLock {
            do {
                try state.apply(fields, to: number, at: now)
                return .success(state.rendered(number, attendance: false, rendering: rendering))
            } catch let failure as SimulatorFailure {
                return .failure(failure)
            } catch {
                return .failure(SimulatorFailure(status: 500, message: "Internal error"))
            }
        }
        switch outcome {
        case .success(let body): return json(body)
        case .failure(let failure): return error(failure.status, failure.message)
        }
    }

    private func listLegalBases(_ query: [String: [String]]) -> HTTPResponse {
        let listing: SimulatorListing
        do { listing = try SimulatorListing(query, time: rendering.time) } catch {
            return self.error(400, error.message)
        }
        let body: Data = lock.withLock {
            SimulatorJSON.array(
                state.selectLegalBases(listing).map { state.renderedLegalBasis($0, rendering: rendering) }
            ).data
        }
        return json(body)
    }

    func json(_ body: Data) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }

    func error(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: SimulatorRendering.error(message))
    }

    static func errorMessage(for status: Int) -> String {
        switch status {
        case 401: "Wrong API Key"
        case 403: "Forbidden"
        case 404: "Not found"
        case 429: "Too many requests"
        case 500..<600: "Service unavailable"
        default: "Error"
        }
    }

    // MARK: State for tests and the conformance harness

    /// Revokes the API key, as regenerating it in Settings → API does: every later request with it
    /// is answered 401, as a wrong key is.
    public func revokeAPIKey() { lock.withLock { keyRevoked = true } }

    /// The course ids, ascending.
    public var courseIDs: [Int] { lock.withLock { state.courses.map(\.id) } }

    /// The ids of every participant (of `courseID`, when given), ascending.
    public func participantIDs(courseID: Int? = nil) -> [Int] {
        lock.withLock { state.order.filter { courseID == nil || state.courseID(ofParticipant: $0) == courseID } }
    }

    /// Books a new user onto the first course date of `courseID`; returns the new participant id,
    /// higher than every existing one. Nil for an unknown course.
    @discardableResult
    public func insertParticipant(courseID: Int) -> Int? {
        let now = clock.now()
        return lock.withLock { state.insert(courseID: courseID, at: now) }
    }

    /// Books a new user with the given e-mail, external id, username and names (nil keeps the generated value)
    /// onto the first course date of `courseID`, as a booking made in the Frontcore app would; returns
    /// the participant and user ids. Nothing stops two users from sharing an address or id, as nothing
    /// does at the vendor either. Nil for an unknown course.
    @discardableResult
    public func insertParticipant(
        courseID: Int, email: String?, externalID: String?, username: String?, firstName: String? = nil,
        lastName: String? = nil
    ) -> (participant: Int, user: Int)? {
        let now = clock.now()
        return lock.withLock {
            let id = state.insert(courseID: courseID, at: now) { user in
                if let email { user.email = email }
                if let externalID { user.externalID = externalID }
                if let username { user.username = username }
                if let firstName { user.firstname = firstName }
                if let lastName { user.lastname = lastName }
            }
            return id.flatMap { id in state.participants[id].map { (id, $0.userID) } }
        }
    }

    /// The user of a participant, or nil.
    public func userID(ofParticipant id: Int) -> Int? { lock.withLock { state.participants[id]?.userID } }

    /// A user's `email`, `external_id` and `username` as stored (the e-mail may hold a non-address), or
    /// nil for an unknown user.
    public func identity(ofUser id: Int) -> (email: String?, externalID: String?, username: String?)? {
        lock.withLock { state.users[id].map { ($0.email, $0.externalID, $0.username) } }
    }

    /// Removes a participant; false when there was none with that id.
    @discardableResult
    public func deleteParticipant(_ id: Int) -> Bool { lock.withLock { state.delete(id) } }

    /// Sets a participant's status id (any integer, documented or not); false for an unknown participant.
    @discardableResult
    public func setStatus(_ statusID: Int, ofParticipant id: Int) -> Bool {
        let now = clock.now()
        return lock.withLock { state.setStatus(statusID, of: id, at: now) }
    }

    /// Sets a participant's completed and passed flags; false for an unknown participant.
    @discardableResult
    public func setOutcome(completed: Bool, passed: Bool, ofParticipant id: Int) -> Bool {
        let now = clock.now()
        return lock.withLock { state.setOutcome(completed: completed, passed: passed, of: id, at: now) }
    }

    /// A participant's status id, paid id, completed and passed flags and custom properties, as stored.
    public func snapshot(ofParticipant id: Int) -> ParticipantSnapshot? {
        lock.withLock {
            state.participants[id].map {
                ParticipantSnapshot(
                    statusID: $0.statusID, paidID: $0.paidID, completed: $0.completed, passed: $0.passed,
                    customProperties: $0.customProperties.map { Dictionary($0, uniquingKeysWith: { $1 }) })
            }
        }
    }

    /// The stored fields of one participant that `PUT` can change.
    public struct ParticipantSnapshot: Sendable, Hashable {
        /// `idStatus`.
        public var statusID: Int
        /// `idPaid`.
        public var paidID: Int
        /// `completed`.
        public var completed: Bool
        /// `passed`.
        public var passed: Bool
        /// `custom_properties` (nil when null).
        public var customProperties: [String: String?]?
    }
}

/// A refusal with the vendor's error body.
struct SimulatorFailure: Error {
    var status: Int
    var message: String
}
