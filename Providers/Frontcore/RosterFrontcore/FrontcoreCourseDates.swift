public import Foundation
public import RosterCore
import RosterHTTP

/// Course dates (sessions) of one course: `GET /courses/:id/coursedates` and
/// `GET /courses/:id/coursedates/:id`. Their records use other field names than the course date a
/// participant embeds (`coursedate_id`, `start_time_at` as `HH:MM:SS`, `place` as an object), so they
/// have their own wire type, `FrontcoreCourseDateRecord`, and map to `CourseSession` with the record on
/// `native`.
///
/// Paging: ordered by id ascending (the default, and `orderBy: .id`), with keyset paging configured,
/// a listing walks by `since_id` (the endpoint takes the usual list parameters), so dates added or
/// removed meanwhile move nothing. Any other order walks by page number, where a deletion during the
/// walk can skip a date (course dates rarely change while read; re-list if that matters).
extension FrontcoreDriver {
    /// One page of `course`'s dates matching `request.query`.
    public func fetchCourseDates(
        course: CourseID, _ request: PageRequest<FrontcoreCourseDateQuery>
    ) async throws
        -> FetchedPage<CourseSession>
    {
        let number = try Self.positive(course.rawValue, "course")
        let keyset = request.query.walksByKeyset(configuration.paging)
        var items = try request.query.queryItems(timestamps: mapping.timestamps)
        if keyset {
            guard let cursor = Self.keysetCursor(request.position) else {
                throw RosterError(
                    .invalidArgument, "course dates ordered by id page by since_id, not \(request.position)",
                    provider: provider)
            }
            items += [("since_id", cursor), ("order_by", "id"), ("order_direction", "asc")]
        } else {
            items += try FrontcorePagingMode.pageNumber.queryItems(at: request.position)
            let order = request.query.orderBy ?? .id
            items += [("order_by", order.rawValue), ("order_direction", request.query.descending ? "desc" : "asc")]
        }
        items.append(("limit", String(request.limit)))
        let (records, _) = try await fetchList(
            FrontcoreCourseDateRecord.self, api.url("/courses/\(number)/coursedates", query: items))
        let sessions = try records.enumerated().map { try mapping.session($1, prefix: "$[\($0)]") }
        let lastKey =
            keyset ? try FrontcorePagingMode.keyset.lastKey(of: records.map(\.id.value), after: request.position) : nil
        return FetchedPage(records: sessions, lastKey: lastKey)
    }

    /// Every date of `course` matching `query`, fetched page by page as the caller iterates.
    public func courseDates(
        of course: CourseID, _ query: FrontcoreCourseDateQuery = FrontcoreCourseDateQuery()
    )
        -> FrontcoreCourseDateListing
    {
        FrontcoreCourseDateListing(driver: self, course: course, query: query)
    }

    /// One date of `course`; `notFound` when the course has no date with that id (also when the date
    /// belongs to another course).
    public func courseDate(_ id: SessionID, of course: CourseID) async throws -> CourseSession {
        let courseNumber = try Self.positive(course.rawValue, "course")
        let dateNumber = try Self.positive(id.rawValue, "course date")
        let url = api.url("/courses/\(courseNumber)/coursedates/\(dateNumber)")
        let response = try await api.send(.get, url)
        try checkStrict(response, .get, url)
        let session = try mapping.session(
            try api.decode(FrontcoreCourseDateRecord.self, from: response, for: .get, url), prefix: "$")
        guard session.id == id else {
            throw RosterError(
                .inconsistentPaging, "Frontcore answered course date \(id) with course date \(session.id)",
                provider: provider)
        }
        return session
    }

    private static func keysetCursor(_ position: PagePosition) -> String? {
        switch position {
        case .start: "0"
        case .after(let key) where Int(key) != nil: key
        default: nil
        }
    }
}

/// Which course dates to list: the endpoint's documented filters and order.
public struct FrontcoreCourseDateQuery: Sendable, Hashable {
    /// A bound of a date filter: a day, an instant (written in the account's zone), or the server's
    /// `now`.
    public enum Bound: Sendable, Hashable {
        /// A calendar day, `yyyy-mm-dd`.
        case day(CalendarDate)
        /// An instant, `yyyy-mm-dd hh:mm:ss` in the account's zone (rounded into the range).
        case instant(Date)
        /// The vendor's keyword `now`.
        case now
    }

    /// What to order by (`order_by`).
    public enum OrderBy: String, Sendable, Hashable {
        /// The course date id.
        case id
        /// The first day (`startdate`).
        case startDate = "startdate"
    }

