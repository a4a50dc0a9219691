import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// `firstname[in]` / `lastname[in]` on the participant listing: sent to narrow, applied exactly.
@Suite struct NameFilterTests {
    static let emptyPage = #"{"items":[],"total":0}"#

    static func participant(_ id: String, first: String, last: String) -> String {
        """
        {"id":"\(id)","courseId":"c","spotMemberId":"m-\(id)","spotMemberEmail":"\(id)@exemple.fr",\
        "spotMemberFirstname":"\(first)","spotMemberLastname":"\(last)","status":"Started",\
        "invitedAt":null,"startedAt":"2025-05-04T09:42:00Z","completedAt":null,"unenrolledAt":null,\
        "lastActivityAt":null,"completionRate":12}
        """
    }

    @Test func namesGoOutInBothUnicodeFormsAsCommaLists() async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(Self.emptyPage) }
        let query = EnrollmentQuery(course: "c", firstNames: ["Zoé", "Anne"], lastNames: ["Lefèvre"])
        _ = try await driver.fetchEnrollments(PageRequest(query: query, position: .start, limit: 50))
        #expect(
            recorder.urls == [
                "https://openapi.meltingspot.io/v1/courses/c/participants?page=1&limit=50"
                    + "&firstname%5Bin%5D=Anne,Zoe%CC%81,Zo%C3%A9&lastname%5Bin%5D=Lefe%CC%80vre,Lef%C3%A8vre"
            ])
    }

    @Test func aNameWithACommaIsNotSentAndTheFacadeFiltersAlone() async throws {
        let body =
            #"{"items":["# + Self.participant("p1", first: "Anne, Marie", last: "Roux") + ","
            + Self.participant("p2", first: "Anne", last: "Roux") + #"],"total":2}"#
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(body) }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(course: "c", firstNames: ["Anne, Marie"]))
        #expect(try await listing.collect(max: 10).map(\.id) == ["p1"])
        #expect(recorder.urls.allSatisfy { !$0.contains("firstname") })
        #expect(listing.report.localFilters == [.firstName])
    }

    @Test func aVendorThatMatchesLooselyIsCorrectedByTheFacade() async throws {
        // A server that compares case-insensitively answers with both people; Roster matches exactly.
        let body =
            #"{"items":["# + Self.participant("p1", first: "zoé", last: "Roux") + ","
            + Self.participant("p2", first: "Zoé", last: "Roux") + #"],"total":2}"#
        let (driver, _) = try TestSupport.scripted { _ in TestSupport.json(body) }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(course: "c", firstNames: ["Zoé"]))
        #expect(try await listing.collect(max: 10).map(\.id) == ["p2"])
        #expect(listing.report.narrowedOnServer == [.firstName])
        #expect(listing.report.filteredOutLocally == 1)
    }

    @Test func theSimulatorSelectsExactlyTheNamedPeople() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 20)
        let course = try #require(simulator.courseIDs().first)
        let all = try await Roster(driver: driver).enrollments(EnrollmentQuery(course: CourseID(course)))
            .collect(max: 100)
        let named = try #require(all.first { $0.learner.lastName != nil })
        let lastName = try #require(named.learner.lastName)
        let expected = Set(all.filter { $0.learner.lastName == lastName }.map(\.id))
        let listing = Roster(driver: driver).enrollments(
            EnrollmentQuery(course: CourseID(course), lastNames: [lastName]))
        let got = try await listing.collect(max: 100)
        #expect(Set(got.map(\.id)) == expected)
        #expect(got.count < all.count)
        // The server did the narrowing: its total is the matches, not the course.
        #expect(listing.report.firstReportedTotal == expected.count)
    }
}
