public import Foundation

/// One person's place in one course (or course session) at one provider: the record Roster lists,
/// reads and updates.
public struct Enrollment: Hashable, Sendable, Codable, Identifiable {
    /// The provider that holds the record.
    public var provider: ProviderID
    /// Unique within the provider.
    public var id: EnrollmentID
    /// The course.
    public var course: CourseReference
    /// The scheduled run, for vendors that book people onto sessions.
    public var session: CourseSession?
    /// The person.
    public var learner: Learner
    /// The canonical lifecycle status.
    public var status: EnrollmentStatus
    /// The canonical role.
    public var role: EnrollmentRole
    /// The vendor's own status value, kept exactly.
    public var vendorStatus: VendorStatus
    /// Progress in percent, 0 to 100, where the vendor reports it.
    public var completionRate: Int?
    /// Whether the learner passed, where the vendor records an outcome.
    public var passed: Bool?
    /// Payment state, where the vendor records one.
    public var payment: PaymentStatus?
    /// True when the learner did not show up.
    public var noShow: Bool?
    /// True when a cancellation carried a fee (Frontcore status 8).
    public var cancellationFee: Bool?
    /// The day a certificate was issued (date-only at the vendor).
    public var certificateIssuedOn: CalendarDate?
    /// The day the record was archived (date-only at the vendor).
    public var archivedOn: CalendarDate?
    /// Timestamps of the enrollment's life.
    public var timestamps: EnrollmentTimestamps
    /// Free-form vendor properties (Frontcore `custom_properties`); nil values are explicit nulls.
    public var customProperties: [String: String?]?
    /// Attendance as the vendor reported it, kept undecoded because no vendor documents its shape
    /// (Frontcore's `attendance`, sent when the configuration asks for it); nil when not reported.
    public var attendance: VendorJSON?
    /// The vendor's own record, for callers that need a field Roster does not model.
    public var native: NativeRecord?

    /// Creates an enrollment.
    public init(
        provider: ProviderID, id: EnrollmentID, course: CourseReference, session: CourseSession? = nil,
        learner: Learner, status: EnrollmentStatus, role: EnrollmentRole = .learner, vendorStatus: VendorStatus,
        completionRate: Int? = nil, passed: Bool? = nil, payment: PaymentStatus? = nil, noShow: Bool? = nil,
        cancellationFee: Bool? = nil, certificateIssuedOn: CalendarDate? = nil, archivedOn: CalendarDate? = nil,
        timestamps: EnrollmentTimestamps = .init(), customProperties: [String: String?]? = nil,
        native: NativeRecord? = nil, attendance: VendorJSON? = nil
    ) {
        self.attendance = attendance
        self.provider = provider
        self.id = id
        self.course = course
        self.session = session
        self.learner = learner
        self.status = status
        self.role = role
        self.vendorStatus = vendorStatus
        self.completionRate = completionRate
        self.passed = passed
        self.payment = payment
        self.noShow = noShow
        self.cancellationFee = cancellationFee
        self.certificateIssuedOn = certificateIssuedOn
        self.archivedOn = archivedOn
        self.timestamps = timestamps
        self.customProperties = customProperties
        self.native = native
    }
}

/// The course an enrollment belongs to, as far as the enrollment record tells.
public struct CourseReference: Hashable, Sendable, Codable {
    /// The course id.
    public var id: CourseID
    /// The course title, when the record carries it.
    public var title: String?

    /// Creates a reference.
    public init(id: CourseID, title: String? = nil) {
        self.id = id
        self.title = title
    }
}

/// The vendor's raw status: a code (always) and a localized title (where sent). Never key logic on
/// the title: vendors translate it.
public struct VendorStatus: Hashable, Sendable, Codable {
    /// The raw code as text, e.g. `"1"`, `"Started"`, `"joined"`.
    public var code: String
    /// The vendor's secondary code, e.g. Frontcore's `status_confirmed`.
    public var key: String?
    /// The localized title, e.g. `"Påmeldt"`.
    public var title: String?

    /// Creates a raw status.
    public init(code: String, key: String? = nil, title: String? = nil) {
        self.code = code
        self.key = key
        self.title = title
    }
}

/// A payment state: the vendor's raw id and title, with `isPaid` where the id's meaning is known.
public struct PaymentStatus: Hashable, Sendable, Codable {
    /// The raw id as text.
    public var code: String
    /// The localized title.
    public var title: String?
    /// True (paid), false (not paid), or nil when the vendor's id has no known meaning.
    public var isPaid: Bool?

    /// Creates a payment state.
    public init(code: String, title: String? = nil, isPaid: Bool? = nil) {
        self.code = code
        self.title = title
        self.isPaid = isPaid
    }
}

/// The moments in an enrollment's life; each is nil where the vendor does not say.
public struct EnrollmentTimestamps: Hashable, Sendable, Codable {
    /// When the place was confirmed or the person joined.
    public var enrolledAt: Date?
    /// When the person was invited.
    public var invitedAt: Date?
    /// When the person started.
    public var startedAt: Date?
    /// When the person completed.
    public var completedAt: Date?
    /// When the enrollment was cancelled or the person unenrolled.
    public var cancelledAt: Date?
    /// The last learning activity.
    public var lastActivityAt: Date?
    /// When the record was created.
    public var createdAt: Date?
    /// When the record last changed.
    public var updatedAt: Date?
    /// When the status last changed.
    public var statusChangedAt: Date?

    /// Creates timestamps.
    public init(
        enrolledAt: Date? = nil, invitedAt: Date? = nil, startedAt: Date? = nil, completedAt: Date? = nil,
        cancelledAt: Date? = nil, lastActivityAt: Date? = nil, createdAt: Date? = nil, updatedAt: Date? = nil,
        statusChangedAt: Date? = nil
    ) {
        self.enrolledAt = enrolledAt
        self.invitedAt = invitedAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.cancelledAt = cancelledAt
        self.lastActivityAt = lastActivityAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.statusChangedAt = statusChangedAt
    }
}
