import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// The exact URLs the bracket filters produce, and which filters run on the server.
@Suite struct FilterQueryTests {
    static let emptyPage = #"{"items":[],"total":0}"#

    private func firstURL(for query: EnrollmentQuery, position: PagePosition = .start, limit: Int = 50) async throws
        -> [String]
    {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(Self.emptyPage) }
        _ = try await driver.fetchEnrollments(PageRequest(query: query, position: position, limit: limit))
        return recorder.urls
    }

    @Test func oneStatusIsAnEqFilter() async throws {
        let urls = try await firstURL(for: EnrollmentQuery(course: CourseID("c-1"), statuses: [.inProgress]))
        #expect(
            urls == [
                "https://openapi.meltingspot.io/v1/courses/c-1/participants?page=1&limit=50&status%5Beq%5D=Started"
            ])
    }

    @Test func severalStatusesAndEmailsAreCommaSeparatedInLists() async throws {
        let query = EnrollmentQuery(
            course: CourseID("c 1"), statuses: [.completed, .inProgress, .enrolled],
            emails: ["zoé.lefèvre@exemple.fr", "a+b@x.fr", "not-an-address"])
        let urls = try await firstURL(for: query, position: .page(3), limit: 25)
        #expect(
            urls == [
                "https://openapi.meltingspot.io/v1/courses/c%201/participants?page=3&limit=25"
                    + "&status%5Bin%5D=Completed,Started&email%5Bin%5D=a%2Bb%40x.fr,zo%C3%A9.lef%C3%A8vre%40exemple.fr"
            ])
    }

    @Test func unknownStatusFiltersOnItsRawValue() async throws {
        let urls = try await firstURL(for: EnrollmentQuery(course: CourseID("c"), statuses: [.unknown(raw: "Paused")]))
        #expect(
            urls == ["https://openapi.meltingspot.io/v1/courses/c/participants?page=1&limit=50&status%5Beq%5D=Paused"])
    }

    @Test func statusesMeltingspotNeverHoldsSendNothing() async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(Self.emptyPage) }
        let page = try await driver.fetchEnrollments(
            PageRequest(
                query: EnrollmentQuery(course: CourseID("c"), statuses: [.enrolled, .waitlisted]), position: .start,
                limit: 50))
        #expect(page.records.isEmpty && page.total == 0)
        #expect(recorder.requests.isEmpty)
    }

    @Test func courseListingSendsPageAndLimit() async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(Self.emptyPage) }
        _ = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .page(2), limit: 10))
        #expect(recorder.urls == ["https://openapi.meltingspot.io/v1/courses?page=2&limit=10"])
    }

    @Test func vendorCourseFiltersAreEqBrackets() async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(Self.emptyPage) }
        _ = try await driver.courses(status: "Draft", privacy: "Secret")
        #expect(
            recorder.urls == [
                "https://openapi.meltingspot.io/v1/courses?page=1&limit=100&status%5Beq%5D=Draft&privacy%5Beq%5D=Secret"
            ])

        let (simulator, simulated, _) = try TestSupport.simulated(courses: 10, participants: 0)
        let drafts = try await simulated.courses(status: "Draft")
        #expect(!drafts.isEmpty && drafts.allSatisfy { $0.vendorStatus == "Draft" })
        #expect(drafts.count < simulator.courseIDs().count)
    }

    @Test func facadeReportsServerAndLocalFilters() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 2, participants: 30)
        let course = try #require(simulator.courseIDs().first)
        let listing = Roster(driver: driver).enrollments(
            EnrollmentQuery(course: CourseID(course), statuses: [.inProgress, .completed], search: "e", pageSize: 7))
        let records = try await listing.collect(max: 1_000)
        #expect(listing.report.serverFilters == [.course, .status])
        #expect(listing.report.localFilters == [.search])
        #expect(records.allSatisfy { [.inProgress, .completed].contains($0.status) })
        let expected = simulator.participantIDs(course: course).filter {
            ["Started", "Completed"].contains(simulator.status(ofParticipant: $0) ?? "")
        }
        #expect(listing.report.firstReportedTotal == expected.count)
        #expect(records.count + listing.report.filteredOutLocally == expected.count)
    }

    @Test func emailFilterNarrowsOnTheServerAndMatchesCaseInsensitively() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 20)
        let course = try #require(simulator.courseIDs().first)
        let all = try await Roster(driver: driver).enrollments(EnrollmentQuery(course: CourseID(course))).collect(
            max: 100)
        let target = try #require(all.compactMap(\.learner.email).last)
        let listing = Roster(driver: driver)
            .enrollments(EnrollmentQuery(course: CourseID(course), emails: [target.uppercased()]))
        let found = try await listing.collect(max: 100)
        // The simulator compares addresses exactly (the docs name no case rule); the lower-cased
        // form the adapter adds finds the stored address, and the facade matches case-insensitively.
        #expect(found.map(\.learner.email) == [target])
        #expect(listing.report.narrowedOnServer == [.email])
        #expect(listing.report.localFilters.contains(.email))
    }
}
