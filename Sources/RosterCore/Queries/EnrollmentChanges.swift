/// A partial update of one enrollment: nil fields are left as they are.
public struct EnrollmentUpdate: Hashable, Sendable, Codable {
    /// The new canonical status; drivers map it to the vendor's code or throw `unsupported`.
    public var status: EnrollmentStatus?
    /// The new completion flag.
    public var completed: Bool?
    /// The new outcome.
    public var passed: Bool?
    /// The new payment state, as the vendor's raw payment code.
    public var paymentCode: String?
    /// Properties to set; a nil value clears the property.
    public var customProperties: [String: String?]?

    /// Creates an update.
    public init(
        status: EnrollmentStatus? = nil, completed: Bool? = nil, passed: Bool? = nil, paymentCode: String? = nil,
        customProperties: [String: String?]? = nil
    ) {
        self.status = status
        self.completed = completed
        self.passed = passed
        self.paymentCode = paymentCode
        self.customProperties = customProperties
    }

    /// True when the update changes nothing.
    public var isEmpty: Bool {
        status == nil && completed == nil && passed == nil && paymentCode == nil && customProperties == nil
    }

    /// A field an update can set, for capability declarations.
    public enum Field: String, Hashable, Sendable, Codable, CaseIterable {
        case status, completed, passed, paymentCode, customProperties
    }

    /// The fields this update sets.
    public var fields: Set<Field> {
        var set: Set<Field> = []
        if status != nil { set.insert(.status) }
        if completed != nil { set.insert(.completed) }
        if passed != nil { set.insert(.passed) }
        if paymentCode != nil { set.insert(.paymentCode) }
        if customProperties != nil { set.insert(.customProperties) }
        return set
    }
}

/// A request to put a person into a course.
public struct EnrollRequest: Hashable, Sendable, Codable {
    /// The course.
    public var course: CourseID
    /// The person, by provider id.
    public var learner: LearnerID
    /// The role to give (drivers that cannot express it throw `unsupported`).
    public var role: EnrollmentRole
    /// Whether the vendor should e-mail the person, where it can.
    public var notify: Bool

    /// Creates a request.
    public init(course: CourseID, learner: LearnerID, role: EnrollmentRole = .learner, notify: Bool = false) {
        self.course = course
        self.learner = learner
        self.role = role
        self.notify = notify
    }
}

/// What an enroll call achieved.
public enum EnrollOutcome: Hashable, Sendable {
    /// A new enrollment was created; the record when the vendor returned one.
    case created(Enrollment?)
    /// The person was already in the course; nothing changed. Not an error.
    case alreadyEnrolled(Enrollment?)
}
