import Foundation
import RosterHTTP

/// The course endpoints: `GET /api/v2/course/` (the caller's courses, `statuses` default
/// `["manager","joined"]`, `created_by`), `GET /api/v2/course/search/` (`search` in the name,
/// `statuses` default no filter, secret courses hidden unless the caller has a relation, ordering
/// `-id`). `GET /api/v2/course/{id}/` is in `SimulatorCourseDetail.swift`.
extension CourseDashboardSimulator {
    func listCourses(caller: Int, query: [String: [String]], url: URL) -> HTTPResponse {
        let page: SimulatorPage
        let statuses: [String]
        switch (SimulatorPage.parse(query), SimulatorStatusesParameter.parse(query, fallback: Self.defaultDashboardStatuses)) {
        case (.failure(let bad), _), (_, .failure(let bad)): return bad.response
        case (.success(let p), .success(let s)): (page, statuses) = (p, s)
        }
        var createdBy: Int?
        if let text = query["created_by"]?.first {
            guard let value = Int(text) else {
                return SimulatorBadRequest.integerRequired("created_by").response
            }
            createdBy = value
        }
        let body: PageJSON<CourseJSON> = store.read { state in
            let courses = state.courses
                .filter { course in
                    guard let status = state.status(of: caller, in: course.id), statuses.contains(status) else { return false }
                    return createdBy == nil || course.creator == createdBy
                }
                .sorted { $0.id < $1.id }
            return page.envelope(courses, url: url) { Self.courseJSON($0, caller: caller, state: state) }
        }
        return Self.json(body)
    }

    func searchCourses(caller: Int, query: [String: [String]], url: URL) -> HTTPResponse {
        let page: SimulatorPage
        let statuses: [String]
        switch (SimulatorPage.parse(query), SimulatorStatusesParameter.parse(query, fallback: [])) {
        case (.failure(let bad), _), (_, .failure(let bad)): return bad.response
        case (.success(let p), .success(let s)): (page, statuses) = (p, s)
        }
        let needle = query["search"]?.first?.lowercased() ?? ""
        let body: PageJSON<CourseJSON> = store.read { state in
            let courses = state.courses
                .filter { course in
                    let status = state.status(of: caller, in: course.id)
                    if course.privacy == "secret" && status == nil { return false }
                    if !statuses.isEmpty && !statuses.contains(status ?? "") { return false }
                    return needle.isEmpty || course.name.lowercased().contains(needle)
                }
                .sorted { $0.id > $1.id }
            return page.envelope(courses, url: url) { Self.courseJSON($0, caller: caller, state: state) }
        }
        return Self.json(body)
    }

    static func courseJSON(_ course: SimulatedCourse, caller: Int, state: SimulatorState) -> CourseJSON {
        let creator = state.users[course.creator]
        let mine = state.membership(course: course.id, user: caller)
        let members = (state.members[course.id] ?? []).filter { ["creator", "manager", "joined"].contains($0.status) }
        return CourseJSON(
            id: course.id, name: course.name, slug: course.slug, description: "", type: course.type,
            privacy: course.privacy, enforceLessonsOrder: course.type != "self-paced", hideMemberCount: false,
            joinStatus: OrNull(mine?.status), userCompletionRate: OrNull(mine?.completionRate),
            createdAt: SimulatorDates.render(course.createdAt),
            createdBy: UserMinimalJSON(
                id: course.creator, username: creator?.username ?? "", realName: creator?.realName ?? "",
                avatar: OrNull(creator?.avatar)),
            categories: [], memberCount: members.count)
    }
}
