import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// The exact requests the adapter sends: each filter's query string, paging, headers, and the
/// form-encoded PUT body.
@Suite struct FrontcoreRequestEncodingTests {
    /// The query string sent for the first page of `query`.
    private func firstQuery(_ query: EnrollmentQuery, paging: FrontcorePagingMode = .keyset) async throws -> String? {
        let transport = RecordingTransport()
        let roster = Roster(driver: try TestDrivers.driver(transport: transport, paging: paging))
        _ = try await roster.enrollments(query).collect(max: 1)
        return transport.lastQuery
    }

    @Test(arguments: [
        (EnrollmentQuery(course: "22353"), "course_id=22353&since_id=0&limit=250"),
        (EnrollmentQuery(session: "12746584"), "coursedate_id=12746584&since_id=0&limit=250"),
        (EnrollmentQuery(organization: "32714"), "customer_id=32714&since_id=0&limit=250"),
        (EnrollmentQuery(learner: "462355"), "user_id=462355&since_id=0&limit=250"),
        // 07:50:59.2Z is 09:50:59.2 in Oslo (summer, +02:00): lower bounds round up to the next second.
        (EnrollmentQuery(createdSince: instant("2026-04-14T07:50:59.2Z")),
         "created_at_min=2026-04-14%2009%3A51%3A00&since_id=0&limit=250"),
        // 12:00Z in January is 13:00 in Oslo (winter, +01:00): upper bounds round down.
        (EnrollmentQuery(createdBefore: instant("2026-01-10T12:00:00.7Z")),
         "created_at_max=2026-01-10%2013%3A00%3A00&since_id=0&limit=250"),
        (EnrollmentQuery(updatedSince: instant("2025-12-31T23:00:00Z")),
         "updated_at_min=2026-01-01%2000%3A00%3A00&since_id=0&limit=250"),
        (EnrollmentQuery(updatedBefore: instant("2025-06-30T21:59:59Z")),
         "updated_at_max=2025-06-30%2023%3A59%3A59&since_id=0&limit=250"),
        (EnrollmentQuery(course: "1", session: "2", learner: "3", organization: "4", pageSize: 10),
         "course_id=1&coursedate_id=2&customer_id=4&user_id=3&since_id=0&limit=10"),
    ])
    func eachServerFilterHasItsExactQueryString(_ query: EnrollmentQuery, _ expected: String) async throws {
        #expect(try await firstQuery(query) == expected)
    }

    @Test func filtersFrontcoreCannotApplyRunLocallyAndAreReported() async throws {
        let transport = RecordingTransport()
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let listing = roster.enrollments(EnrollmentQuery(course: "7", statuses: [.enrolled], emails: ["a@b.no"], search: "Ås"))
        _ = try await listing.collect(max: 1)
        #expect(transport.lastQuery == "course_id=7&since_id=0&limit=250")
        #expect(listing.report.serverFilters == [.course])
        #expect(listing.report.localFilters == [.email, .search, .status])
    }

    @Test func pageNumberPagingAsksForOneBasedPages() async throws {
        #expect(try await firstQuery(EnrollmentQuery(pageSize: 75), paging: .pageNumber) == "page=1&limit=75")
    }

    @Test func keysetPagingContinuesAfterTheLastIdAndStopsOnAShortPage() async throws {
        let transport = RecordingTransport { request in
            let query = request.url.query ?? ""
            let ids = query.contains("since_id=0&") ? [5, 9] : query.contains("since_id=9&") ? [12] : []
            let body = "[" + ids.map { participantJSON(id: $0) }.joined(separator: ",") + "]"
            return HTTPResponse(status: 200, body: Data(body.utf8))
        }
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let all = try await roster.enrollments(EnrollmentQuery(pageSize: 2)).collect(max: 10)
        #expect(all.map(\.id) == ["5", "9", "12"])
        #expect(transport.requests.map { $0.url.query ?? "" } == ["since_id=0&limit=2", "since_id=9&limit=2"])
    }

