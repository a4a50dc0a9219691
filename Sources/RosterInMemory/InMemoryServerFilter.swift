import RosterCore
import Foundation

/// The enrollment filters `InMemoryHandler` applies on the "server", parsed from a listing's query.
/// Their semantics match `EnrollmentQuery.matches` exactly (the conformance suite checks that).
struct InMemoryServerFilter {
    var course: String?
    var learner: String?
    var statuses: Set<String> = []
    var roles: Set<String> = []
    var emails: Set<String> = []
    var updatedSince: Date?
    var updatedBefore: Date?
    var search: String?

    init(_ query: [String: [String]]) throws {
        course = query["course"]?.first
        learner = query["learner"]?.first
        statuses = Set(query["status"] ?? [])
        roles = Set(query["role"] ?? [])
        emails = Set((query["email"] ?? []).map { $0.lowercased() })
        updatedSince = try query["updated_since"]?.first.map(Self.instant)
        updatedBefore = try query["updated_before"]?.first.map(Self.instant)
        search = query["search"]?.first?.lowercased()
    }

    /// True when the query sets no filter.
    var isEmpty: Bool {
        course == nil && learner == nil && statuses.isEmpty && roles.isEmpty && emails.isEmpty && updatedSince == nil
            && updatedBefore == nil && search == nil
    }

    func matches(_ record: InMemoryRecord) -> Bool {
        if let course, record.courseID != course { return false }
        if let learner, record.learner.id != learner { return false }
        if !statuses.isEmpty, !statuses.contains(record.status) { return false }
        if !roles.isEmpty, !roles.contains(record.role) { return false }
        // Only a plausible address counts as an e-mail, as in the neutral model (`Learner.email`).
        let email = record.learner.email.flatMap { EmailAddress.isPlausible($0) ? $0 : nil }
        if !emails.isEmpty, !emails.contains(email?.lowercased() ?? "") { return false }
        if let updatedSince, record.updatedAt < updatedSince { return false }
        if let updatedBefore, record.updatedAt > updatedBefore { return false }
        if let search, !search.isEmpty {
            let person = record.learner
            let joined = [person.firstName, person.lastName].compactMap { $0 }.filter { !$0.isEmpty }
            let haystack = [
                joined.isEmpty ? nil : joined.joined(separator: " "), person.firstName, person.lastName,
                person.username, email,
            ]
            if !haystack.contains(where: { $0?.lowercased().contains(search) == true }) { return false }
        }
        return true
    }

    private static func instant(_ text: String) throws -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw InMemoryHandler.Failure(400, "expected an ISO 8601 instant, got \(text)")
        }
        return date
    }
}
