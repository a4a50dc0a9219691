import Foundation

/// A course as the simulated Spot stores it.
struct SpotCourse: Sendable {
    var id: String
    var title: String
    var description: String
    var privacy: String
    var status: String
    var navigationMode: String
}

/// A member of the simulated Spot. Timestamps are kept in epoch milliseconds, as the API sends them.
struct SpotMember: Sendable {
    var id: String
    var spotId: String
    var userId: String?
    var email: String
    var title: String?
    var lang: String
    var role: String
    var status: String
    var firstname: String?
    var lastname: String?
    var updatedAtMs: Int64
    var lastActivityAtMs: Int64?
}

/// How a participant's member names are rendered: the docs type them `object | null` with the
/// example `{}`, so the simulator sends all three shapes.
enum NameShape: Sendable {
    /// The member's names as strings.
    case strings
    /// `null` (a participant invited by e-mail only).
    case null
    /// `{}`, as in the published example.
    case emptyObject
}

/// A course participant as the simulated Spot stores it.
struct SpotParticipant: Sendable {
    var id: String
    var courseId: String
    var spotMemberId: String
    var status: String
    var invitedAt: Date?
    var startedAt: Date?
    var completedAt: Date?
    var unenrolledAt: Date?
    var lastActivityAt: Date?
    var completionRate: Int
    var nameShape: NameShape
    /// True when its timestamps are written with milliseconds (the API does both).
    var millisecondTimestamps: Bool
}
