import Foundation
public import RosterCore

/// The participant records exactly as Frontcore's API v2 sends them (the published list and PUT samples, in the test Fixtures),
/// decoded leniently: ids that arrive as text or numbers, `""` for absent, fields missing in some
/// payloads. Timestamps stay text here; `FrontcoreTimestamps` parses them. Each neutral `Enrollment`
/// carries its `FrontcoreParticipant` in `native`, for fields Roster does not model.

/// One participant: one person booked on one course date.
public struct FrontcoreParticipant: Sendable, Hashable, Decodable {
    /// The participant id (the enrollment id).
    public var id: FrontcoreInt
    /// The booking and order the participant came from.
    public var bookingID: FrontcoreInt?, orderID: FrontcoreInt?
    /// `idPaid`: the payment status id (1 yes, 3 no, others undocumented).
    public var paidID: FrontcoreInt?
    /// `paid{id,title}`; the title is localized.
    public var paid: FrontcoreCodeTitle?
    /// `status{id,title,status_code}`; the title is localized, never key on it.
    public var status: FrontcoreCodeTitle?
    /// `idStatus`, sent by some payloads instead of (or beside) `status`.
    public var statusID: FrontcoreInt?
    /// Completion, outcome and attendance flags.
    public var completed: FrontcoreBool?, passed: FrontcoreBool?, noShow: FrontcoreBool?
    /// Date-only values despite the `_at` suffix (quirk 14).
    public var certificateIssuedAt: String?, archivedAt: String?
    /// Timestamps with a local offset (`2021-11-25T15:52:56+01:00`).
    public var createdAt: String?, updatedAt: String?, statusUpdatedAt: String?
    /// Where the booking came from (`School`, `User`).
    public var entrySource: String?
    /// The learner's comment on the booking.
    public var userComment: String?
    /// Who booked, when it was not the participant.
    public var bookerName: String?, bookerEmail: String?, bookerPhone: String?
    /// Null or an object (quirk 8).
    public var customProperties: FrontcoreCustomProperties?
    /// The course.
    public var course: FrontcoreCourse?
    /// The course date (session) the participant is booked on.
    public var coursedate: FrontcoreCourseDate?
    /// The person.
    public var user: FrontcoreUser?
    /// `attendance`, sent when asked for with `include[]=attendance`; its shape is undocumented, so it
    /// is kept as the JSON the vendor sent.
    public var attendance: VendorJSON?

    enum CodingKeys: String, CodingKey {
        case id, paid, status, completed, passed, course, coursedate, user, attendance
        case bookingID = "idBooking"
        case orderID = "idOrder"
        case paidID = "idPaid"
        case statusID = "idStatus"
        case noShow = "no_show"
        case certificateIssuedAt = "certificate_issued_at"
        case archivedAt = "archived_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case statusUpdatedAt = "status_updated_at"
        case entrySource = "entry_source"
        case userComment = "user_comment"
        case bookerName = "booker_name"
        case bookerEmail = "booker_email"
        case bookerPhone = "booker_phone"
        case customProperties = "custom_properties"
    }
}

/// An `{id, title, status_code}` pair: participant status, paid status, legal basis, source.
public struct FrontcoreCodeTitle: Sendable, Hashable, Decodable {
    /// The numeric id.
    public var id: FrontcoreInt?
    /// The localized title.
    public var title: String?
    /// The stable code, where sent (`status_confirmed`).
    public var statusCode: String?

    enum CodingKeys: String, CodingKey {
        case id, title
        case statusCode = "status_code"
    }
}

/// The course embedded in a participant.
public struct FrontcoreCourse: Sendable, Hashable, Decodable {
    /// The course id.
    public var id: FrontcoreInt
    /// The title.
    public var title: String?
    /// The school's reference code; null in some payloads (quirk 10).
    public var reference: String?
    /// Timestamps (created_at is null in some payloads).
    public var createdAt: String?, updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, title, reference
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// The course date embedded in a participant (its field names differ from the course-date endpoint).
public struct FrontcoreCourseDate: Sendable, Hashable, Decodable {
    /// The course date id.
    public var id: FrontcoreInt
    /// The course-date status id (1 to be defined, 2 will run, 3 cancelled, 4 postponed).
    public var statusID: FrontcoreInt?
    /// First and last day, and the booking deadline (`YYYY-MM-DD`).
    public var startAt: String?, endAt: String?, deadlineAt: String?
    /// `HH:MM` here (the course-date endpoint sends `HH:MM:SS`).
    public var timeStart: String?, timeEnd: String?
    /// An IANA zone, or null (the usual case).
    public var timezone: String?
    /// A UTC offset, or null; accepted as seconds, `+01:00` or hours.
    public var gmtOffset: FrontcoreOffset?
    /// The place name (a string here, an object on the course-date endpoint).
    public var place: String?
    /// True for online sessions.
    public var isVirtual: FrontcoreBool?
    /// The teaching language as a localized name (`Norsk`) and as a code (`no`).
    public var teachingLanguage: String?, teachingLanguageID: String?
    /// True when the course date was deleted.
    public var isDeleted: FrontcoreBool?
    /// Missing in some payloads (quirk 11).
    public var guaranteedToRun: FrontcoreBool?
    /// A string here while `location.id` is a number (quirk 1).
    public var locationID: FrontcoreInt?
    /// The venue.
    public var location: FrontcoreLocation?

