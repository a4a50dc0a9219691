import Foundation
import RosterHTTP

/// `GET /api/v2/course/{id}/` ("Get a Specific Course") with its `view` parameter: `user` (default,
/// "Course User Detail"), `edit` ("Course Detail") or `dashboard` ("Course Dashboard", which adds
/// `avg_completion_rate`). The docs name the three serializers but not who may use which; the
/// simulator INFERS that `edit` and `dashboard` are for the course's creator and managers (403 for
/// anyone else, as for the dashboard users listing), and that `avg_completion_rate` is the mean
/// `user_completion_rate` of the learners who joined (0 when none has), with two decimals.
extension CourseDashboardSimulator {
    static let courseViews = ["user", "edit", "dashboard"]

    func courseDetail(_ id: Int, caller: Int, query: [String: [String]]) -> HTTPResponse {
        let view = query["view"]?.first ?? "user"
        guard Self.courseViews.contains(view) else {
            return SimulatorBadRequest(field: "view", message: "\"\(view)\" is not a valid choice.").response
        }
        enum Answer {
            case hidden, forbidden
            case course(CourseJSON, average: Double?)
        }
        let answer: Answer = store.read { state in
            guard let course = state.course(id) else { return .hidden }
            if course.privacy == "secret" && state.status(of: caller, in: id) == nil { return .hidden }
            if view != "user" && !state.manages(caller, id) { return .forbidden }
            let json = Self.courseJSON(course, caller: caller, state: state)
            guard view == "dashboard" else { return .course(json, average: nil) }
            let rates = (state.members[id] ?? []).filter { $0.status == "joined" }.map(\.completionRate)
            let mean = rates.isEmpty ? 0 : Double(rates.reduce(0, +)) / Double(rates.count)
            return .course(json, average: (mean * 100).rounded() / 100)
        }
        switch answer {
        case .hidden: return Self.notFound
        case .forbidden: return Self.forbidden
        case .course(let json, let average?): return Self.json(CourseDashboardViewJSON(course: json, average: average))
        case .course(let json, nil): return Self.json(json)
        }
    }
}

/// The "Course Dashboard" serializer: the course fields and `avg_completion_rate`.
struct CourseDashboardViewJSON: Encodable {
    var course: CourseJSON
    var average: Double

    enum CodingKeys: String, CodingKey {
        case average = "avg_completion_rate"
    }

    func encode(to encoder: any Encoder) throws {
        try course.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(average, forKey: .average)
    }
}
