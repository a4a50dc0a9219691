public import Foundation
import RosterCore

/// Django REST Framework's limit/offset envelope, as every Course Dashboard listing sends it. All
/// four fields are documented as optional: a missing `results` reads as an empty page, and an empty
/// `next` as the end.
public struct CourseDashboardPageEnvelope<Item: Decodable & Sendable>: Decodable, Sendable {
    /// The total number of matches.
    public var count: Int?
    /// The absolute URL of the next page; nil on the last page.
    public var next: String?
    /// The absolute URL of the previous page.
    public var previous: String?
    /// The records on this page.
    public var results: [Item]

    enum CodingKeys: String, CodingKey {
        case count, next, previous, results
    }

    /// Decodes leniently (see `CourseDashboardLenientDecoding.swift`); failures name the JSON path.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decodeLenientIntIfPresent(.count, in: VendorNumbers.counts)
        next = try c.decodeNonEmptyStringIfPresent(.next)
        previous = try c.decodeNonEmptyStringIfPresent(.previous)
        results = try c.decodeIfPresent([Item].self, forKey: .results) ?? []
    }
}

/// One "Course User Dashboard" item of `GET /api/v2/course/{id}/users/` (schema
/// `course_user_dashboard`). There is no e-mail: the person is known by id, username and real name.
public struct CourseDashboardUserRecord: Decodable, Sendable, Hashable {
    /// The community user id (an integer; a numeric string is accepted).
    public var id: String
    /// The login name.
    public var username: String?
    /// The display name.
    public var realName: String?
    /// The avatar URL.
    public var avatar: String?
    /// The membership: `creator`, `manager`, `joined`, `invited`, `requested`, `payment_waiting`, or
    /// nil (no relation to the course).
    public var joinStatus: String?
    /// Lessons completed, in percent: 0–100 (decimals rounded; anything outside is a decoding error).
    public var completionRate: Int?
    /// When the user last completed a lesson (not a login).
    public var lastActiveAt: Date?
    /// When the user joined.
    public var joinedAt: Date?

    enum CodingKeys: String, CodingKey {
        case joinStatus = "join_status"
        case completionRate = "user_completion_rate"
        case lastActiveAt = "last_active_at"
        case joinedAt = "joined_at"
    }

    /// Decodes leniently (see `CourseDashboardLenientDecoding.swift`); failures name the JSON path.
    public init(from decoder: any Decoder) throws {
        (id, username, realName, avatar) = try CourseDashboardPersonFields.decode(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        joinStatus = try c.decodeNonEmptyStringIfPresent(.joinStatus)
        completionRate = try c.decodeLenientIntIfPresent(.completionRate, in: VendorNumbers.percentages)
        lastActiveAt = try c.decodeInstantIfPresent(.lastActiveAt)
        joinedAt = try c.decodeInstantIfPresent(.joinedAt)
    }
}

/// A community user as `GET /api/v2/user/{id}/` returns it (only the fields Roster reads).
public struct CourseDashboardCommunityUser: Decodable, Sendable, Hashable {
    /// The community user id.
    public var id: String
    /// The login name.
    public var username: String?
    /// The display name.
    public var realName: String?
    /// The avatar URL.
    public var avatar: String?
    /// The id this user has in the customer's own system, where set.
    public var extID: String?

    enum CodingKeys: String, CodingKey {
        case extID = "ext_id"
    }

    /// Decodes leniently (see `CourseDashboardLenientDecoding.swift`); failures name the JSON path.
    public init(from decoder: any Decoder) throws {
        (id, username, realName, avatar) = try CourseDashboardPersonFields.decode(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        extID = try c.decodeLenientIDIfPresent(.extID)
    }
}

/// The person fields the dashboard item and the user schema share: `id`, `username`, `real_name`,
/// `avatar`.
enum CourseDashboardPersonFields {
    enum CodingKeys: String, CodingKey {
        case id, username, avatar
        case realName = "real_name"
    }

    static func decode(from decoder: any Decoder) throws -> (String, String?, String?, String?) {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        return (
            try c.decodeLenientID(.id), try c.decodeNonEmptyStringIfPresent(.username),
            try c.decodeNonEmptyStringIfPresent(.realName), try c.decodeNonEmptyStringIfPresent(.avatar)
        )
    }
}

/// A course as `GET /api/v2/course/`, `/course/search/` and `/course/{id}/` return it (the fields
/// Roster reads; the search variant sends fewer).
public struct CourseDashboardCourseRecord: Decodable, Sendable, Hashable {
    /// The course id.
    public var id: String
    /// The course name.
    public var name: String?
    /// The URL slug.
    public var slug: String?
    /// `self-paced`, `structured` or `scheduled`.
    public var type: String?
    /// `open`, `private`, `secret`, or empty for a draft.
    public var privacy: String?
    /// The calling user's own `join_status` in this course.
    public var joinStatus: String?
    /// When the course was created.
    public var createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, slug, type, privacy
        case joinStatus = "join_status"
        case createdAt = "created_at"
    }

    /// Decodes leniently (see `CourseDashboardLenientDecoding.swift`); failures name the JSON path.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientID(.id)
        name = try c.decodeNonEmptyStringIfPresent(.name)
        slug = try c.decodeNonEmptyStringIfPresent(.slug)
        type = try c.decodeNonEmptyStringIfPresent(.type)
        privacy = try c.decodeIfPresent(String.self, forKey: .privacy)
        joinStatus = try c.decodeNonEmptyStringIfPresent(.joinStatus)
        createdAt = try c.decodeInstantIfPresent(.createdAt)
    }
}

/// The error body the official SDK's formatter reads: `{"errors":[{code, message, field, messages}]}`.
/// DRF's plain `{"detail": "…"}` is read too.
struct CourseDashboardErrorBody: Decodable {
    struct Item: Decodable {
        var code: String?
        var message: String?
        var field: String?
        var messages: [String]?
    }
    var errors: [Item]?
    var detail: String?
}
