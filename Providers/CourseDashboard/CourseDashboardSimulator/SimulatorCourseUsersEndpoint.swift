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
        let body: PageJSON<DashboardUserJSON> = store.read { state in
            let rows = (state.members[id] ?? []).compactMap { member -> (SimulatedMembership, SimulatedUser)? in
                guard statuses.contains(member.status), let user = state.users[member.user] else { return nil }
                if !needle.isEmpty, !user.username.lowercased().contains(needle),
                    !user.realName.lowercased().contains(needle)
                {
                    return nil
                }
                return (member, user)
            }
            let render = { (member: SimulatedMembership, user: SimulatedUser) in
                DashboardUserJSON(
                    id: user.id, username: user.username, realName: user.realName, avatar: OrNull(user.avatar),
                    joinStatus: member.status, userCompletionRate: member.completionRate,
                    lastActiveAt: OrNull(member.lastActiveAt.map(SimulatorDates.render)),
                    joinedAt: OrNull(SimulatorDates.render(member.joinedAt)))
            }
            let sorted = Self.sorted(rows, by: ordering)
            guard let tamper else { return page.envelope(sorted, url: url, render: render) }
            return page.envelope(sorted, url: url, tamper: tamper, render: render)
        }
        var response = Self.json(body)
        if let tamper { response.body = tamper.malform(response.body, recordsAt: ["results"]) }
        churn(course: id)
        return response
    }

    /// Rows in `ordering`; ties by user id. Missing `last_active_at` sorts last ascending and first
    /// descending, as PostgreSQL orders NULLs.
    static func sorted(
        _ rows: [(SimulatedMembership, SimulatedUser)], by ordering: String
    ) -> [(SimulatedMembership, SimulatedUser)] {
        let descending = ordering.hasPrefix("-")
        let key: (SimulatedMembership) -> Double =
            ordering.hasSuffix("last_active_at")
            ? { $0.lastActiveAt?.timeIntervalSince1970 ?? .infinity }
            : { $0.joinedAt.timeIntervalSince1970 }
        return rows.sorted { a, b in
            let (ka, kb) = (key(a.0), key(b.0))
            if ka != kb { return descending ? ka > kb : ka < kb }
            return descending ? a.1.id > b.1.id : a.1.id < b.1.id
        }
    }
}
