import Foundation
import RosterCore

/// The fields of a Frontcore participant that the mapping to `Enrollment` reads, and no others: a
/// listing decodes these (about half of what the vendor sends) and keeps the record's raw JSON, from
/// which the whole `FrontcoreParticipant` is decoded only when a caller asks for `native`. Field by
/// field they decode exactly as in `FrontcoreParticipant` (same lenient types, same paths in errors).
/// Package-visible for the benchmark that times a bare decode loop of it.
package struct FrontcoreMappedParticipant: Sendable, Decodable {
    var id: FrontcoreInt
    var paidID: FrontcoreInt?
    var paid: FrontcoreCodeTitle?
    var status: FrontcoreCodeTitle?
    var statusID: FrontcoreInt?
    var completed: FrontcoreBool?, passed: FrontcoreBool?, noShow: FrontcoreBool?
    var certificateIssuedAt: String?, archivedAt: String?
    var createdAt: String?, updatedAt: String?, statusUpdatedAt: String?
    var customProperties: FrontcoreCustomProperties?
    var course: Course?
    var coursedate: CourseDate?
    var user: FrontcoreMappedUser?
    /// Sent only when asked for with `include[]=attendance`; kept as sent.
    var attendance: VendorJSON?

    enum CodingKeys: String, CodingKey {
        case id, paid, status, completed, passed, course, coursedate, user, attendance
        case paidID = "idPaid"
        case statusID = "idStatus"
        case noShow = "no_show"
        case certificateIssuedAt = "certificate_issued_at"
        case archivedAt = "archived_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case statusUpdatedAt = "status_updated_at"
        case customProperties = "custom_properties"
    }

    /// The course's id and title.
    struct Course: Sendable, Decodable {
        var id: FrontcoreInt
        var title: String?
    }

    /// What a session is made of.
    struct CourseDate: Sendable, Decodable {
        var id: FrontcoreInt
        var statusID: FrontcoreInt?
        var startAt: String?, endAt: String?
        var timeStart: String?, timeEnd: String?
        var timezone: String?
        var gmtOffset: FrontcoreOffset?
        var place: String?
        var isVirtual: FrontcoreBool?
        var teachingLanguage: String?, teachingLanguageID: String?
        var location: FrontcoreLocation?

        enum CodingKeys: String, CodingKey {
            case id, timezone, place, location
            case statusID = "idStatus"
            case startAt = "start_at"
            case endAt = "end_at"
            case timeStart = "time_start"
            case timeEnd = "time_end"
            case gmtOffset = "gmt_offset"
            case isVirtual = "is_virtual"
            case teachingLanguage = "teaching_language"
            case teachingLanguageID = "idTeachingLanguage"
        }
    }
}

/// The fields of a Frontcore user that `Learner` is built from.
struct FrontcoreMappedUser: Sendable, Decodable {
    var id: FrontcoreInt
    var firstname: String?, lastname: String?
    var email: String?
    var username: String?
    var phone: String?, company: String?, orgnr: String?
    var externalID: String?
    var customer: Customer?

    /// The customer's id, name and organization number.
    struct Customer: Sendable, Decodable {
        var id: FrontcoreInt?
        var title: String?
        var orgnr: String?
    }

    enum CodingKeys: String, CodingKey {
        case id, firstname, lastname, email, username, phone, company, orgnr, customer
        case externalID = "external_id"
    }

    /// The same fields of a fully decoded user (legal bases carry one).
    init(_ user: FrontcoreUser) {
        id = user.id
        firstname = user.firstname
        lastname = user.lastname
        email = user.email
        username = user.username
        phone = user.phone
        company = user.company
        orgnr = user.orgnr
        externalID = user.externalID
        customer = user.customer.map { Customer(id: $0.id, title: $0.title, orgnr: $0.orgnr) }
    }
}
