import Foundation

/// The simulator's own state records, shaped after the vendor documentation,
/// not after the adapter's types. Times are instants; rendering writes them as Oslo-local ISO 8601.
struct SimCustomer: Sendable {
    var id: Int
    var title: String
    var orgnr: String
    var address: String
    var zipcode: String
    var city: String
    var createdAt: Date
}

/// A venue.
struct SimLocation: Sendable {
    var id: Int
    var title: String
    var state: String?
    var county: String?
    var placeID: Int
    var latitude: Double
    var longitude: Double
    var isVirtual: Bool
}

/// A course.
struct SimCourse: Sendable {
    var id: Int
    var title: String
    var reference: String?
    var createdAt: Date?
    var updatedAt: Date
    /// `is_active`: false for a course no longer offered.
    var isActive = true
}

/// A course date (session) of a course.
struct SimCourseDate: Sendable {
    var id: Int
    var courseID: Int
    var startDay: String
    var endDay: String
    var deadlineDay: String
    var timeStart: String
    var timeEnd: String
    var week: Int
    var location: SimLocation
    var teachingLanguage: (name: String, code: String)
    /// Nil: the key is left out, as on some vendor payloads.
    var guaranteedToRun: Bool?
    /// The course-date status: 1 to be defined, 2 will run, 3 cancelled, 4 postponed.
    var statusID = 2
}

/// A person.
struct SimUser: Sendable {
    var id: Int
    var firstname: String?
    var lastname: String?
    var email: String?
    var username: String?
    /// The person's id in the school's own systems (`external_id`).
    var externalID: String?
    var phone: String?
    var dateOfBirth: String?
    var address: String?
    var zipcode: String?
    var city: String?
    var customerID: Int?
    var customProperties: [(String, String?)]?
    var createdAt: Date
    var updatedAt: Date
}

/// One participant: a user booked on a course date.
struct SimParticipant: Sendable {
    var id: Int
    var bookingID: Int
    var orderID: Int
    var courseDateID: Int
    var userID: Int
    var statusID: Int
    var paidID: Int
    var completed: Bool
    var passed: Bool
    var noShow: Bool
    var certificateIssuedDay: String?
    var archivedDay: String?
    var entrySource: String
    var userComment: String?
    var customProperties: [(String, String?)]?
    var createdAt: Date
    var updatedAt: Date
    var statusUpdatedAt: Date?
}

/// A privacy legal basis (consent record).
struct SimLegalBasis: Sendable {
    var id: Int
    var userID: Int
    var consentID: Int
    var purpose: (id: Int, title: String)
    var sourceTitle: String
    var comment: String?
    var createdAt: Date
    var updatedAt: Date
    var deletedAt: Date?
}

/// Localized titles and codes of the documented vendor vocabularies (Norwegian account language).
enum SimVocabulary {
    /// Participant status id → (title, status_code). Codes of ids 3, 4 and 8 are not published; these
    /// follow the published pattern.
    static func status(_ id: Int) -> (title: String, code: String?) {
        switch id {
        case 1: ("Påmeldt", "status_confirmed")
        case 2: ("Overbooket", "status_overbooked")
        case 3: ("Venteliste", "status_waitinglist")
        case 4: ("Avmeldt", "status_deregistered")
        case 7: ("Ikke bekreftet", "status_unconfirmed")
        case 8: ("Avmeldt med gebyr", "status_deregistered_fee")
        default: ("Ukjent status", nil)
        }
    }

    /// The documented participant status ids.
    static let statusIDs = [1, 2, 3, 4, 7, 8]

    /// Paid id → localized title.
    static func paid(_ id: Int) -> String {
        switch id {
        case 1: "Ja"
        case 3: "Nei"
        default: "Delvis"
        }
    }
}
