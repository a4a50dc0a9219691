import Foundation
import RosterHTTP

/// The documented endpoints, routed on the path after `/v1`.
extension MeltingspotSimulator {
    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard let segments = Self.segmentsAfterVersion(request.url) else { return error(404, "Not found") }
        guard isAuthorized(request) else { return error(401) }
        let query = SimulatorQuery(request.url)
        switch (request.method, segments.count, segments.first) {
        case (.get, 1, "courses"):
            return listCourses(query)
        case (.get, 1, "spotMembers"):
            return listSpotMembers(query)
        case (.post, 1, "spotMembers"):
            return createSpotMember(request.body)
        case (.get, 2, "spotMembers"):
            return getSpotMember(segments[1])
        case (.get, 3, "courses") where segments[2] == "participants":
            return listParticipants(course: segments[1], query)
        case (.post, 3, "courses") where segments[2] == "participants":
            return invite(course: segments[1], request.body)
        case (.post, 3, "courses") where segments[2] == "participants~bulkInvite":
            return bulkInvite(course: segments[1], request.body)
        case (.get, 4, "courses") where segments[2] == "participants":
            return getParticipant(segments[3], course: segments[1])
        default:
            return error(Self.knownPath(segments) ? 405 : 404)
        }
    }

    /// The decoded path segments after a leading `v1`, or nil when the path does not start with it.
    static func segmentsAfterVersion(_ url: URL) -> [String]? {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.first == "v1" else { return nil }
        return Array(segments.dropFirst())
    }

    static func knownPath(_ segments: [String]) -> Bool {
        ["courses", "spotMembers"].contains(segments.first ?? "") && segments.count <= 4
    }

    func isAuthorized(_ request: HTTPRequest) -> Bool {
        guard let value = request.headers["Authorization"]?.trimmingCharacters(in: .whitespaces),
            !store.withState({ $0.keyRevoked })
        else { return false }
        return value == secretKey || value == "Bearer " + secretKey
    }

    // MARK: Courses and participants

    func listCourses(_ query: SimulatorQuery) -> HTTPResponse {
        guard let paging = query.paging(maxLimit: Self.maxLimit) else { return error(400) }
        let (items, total) = store.withState { state -> ([[String: Any]], Int) in
            let matching = state.courses.filter { course in
                (query.value("status[eq]").map { $0 == course.status } ?? true)
                    && (query.value("privacy[eq]").map { $0 == course.privacy } ?? true)
            }
            return (matching.page(paging.page, limit: paging.limit).map(SimulatorWireFormat.course), matching.count)
        }
        return ok(SimulatorWireFormat.envelope(items, total: total))
    }

    func listParticipants(course: String, _ query: SimulatorQuery) -> HTTPResponse {
        guard let paging = query.paging(maxLimit: Self.maxLimit) else { return error(400) }
        let statuses = query.list("status[in]") ?? query.value("status[eq]").map { [$0] }
        let emails = query.list("email[in]").map { Set($0) }
        let firstnames = query.list("firstname[in]").map(Set.init)
        let lastnames = query.list("lastname[in]").map(Set.init)
        let churn = injector.takeChurn()
        let tamper = injector.takePageTamper()
        let body: [String: Any]? = store.withState { state in
            guard state.course(course) != nil else { return nil }
            var matching = state.courseParticipants[course] ?? []
            if statuses != nil || emails != nil || firstnames != nil || lastnames != nil {
                matching = matching.filter { id in
                    guard let p = state.participants[id] else { return false }
                    let member = state.members[p.spotMemberId]
                    return (statuses.map { $0.contains(p.status) } ?? true)
                        && (emails.map { $0.contains(member?.email ?? "") } ?? true)
                        && (firstnames.map { $0.contains(member?.firstname ?? "") } ?? true)
                        && (lastnames.map { $0.contains(member?.lastname ?? "") } ?? true)
                }
            }
            var served = (rows: Array(matching.page(paging.page, limit: paging.limit)), total: matching.count)
            if let tamper {
                // The envelope has no link: a self link is the server ignoring `page` (the previous page again).
                let asServed = tamper == .selfLink ? .repeatPreviousPage : tamper
                let (start, overflow) = (paging.page - 1).multipliedReportingOverflow(by: paging.limit)
                let slice = asServed.slice(of: matching, start: overflow ? Int.max : start, limit: paging.limit)
                served = (slice.rows, slice.total)
            }
            let items = served.rows.compactMap { state.participants[$0] }.map {
                SimulatorWireFormat.participant($0, member: state.members[$0.spotMemberId])
            }
            Self.churn(&state, course: course, inserts: churn.inserts, deletes: churn.deletes)
            return SimulatorWireFormat.envelope(items, total: served.total)
        }
        guard let body else { return error(404, "Course not found") }
        guard let tamper else { return ok(body) }
        return HTTPResponse(
            status: 200, headers: ["Content-Type": "application/json"],
            body: tamper.malform(SimulatorWireFormat.json(body), recordsAt: ["items"]))
    }

    /// The fault plan's churn between pages: new participants appended (they sort last), and the
    /// oldest participants removed.
    static func churn(_ state: inout SpotState, course: String, inserts: Int, deletes: Int) {
        for _ in 0..<inserts { state.addParticipantWithNewMember(course: course) }
        for _ in 0..<deletes {
            guard let oldest = state.courseParticipants[course]?.first else { break }
            state.removeParticipant(oldest)
        }
    }

    func getParticipant(_ id: String, course: String) -> HTTPResponse {
        let body: [String: Any]? = store.withState { state in
            guard state.course(course) != nil, let p = state.participants[id], p.courseId == course else { return nil }
            return SimulatorWireFormat.participant(p, member: state.members[p.spotMemberId])
        }
        // The docs list only "Course not found" for this operation, also for a missing participant.
        guard let body else { return error(404, "Course not found") }
        return ok(body)
    }

    func invite(course: String, _ payload: Data?) -> HTTPResponse {
        guard let body = Self.jsonObject(payload), let memberId = body["spotMemberId"] as? String, !memberId.isEmpty,
            Self.optionalString(body["invitedBySpotMemberId"]), Self.optionalBool(body["withEmailNotification"])
        else { return error(400) }
        let now = clock.now()
        return store.withState { state in
            guard state.course(course) != nil else { return error(404, "Course not found") }
            guard let member = state.members[memberId] else { return error(404, "Spot member not found") }
            if let inviter = body["invitedBySpotMemberId"] as? String, state.members[inviter] == nil {
                return error(404, "Spot member not found")
            }
            if state.participant(ofMember: memberId, in: course) != nil {
                return ok(["message": "Member already invited"], status: 200)
            }
            let participant = state.invite(member: member, course: course, now: now)
            return ok(SimulatorWireFormat.participant(participant, member: member), status: 201)
        }
    }

    func bulkInvite(course: String, _ payload: Data?) -> HTTPResponse {
        guard let body = Self.jsonObject(payload), let ids = body["spotMemberIds"] as? [String], !ids.isEmpty,
            Self.optionalString(body["invitedBySpotMemberId"]), Self.optionalBool(body["withEmailNotification"])
        else { return error(400) }
        guard ids.count <= Self.maxBulkInvite else { return error(413) }
        let now = clock.now()
        return store.withState { state in
            guard state.course(course) != nil else { return error(404, "Course not found") }
            guard ids.allSatisfy({ state.members[$0] != nil }) else { return error(404, "Spot member not found") }
            var created: [[String: Any]] = []
            for id in ids where state.participant(ofMember: id, in: course) == nil {
                let member = state.members[id]!
                created.append(
                    SimulatorWireFormat.participant(
                        state.invite(member: member, course: course, now: now), member: member))
            }
            if created.isEmpty { return ok(["message": "Members already invited"], status: 200) }
            return ok(created, status: 201)
        }
    }

    // MARK: Spot members

    func listSpotMembers(_ query: SimulatorQuery) -> HTTPResponse {
        guard let paging = query.paging(maxLimit: Self.maxLimit) else { return error(400) }
        let emails = query.list("email[in]").map { Set($0) }
        let firstnames = query.list("firstname[in]").map(Set.init)
        let lastnames = query.list("lastname[in]").map(Set.init)
        let (items, total) = store.withState { state -> ([[String: Any]], Int) in
            let matching = state.memberOrder.compactMap { state.members[$0] }.filter { m in
                (emails.map { $0.contains(m.email) } ?? true)
                    && (firstnames.map { $0.contains(m.firstname ?? "") } ?? true)
                    && (lastnames.map { $0.contains(m.lastname ?? "") } ?? true)
            }
            return (matching.page(paging.page, limit: paging.limit).map(SimulatorWireFormat.member), matching.count)
        }
        return ok(SimulatorWireFormat.envelope(items, total: total))
    }

    func getSpotMember(_ id: String) -> HTTPResponse {
        guard let member = store.withState({ $0.members[id] }) else { return error(404, "Spot member not found") }
        return ok(SimulatorWireFormat.member(member))
    }

    func createSpotMember(_ payload: Data?) -> HTTPResponse {
        guard let body = Self.jsonObject(payload), let email = body["email"] as? String,
            Self.looksLikeAnAddress(email),
            Self.optionalBool(body["withEmailNotification"])
        else { return error(400) }
        return store.withState { state in
            if state.member(email: email) != nil { return error(400, "Spot member already exists") }
            let member = state.data.member(spotId: state.spotId, email: email, firstname: nil, lastname: nil)
            state.insert(member)
            return ok(SimulatorWireFormat.member(member), status: 201)
        }
    }

    // MARK: Helpers

    /// The simulator's own minimal check for "Malformed payload": one `@` with text on both sides (the
    /// docs state no rule; the adapter's stricter check is deliberately not reused here).
    static func looksLikeAnAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(" ")
    }

    static func jsonObject(_ data: Data?) -> [String: Any]? {
        guard let data, !data.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func optionalString(_ value: Any?) -> Bool { value == nil || value is NSNull || value is String }
    static func optionalBool(_ value: Any?) -> Bool {
        guard let value, !(value is NSNull) else { return true }
        return value is Bool
    }

    func ok(_ object: Any, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: SimulatorWireFormat.json(object))
    }

    func error(_ status: Int, _ message: String? = nil) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"],
            body: SimulatorWireFormat.error(status, message))
    }
}
