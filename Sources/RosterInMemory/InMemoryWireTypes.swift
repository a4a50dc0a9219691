import Foundation
import RosterCore

/// What the driver decodes from the in-memory API: its own types, separate from the store's
/// (`InMemoryRecord`) so that a mistake on one side is not mirrored on the other.
struct InMemoryWireEnrollment: Decodable {
    var id: EnrollmentID
    var courseID: CourseID
    var courseTitle: String?
    var status: String
    var role: String
    var learner: InMemoryWireLearner
    var completionRate: Int?
    var passed: Bool?
    var paid: Bool?
    var createdAt: WireInstant?
    var updatedAt: WireInstant?
    var statusChangedAt: WireInstant?

    enum CodingKeys: String, CodingKey {
        case id, status, role, learner, paid, passed
        case courseID = "course_id"
        case courseTitle = "course_title"
        case completionRate = "completion_rate"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case statusChangedAt = "status_changed_at"
    }
}

/// A person as the in-memory API sends it.
struct InMemoryWireLearner: Decodable {
    var id: LearnerID
    var email: String?
    var firstName: String?
    var lastName: String?
    var username: String?
    var externalID: String?
    var organizationID: OrganizationID?
    var organizationName: String?

    enum CodingKeys: String, CodingKey {
        case id, email, username
        case firstName = "first_name"
        case lastName = "last_name"
        case externalID = "external_id"
        case organizationID = "organization_id"
        case organizationName = "organization_name"
    }
}

/// A course as the in-memory API sends it.
struct InMemoryWireCourse: Decodable {
    var id: CourseID
    var title: String?
}

/// `{"items", "total"}`: a page with a total.
struct InMemoryTotalPage<Item: Decodable>: Decodable {
    var items: [Item]
    var total: Int
}

/// `{"count", "next", "results"}`: a page with a next link.
struct InMemoryLinkPage<Item: Decodable>: Decodable {
    var count: Int
    var next: String?
    var results: [Item]
}

/// An ISO 8601 instant sent as text; anything else is a decoding error at its JSON path.
struct WireInstant: Decodable {
    var date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 instant")
        }
        self.date = date
    }
}

extension InMemoryWireEnrollment {
    /// The neutral record.
    func enrollment(provider: ProviderID) -> Enrollment {
        Enrollment(
            provider: provider, id: id, course: CourseReference(id: courseID, title: courseTitle),
            learner: learner.learner,
            status: InMemoryStatusMapping.status(for: status), role: InMemoryStatusMapping.role(for: role),
            vendorStatus: VendorStatus(code: status), completionRate: completionRate, passed: passed,
            payment: paid.map { PaymentStatus(code: $0 ? "paid" : "unpaid", isPaid: $0) },
            timestamps: EnrollmentTimestamps(
                completedAt: status == "completed" ? statusChangedAt?.date : nil, createdAt: createdAt?.date,
                updatedAt: updatedAt?.date, statusChangedAt: statusChangedAt?.date))
    }
}

extension InMemoryWireLearner {
    /// The neutral person.
    var learner: Learner {
        Learner(
            id: id, email: email, firstName: firstName, lastName: lastName, username: username,
            organization: organizationID.map { Organization(id: $0, name: organizationName) }, externalID: externalID)
    }
}
