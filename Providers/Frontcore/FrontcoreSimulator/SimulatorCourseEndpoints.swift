import Foundation
import RosterHTTP

/// `GET /courses`, `GET /courses/:id`, `GET /courses/:id/coursedates` and
/// `GET /courses/:id/coursedates/:id`, after the vendor's pages for them. The course listing's page
/// shows only `[]`: the simulator gives it the usual list parameters (`page`, `limit`) and a bare
/// array of courses in id order. The course object has the documented `id`, `title`, `reference`,
/// `is_active`, `kursguiden_url`, `is_full_time` (plus timestamps). A course date renders as the
/// "Get a coursedate" example: `coursedate_id`, `title`, `start_at`, `start_time_at` (`HH:MM:SS`),
/// `end_at`, `end_time_at`, `timezone`, `deadline_at`, `place{}`, `event_url`, `location{}` — no status
/// field, though `status_id` filters.
extension FrontcoreSimulator {
    func listCourses(_ query: [String: [String]]) -> HTTPResponse {
        let listing: SimulatorListing
        do { listing = try SimulatorListing(query, time: rendering.time) } catch {
            return self.error(400, error.message)
        }
        let body: Data = lock.withLock {
            let courses = state.courses.sorted { $0.id < $1.id }
            let start = listing.offset
            let page = start < courses.count ? Array(courses[start..<min(courses.count, start + listing.limit)]) : []
            return SimulatorJSON.array(page.map(rendering.courseRecord)).data
        }
        return json(body)
    }

    func course(_ id: String) -> HTTPResponse {
        let body: Data? = lock.withLock {
            Int(id).flatMap { number in state.courses.first { $0.id == number } }.map {
                rendering.courseRecord($0).data
            }
        }
        return body.map(json) ?? error(404, "Course not found")
    }

    func listCourseDates(course id: String, _ query: [String: [String]]) -> HTTPResponse {
        let listing: SimulatorListing
        let filter: CourseDateFilter
        do {
            listing = try SimulatorListing(query, time: rendering.time)
            filter = try CourseDateFilter(query, time: rendering.time, now: clock.now())
        } catch {
            return self.error(400, error.message)
        }
        let body: Data? = lock.withLock {
            guard let number = Int(id), let course = state.courses.first(where: { $0.id == number }) else { return nil }
            var dates = state.courseDates.values.filter { date in
                date.courseID == number && (listing.sinceID.map { date.id > $0 } ?? true)
                    && filter.matches(date, time: rendering.time)
            }
            dates.sort(by: filter.order)
            let start = listing.sinceID == nil ? listing.offset : 0
            let page = start < dates.count ? Array(dates[start..<min(dates.count, start + listing.limit)]) : []
            return SimulatorJSON.array(page.map { rendering.courseDateRecord($0, course: course) }).data
        }
        return body.map(json) ?? error(404, "Course not found")
    }

    func courseDate(_ dateID: String, course id: String) -> HTTPResponse {
        let body: Data? = lock.withLock {
            guard let number = Int(id), let course = state.courses.first(where: { $0.id == number }),
                let date = Int(dateID).flatMap({ state.courseDates[$0] }), date.courseID == number
            else { return nil }
            return rendering.courseDateRecord(date, course: course).data
        }
        return body.map(json) ?? error(404, "Course date not found")
    }
}

/// The course-date filters and order: `start_date_at_min/max`, `end_date_at_min/max` (a date, a
/// date and time, or `now`), `status_id` (1–4), `order_by` (`id` | `startdate`) and
/// `order_direction` (`asc` | `desc`). A date-only upper bound is read as the whole of that day
/// (inferred: the docs do not say). A malformed value is a 400.
struct CourseDateFilter {
    var startMin: Date?, startMax: Date?, endMin: Date?, endMax: Date?
    var statusID: Int?
    var byStartDate = false
    var descending = false