    enum CodingKeys: String, CodingKey {
        case id, timezone, place, location
        case statusID = "idStatus"
        case startAt = "start_at"
        case endAt = "end_at"
        case deadlineAt = "deadline_at"
        case timeStart = "time_start"
        case timeEnd = "time_end"
        case gmtOffset = "gmt_offset"
        case isVirtual = "is_virtual"
        case teachingLanguage = "teaching_language"
        case teachingLanguageID = "idTeachingLanguage"
        case isDeleted = "is_deleted"
        case guaranteedToRun = "guaranteed_to_run"
        case locationID = "idLocation"
    }
}

/// A UTC offset as Frontcore may send it: seconds (`3600`), hours (`1`, `"+2"`), or `"+01:00"`.
/// Real offsets lie within ±14 hours; anything beyond ±18 hours (ISO 8601's widest) is refused as a
/// decoding error at the field's path, as is NaN or a number too large to be an offset.
public struct FrontcoreOffset: Sendable, Hashable, Decodable {
    /// The offset in seconds east of UTC.
    public var seconds: Int

    /// The widest offset accepted, in seconds (18 hours).
    public static let maxSeconds = 18 * 3600

    /// Decodes seconds, hours or `±HH:MM`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let seconds: Int?
        let text: String
        if let number = try? container.decode(Double.self) {
            text = String(number)
            seconds = Self.seconds(number)
        } else {
            text = try container.decode(String.self)
            let negative = text.hasPrefix("-")
            let digits = text.trimmingCharacters(in: CharacterSet(charactersIn: "+- "))
            let parts = digits.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...18).contains(h), (0..<60).contains(m)
            {
                seconds = (negative ? -1 : 1) * (h * 3600 + m * 60)
            } else if let value = VendorNumbers.decimal(digits) {
                seconds = Self.seconds(negative ? -value : value)
            } else {
                seconds = nil
            }
        }
        guard let seconds, abs(seconds) <= Self.maxSeconds else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a UTC offset within ±18 hours, got \(text)")
        }
        self.seconds = seconds
    }

    /// Hours when `|value| ≤ 14`, seconds otherwise; nil when not representable.
    private static func seconds(_ value: Double) -> Int? {
        abs(value) <= 14
            ? VendorNumbers.integer(value * 3600, in: -maxSeconds...maxSeconds)
            : VendorNumbers.integer(value, in: -maxSeconds...maxSeconds)
    }
}

/// A venue.
public struct FrontcoreLocation: Sendable, Hashable, Decodable {
    /// The location id.
    public var id: FrontcoreInt?
    /// Its name, and a custom display name.
    public var title: String?, customTitle: String?
    /// Address lines.
    public var address: String?, address2: String?, address3: String?
    /// Postal code and city.
    public var zipcode: String?, city: String?
    /// Region names (`Vestfold`, `Sem`).
    public var state: String?, county: String?
    /// Country: localized name and ISO code.
    public var country: String?, countryCode: String?
    /// Coordinates; `0` means unknown (quirk 12).
    public var lat: Double?, lng: Double?
    /// An IANA zone, usually null.
    public var timezone: String?
    /// True for an online venue.
    public var isVirtual: FrontcoreBool?

    enum CodingKeys: String, CodingKey {
        case id, title, address, address2, address3, zipcode, city, state, county, country, lat, lng, timezone
        case customTitle = "custom_title"
        case countryCode = "country_code"
        case isVirtual = "is_virtual"
    }
}

/// A person (embedded in participants and legal bases).
public struct FrontcoreUser: Sendable, Hashable, Decodable {
    /// The user id.
    public var id: FrontcoreInt
    /// Names; may be null or swapped (quirk 6).
    public var firstname: String?, lastname: String?
    /// May hold a non-address (`"Larsen"`) or null (quirk 6).
    public var email: String?
    /// Login name; sometimes equal to the e-mail.
    public var username: String?
    /// Contact and work details.
    public var phone: String?, company: String?, orgnr: String?, position: String?, department: String?
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String?
    /// An id from another system.
    public var externalID: String?
    /// Addresses; not validated by the vendor (quirk 7).
    public var invoiceAddress: FrontcoreAddress?, homeAddress: FrontcoreAddress?, workAddress: FrontcoreAddress?
    /// Null or an object.
    public var customProperties: FrontcoreCustomProperties?
    /// The organization the person belongs to.
    public var customer: FrontcoreCustomer?
    /// Timestamps.
    public var createdAt: String?, updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, firstname, lastname, email, username, phone, company, orgnr, position, department, customer
        case dateOfBirth = "date_of_birth"
        case externalID = "external_id"
        case invoiceAddress = "invoice_address"
        case homeAddress = "home_address"
        case workAddress = "work_address"
        case customProperties = "custom_properties"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A postal address block.
public struct FrontcoreAddress: Sendable, Hashable, Decodable {
    /// Address lines.
    public var address: String?, address2: String?, address3: String?
    /// Postal code and city (sometimes swapped by the people who typed them).
    public var zipcode: String?, city: String?

    enum CodingKeys: String, CodingKey {
        case address, zipcode, city
        case address2 = "address_2"
        case address3 = "address_3"
    }
}

/// A customer (organization). Its two serializations differ (quirk 4); only the shared fields are kept.
public struct FrontcoreCustomer: Sendable, Hashable, Decodable {
    /// The customer id.
    public var id: FrontcoreInt?
    /// The name.
    public var title: String?
    /// The Norwegian organization number.
    public var orgnr: String?
    /// `"1"` active, `"2"` deactivated; a string or a number (quirk 2).
    public var statusID: FrontcoreInt?
    /// `Company`, `Private`, or localized (`Bedrift`).
    public var type: String?

    enum CodingKeys: String, CodingKey {
        case id, title, orgnr, type
        case statusID = "idStatus"
    }
}
