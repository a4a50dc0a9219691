public import Foundation

/// A course as the provider describes it.
public struct Course: Hashable, Sendable, Codable, Identifiable {
    /// The provider's course id.
    public var id: CourseID
    /// The course's title or name.
    public var title: String?
    /// A short code or reference the vendor shows (Frontcore `reference`, Course Dashboard `slug`).
    public var reference: String?
    /// The vendor's raw course status, where it has one (e.g. Meltingspot `Draft`).
    public var vendorStatus: String?
    /// The vendor's raw privacy setting, where it has one.
    public var privacy: String?
    /// When the course was created, where known.
    public var createdAt: Date?
    /// When the course last changed, where known.
    public var updatedAt: Date?
    /// The vendor's own record, for callers that need a field Roster does not model.
    public var native: NativeRecord?

    /// Creates a course.
    public init(
        id: CourseID, title: String? = nil, reference: String? = nil, vendorStatus: String? = nil,
        privacy: String? = nil, createdAt: Date? = nil, updatedAt: Date? = nil, native: NativeRecord? = nil
    ) {
        self.id = id
        self.title = title
        self.reference = reference
        self.vendorStatus = vendorStatus
        self.privacy = privacy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.native = native
    }
}

/// A scheduled run of a course (Frontcore's course date): when and where it takes place. Only some
/// vendors have sessions, so an enrollment's session is optional.
public struct CourseSession: Hashable, Sendable, Codable, Identifiable {
    /// The provider's session id.
    public var id: SessionID
    /// The session's own title, where it has one.
    public var title: String?
    /// The first day, as a calendar date (no zone applied).
    public var startDate: CalendarDate?
    /// The last day, as a calendar date.
    public var endDate: CalendarDate?
    /// The wall-clock start time on each day.
    public var startTime: LocalTime?
    /// The wall-clock end time on each day.
    public var endTime: LocalTime?
    /// The IANA time zone the dates and times are in, when the vendor says.
    public var timeZone: String?
    /// The UTC offset in seconds, when the vendor gives one instead of a zone.
    public var utcOffsetSeconds: Int?
    /// Where it takes place.
    public var location: Location?
    /// True when the session runs online.
    public var isVirtual: Bool?
    /// The language of teaching as the vendor names it (code or localized name).
    public var teachingLanguage: String?
    /// The vendor's raw session status, where given.
    public var vendorStatus: String?
    /// The vendor's own record, where the session was read on its own (not embedded in an enrollment).
    public var native: NativeRecord?

    /// Creates a session.
    public init(
        id: SessionID, title: String? = nil, startDate: CalendarDate? = nil, endDate: CalendarDate? = nil,
        startTime: LocalTime? = nil, endTime: LocalTime? = nil, timeZone: String? = nil,
        utcOffsetSeconds: Int? = nil, location: Location? = nil, isVirtual: Bool? = nil,
        teachingLanguage: String? = nil, vendorStatus: String? = nil
    ) {
        self.id = id
        self.title = title
        self.startDate = startDate
        self.endDate = endDate
        self.startTime = startTime
        self.endTime = endTime
        self.timeZone = timeZone
        self.utcOffsetSeconds = utcOffsetSeconds
        self.location = location
        self.isVirtual = isVirtual
        self.teachingLanguage = teachingLanguage
        self.vendorStatus = vendorStatus
    }
}

/// A place where a session is held.
public struct Location: Hashable, Sendable, Codable {
    /// The vendor's location id, where given.
    public var id: String?
    /// The place's name.
    public var name: String?
    /// Street address lines, absent lines omitted.
    public var addressLines: [String]
    /// Postal code.
    public var postalCode: String?
    /// City or town.
    public var city: String?
    /// Region or state.
    public var region: String?
    /// ISO 3166 country code, where given.
    public var countryCode: String?
    /// Latitude in degrees; nil when unknown (vendors send 0 for unknown).
    public var latitude: Double?
    /// Longitude in degrees; nil when unknown.
    public var longitude: Double?

    /// Creates a location.
    public init(
        id: String? = nil, name: String? = nil, addressLines: [String] = [], postalCode: String? = nil,
        city: String? = nil, region: String? = nil, countryCode: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.addressLines = addressLines
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.countryCode = countryCode
        self.latitude = latitude
        self.longitude = longitude
    }
}