    init(_ query: [String: [String]], time: SimulatorTime, now: Date) throws(SimulatorFailure) {
        func bound(_ name: String, upper: Bool) throws(SimulatorFailure) -> Date? {
            guard let text = query[name]?.last else { return nil }
            if text == "now" { return now }
            guard let instant = time.filterInstant(text) else {
                throw SimulatorFailure(
                    status: 400, message: "Invalid \(name): use yyyy-mm-dd, yyyy-mm-dd hh:mm:ss or now")
            }
            return upper && !text.contains(" ") ? instant.addingTimeInterval(86_399) : instant
        }
        startMin = try bound("start_date_at_min", upper: false)
        startMax = try bound("start_date_at_max", upper: true)
        endMin = try bound("end_date_at_min", upper: false)
        endMax = try bound("end_date_at_max", upper: true)
        if let text = query["status_id"]?.last {
            guard let status = Int(text), (1...4).contains(status) else {
                throw SimulatorFailure(status: 400, message: "Invalid status_id")
            }
            statusID = status
        }
        switch query["order_by"]?.last {
        case nil, "id": byStartDate = false
        case "startdate": byStartDate = true
        default: throw SimulatorFailure(status: 400, message: "Invalid order_by: use id or startdate")
        }
        switch query["order_direction"]?.last {
        case nil, "asc": descending = false
        case "desc": descending = true
        default: throw SimulatorFailure(status: 400, message: "Invalid order_direction: use asc or desc")
        }
    }

    func matches(_ date: SimCourseDate, time: SimulatorTime) -> Bool {
        if let statusID, date.statusID != statusID { return false }
        let start = time.filterInstant(date.startDay + " " + date.timeStart + ":00") ?? .distantPast
        let end = time.filterInstant(date.endDay + " " + date.timeEnd + ":00") ?? .distantPast
        if let startMin, start < startMin { return false }
        if let startMax, start > startMax { return false }
        if let endMin, end < endMin { return false }
        if let endMax, end > endMax { return false }
        return true
    }

    /// True when `a` comes before `b`; ties by id.
    func order(_ a: SimCourseDate, _ b: SimCourseDate) -> Bool {
        if byStartDate, (a.startDay, a.timeStart) != (b.startDay, b.timeStart) {
            return descending
                ? (a.startDay, a.timeStart) > (b.startDay, b.timeStart)
                : (a.startDay, a.timeStart) < (b.startDay, b.timeStart)
        }
        return descending ? a.id > b.id : a.id < b.id
    }
}

extension SimulatorRendering {
    /// A course as `GET /courses` and `GET /courses/:id` send it.
    func courseRecord(_ c: SimCourse) -> SimulatorJSON {
        .object([
            ("id", .int(c.id)), ("title", .string(c.title)), ("reference", .text(c.reference)),
            ("is_active", .bool(c.isActive)),
            ("kursguiden_url", .string("https://www.kursguiden.no/kurs/\(c.id)")),
            ("is_full_time", .bool(false)),
            ("created_at", .text(c.createdAt.map(time.timestamp))),
            ("updated_at", .string(time.timestamp(c.updatedAt))),
        ])
    }

    /// A course date as the course-date endpoints send it (not as a participant embeds it).
    func courseDateRecord(_ d: SimCourseDate, course: SimCourse) -> SimulatorJSON {
        let l = d.location
        return .object([
            ("coursedate_id", .int(d.id)), ("title", .string(course.title)),
            ("start_at", .string(d.startDay)), ("start_time_at", .string(d.timeStart + ":00")),
            ("end_at", .string(d.endDay)), ("end_time_at", .string(d.timeEnd + ":00")),
            ("timezone", .null), ("deadline_at", .string(d.deadlineDay)),
            (
                "place",
                .object([
                    ("id", .int(l.placeID)), ("title", .string(l.title)), ("title_additional_info", .null),
                    ("parent_id", .int(3)), ("parent_title", .text(l.state)),
                ])
            ),
            ("event_url", .string(l.isVirtual ? "https://teams.example.no/kurs" : "")),
            (
                "location",
                .object([
                    ("id", .int(l.id)), ("title", .string(l.title)), ("capacity_min", .null), ("capacity_max", .null),
                    ("capacity_overbook", .null), ("capacity_budget", .null), ("capacity_wait", .null),
                ])
            ),
        ])
    }
}
