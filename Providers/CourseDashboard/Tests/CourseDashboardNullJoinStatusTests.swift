import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// A null `join_status` means the user has no relation to the course (vendor docs: "null … not
/// enrolled"): such an entry is no enrollment, so listings leave it out and count it as omitted.
@Suite struct CourseDashboardNullJoinStatusTests {
    private func serving(_ pages: [String: String]) -> InProcessTransport {
        InProcessTransport { request in
            let query = request.url.query ?? ""
            let body = pages.first { query.contains($0.key) }?.value ?? #"{"count":0,"next":null,"results":[]}"#
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    @Test func theSeedPagesNullEntryIsNoEnrollment() async throws {
        let body = try Fixture.data("course-users-page")
        let rig = try DashboardRig(
            pageSize: 10,
            transport: InProcessTransport { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
            })
        let page = try await rig.driver.fetchEnrollments(
            PageRequest(query: EnrollmentQuery(course: "101"), position: .start, limit: 10))
        #expect(page.records.count == 9)
        #expect(page.omitted == 1)
        #expect(!page.records.contains { $0.learner.id == "1049" })
        #expect(!page.records.contains { $0.status == .unknown(raw: "null") })
    }

    @Test func aListingSkipsNullEntriesAndReportsThem() async throws {
        let rig = try DashboardRig(
            pageSize: 3,
            transport: serving([
                "offset=0": #"""
                {"count": 4, "next": "https://community.example/api/v2/course/101/users/?limit=3&offset=3",
                 "previous": null, "results": [
                   {"id": 1049, "username": "asia_conti", "real_name": "Asia Conti", "avatar": null,
                    "join_status": null, "user_completion_rate": null, "last_active_at": null, "joined_at": null},
                   {"id": 1050, "username": "ugo_rossi", "real_name": "Ugo Rossi", "avatar": null, "join_status": null,
                    "user_completion_rate": 0, "last_active_at": null, "joined_at": null},
                   {"id": 1051, "username": "ada_neri", "real_name": "Ada Neri", "avatar": null, "join_status": null,
                    "user_completion_rate": 0, "last_active_at": null, "joined_at": null}]}
                """#,
                "offset=3": #"""
                {"count": 4, "next": null, "previous": null,
                 "results": [
                   {"id": 1042, "username": "niccolo_cantu", "real_name": "Niccolò Cantù", "avatar": null,
                    "join_status": "joined", "user_completion_rate": 40, "last_active_at": null,
                    "joined_at": "2025-02-01T08:00:00+01:00"}]}
                """#,
            ]))
        let listing = rig.roster.enrollments(EnrollmentQuery(course: "101"))
        let records = try await listing.collect(max: 10)
        // A page holding only null entries still points onward: the listing goes on, it does not fail.
        #expect(records.map(\.learner.id) == ["1042"])
        #expect(listing.report.omittedByDriver == 3)
        #expect(listing.report.pages == 2)
        #expect(listing.report.finished)
    }

    @Test func aMembershipWithANullStatusIsNotFound() async throws {
        let rig = try DashboardRig(
            transport: InProcessTransport { request in
                let body =
                    request.url.path.hasPrefix("/api/v2/user/")
                    ? #"{"id": 1049, "username": "asia", "real_name": "Asia Conti", "avatar": null}"#
                    : #"{"count": 1, "next": null, "results": [{"id": 1049, "username": "asia", "join_status": null}]}"#
                return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
            })
        let error = await rosterError { _ = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: 1049)) }
        #expect(error?.code == .notFound)
    }
}