    /// Dates starting at or after / at or before these bounds (`start_date_at_min` / `_max`).
    public var startsFrom: Bound?, startsUntil: Bound?
    /// Dates ending at or after / at or before these bounds (`end_date_at_min` / `_max`).
    public var endsFrom: Bound?, endsUntil: Bound?
    /// Only dates with this status (`status_id`): 1 to be defined, 2 will run, 3 cancelled, 4 postponed.
    public var statusID: Int?
    /// The order; nil (and `.id`) is id ascending, which pages by `since_id`.
    public var orderBy: OrderBy?
    /// Newest (or highest id) first (`order_direction=desc`).
    public var descending: Bool
    /// Records per page (1...250); nil for 250.
    public var pageSize: Int?

    /// Creates a query.
    public init(
        startsFrom: Bound? = nil, startsUntil: Bound? = nil, endsFrom: Bound? = nil, endsUntil: Bound? = nil,
        statusID: Int? = nil, orderBy: OrderBy? = nil, descending: Bool = false, pageSize: Int? = nil
    ) {
        self.startsFrom = startsFrom
        self.startsUntil = startsUntil
        self.endsFrom = endsFrom
        self.endsUntil = endsUntil
        self.statusID = statusID
        self.orderBy = orderBy
        self.descending = descending
        self.pageSize = pageSize
    }

    /// True when the listing pages by `since_id`: id ascending, and keyset paging configured.
    func walksByKeyset(_ paging: FrontcorePagingMode) -> Bool {
        paging == .keyset && (orderBy ?? .id) == .id && !descending
    }

    /// The filter items (the driver adds the order and paging items).
    func queryItems(timestamps: FrontcoreTimestamps) throws -> [(String, String)] {
        func value(_ bound: Bound, lower: Bool) -> String {
            switch bound {
            case .day(let day): day.description
            case .instant(let instant): timestamps.filterValue(instant, roundUp: lower)
            case .now: "now"
            }
        }
        var items: [(String, String)] = []
        if let bound = startsFrom { items.append(("start_date_at_min", value(bound, lower: true))) }
        if let bound = startsUntil { items.append(("start_date_at_max", value(bound, lower: false))) }
        if let bound = endsFrom { items.append(("end_date_at_min", value(bound, lower: true))) }
        if let bound = endsUntil { items.append(("end_date_at_max", value(bound, lower: false))) }
        if let status = statusID {
            guard (1...4).contains(status) else {
                throw RosterError(
                    .invalidArgument, "Frontcore course-date statuses are 1 to 4, not \(status)",
                    provider: FrontcoreParticipantMapping.provider)
            }
            items.append(("status_id", String(status)))
        }
        return items
    }
}

/// A lazy listing of one course's dates: fetches a page only when the previous one is consumed, the
/// core `PageWalker` deciding what to ask for next and guarding against loops; dates are yielded
/// once each, by id.
public struct FrontcoreCourseDateListing: AsyncSequence, Sendable {
    /// One course date.
    public typealias Element = CourseSession

    let driver: FrontcoreDriver
    let course: CourseID
    let query: FrontcoreCourseDateQuery

    /// Starts a pass from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(driver: driver, course: course, query: query) }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let driver: FrontcoreDriver
        let course: CourseID
        let query: FrontcoreCourseDateQuery
        private var loop: FrontcorePageLoop<CourseSession, SessionID>

        init(driver: FrontcoreDriver, course: CourseID, query: FrontcoreCourseDateQuery) {
            self.driver = driver
            self.course = course
            self.query = query
            let style: PagingStyle =
                query.walksByKeyset(driver.configuration.paging) ? .keyset : .pageNumber(firstPage: 1)
            loop = FrontcorePageLoop(style: style, limit: query.pageSize ?? 250) { $0.id }
        }

        /// The next date, fetching the next page when the current one is used up.
        public mutating func next() async throws -> CourseSession? {
            if let size = query.pageSize, !(1...250).contains(size) {
                loop.stop()
                throw RosterError(.invalidArgument, "page size \(size) is outside 1...250", provider: driver.provider)
            }
            let (driver, course, query, limit) = (driver, course, query, loop.limit)
            return try await loop.next { position in
                try await driver.fetchCourseDates(
                    course: course, PageRequest(query: query, position: position, limit: limit))
            }
        }
    }
}

/// A course date as the course-date endpoints send it ("Get a coursedate"): `coursedate_id`, `title`,
/// `start_at`/`end_at`/`deadline_at` (`YYYY-MM-DD`), `start_time_at`/`end_time_at` (`HH:MM:SS`),
/// `timezone`, `place` (an object here), `event_url`, `location`. The docs show no status field; a
/// `status_id` or `idStatus` is read when present. Only the id is required.
public struct FrontcoreCourseDateRecord: Sendable, Hashable, Decodable {
    /// The course date id (`coursedate_id`; an `id` is accepted too).
    public var id: FrontcoreInt
    /// The title.
    public var title: String?
    /// First and last day, and the booking deadline.
    public var startAt: String?, endAt: String?, deadlineAt: String?
    /// Daily start and end, `HH:MM:SS`.
    public var startTimeAt: String?, endTimeAt: String?
    /// An IANA zone, or null (the usual case).
    public var timezone: String?
    /// The place (town and region).
    public var place: FrontcoreCourseDatePlace?
    /// The link of an online session.
    public var eventURL: String?
    /// The venue (capacity fields are left in the JSON).
    public var location: FrontcoreLocation?
    /// The course-date status (1 to be defined, 2 will run, 3 cancelled, 4 postponed), when sent.
    public var statusID: FrontcoreInt?
    /// The teaching language, when sent.
    public var teachingLanguage: String?

