public import Foundation

/// One enrollment as the in-memory store holds it, and as the in-memory API serves it: its
/// `Encodable` form IS the documented wire format (see `InMemoryAPI`). The driver decodes it with its
/// own types, as it would a vendor's. The fields a caller sets live in `content` (a `Draft`) and read
/// as the record's own (`record.status`); the store adds the id and the timestamps.
@dynamicMemberLookup
public struct InMemoryRecord: Hashable, Sendable, Encodable {
    /// The enrollment id: an ascending integer rendered as text.
    public var id: String
    /// What the record says: course, status, role, person, progress.
    public var content: Draft
    /// When the record was created.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date
    /// When the status last changed.
    public var statusChangedAt: Date

    /// Reads and writes the content's fields as the record's own.
    public subscript<T>(dynamicMember field: WritableKeyPath<Draft, T>) -> T {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }

    /// What a caller gives to create a record; the store adds id and timestamps.
    public struct Draft: Hashable, Sendable {
        /// The course id.
        public var courseID: String
        /// The course title, as the record carries it.
        public var courseTitle: String?
        /// The raw status code (`InMemoryAPI.statusCodes`, or anything else a test sets).
        public var status: String
        /// The raw role code (`InMemoryAPI.roleCodes`).
        public var role: String
        /// The person.
        public var learner: InMemoryLearner
        /// Progress, 0 to 100.
        public var completionRate: Int?
        /// Outcome, where decided.
        public var passed: Bool?
        /// Payment state, where relevant.
        public var paid: Bool?

        /// Creates a draft.
        public init(
            courseID: String, courseTitle: String? = nil, status: String = "enrolled", role: String = "learner",
            learner: InMemoryLearner, completionRate: Int? = nil, passed: Bool? = nil, paid: Bool? = nil
        ) {
            self.courseID = courseID
            self.courseTitle = courseTitle
            self.status = status
            self.role = role
            self.learner = learner
            self.completionRate = completionRate
            self.passed = passed
            self.paid = paid
        }
    }

    init(id: String, draft: Draft, now: Date) {
        self.id = id
        content = draft
        createdAt = now
        updatedAt = now
        statusChangedAt = now
    }

    enum CodingKeys: String, CodingKey {
        case id, status, role, learner, paid, passed
        case courseID = "course_id"
        case courseTitle = "course_title"
        case completionRate = "completion_rate"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case statusChangedAt = "status_changed_at"
    }

    /// Encodes the wire form: instants as ISO 8601 UTC text with `Z`, absent values omitted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(content.courseID, forKey: .courseID)
        try c.encodeIfPresent(content.courseTitle, forKey: .courseTitle)
        try c.encode(content.status, forKey: .status)
        try c.encode(content.role, forKey: .role)
        try c.encode(content.learner, forKey: .learner)
        try c.encodeIfPresent(content.completionRate, forKey: .completionRate)
        try c.encodeIfPresent(content.passed, forKey: .passed)
        try c.encodeIfPresent(content.paid, forKey: .paid)
        try c.encode(createdAt.formatted(.iso8601), forKey: .createdAt)
        try c.encode(updatedAt.formatted(.iso8601), forKey: .updatedAt)
        try c.encode(statusChangedAt.formatted(.iso8601), forKey: .statusChangedAt)
    }
}

/// A person in the in-memory store, in wire form.
public struct InMemoryLearner: Hashable, Sendable, Encodable {
    /// The person's id, e.g. `u-17`.
    public var id: String
    /// E-mail address.
    public var email: String?
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Login name.
    public var username: String?
    /// An id from another system (e.g. an HR number).
    public var externalID: String?
    /// The organization's id.
    public var organizationID: String?
    /// The organization's name.
    public var organizationName: String?

    /// Creates a person.
    public init(
        id: String, email: String? = nil, firstName: String? = nil, lastName: String? = nil, username: String? = nil,
        externalID: String? = nil, organizationID: String? = nil, organizationName: String? = nil
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.externalID = externalID
        self.organizationID = organizationID
        self.organizationName = organizationName
    }

    enum CodingKeys: String, CodingKey {
        case id, email, username
        case firstName = "first_name"
        case lastName = "last_name"
        case externalID = "external_id"
        case organizationID = "organization_id"
        case organizationName = "organization_name"
    }
}
