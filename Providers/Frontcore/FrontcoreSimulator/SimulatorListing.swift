import Foundation

/// A list request's documented parameters, validated: `limit` (default 75, clamped to 1...250), `page`
/// (1-based; below 1 is a 400; past the end an empty page), `since_id`, the id filters and the
/// `created_at`/`updated_at` ranges (Oslo-local, bounds
/// inclusive). A malformed value is a 400 with the vendor's error body.
struct SimulatorListing {
    var limit = 75
    var page = 1
    var sinceID: Int?
    var courseID: Int?, courseDateID: Int?, customerID: Int?, userID: Int?
    var createdMin: Date?, createdMax: Date?, updatedMin: Date?, updatedMax: Date?

    init(_ query: [String: [String]], time: SimulatorTime) throws(SimulatorFailure) {
        func integer(_ name: String) throws(SimulatorFailure) -> Int? {
            guard let text = query[name]?.last else { return nil }
            guard let value = Int(text) else { throw SimulatorFailure(status: 400, message: "Invalid \(name)") }
            return value
        }
        func instant(_ name: String) throws(SimulatorFailure) -> Date? {
            guard let text = query[name]?.last else { return nil }
            guard let value = time.filterInstant(text) else {
                throw SimulatorFailure(status: 400, message: "Invalid \(name): use yyyy-mm-dd or yyyy-mm-dd hh:mm:ss")
            }
            return value
        }
        if let value = try integer("limit") { limit = min(250, max(1, value)) }
        if let value = try integer("page") {
            guard value >= 1 else { throw SimulatorFailure(status: 400, message: "Invalid page") }
            page = value
        }
        sinceID = try integer("since_id")
        courseID = try integer("course_id")
        courseDateID = try integer("coursedate_id")
        customerID = try integer("customer_id")
        userID = try integer("user_id")
        createdMin = try instant("created_at_min")
        createdMax = try instant("created_at_max")
        updatedMin = try instant("updated_at_min")
        updatedMax = try instant("updated_at_max")
    }

    /// Where page `page` starts among the matches; `Int.max` when that is beyond any count (a page
    /// number like 2⁶² must answer an empty page, not overflow).
    var offset: Int {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        return overflow ? Int.max : start
    }

    /// True when `created`/`updated` fall in the requested ranges.
    func inRanges(created: Date, updated: Date) -> Bool {
        if let createdMin, created < createdMin { return false }
        if let createdMax, created > createdMax { return false }
        if let updatedMin, updated < updatedMin { return false }
        if let updatedMax, updated > updatedMax { return false }
        return true
    }
}
