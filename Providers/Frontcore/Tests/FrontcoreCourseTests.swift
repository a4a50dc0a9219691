import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// Courses (`GET /courses`, `GET /courses/:id`) and course dates (`GET /courses/:id/coursedates`,
/// `…/coursedates/:id`): the published examples, the requests, and the simulator.
@Suite struct FrontcoreCourseTests {
    @Test func theCourseExampleDecodesWithItsFields() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-course"))
        let course = try await Roster(driver: try TestDrivers.driver(transport: transport)).course("22353")
        #expect(course.id == "22353" && course.title == "Førstehjelp grunnkurs" && course.reference == "KURS-1001")
        #expect(course.createdAt == instant("2015-01-21T20:30:31Z"))
        #expect(course.updatedAt == instant("2026-04-14T08:30:59Z"))
        let record = try #require(course.native?.as(FrontcoreCourseRecord.self))
        #expect(record.isActive?.value == true && record.isFullTime?.value == false)
        #expect(record.kursguidenURL == "https://www.kursguiden.no/kurs/22353")
        #expect(transport.requests.map(\.url.path) == ["/v2/courses/22353"])
    }

    @Test func theListingsPublishedExampleIsAnEmptyListing() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-courses-list"))
        let courses = try await Roster(driver: try TestDrivers.driver(transport: transport)).courses().collect(max: 10)
        #expect(courses.isEmpty)
        #expect(transport.lastQuery == "page=1&limit=250")
    }

    @Test func anEnvelopedCourseListIsReadToo() async throws {
        let body = Data(#"{"items":[{"id":"7","title":"A"},{"id":8,"title":""}],"pagination":{"next_page":0}}"#.utf8)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: body))
        let page = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 10))
        #expect(page.records.map(\.id) == ["7", "8"])
        #expect(page.records.map(\.title) == ["A", nil])
    }

    @Test func aBrokenCourseNamesItsPath() async throws {
        let body = Data(#"[{"id":1,"title":"A"},{"id":2,"created_at":"igår"}]"#.utf8)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: body))
        let error = await #expect(throws: RosterError.self) {
            _ = try await Roster(driver: driver).courses().collect(max: 10)
        }
        #expect(error?.code == .decoding && error?.jsonPath == "$[1].created_at")
        let noID = try TestDrivers.driver(transport: RecordingTransport(body: Data(#"[{"title":"x"}]"#.utf8)))
        let missing = await #expect(throws: RosterError.self) {
            _ = try await noID.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 10))
        }
        #expect(missing?.code == .decoding && missing?.jsonPath == "$[0].id")
    }

    @Test func everySimulatedCourseIsListedOnceAcrossPages() async throws {
        let simulator = FrontcoreSimulator(seed: 3, participants: 20, courses: 5)
        let roster = try TestDrivers.roster(simulator)
        #expect(roster.capabilities.supports(.listCourses) && roster.capabilities.supports(.getCourse))
        // One keyset walk over every participant stays cheaper and safer than a walk per course.
        #expect(!roster.capabilities.listsPerCourse)
        let courses = try await roster.courses(CourseQuery(pageSize: 2)).collect(max: 100)
        #expect(courses.map(\.id.rawValue) == simulator.courseIDs.map(String.init))
        let one = try await roster.course(CourseID(String(simulator.courseIDs[2])))
        #expect(one == courses[2])
        let missing = await #expect(throws: RosterError.self) { try await roster.course("1") }
        #expect(missing?.code == .notFound)
        let bad = await #expect(throws: RosterError.self) { try await roster.course("-4") }
        #expect(bad?.code == .invalidArgument)
    }

    @Test func theCourseDateExampleMapsToASession() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-coursedate"))
        let driver = try TestDrivers.driver(transport: transport)
        let session = try await driver.courseDate("9304757", of: "22353")
        #expect(transport.requests.map(\.url.path) == ["/v2/courses/22353/coursedates/9304757"])
        #expect(session.id == "9304757" && session.title == "Learn REST API")
        #expect(session.startDate == CalendarDate(year: 2020, month: 1, day: 4))
        #expect(session.endDate == CalendarDate(year: 2020, month: 1, day: 6))
        #expect(session.startTime == LocalTime(hour: 6, minute: 0) && session.endTime == LocalTime(hour: 7, minute: 30))
        #expect(session.location?.id == "6489" && session.location?.name == "Sem")
        #expect(session.location?.region == "Vestfold" && session.location?.city == "Sem")
        #expect(session.vendorStatus == nil && session.timeZone == nil)
        #expect(session.native?.as(FrontcoreCourseDateRecord.self)?.place?.id?.value == 1226)
        let other = await #expect(throws: RosterError.self) { try await driver.courseDate("1", of: "22353") }
        #expect(other?.code == .inconsistentPaging)
    }

    @Test func theCourseDateListDecodesLooseValues() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-coursedates-list"))
        let sessions = try await collect(try TestDrivers.driver(transport: transport).courseDates(of: "22353"))
        #expect(sessions.map(\.id) == ["9304757", "9304758"])
        #expect(sessions[1].startTime == nil && sessions[1].endTime == nil)
        #expect(sessions[1].timeZone == "Europe/Oslo")
        #expect(sessions[1].location == Location(name: "Tønsberg"))
        #expect(
            transport.lastQuery == "since_id=0&order_by=id&order_direction=asc&limit=250",
            "a short first page ends the listing")
    }

    @Test(arguments: [#""start_time_at": "25:61:00""#, #""end_at": "2020-13-40""#])
    func aBadDayOrTimeIsADecodingErrorAtItsPath(_ field: String) async throws {
        let key = String(field.split(separator: "\"")[0])
        var text = String(decoding: try Fixture.data("frontcore-coursedates-list"), as: UTF8.self)
        let original = key == "start_time_at" ? #""start_time_at": "06:00:00""# : #""end_at": "2020-01-06""#
        text = text.replacingOccurrences(of: original, with: field)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: Data(text.utf8)))
        let error = await #expect(throws: RosterError.self) { _ = try await collect(driver.courseDates(of: "1")) }
        #expect(error?.code == .decoding && error?.jsonPath == "$[0].\(key)")
    }

    @Test func filtersAndOrderAreSentAsDocumented() async throws {
        let transport = RecordingTransport(body: Data("[]".utf8))
        let driver = try TestDrivers.driver(transport: transport)
        let query = FrontcoreCourseDateQuery(
            startsFrom: .day(CalendarDate(year: 2026, month: 3, day: 1)!), startsUntil: .now,
            endsUntil: .instant(instant("2026-06-30T21:59:59Z")), statusID: 2, orderBy: .startDate, descending: true,
            pageSize: 40)
        _ = try await collect(driver.courseDates(of: "22353", query))
        #expect(transport.requests.first?.url.path == "/v2/courses/22353/coursedates")
        #expect(
            transport.lastQuery
                == "start_date_at_min=2026-03-01&start_date_at_max=now&end_date_at_max=2026-06-30%2023%3A59%3A59"
                + "&status_id=2&page=1&order_by=startdate&order_direction=desc&limit=40")
        let bad = await #expect(throws: RosterError.self) {
            _ = try await collect(driver.courseDates(of: "22353", FrontcoreCourseDateQuery(statusID: 7)))
        }
        #expect(bad?.code == .invalidArgument)
    }

    @Test func keysetCourseDatesMustComeInAscendingOrder() async throws {
        let body = Data(#"[{"coursedate_id":5},{"coursedate_id":3}]"#.utf8)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: body))
        let error = await #expect(throws: RosterError.self) { _ = try await collect(driver.courseDates(of: "1")) }
        #expect(error?.code == .inconsistentPaging)
    }

    @Test func theSimulatorsCourseDatesFollowTheFiltersAndOrder() async throws {
        let simulator = FrontcoreSimulator(seed: 5, participants: 10, courses: 2)
        let course = simulator.courseIDs[0]
        let dates = simulator.courseDateIDs(courseID: course)
        #expect(dates.count == 2)
        let driver = try TestDrivers.roster(simulator).driver
        let all = try await collect(
            driver.courseDates(of: CourseID(String(course)), FrontcoreCourseDateQuery(pageSize: 1)))
        #expect(all.map(\.id.rawValue) == dates.map(String.init))
        #expect(all.allSatisfy { $0.vendorStatus == nil && $0.startDate != nil && $0.startTime != nil })
        let byStart = try await collect(
            driver.courseDates(
                of: CourseID(String(course)), FrontcoreCourseDateQuery(orderBy: .startDate, descending: true)))
        #expect(
            byStart.map(\.startDate)
                == all.map(\.startDate).sorted { ($0?.description ?? "") > ($1?.description ?? "") })
        simulator.setStatus(3, ofCourseDate: dates[1])
        let cancelled = try await collect(
            driver.courseDates(of: CourseID(String(course)), FrontcoreCourseDateQuery(statusID: 3)))
        #expect(cancelled.map(\.id.rawValue) == [String(dates[1])])
        let one = try await driver.courseDate(SessionID(String(dates[0])), of: CourseID(String(course)))
        #expect(one == all[0])
        let elsewhere = await #expect(throws: RosterError.self) {
            try await driver.courseDate(SessionID(String(dates[0])), of: CourseID(String(simulator.courseIDs[1])))
        }
        #expect(elsewhere?.code == .notFound)
        // The participants' embedded course date agrees with the endpoint on days, times and venue.
        let participant = try #require(
            try await Roster(driver: driver).enrollments(EnrollmentQuery(session: all[0].id)).collect(max: 100).first)
        #expect(participant.session?.startDate == all[0].startDate)
        #expect(participant.session?.startTime == all[0].startTime)
        #expect(participant.session?.location?.id == all[0].location?.id)
    }

    @Test func pageNumberPagingWalksCourseDatesByPage() async throws {
        let simulator = FrontcoreSimulator(seed: 5, participants: 10, courses: 1)
        let recorder = SimulatorRecorder(simulator)
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: simulator.apiKey, paging: .pageNumber), transport: recorder,
            clock: VirtualClock())
        let dates = try await collect(
            driver.courseDates(of: CourseID(String(simulator.courseIDs[0])), FrontcoreCourseDateQuery(pageSize: 1)))
        #expect(dates.map(\.id.rawValue) == simulator.courseDateIDs(courseID: simulator.courseIDs[0]).map(String.init))
        #expect(
            recorder.queries == [
                "page=1&order_by=id&order_direction=asc&limit=1", "page=2&order_by=id&order_direction=asc&limit=1",
                "page=3&order_by=id&order_direction=asc&limit=1",
            ])
    }

    func collect(_ listing: FrontcoreCourseDateListing) async throws -> [CourseSession] {
        var all: [CourseSession] = []
        for try await session in listing { all.append(session) }
        return all
    }
}

/// Forwards every request to a simulator and keeps each one's query string, as sent.
final class SimulatorRecorder: HTTPTransport, @unchecked Sendable {
    let simulator: FrontcoreSimulator
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []

    init(_ simulator: FrontcoreSimulator) { self.simulator = simulator }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return try await simulator.transport.send(request)
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }
    var queries: [String] {
        requests.map { URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "" }
    }
}