    @Test func requestsCarryTheKeyHeaderAndAcceptJSON() async throws {
        let transport = RecordingTransport()
        let roster = Roster(driver: try TestDrivers.driver(transport: transport, key: "secret-key-123"))
        _ = try await roster.enrollments().collect(max: 1)
        let request = try #require(transport.requests.first)
        #expect(request.headers["X-API-Key"] == "secret-key-123")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.url.absoluteString.hasPrefix("https://api.frontcore.com/v2/participants?"))
    }

    @Test func updateIsFormEncodedAsTheVendorExampleSendsIt() async throws {
        let transport = RecordingTransport { _ in HTTPResponse(status: 200, body: Data(participantJSON(id: 163930).utf8)) }
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        _ = try await roster.update(
            "163930",
            with: EnrollmentUpdate(
                status: .cancelled, completed: true, passed: false, paymentCode: "3",
                customProperties: ["hubspot_id": "10+1 & co", "kundebooker": nil]))
        let request = try #require(transport.requests.first)
        #expect(request.method == .put)
        #expect(request.url.absoluteString == "https://api.frontcore.com/v2/participants/163930")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(body == "idStatus=4&idPaid=3&completed=1&passed=0"
            + "&custom_properties%5Bhubspot_id%5D=10%2B1%20%26%20co&custom_properties%5Bkundebooker%5D=")
    }

    @Test(arguments: [(EnrollmentStatus.enrolled, "1"), (.pending, "7"), (.waitlisted, "3"), (.cancelled, "4")])
    func writableStatusesMapToTheirIds(_ status: EnrollmentStatus, _ id: String) async throws {
        let transport = RecordingTransport { _ in HTTPResponse(status: 200, body: Data(participantJSON(id: 1).utf8)) }
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        _ = try await roster.update("1", with: EnrollmentUpdate(status: status))
        #expect(transport.requests.first?.body == Data("idStatus=\(id)".utf8))
    }

    @Test(arguments: [EnrollmentStatus.invited, .requested, .inProgress, .completed, .unknown(raw: "5")])
    func inexpressibleStatusesAreUnsupportedAndNothingIsSent(_ status: EnrollmentStatus) async throws {
        let transport = RecordingTransport()
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let error = await #expect(throws: RosterError.self) { try await roster.update("1", with: EnrollmentUpdate(status: status)) }
        #expect(error?.code == .unsupported)
        #expect(transport.requests.isEmpty)
    }

    @Test func nonNumericIdsAreRefusedBeforeSending() async throws {
        let transport = RecordingTransport()
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let error = await #expect(throws: RosterError.self) { try await roster.enrollments(EnrollmentQuery(course: "abc")).collect(max: 1) }
        #expect(error?.code == .invalidArgument)
        #expect(transport.requests.isEmpty)
    }

    @Test func theConfigurationNeverShowsTheKey() throws {
        let configuration = FrontcoreConfiguration(apiKey: "very-secret-key")
        #expect(!configuration.description.contains("very-secret-key"))
        #expect(configuration.description.contains("Europe/Oslo"))
        #expect(configuration.rateLimit == RateLimit(requests: 5, per: 1))
        #expect(configuration.baseURL.absoluteString == "https://api.frontcore.com/v2")
    }

    @Test func plainHTTPIsRefusedExceptOnLoopback() throws {
        #expect(throws: RosterError.self) {
            try FrontcoreDriver(configuration: FrontcoreConfiguration(apiKey: "k", baseURL: URL(string: "http://api.frontcore.com/v2")!))
        }
        _ = try FrontcoreDriver(configuration: FrontcoreConfiguration(apiKey: "k", baseURL: URL(string: "http://127.0.0.1:8080/v2")!))
    }
}

/// A minimal participant as the vendor documents it.
func participantJSON(id: Int, status: Int = 1) -> String {
    """
    {"id": \(id), "completed": false, "passed": false, "idPaid": 1, "paid": {"id": 1, "title": "Ja"},
     "status": {"id": \(status), "title": "Påmeldt", "status_code": "status_confirmed"},
     "course": {"id": 22353, "title": "Learn REST API"},
     "user": {"id": \(id + 1000), "firstname": "Åse", "lastname": "Ødegård", "email": "ase@eksempel.no"},
     "created_at": "2021-11-25T15:52:56+01:00", "updated_at": "2021-11-25T15:52:56+01:00", "custom_properties": []}
    """
}
