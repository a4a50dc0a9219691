import Foundation
public import RosterCore
import RosterHTTP

/// One course by id: `GET /api/v2/course/{id}/?view=…` ("Get a Specific Course"). The `view`
/// parameter picks the serializer: `user` (the vendor's default, "Course User Detail": the course as
/// the calling user sees it), `edit` ("Course Detail", the editable fields) or `dashboard` ("Course
/// Dashboard", which adds `avg_completion_rate`). The neutral `Roster.course(_:)` asks for `dashboard`:
/// Roster's service user manages the courses it reads anyway (the users listing needs that), and the
/// dashboard view is the one that carries progress.
extension CourseDashboardDriver {
    /// A serializer of `GET /api/v2/course/{id}/`.
    public enum CourseView: String, Hashable, Sendable, CaseIterable {
        /// "Course User Detail": the course as the caller sees it (the vendor's default).
        case user
        /// "Course Detail": the fields a creator or manager edits.
        case edit
        /// "Course Dashboard": adds the average completion rate of the course's learners.
        case dashboard
    }

    /// The course `id` in the `dashboard` view, as a neutral `Course` whose `native` is the
    /// `CourseDashboardCourseDetail` (average completion rate included). A course the token's user
    /// cannot see is `notFound`; one it may not manage is `permissionDenied` (then try
    /// `courseDetail(_:view: .user)`).
    public func course(_ id: CourseID) async throws -> Course {
        CourseDashboardRecordMapping.course(try await courseDetail(id, view: .dashboard))
    }

    /// The course `id` as the vendor sends it in `view`.
    public func courseDetail(_ id: CourseID, view: CourseView) async throws -> CourseDashboardCourseDetail {
        let number = try CourseDashboardIdentity.courseNumber(id)
        let url = api.url("/api/v2/course/\(number)/", query: [("view", view.rawValue)])
        let response = try await api.send(.get, url)
        return try api.decode(CourseDashboardCourseDetail.self, from: response, for: .get, url)
    }
}

/// A course from `GET /api/v2/course/{id}/`: the fields every view shares (`course`), and the ones only
/// some views send. Every extra field is optional, since which view sends which is only partly
/// documented.
public struct CourseDashboardCourseDetail: Decodable, Sendable, Hashable {
    /// The shared course fields (id, name, slug, type, privacy, the caller's join status, created at).
    public var course: CourseDashboardCourseRecord
    /// The description (may hold HTML).
    public var description: String?
    /// True when lessons must be taken in order.
    public var enforceLessonsOrder: Bool?
    /// True when the member count is hidden from members.
    public var hideMemberCount: Bool?
    /// The calling user's own progress in the course, in percent.
    public var userCompletionRate: Int?
    /// How many members the course has, where the view sends it.
    public var memberCount: Int?
    /// The average completion rate of the course's learners, 0–100 (the `dashboard` view).
    public var averageCompletionRate: Double?
    /// The creator's user id (`created_by.id`).
    public var creatorID: String?
    /// Category ids.
    public var categories: [Int]?

    enum CodingKeys: String, CodingKey {
        case description, categories
        case enforceLessonsOrder = "enforce_lessons_order"
        case hideMemberCount = "hide_member_count"
        case userCompletionRate = "user_completion_rate"
        case memberCount = "member_count"
        case averageCompletionRate = "avg_completion_rate"
        case createdBy = "created_by"
    }

    private enum CreatorKeys: String, CodingKey { case id }

    /// Decodes leniently (see `CourseDashboardLenientDecoding.swift`); failures name the JSON path.
    public init(from decoder: any Decoder) throws {
        course = try CourseDashboardCourseRecord(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        enforceLessonsOrder = try c.decodeIfPresent(Bool.self, forKey: .enforceLessonsOrder)
        hideMemberCount = try c.decodeIfPresent(Bool.self, forKey: .hideMemberCount)
        userCompletionRate = try c.decodeLenientIntIfPresent(.userCompletionRate, in: VendorNumbers.percentages)
        memberCount = try c.decodeLenientIntIfPresent(.memberCount, in: VendorNumbers.counts)
        averageCompletionRate = try c.decodePercentageIfPresent(.averageCompletionRate)
        categories = try c.decodeIfPresent([Int].self, forKey: .categories)
        if c.contains(.createdBy), try !c.decodeNil(forKey: .createdBy) {
            creatorID = try c.nestedContainer(keyedBy: CreatorKeys.self, forKey: .createdBy).decodeLenientIDIfPresent(
                .id)
        }
    }
}

extension CourseDashboardRecordMapping {
    /// The neutral course of a course read by id; the whole detail stays in `native`.
    public static func course(_ detail: CourseDashboardCourseDetail) -> Course {
        var course = course(detail.course)
        course.native = NativeRecord(detail)
        return course
    }
}

extension KeyedDecodingContainer {
    /// A percentage that may have decimals (an average): a number or a numeric string in 0...100; nil
    /// when absent, null or `""`. NaN, infinities and anything outside fail at the key's path.
    func decodePercentageIfPresent(_ key: Key) throws -> Double? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let value: Double?
        let text: String
        if let number = try? decode(Double.self, forKey: key) {
            value = number
            text = String(number)
        } else {
            text = try decode(String.self, forKey: key)
            if text.isEmpty { return nil }
            value = VendorNumbers.decimal(text.trimmingCharacters(in: .whitespaces))
        }
        guard let value, value.isFinite, (0...100).contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected a percentage in 0...100, got \"\(text)\"")
        }
        return value
    }
}
