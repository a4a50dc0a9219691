import Foundation
public import RosterCore
import RosterHTTP

/// Operations only Course Dashboard has, reachable through `roster.driver`: invitations, manager
/// promotion and course search. Each write answers 204. The role and invite writes are idempotent by
/// definition: each names the state the users must end in (joined, manager, unjoined, invited or
/// accepted, invitation withdrawn), so sending one twice leaves the same state as sending it once.
/// They are marked retryable: a timeout or lost connection is retried within the retry policy, and
/// ends in `outcomeUnknown` only when no attempt is answered.
extension CourseDashboardDriver {
    /// Invites `users` to `course` (`POST /api/v2/course/{id}/invite/ {"users":[…]}`); a user who had
    /// asked to join is accepted instead.
    public func invite(_ users: [LearnerID], to course: CourseID) async throws {
        try await sendUsers(.post, users, course: course)
    }

    /// Withdraws the invitations of `users` (`DELETE /api/v2/course/{id}/invite/ {"users":[…]}`).
    public func withdrawInvitations(_ users: [LearnerID], from course: CourseID) async throws {
        try await sendUsers(.delete, users, course: course)
    }

    /// Makes `user` a manager of `course` (`POST /api/v2/course/{id}/role/ {"managers":[id]}`).
    public func makeManager(_ user: LearnerID, of course: CourseID) async throws {
        try await setRole(.manager, users: [user], course: course)
    }

    /// One page of `GET /api/v2/course/search/` for `text` (secret courses are excluded unless the
    /// user is invited). Walk every page with `Roster.courses(CourseQuery(search:))` instead.
    public func searchCourses(_ text: String, at position: PagePosition = .start, limit: Int? = nil) async throws
        -> FetchedPage<Course>
    {
        try await fetchCourses(
            PageRequest(query: CourseQuery(search: text), position: position, limit: limit ?? configuration.pageSize))
    }

    /// `POST /api/v2/course/{id}/role/` with `{"<key>":[ids]}`: `joined`, `managers`, or (nil) `unjoined`.
    /// Sets the users' role rather than adding to it, so the POST is retryable (see the extension).
    func setRole(_ status: CourseDashboardJoinStatus?, users: [LearnerID], course: CourseID) async throws {
        let key =
            switch status {
            case .manager?: "managers"
            case .joined?: "joined"
            case nil: "unjoined"
            default: throw RosterError(.unsupported, "the role endpoint cannot set \(status!.rawValue)", provider: provider)
            }
        let ids = try users.map(CourseDashboardIdentity.userNumber)
        let url = api.url("/api/v2/course/\(try CourseDashboardIdentity.courseNumber(course))/role/")
        _ = try await api.send(.post, url, body: .json(try JSONEncoder().encode([key: ids])), retryable: true)
    }

    /// `POST` or `DELETE /api/v2/course/{id}/invite/` with `{"users":[ids]}`: "these users are invited
    /// (or accepted)" or "these users' invitations are withdrawn", so both are retryable.
    func sendUsers(_ method: HTTPMethod, _ users: [LearnerID], course: CourseID) async throws {
        let ids = try users.map(CourseDashboardIdentity.userNumber)
        let url = api.url("/api/v2/course/\(try CourseDashboardIdentity.courseNumber(course))/invite/")
        _ = try await api.send(method, url, body: .json(try JSONEncoder().encode(["users": ids])), retryable: true)
    }
}
