public import Foundation

/// What to list. Every field is optional; set fields are AND-ed. The facade sends to the driver only
/// the filters the driver declares as server-side, and applies the rest itself (reporting them as
/// local in the listing's report).
public struct EnrollmentQuery: Hashable, Sendable, Codable {
    /// Only this course.
    public var course: CourseID?
    /// Only this session (course date).
    public var session: SessionID?
    /// Only this person.
    public var learner: LearnerID?
    /// Only people of this organization.
    public var organization: OrganizationID?
    /// Only these canonical statuses (empty: any).
    public var statuses: Set<EnrollmentStatus>
    /// Only these roles (empty: any).
    public var roles: Set<EnrollmentRole>
    /// Only these e-mail addresses (case-insensitive; empty: any).
    public var emails: Set<String>
    /// Only records updated at or after this instant.
    public var updatedSince: Date?
    /// Only records updated at or before this instant.
    public var updatedBefore: Date?
    /// Only records created at or after this instant.
    public var createdSince: Date?
    /// Only records created at or before this instant.
    public var createdBefore: Date?
    /// A case-insensitive text that must occur in the learner's name, username or e-mail.
    public var search: String?
    /// Only learners whose given name is one of these, compared exactly as stored (case included;
    /// empty: any). Exact, because that is the strictest rule a vendor's server filter can have, so a
    /// vendor that compares more loosely can still narrow the listing safely.
    public var firstNames: Set<String>
    /// Only learners whose family name is one of these, compared exactly as stored (empty: any).
    public var lastNames: Set<String>
    /// The order to list in, where the provider can order (`DriverCapabilities.orderings`); nil lists in
    /// the provider's own order. Not a filter: it changes the order, never the set of records.
    public var order: EnrollmentOrder?
    /// Records per page to ask for; nil uses the driver's default. Must be within 1...maxPageSize.
    public var pageSize: Int?

    /// Creates a query.
    public init(
        course: CourseID? = nil, session: SessionID? = nil, learner: LearnerID? = nil,
        organization: OrganizationID? = nil, statuses: Set<EnrollmentStatus> = [], roles: Set<EnrollmentRole> = [],
        emails: Set<String> = [], updatedSince: Date? = nil, updatedBefore: Date? = nil,
        createdSince: Date? = nil, createdBefore: Date? = nil, search: String? = nil, pageSize: Int? = nil,
        firstNames: Set<String> = [], lastNames: Set<String> = [], order: EnrollmentOrder? = nil
    ) {
        self.firstNames = firstNames
        self.lastNames = lastNames
        self.order = order
        self.course = course
        self.session = session
        self.learner = learner
        self.organization = organization
        self.statuses = statuses
        self.roles = roles
        self.emails = emails
        self.updatedSince = updatedSince
        self.updatedBefore = updatedBefore
        self.createdSince = createdSince
        self.createdBefore = createdBefore
        self.search = search
        self.pageSize = pageSize
    }

    /// The filters this query sets.
    public var filters: Set<EnrollmentFilter> {
        var set: Set<EnrollmentFilter> = []
        if course != nil { set.insert(.course) }
        if session != nil { set.insert(.session) }
        if learner != nil { set.insert(.learner) }
        if organization != nil { set.insert(.organization) }
        if !statuses.isEmpty { set.insert(.status) }
        if !roles.isEmpty { set.insert(.role) }
        if !emails.isEmpty { set.insert(.email) }
        if updatedSince != nil { set.insert(.updatedSince) }
        if updatedBefore != nil { set.insert(.updatedBefore) }
        if createdSince != nil { set.insert(.createdSince) }
        if createdBefore != nil { set.insert(.createdBefore) }
        if search != nil { set.insert(.search) }
        if !firstNames.isEmpty { set.insert(.firstName) }
        if !lastNames.isEmpty { set.insert(.lastName) }
        return set
    }

    /// A copy with only `kept` filters set (the others cleared); the page size and the order are kept.
    public func keeping(only kept: Set<EnrollmentFilter>) -> EnrollmentQuery {
        var copy = EnrollmentQuery(pageSize: pageSize, order: order)
        if kept.contains(.course) { copy.course = course }
        if kept.contains(.session) { copy.session = session }
        if kept.contains(.learner) { copy.learner = learner }
        if kept.contains(.organization) { copy.organization = organization }
        if kept.contains(.status) { copy.statuses = statuses }
        if kept.contains(.role) { copy.roles = roles }
        if kept.contains(.email) { copy.emails = emails }
        if kept.contains(.updatedSince) { copy.updatedSince = updatedSince }
        if kept.contains(.updatedBefore) { copy.updatedBefore = updatedBefore }
        if kept.contains(.createdSince) { copy.createdSince = createdSince }
        if kept.contains(.createdBefore) { copy.createdBefore = createdBefore }
        if kept.contains(.search) { copy.search = search }
        if kept.contains(.firstName) { copy.firstNames = firstNames }
        if kept.contains(.lastName) { copy.lastNames = lastNames }
        return copy
    }

