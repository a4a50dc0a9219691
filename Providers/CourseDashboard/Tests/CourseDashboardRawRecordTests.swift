import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// Every Course Dashboard membership and course carries its JSON exactly as sent, and a user with no
/// relation (left out of the listing) takes no one else's.
@Suite struct CourseDashboardRawRecordTests {
    @Test func eachMembershipCarriesItsOwnJSONByteForByte() async throws {
        let body = try Fixture.data("course-users-page")
        let transport = InProcessTransport { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        }
        let rig = try DashboardRig(transport: transport)
        let page = try await rig.driver.fetchEnrollments(
            PageRequest(query: EnrollmentQuery(course: "101"), position: .start, limit: 10))
        let sent = try #require((try JSONSerialization.jsonObject(with: body) as? NSDictionary)?["results"] as? [NSDictionary])
        let kept = sent.filter { !($0["join_status"] is NSNull) && $0["join_status"] != nil }
        #expect(page.records.count == kept.count && !kept.isEmpty)
        for (record, object) in zip(page.records, kept) {
            let raw = try #require(record.raw)
            #expect(body.range(of: raw.bytes) != nil)
            #expect(try JSONSerialization.jsonObject(with: raw.bytes) as? NSDictionary == object)
            #expect(record.id.rawValue == "101:\(object["id"].map { "\($0)" } ?? "")")
        }
    }

    @Test func coursesCarryTheirJSON() async throws {
        let rig = try DashboardRig()
        let courses = try await rig.roster.courses().collect(max: 10)
        #expect(!courses.isEmpty)
        for course in courses {
            let object = try #require(try course.raw?.jsonObject() as? [String: Any])
            #expect((object["id"]).map { "\($0)" } == course.id.rawValue)
        }
    }
}
