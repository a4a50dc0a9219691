/// What a driver can do, declared up front so the facade (and the `roster providers` table) can
/// tell callers before they try. An undeclared operation throws `unsupported`.
public struct DriverCapabilities: Hashable, Sendable, Codable {
    /// An operation a driver may support.
    public enum Operation: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case listEnrollments, listCourses
        /// Reading one course by id (`Roster.course(_:)`).
        case getCourse
        case getEnrollment, updateEnrollment, enroll, unenroll
        /// Looking people up by identity (`learnerLookups` says by which kinds).
        case findLearners
        /// Creating a person (by e-mail).
        case createLearner
        public static func < (lhs: Operation, rhs: Operation) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The operations supported.
    public var operations: Set<Operation>
    /// How enrollment listings page.
    public var enrollmentPaging: PagingStyle
    /// How course listings page.
    public var coursePaging: PagingStyle
    /// The page size used when the query sets none.
    public var defaultPageSize: Int
    /// The largest page size the vendor accepts.
    public var maxPageSize: Int
    /// The filters the vendor applies on its server; the facade applies any other locally.
    public var serverFilters: Set<EnrollmentFilter>
    /// Filters the vendor can only narrow by, not select exactly (e.g. a `joined` membership that Roster
    /// splits into enrolled, in progress and completed): the facade passes them to the driver so the
    /// server sends less, and still applies them exactly itself.
    public var narrowingFilters: Set<EnrollmentFilter>
    /// Filters that cannot be applied at all because the vendor's records lack the data (no update
    /// time, no e-mail, no sessions): a query using one is refused with `unsupported` instead of
    /// silently matching nothing.
    public var unavailableFilters: Set<EnrollmentFilter>
    /// True when the vendor can only list enrollments of one course at a time: a listing without a
    /// course then walks every course (the facade does that).
    public var listsPerCourse: Bool
    /// True when getting, updating or enrolling needs the course id as well as the record id.
    public var needsCourseForRecordAccess: Bool
    /// The canonical statuses `updateEnrollment` can write.
    public var writableStatuses: Set<EnrollmentStatus>
    /// The roles `enroll` can give.
    public var enrollableRoles: Set<EnrollmentRole>
    /// The vendor's documented request budgets, for display.
    public var rateLimits: [RateLimit]
    /// The identity kinds `findLearners` can look people up by; empty when it is not declared.
    public var learnerLookups: Set<LearnerIdentity.Kind>
    /// The fields `updateEnrollment` can write (a status must also be in `writableStatuses`).
    public var updatableFields: Set<EnrollmentUpdate.Field>
    /// The keys the vendor can order an enrollment listing by (each in both directions). A listing is
    /// a stream, so the facade cannot sort it itself: a query ordered by any other key is refused with
    /// `unsupported`.
    public var orderings: Set<EnrollmentOrder.Key>

    /// Creates a capability declaration.
    public init(
        operations: Set<Operation>, enrollmentPaging: PagingStyle, coursePaging: PagingStyle,
        defaultPageSize: Int, maxPageSize: Int, serverFilters: Set<EnrollmentFilter>, listsPerCourse: Bool,
        needsCourseForRecordAccess: Bool = false, writableStatuses: Set<EnrollmentStatus> = [],
        enrollableRoles: Set<EnrollmentRole> = [], rateLimits: [RateLimit] = [],
        narrowingFilters: Set<EnrollmentFilter> = [], unavailableFilters: Set<EnrollmentFilter> = [],
        learnerLookups: Set<LearnerIdentity.Kind> = [], updatableFields: Set<EnrollmentUpdate.Field>? = nil,
        orderings: Set<EnrollmentOrder.Key> = []
    ) {
        self.orderings = orderings
        self.learnerLookups = learnerLookups
        self.updatableFields =
            operations.contains(.updateEnrollment) ? updatableFields ?? Set(EnrollmentUpdate.Field.allCases) : []
        self.narrowingFilters = narrowingFilters
        self.unavailableFilters = unavailableFilters
        self.operations = operations
        self.enrollmentPaging = enrollmentPaging
        self.coursePaging = coursePaging
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.serverFilters = serverFilters
        self.listsPerCourse = listsPerCourse
        self.needsCourseForRecordAccess = needsCourseForRecordAccess
        self.writableStatuses = writableStatuses
        self.enrollableRoles = enrollableRoles
        self.rateLimits = rateLimits
    }

    /// True when `operation` is supported.
    public func supports(_ operation: Operation) -> Bool { operations.contains(operation) }

    /// True when `updateEnrollment` can write `field`.
    public func canUpdate(_ field: EnrollmentUpdate.Field) -> Bool {
        supports(.updateEnrollment) && updatableFields.contains(field)
    }

    /// True when people can be looked up by identities of `kind`.
    public func canLookUp(_ kind: LearnerIdentity.Kind) -> Bool {
        supports(.findLearners) && learnerLookups.contains(kind)
    }
}

/// A request budget: `requests` per `seconds`.
public struct RateLimit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Requests allowed in the window.
    public var requests: Int
    /// The window in seconds.
    public var seconds: Double

    /// Creates a budget.
    public init(requests: Int, per seconds: Double) {
        self.requests = requests
        self.seconds = seconds
    }

    public var description: String {
        switch seconds {
        case 1: "\(requests)/s"
        case 86_400: "\(requests)/day"
        default: "\(requests)/\(seconds.formatted()) s"
        }
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