    /// True when `enrollment` satisfies every filter in `filters` (others are ignored). This is the
    /// reference semantics of each filter: a server-side filter must select exactly the same records.
    public func matches(_ enrollment: Enrollment, on filters: Set<EnrollmentFilter>) -> Bool {
        for filter in filters {
            switch filter {
            case .course: if enrollment.course.id != course { return false }
            case .session: if enrollment.session?.id != session { return false }
            case .learner: if enrollment.learner.id != learner { return false }
            case .organization: if enrollment.learner.organization?.id != organization { return false }
            case .status: if !statuses.isEmpty && !statuses.contains(enrollment.status) { return false }
            case .role: if !roles.isEmpty && !roles.contains(enrollment.role) { return false }
            case .email:
                guard !emails.isEmpty else { continue }
                let wanted = Set(emails.map { $0.lowercased() })
                guard let email = enrollment.learner.email?.lowercased(), wanted.contains(email) else { return false }
            case .updatedSince:
                guard let bound = updatedSince else { continue }
                guard let at = enrollment.timestamps.updatedAt, at >= bound else { return false }
            case .updatedBefore:
                guard let bound = updatedBefore else { continue }
                guard let at = enrollment.timestamps.updatedAt, at <= bound else { return false }
            case .createdSince:
                guard let bound = createdSince else { continue }
                guard let at = enrollment.timestamps.createdAt, at >= bound else { return false }
            case .createdBefore:
                guard let bound = createdBefore else { continue }
                guard let at = enrollment.timestamps.createdAt, at <= bound else { return false }
            case .search:
                guard let needle = search?.lowercased(), !needle.isEmpty else { continue }
                let learner = enrollment.learner
                let haystack = [learner.displayName, learner.firstName, learner.lastName, learner.username, learner.email]
                if !haystack.contains(where: { $0?.lowercased().contains(needle) == true }) { return false }
            case .firstName:
                guard !firstNames.isEmpty else { continue }
                guard let name = enrollment.learner.firstName, firstNames.contains(name) else { return false }
            case .lastName:
                guard !lastNames.isEmpty else { continue }
                guard let name = enrollment.learner.lastName, lastNames.contains(name) else { return false }
            }
        }
        return true
    }
}

extension EnrollmentQuery {
    enum CodingKeys: String, CodingKey {
        case course, session, learner, organization, statuses, roles, emails, updatedSince, updatedBefore
        case createdSince, createdBefore, search, firstNames, lastNames, order, pageSize
    }

    /// Decodes a query, reading keys added after the first release (`firstNames`, `lastNames`,
    /// `order`) as absent when missing, so a checkpoint saved by an earlier version still resumes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            course: try c.decodeIfPresent(CourseID.self, forKey: .course),
            session: try c.decodeIfPresent(SessionID.self, forKey: .session),
            learner: try c.decodeIfPresent(LearnerID.self, forKey: .learner),
            organization: try c.decodeIfPresent(OrganizationID.self, forKey: .organization),
            statuses: try c.decode(Set<EnrollmentStatus>.self, forKey: .statuses),
            roles: try c.decode(Set<EnrollmentRole>.self, forKey: .roles),
            emails: try c.decode(Set<String>.self, forKey: .emails),
            updatedSince: try c.decodeIfPresent(Date.self, forKey: .updatedSince),
            updatedBefore: try c.decodeIfPresent(Date.self, forKey: .updatedBefore),
            createdSince: try c.decodeIfPresent(Date.self, forKey: .createdSince),
            createdBefore: try c.decodeIfPresent(Date.self, forKey: .createdBefore),
            search: try c.decodeIfPresent(String.self, forKey: .search),
            pageSize: try c.decodeIfPresent(Int.self, forKey: .pageSize),
            firstNames: try c.decodeIfPresent(Set<String>.self, forKey: .firstNames) ?? [],
            lastNames: try c.decodeIfPresent(Set<String>.self, forKey: .lastNames) ?? [],
            order: try c.decodeIfPresent(EnrollmentOrder.self, forKey: .order))
    }
}

/// One kind of filter an `EnrollmentQuery` can carry; drivers declare which they apply on the server.
public enum EnrollmentFilter: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case course, session, learner, organization, status, role, email
    case updatedSince, updatedBefore, createdSince, createdBefore, search
    /// The learner's given name (`EnrollmentQuery.firstNames`).
    case firstName
    /// The learner's family name (`EnrollmentQuery.lastNames`).
    case lastName

    public static func < (lhs: EnrollmentFilter, rhs: EnrollmentFilter) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What courses to list.
public struct CourseQuery: Hashable, Sendable, Codable {
    /// A case-insensitive text that must occur in the title (applied locally when the driver cannot).
    public var search: String?
    /// Records per page to ask for; nil uses the driver's default.
    public var pageSize: Int?

    /// Creates a query.
    public init(search: String? = nil, pageSize: Int? = nil) {
        self.search = search
        self.pageSize = pageSize
    }
}
