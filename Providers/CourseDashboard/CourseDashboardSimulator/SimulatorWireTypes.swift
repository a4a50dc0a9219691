import Foundation

// The simulator's own JSON shapes, written from the SelfCommunity API v2 docs (schemas
// `course_user_dashboard`, `user`, `course`, and DRF's paginated envelope). They only encode: the
// adapter decodes with its own types, so a misreading of the docs cannot hide on both sides.

/// DRF's `{count, next, previous, results}`.
struct PageJSON<Item: Encodable>: Encodable {
    var count: Int
    var next: OrNull<String>
    var previous: OrNull<String>
    var results: [Item]
}

/// A "Course User Dashboard" item.
struct DashboardUserJSON: Encodable {
    var id: Int
    var username: String
    var realName: String
    var avatar: OrNull<String>
    var joinStatus: String
    var userCompletionRate: Int
    var lastActiveAt: OrNull<String>
    var joinedAt: OrNull<String>

    enum CodingKeys: String, CodingKey {
        case id, username, avatar
        case realName = "real_name"
        case joinStatus = "join_status"
        case userCompletionRate = "user_completion_rate"
        case lastActiveAt = "last_active_at"
        case joinedAt = "joined_at"
    }
}

/// "User Minimal", as nested in a course's `created_by`.
struct UserMinimalJSON: Encodable {
    var id: Int
    var username: String
    var realName: String
    var avatar: OrNull<String>

    enum CodingKeys: String, CodingKey {
        case id, username, avatar
        case realName = "real_name"
    }
}

/// The public "User" schema (the fields the simulator keeps).
struct UserJSON: Encodable {
    var id: Int
    var username: String
    var realName: String
    var avatar: OrNull<String>
    var extID: OrNull<Int>
    var dateJoined: String
    var deleted: Bool

    enum CodingKeys: String, CodingKey {
        case id, username, avatar, deleted
        case realName = "real_name"
        case extID = "ext_id"
        case dateJoined = "date_joined"
    }
}

/// A "Course" (and, with fewer fields filled, "Course Minimal").
struct CourseJSON: Encodable {
    var id: Int
    var name: String
    var slug: String
    var description: String
    var type: String
    var privacy: String
    var enforceLessonsOrder: Bool
    var hideMemberCount: Bool
    var joinStatus: OrNull<String>
    var userCompletionRate: OrNull<Int>
    var createdAt: String
    var createdBy: UserMinimalJSON
    var categories: [Int]
    var memberCount: Int

    enum CodingKeys: String, CodingKey {
        case id, name, slug, description, type, privacy, categories
        case enforceLessonsOrder = "enforce_lessons_order"
        case hideMemberCount = "hide_member_count"
        case joinStatus = "join_status"
        case userCompletionRate = "user_completion_rate"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case memberCount = "member_count"
    }
}

/// A value that encodes as JSON `null` when absent: DRF serializers send every field, null or not,
/// where Swift's synthesized `Encodable` would leave the key out.
struct OrNull<Value: Encodable>: Encodable {
    var value: Value?

    init(_ value: Value?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// The error body the official SDK's formatter reads.
struct ErrorJSON: Encodable {
    struct Item: Encodable {
        var code: String
        var message: String
        var field: String?
        var messages: [String]?
    }
    var errors: [Item]
}

/// Date-times as a Django server in Rome renders them: microseconds and the local UTC offset,
/// e.g. `2025-03-04T10:15:30.123456+01:00`.
enum SimulatorDates {
    static let rome = TimeZone(identifier: "Europe/Rome") ?? TimeZone(secondsFromGMT: 3600)!

    static func render(_ date: Date) -> String {
        let offset = rome.secondsFromGMT(for: date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let micros = Int((date.timeIntervalSince1970 - floor(date.timeIntervalSince1970)) * 1_000_000)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let sign = offset >= 0 ? "+" : "-"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(pad(p.year!, 4))-\(pad(p.month!, 2))-\(pad(p.day!, 2))T\(pad(p.hour!, 2)):\(pad(p.minute!, 2)):"
            + "\(pad(p.second!, 2)).\(pad(micros, 6))\(sign)\(pad(hours, 2)):\(pad(minutes, 2))"
    }
}
