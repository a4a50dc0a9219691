public import Foundation
public import RosterCore

/// One privacy legal basis (consent record) from `GET /privacy/users/legalbases` (the published sample): which
/// user agreed (or is processed) under which legal basis, for which purpose, through which source.
/// Frontcore-specific: Roster's neutral model has no consents.
public struct FrontcoreLegalBasis: Sendable, Hashable, Identifiable {
    /// The record id (the keyset paging key).
    public var id: String
    /// The consent text the user agreed to, when the basis is consent.
    public var consent: Consent?
    /// The legal basis, e.g. id 1 "Samtykke" (consent); the title is localized.
    public var legalBasis: VendorStatus?
    /// The processing purpose, e.g. "Marketing".
    public var purpose: Purpose?
    /// Where the basis was recorded, e.g. "Innkommende sak"; the title is localized.
    public var source: VendorStatus?
    /// A free-text comment.
    public var comment: String?
    /// When the record was created, changed and (if so) withdrawn.
    public var createdAt: Date?, updatedAt: Date?, deletedAt: Date?
    /// The person, as a neutral learner (organization included).
    public var user: Learner?
    /// The lead id, for bases recorded before the person became a user.
    public var leadID: String?

    /// A consent text and its version.
    public struct Consent: Sendable, Hashable {
        /// The consent id.
        public var id: String
        /// The text shown to the user.
        public var title: String?
        /// The text's version.
        public var version: Int?
        /// When the consent text was withdrawn, if it was.
        public var deletedAt: Date?
    }

    /// A processing purpose.
    public struct Purpose: Sendable, Hashable {
        /// The purpose id.
        public var id: String
        /// Its name.
        public var title: String?
        /// When the purpose was retired, if it was.
        public var deletedAt: Date?
    }
}

/// What legal bases to list: the endpoint's documented list filters (no per-user filter exists).
public struct FrontcoreLegalBasisQuery: Sendable, Hashable {
    /// Only records created at or after / at or before these instants.
    public var createdSince: Date?, createdBefore: Date?
    /// Only records updated at or after / at or before these instants.
    public var updatedSince: Date?, updatedBefore: Date?
    /// Records per page (1...250); nil for the vendor's default of 75.
    public var pageSize: Int?

    /// Creates a query.
    public init(
        createdSince: Date? = nil, createdBefore: Date? = nil, updatedSince: Date? = nil, updatedBefore: Date? = nil,
        pageSize: Int? = nil
    ) {
        self.createdSince = createdSince
        self.createdBefore = createdBefore
        self.updatedSince = updatedSince
        self.updatedBefore = updatedBefore
        self.pageSize = pageSize
    }
}

/// The legal-basis record as sent.
struct FrontcoreLegalBasisWire: Decodable {
    var id: FrontcoreInt
    var idLead: FrontcoreInt?
    var consent: ConsentWire?
    var legalBasis: FrontcoreCodeTitle?
    var purpose: PurposeWire?
    var source: FrontcoreCodeTitle?
    var comment: String?
    var createdAt: String?, updatedAt: String?, deletedAt: String?
    var user: FrontcoreUser?

    struct ConsentWire: Decodable {
        var id: FrontcoreInt
        var title: String?
        var version: FrontcoreInt?
        var deletedAt: String?
        enum CodingKeys: String, CodingKey {
            case id, title, version
            case deletedAt = "deleted_at"
        }
    }

    struct PurposeWire: Decodable {
        var id: FrontcoreInt
        var title: String?
        var deletedAt: String?
        enum CodingKeys: String, CodingKey {
            case id, title
            case deletedAt = "deleted_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, idLead, consent, purpose, source, comment, user
        case legalBasis = "legal_basis"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
    }
}
