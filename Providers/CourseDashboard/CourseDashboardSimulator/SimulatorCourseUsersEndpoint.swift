import Foundation
import RosterHTTP

/// `GET /api/v2/course/{id}/users/` ("Get Course Dashboard Users"): creator or manager only;
/// `statuses` default `["manager","joined"]`; `search` in username and real name (case-insensitive);
/// `ordering` `joined_at` / `last_active_at`, `-` for descending, default `-joined_at`.
extension CourseDashboardSimulator {
    static let defaultDashboardStatuses = ["manager", "joined"]

    func courseUsers(_ id: Int, caller: Int, query: [String: [String]], url: URL) -> HTTPResponse {
        guard store.read({ $0.course(id) }) != nil else { return Self.notFound }
        guard store.read({ $0.manages(caller, id) }) else {
            return Self.forbidden
        }
        let page: SimulatorPage
        let statuses: [String]
        switch (SimulatorPage.parse(query), SimulatorStatusesParameter.parse(query, fallback: Self.defaultDashboardStatuses)) {
        case (.failure(let bad), _), (_, .failure(let bad)): return bad.response
        case (.success(let p), .success(let s)): (page, statuses) = (p, s)
        }
        let ordering = query["ordering"]?.first ?? "-joined_at"
        guard ["joined_at", "-joined_at", "last_active_at", "-last_active_at"].contains(ordering) else {
            return SimulatorBadRequest(field: "ordering", message: "Invalid ordering \"\(ordering)\".").response
        }
        let needle = query["search"]?.first?.lowercased() ?? ""
        let tamper = injector.takePageTamper()
        let body: PageJSON<DashboardUserJSON> = store.read { state, version in
            let members = state.members[id] ?? []
            let key = SortedRowsCache.Key(course: id, statuses: statuses, ordering: ordering, search: needle)
            let rows = sortedRows.rows(key, version: version) {
                let matching = members.indices.filter { index in
                    let member = members[index]
                    guard statuses.contains(member.status), let user = state.users[member.user] else { return false }
                    return needle.isEmpty || user.username.lowercased().contains(needle)
                        || user.realName.lowercased().contains(needle)
                }
                return Self.sorted(matching, of: members, by: ordering)
            }
            let render = { (index: Int) -> DashboardUserJSON in
                let member = members[index]
                let user = state.users[member.user]!
                return DashboardUserJSON(
                    id: user.id, username: user.username, realName: user.realName, avatar: OrNull(user.avatar),
                    joinStatus: member.status, userCompletionRate: member.completionRate,
                    lastActiveAt: OrNull(member.lastActiveAt.map(SimulatorDates.render)),
                    joinedAt: OrNull(SimulatorDates.render(member.joinedAt)))
            }
            guard let tamper else { return page.envelope(rows, url: url, render: render) }
            return page.envelope(rows, url: url, tamper: tamper, render: render)
        }
        var response = Self.json(body)
        if let tamper { response.body = tamper.malform(response.body, recordsAt: ["results"]) }
        churn(course: id)
        return response
    }

    /// The indexes `rows` of `members` in `ordering`; ties by user id. Missing `last_active_at` sorts
    /// last ascending and first descending, as PostgreSQL orders NULLs.
    static func sorted(_ rows: [Int], of members: [SimulatedMembership], by ordering: String) -> [Int] {
        let descending = ordering.hasPrefix("-")
        let key: (SimulatedMembership) -> Double =
            ordering.hasSuffix("last_active_at")
            ? { $0.lastActiveAt?.timeIntervalSince1970 ?? .infinity }
            : { $0.joinedAt.timeIntervalSince1970 }
        return rows.sorted { a, b in
            let (ma, mb) = (members[a], members[b])
            let (ka, kb) = (key(ma), key(mb))
            if ka != kb { return descending ? ka > kb : ka < kb }
            return descending ? ma.user > mb.user : ma.user < mb.user
        }
    }
}
