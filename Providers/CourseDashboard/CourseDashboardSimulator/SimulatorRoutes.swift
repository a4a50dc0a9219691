import Foundation
import RosterHTTP

/// Routing: paths under `/api/v2/` (trailing slash optional), bearer-token auth on every route.
extension CourseDashboardSimulator {
    func route(_ request: HTTPRequest) -> HTTPResponse {
        let parts = request.url.path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v2" else {
            return Self.notFound
        }
        guard let caller = authenticate(request) else {
            let sent = request.headers["Authorization"] != nil
            return sent
                ? Self.error(401, code: "token_not_valid", message: "Given token not valid for any token type")
                : Self.error(401, code: "not_authenticated", message: "Authentication credentials were not provided.")
        }
        let path = Array(parts.dropFirst(2))
        let query = FaultInjector.queryItems(of: request.url)
        switch (request.method, path.count, path.first) {
        case (.get, 1, "course"): return listCourses(caller: caller, query: query, url: request.url)
        case (.get, 2, "course") where path[1] == "search":
            return searchCourses(caller: caller, query: query, url: request.url)
        case (_, 2, "course"):
            guard let id = Int(path[1]) else { break }
            guard request.method == .get else { return methodNotAllowed(request) }
            return courseDetail(id, caller: caller, query: query)
        case (_, 3, "course"):
            guard let id = Int(path[1]) else { break }
            switch (request.method, path[2]) {
            case (.get, "users"): return courseUsers(id, caller: caller, query: query, url: request.url)
            case (.post, "role"): return changeRoles(id, caller: caller, body: request.body)
            case (.post, "invite"), (.delete, "invite"):
                return invitations(id, caller: caller, accept: request.method == .post, body: request.body)
            case (_, "users"), (_, "role"), (_, "invite"): return methodNotAllowed(request)
            default: break
            }
        case (.get, 1, "user"): return listUsers(query: query, url: request.url)
        case (.get, 2, "user"):
            guard let id = Int(path[1]) else { break }
            return user(id)
        case (_, 1, "user"), (_, 2, "user"): return methodNotAllowed(request)
        default: break
        }
        return Self.notFound
    }

    /// The user id behind `Authorization: Bearer <token>`, or nil.
    func authenticate(_ request: HTTPRequest) -> Int? {
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst("Bearer ".count))
        return store.read { $0.tokens[token] }
    }

    func methodNotAllowed(_ request: HTTPRequest) -> HTTPResponse {
        Self.error(405, code: "method_not_allowed", message: "Method \"\(request.method)\" not allowed.")
    }
}
