import Foundation
import RosterHTTP

/// The user endpoints: `GET /api/v2/user/` ("Get All Users": DRF limit/offset; `username` and
/// `real_name` as exact field filters, `search` as a case-insensitive substring of username or real
/// name, `ordering` by `id`, `username`, `real_name` or `date_joined` with `-` for descending, id
/// ascending by default; unknown ordering fields are ignored as DRF does) and `GET /api/v2/user/{id}/`.
/// Both answer the public User schema, `ext_id` an integer or null.
extension CourseDashboardSimulator {
    /// `GET /api/v2/user/`: any authenticated user may list the community's users.
    func listUsers(query: [String: [String]], url: URL) -> HTTPResponse {
        let page: SimulatorPage
        switch SimulatorPage.parse(query) {
        case .failure(let bad): return bad.response
        case .success(let parsed): page = parsed
        }
        let username = query["username"]?.first
        let realName = query["real_name"]?.first
        let needle = query["search"]?.first?.lowercased() ?? ""
        let ordering = query["ordering"]?.first ?? "id"
        let body: PageJSON<UserJSON> = store.read { state in
            let users = state.users.values
                .filter { user in
                    (username.map { user.username == $0 } ?? true) && (realName.map { user.realName == $0 } ?? true)
                        && (needle.isEmpty || user.username.lowercased().contains(needle)
                            || user.realName.lowercased().contains(needle))
                }
                .sorted(by: Self.userOrder(ordering))
            return page.envelope(users, url: url, render: Self.userJSON)
        }
        return Self.json(body)
    }

    /// `GET /api/v2/user/{id}/`: any authenticated user may read a profile.
    func user(_ id: Int) -> HTTPResponse {
        guard let user = store.read({ $0.users[id] }) else { return Self.notFound }
        return Self.json(Self.userJSON(user))
    }

    static func userJSON(_ user: SimulatedUser) -> UserJSON {
        UserJSON(
            id: user.id, username: user.username, realName: user.realName, avatar: OrNull(user.avatar),
            extID: OrNull(user.extID), dateJoined: SimulatorDates.render(user.dateJoined), deleted: false)
    }

    /// The sort of `ordering` (`field` or `-field`), ties broken by id; an unknown field sorts by id.
    static func userOrder(_ ordering: String) -> (SimulatedUser, SimulatedUser) -> Bool {
        let descending = ordering.hasPrefix("-")
        let field = descending ? String(ordering.dropFirst()) : ordering
        return { a, b in
            let (x, y) = descending ? (b, a) : (a, b)
            switch field {
            case "username" where x.username != y.username: return x.username < y.username
            case "real_name" where x.realName != y.realName: return x.realName < y.realName
            case "date_joined" where x.dateJoined != y.dateJoined: return x.dateJoined < y.dateJoined
            default: return x.id < y.id
            }
        }
    }
}
