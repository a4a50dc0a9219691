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
    /// The person, by provider id. A request that books someone by their details (`person`) names them
    /// here by e-mail address until the provider has given them an id.
    public var learner: LearnerID
    /// The role to give (drivers that cannot express it throw `unsupported`).
    public var role: EnrollmentRole
    /// Whether the vendor should e-mail the person, where it can.
    public var notify: Bool
    /// The session (course date) to enroll on, for vendors that book people onto sessions rather than
    /// courses (Frontcore); drivers of the others ignore it.
    public var session: SessionID?
    /// The person's details, for vendors that enroll by booking a named person rather than by an
    /// existing user id (Frontcore orders). Nil elsewhere.
    public var person: NewLearner?

    /// Creates a request for an existing person.
    public init(
        course: CourseID, learner: LearnerID, role: EnrollmentRole = .learner, notify: Bool = false,
        session: SessionID? = nil, person: NewLearner? = nil
    ) {
        self.course = course
        self.learner = learner
        self.role = role
        self.notify = notify
        self.session = session
        self.person = person
    }

    /// Creates a request that books `person` by their details onto `session` of `course` (the person
    /// need not exist at the provider yet). `learner` holds their e-mail address.
    public init(course: CourseID, session: SessionID, person: NewLearner, notify: Bool = false) {
        self.init(
            course: course, learner: LearnerID(person.email), notify: notify, session: session, person: person)
    }
}

/// What an enroll call achieved.
public enum EnrollOutcome: Hashable, Sendable {
    /// A new enrollment was created; the record when the vendor returned one.
    case created(Enrollment?)
    /// The person was already in the course; nothing changed. Not an error.
    case alreadyEnrolled(Enrollment?)
}
