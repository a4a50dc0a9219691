import Foundation
import RosterCore
import RosterHTTP
import Testing

// The example driver of the article "Writing a provider", as printed there.

struct ExampleDriver: RosterDriver {
    let api: VendorAPI
    var provider: ProviderID { "example" }

    var capabilities: DriverCapabilities {
        DriverCapabilities(
            operations: [.listEnrollments], enrollmentPaging: .pageNumberWithTotal(firstPage: 1),
            coursePaging: .pageNumberWithTotal(firstPage: 1), defaultPageSize: 50, maxPageSize: 100,
            serverFilters: [.course], listsPerCourse: false)
    }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        guard case .page(let page) = request.position == .start ? .page(1) : request.position else {
            throw RosterError(.invalidArgument, "example pages by number", provider: provider)
        }
        var query = [("page", String(page)), ("limit", String(request.limit))]
        if let course = request.query.course { query.append(("course", course.rawValue)) }
        let response = try await api.send(.get, api.url("/members", query: query))
        let body = try JSONDecoder().decode(ExampleMembersPage.self, from: response.body)
        return FetchedPage(records: body.items.map { $0.enrollment(provider: provider) }, total: body.total)
    }
}

/// The example vendor's page: `{"items": [...], "total": n}`.
struct ExampleMembersPage: Decodable {
    struct Member: Decodable {
        var id: String
        var course: String
        var user: String
        var state: String

        func enrollment(provider: ProviderID) -> Enrollment {
            Enrollment(
                provider: provider, id: EnrollmentID(id), course: CourseReference(id: CourseID(course)),
                learner: Learner(id: LearnerID(user)), status: state == "active" ? .enrolled : .unknown(raw: state),
                vendorStatus: VendorStatus(code: state))
        }
    }
    var items: [Member]
    var total: Int
}

/// The example driver against a fake vendor: the facade walks its pages, filters by course on the
/// server, applies the status filter locally, and reports both.
@Suite struct WritingAProviderArticleTests {
    static func vendor(members: Int) -> InProcessTransport {
        InProcessTransport { request in
            let items = Dictionary(uniqueKeysWithValues: URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
                .queryItems!.map { ($0.name, $0.value ?? "") })
            let page = Int(items["page"] ?? "1") ?? 1, limit = Int(items["limit"] ?? "10") ?? 10
            let all = (1...members).map { n in
                (id: "m\(n)", course: n % 2 == 0 ? "even" : "odd", state: n % 5 == 0 ? "left" : "active")
            }.filter { course in items["course"].map { $0 == course.course } ?? true }
            let slice = all.dropFirst((page - 1) * limit).prefix(limit)
            let json = slice.map { #"{"id":"\#($0.id)","course":"\#($0.course)","user":"u-\#($0.id)","state":"\#($0.state)"}"# }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data(#"{"items":[\#(json.joined(separator: ","))],"total":\#(all.count)}"#.utf8))
        }
    }

    @Test func theFacadePagesFiltersAndReportsForTheExampleDriver() async throws {
        let client = HTTPClient.standard(
            transport: Self.vendor(members: 95), auth: nil, budget: nil, observer: nil, redactor: CredentialRedactor())
        let api = try VendorAPI(provider: "example", baseURL: URL(string: "https://example.invalid/api")!, client: client,
                                redactor: CredentialRedactor())
        let roster = Roster(driver: ExampleDriver(api: api))
        let listing = roster.enrollments(EnrollmentQuery(course: "odd", statuses: [.enrolled], pageSize: 10))
        let odd = try await listing.collect(max: 1_000)
        #expect(odd.count == 38)  // 48 odd members, of which 10 have left
        #expect(listing.report.pages == 5)
        #expect(listing.report.serverFilters == [.course])
        #expect(listing.report.localFilters == [.status])
        await #expect(throws: RosterError.self) { _ = try await roster.enrollment("m1") }
    }
}
