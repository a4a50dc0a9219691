public import Foundation
import RosterCore

/// A course participant exactly as Meltingspot sends it (the published sample), decoded leniently: ids as
/// opaque text, names that may be a string, null or `{}`, dates with or without milliseconds. Carried
/// in `Enrollment.native`.
public struct MeltingspotParticipant: Decodable, Hashable, Sendable {
    /// The participant id.
    public var id: String
    /// The course id.
    public var courseId: String
    /// The spot member the participant is.
    public var spotMemberId: String
    /// The spot member's e-mail as sent (`""` is absent).
    public var spotMemberEmail: String?
    /// The first name; absent when null or `{}` (participants invited by e-mail only).
    public var spotMemberFirstname: String?
    /// The last name; absent when null or `{}`.
    public var spotMemberLastname: String?
    /// `Invited`, `Started`, `Completed` or `Unenrolled` (anything else is kept as sent).
    public var status: String
    /// When the member was invited.
    public var invitedAt: Date?
    /// When the member started.
    public var startedAt: Date?
    /// When the member completed.
    public var completedAt: Date?
    /// When the member was unenrolled.
    public var unenrolledAt: Date?
    /// The last learning activity.
    public var lastActivityAt: Date?
    /// Progress in percent, 0–100 (decimals rounded; anything outside is a decoding error).
    public var completionRate: Int?

    enum CodingKeys: String, CodingKey {
        case id, courseId, spotMemberId, spotMemberEmail, spotMemberFirstname, spotMemberLastname, status
        case invitedAt, startedAt, completedAt, unenrolledAt, lastActivityAt, completionRate
    }

    /// Decodes one participant.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeOpaqueID(forKey: .id)
        courseId = try c.decodeOpaqueID(forKey: .courseId)
        spotMemberId = try c.decodeOpaqueID(forKey: .spotMemberId)
        spotMemberEmail = try c.decodeTextIfPresent(forKey: .spotMemberEmail)
        spotMemberFirstname = try c.decodeParticipantName(forKey: .spotMemberFirstname)
        spotMemberLastname = try c.decodeParticipantName(forKey: .spotMemberLastname)
        status = try c.decode(String.self, forKey: .status)
        invitedAt = try c.decodeISOInstantIfPresent(forKey: .invitedAt)
        startedAt = try c.decodeISOInstantIfPresent(forKey: .startedAt)
        completedAt = try c.decodeISOInstantIfPresent(forKey: .completedAt)
        unenrolledAt = try c.decodeISOInstantIfPresent(forKey: .unenrolledAt)
        lastActivityAt = try c.decodeISOInstantIfPresent(forKey: .lastActivityAt)
        completionRate = try c.decodeLenientIntIfPresent(forKey: .completionRate, in: VendorNumbers.percentages)
    }
}

/// A course as listed by `GET /courses`. Carried in `Course.native`.
public struct MeltingspotCourse: Decodable, Hashable, Sendable {
    /// The course id.
    public var id: String
    /// The title.
    public var title: String?
    /// The description.
    public var description: String?
    /// The privacy setting, e.g. `Secret` (full vocabulary undocumented).
    public var privacy: String?
    /// The course status, e.g. `Draft` (full vocabulary undocumented).
    public var status: String?
    /// The navigation mode, e.g. `Flexible`.
    public var navigationMode: String?

    enum CodingKeys: String, CodingKey { case id, title, description, privacy, status, navigationMode }

    /// Decodes one course.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeOpaqueID(forKey: .id)
        title = try c.decodeTextIfPresent(forKey: .title)
        description = try c.decodeTextIfPresent(forKey: .description)
        privacy = try c.decodeTextIfPresent(forKey: .privacy)
        status = try c.decodeTextIfPresent(forKey: .status)
        navigationMode = try c.decodeTextIfPresent(forKey: .navigationMode)
    }
}

/// A member of the Spot (a person), as `GET /spotMembers` and `POST /spotMembers` return it. Its
/// timestamps arrive as epoch milliseconds.
public struct MeltingspotSpotMember: Decodable, Hashable, Sendable {
    /// The spot member id (what course invitations take).
    public var id: String
    /// The Spot.
    public var spotId: String?
    /// The platform user behind the member, once registered.
    public var userId: String?
    /// The e-mail address as sent.
    public var email: String?
    /// A job title.
    public var title: String?
    /// The interface language, e.g. `fr`.
    public var lang: String?
    /// `Member` or `Admin`.
    public var role: String?
    /// A custom role, if any.
    public var customRoleId: String?
    /// `Accepted`, `Deactivated`, `DeclinedInvitation`, `Invited`, `Left`, `Pending` or `Rejected`.
    public var status: String?
    /// The first name.
    public var firstname: String?
    /// The last name.
    public var lastname: String?
    /// When the member last changed.
    public var updatedAt: Date?
    /// The member's last activity.
    public var lastActivityAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, spotId, userId, email, title, lang, role, customRoleId, status, firstname, lastname
        case updatedAt, lastActivityAt
    }

    /// Decodes one spot member.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeOpaqueID(forKey: .id)
        spotId = try c.decodeOpaqueIDIfPresent(forKey: .spotId)
        userId = try c.decodeOpaqueIDIfPresent(forKey: .userId)
        email = try c.decodeTextIfPresent(forKey: .email)
        title = try c.decodeTextIfPresent(forKey: .title)
        lang = try c.decodeTextIfPresent(forKey: .lang)
        role = try c.decodeTextIfPresent(forKey: .role)
        customRoleId = try c.decodeOpaqueIDIfPresent(forKey: .customRoleId)
        status = try c.decodeTextIfPresent(forKey: .status)
        firstname = try c.decodeParticipantName(forKey: .firstname)
        lastname = try c.decodeParticipantName(forKey: .lastname)
        updatedAt = try c.decodeEpochMillisecondsIfPresent(forKey: .updatedAt)
        lastActivityAt = try c.decodeEpochMillisecondsIfPresent(forKey: .lastActivityAt)
    }
}

/// The list envelope every Meltingspot listing uses: `{ "items": [...], "total": n }`.
struct MeltingspotEnvelope<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
    var total: Int?

    enum CodingKeys: String, CodingKey { case items, total }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decode([Item].self, forKey: .items)
        total = try c.decodeLenientIntIfPresent(forKey: .total, in: VendorNumbers.counts)
    }
}

/// The request body of `POST /courses/{courseId}/participants`.
struct MeltingspotInviteBody: Encodable {
    var spotMemberId: String
    var invitedBySpotMemberId: String?
    var withEmailNotification: Bool
}

/// The request body of `POST /courses/{courseId}/participants~bulkInvite`.
struct MeltingspotBulkInviteBody: Encodable {
    var spotMemberIds: [String]
    var invitedBySpotMemberId: String?
    var withEmailNotification: Bool
}

/// The request body of `POST /spotMembers`.
struct MeltingspotNewSpotMemberBody: Encodable {
    var email: String
    var withEmailNotification: Bool
}
