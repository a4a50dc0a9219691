import Foundation
public import RosterCore

/// Which neutral filters Frontcore applies on its server, and their query strings. `GET /participants`
/// filters by course, course date, customer, user and created/updated ranges; status, role, e-mail and
/// text search are not filterable there, so the facade applies them locally (and reports so).
public enum FrontcoreFilters {
    /// The filters sent to the server.
    public static let server: Set<EnrollmentFilter> = [
        .course, .session, .organization, .learner, .createdSince, .createdBefore, .updatedSince, .updatedBefore,
    ]

    /// The query items for `query`'s server-side filters, in a fixed order. Ids must be numeric
    /// (Frontcore ids are integers); instants become account-local `yyyy-mm-dd hh:mm:ss`.
    static func queryItems(for query: EnrollmentQuery, timestamps: FrontcoreTimestamps) throws -> [(String, String)] {
        var items: [(String, String)] = []
        func id(_ name: String, _ value: String?) throws {
            guard let value else { return }
            guard let number = Int(value), number >= 0 else {
                throw RosterError(
                    .invalidArgument, "Frontcore ids are integers; \(name) \"\(value)\" is not one", provider: "frontcore")
            }
            items.append((name, String(number)))
        }
        try id("course_id", query.course?.rawValue)
        try id("coursedate_id", query.session?.rawValue)
        try id("customer_id", query.organization?.rawValue)
        try id("user_id", query.learner?.rawValue)
        items += dateRange(
            created: (query.createdSince, query.createdBefore), updated: (query.updatedSince, query.updatedBefore),
            timestamps: timestamps)
        return items
    }

    /// `created_at_min/max` and `updated_at_min/max` for the bounds that are set.
    static func dateRange(
        created: (Date?, Date?), updated: (Date?, Date?), timestamps: FrontcoreTimestamps
    ) -> [(String, String)] {
        var items: [(String, String)] = []
        if let bound = created.0 { items.append(("created_at_min", timestamps.filterValue(bound, roundUp: true))) }
        if let bound = created.1 { items.append(("created_at_max", timestamps.filterValue(bound, roundUp: false))) }
        if let bound = updated.0 { items.append(("updated_at_min", timestamps.filterValue(bound, roundUp: true))) }
        if let bound = updated.1 { items.append(("updated_at_max", timestamps.filterValue(bound, roundUp: false))) }
        return items
    }
}
