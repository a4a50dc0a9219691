import Foundation
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Every Meltingspot participant and course carries its JSON exactly as sent.
@Suite struct MeltingspotRawRecordTests {
    @Test func eachListedParticipantCarriesItsOwnJSONByteForByte() async throws {
        let seed = String(decoding: try TestSupport.seedParticipantJSON(), as: UTF8.self)
        let second = seed.replacingOccurrences(of: #""completionRate""#, with: #""futureField": [1, {"a": "]"}], "completionRate""#)
        let body = "{\n  \"total\": 2,\n  \"items\": [\n\(seed),\n  \(second)\n]\n}"
        let (driver, _) = try TestSupport.scripted { _ in TestSupport.json(body) }
        let page = try await driver.fetchEnrollments(
            PageRequest(query: EnrollmentQuery(course: "c1"), position: .start, limit: 10))
        let raws = page.records.compactMap(\.raw).map(\.text)
        #expect(raws.count == 2)
        #expect(raws.first == seed.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(raws.last == second.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(raws.last?.contains(#""futureField": [1, {"a": "]"}]"#) == true)
        #expect(page.records.first?.native?.as(MeltingspotParticipant.self) != nil)
    }

    @Test func aSingleParticipantAndEveryCourseCarryTheirJSON() async throws {
        let (_, driver, _) = try TestSupport.simulated(courses: 2, participants: 3)
        let courses = try await Roster(driver: driver).courses().collect(max: 10)
        #expect(courses.count == 2)
        for course in courses {
            let object = try #require(try course.raw?.jsonObject() as? [String: Any])
            #expect(object["id"] as? String == course.id.rawValue)
        }
        let course = try #require(courses.first)
        let listed = try await Roster(driver: driver).enrollments(EnrollmentQuery(course: course.id)).collect(max: 10)
        let one = try await driver.enrollment(try #require(listed.first).id, course: course.id)
        #expect(try #require(one.raw?.jsonObject() as? NSDictionary) == (try listed.first?.raw?.jsonObject() as? NSDictionary))
    }
}