    enum CodingKeys: String, CodingKey {
        case id, title, timezone, place, location
        case coursedateID = "coursedate_id"
        case startAt = "start_at"
        case endAt = "end_at"
        case deadlineAt = "deadline_at"
        case startTimeAt = "start_time_at"
        case endTimeAt = "end_time_at"
        case eventURL = "event_url"
        case statusID = "status_id"
        case idStatus = "idStatus"
        case teachingLanguage = "teaching_language"
    }

    /// Decodes leniently; a missing id fails at `coursedate_id`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard
            let id = try c.decodeIfPresent(FrontcoreInt.self, forKey: .coursedateID)
                ?? c.decodeIfPresent(FrontcoreInt.self, forKey: .id)
        else {
            throw DecodingError.keyNotFound(
                CodingKeys.coursedateID, .init(codingPath: c.codingPath, debugDescription: "a course date without id"))
        }
        self.id = id
        title = try c.decodeIfPresent(String.self, forKey: .title)
        startAt = try c.decodeIfPresent(String.self, forKey: .startAt)
        endAt = try c.decodeIfPresent(String.self, forKey: .endAt)
        deadlineAt = try c.decodeIfPresent(String.self, forKey: .deadlineAt)
        startTimeAt = try c.decodeIfPresent(String.self, forKey: .startTimeAt)
        endTimeAt = try c.decodeIfPresent(String.self, forKey: .endTimeAt)
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone)
        place = try c.decodeIfPresent(FrontcoreCourseDatePlace.self, forKey: .place)
        eventURL = try c.decodeIfPresent(String.self, forKey: .eventURL)
        location = try c.decodeIfPresent(FrontcoreLocation.self, forKey: .location)
        statusID =
            try c.decodeIfPresent(FrontcoreInt.self, forKey: .statusID)
            ?? c.decodeIfPresent(FrontcoreInt.self, forKey: .idStatus)
        teachingLanguage = try c.decodeIfPresent(String.self, forKey: .teachingLanguage)
    }
}

/// A course date's place: an object (`id`, `title`, `parent_title`) on the course-date endpoints, a
/// bare string where a participant embeds its course date.
public struct FrontcoreCourseDatePlace: Sendable, Hashable, Decodable {
    /// The place id, when sent.
    public var id: FrontcoreInt?
    /// The town.
    public var title: String?
    /// The region it lies in (`Vestfold`).
    public var parentTitle: String?

    enum CodingKeys: String, CodingKey {
        case id, title
        case parentTitle = "parent_title"
    }

    /// Decodes the object, or a string as the title.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            title = text
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(FrontcoreInt.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        parentTitle = try c.decodeIfPresent(String.self, forKey: .parentTitle)
    }
}

extension FrontcoreParticipantMapping {
    /// The session of a course-date record; a day or time in no known form is a `decoding` error at its
    /// path under `prefix`.
    func session(_ record: FrontcoreCourseDateRecord, prefix: String) throws -> CourseSession {
        func time(_ text: String?, _ key: String) throws -> LocalTime? {
            guard let text = text.nonBlank else { return nil }
            guard let time = LocalTime(text) else {
                throw RosterError(
                    .decoding, "the course date's \(key) \"\(text)\" is not a time of day", provider: Self.provider,
                    jsonPath: "\(prefix).\(key)")
            }
            return time
        }
        // The venue, placed in the town and region of `place`; or, without a venue, the place itself.
        let town = record.place?.title.nonBlank
        let region = record.place?.parentTitle.nonBlank
        var venue: Location?
        if let known = record.location {
            var placed = location(known)
            placed.city = placed.city ?? town
            placed.region = placed.region ?? region
            venue = placed
        } else if let town {
            venue = Location(name: town, region: region)
        }
        var session = CourseSession(
            id: SessionID(record.id.description), title: record.title.nonBlank,
            startDate: try timestamps.day(record.startAt, field: "\(prefix).start_at"),
            endDate: try timestamps.day(record.endAt, field: "\(prefix).end_at"),
            startTime: try time(record.startTimeAt, "start_time_at"),
            endTime: try time(record.endTimeAt, "end_time_at"),
            timeZone: record.timezone.nonBlank ?? record.location?.timezone.nonBlank, location: venue,
            isVirtual: record.location?.isVirtual?.value, teachingLanguage: record.teachingLanguage.nonBlank,
            vendorStatus: record.statusID?.description)
        session.native = NativeRecord(record)
        return session
    }
}
