import Foundation
import RosterCore
import Testing

@Suite("Narrowing filters: sent to the server, applied exactly by the facade")
struct NarrowingFilterTests {
    @Test func aNarrowingFilterReachesTheDriverAndIsStillAppliedExactly() async throws {
        var driver = FakeDriver(records: sampleEnrollments(16))
        driver.capabilities.narrowingFilters = [.status]
        // The vendor narrows loosely: it also sends a cancelled record the query did not ask for.
        driver.damage = { request, page in
            guard case .start = request.position else { return page }
            var loose = page
            loose.records.append(sampleEnrollment(900, status: .cancelled))
            return loose
        }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(statuses: [.completed], pageSize: 20))
        let statuses = try await listing.collect(max: 100).map(\.status)
        #expect(statuses == [.completed, .completed])
        #expect(driver.log.requests.first?.query.statuses == [.completed])
        let report = listing.report
        #expect(report.narrowedOnServer == [.status])
        #expect(report.localFilters == [.status])
        #expect(report.serverFilters.isEmpty)
        #expect(report.filteredOutLocally == 1)
    }

    @Test func aFilterTheDriverDoesNotDeclareNeverReachesIt() async throws {
        let driver = FakeDriver(records: sampleEnrollments(8))
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(statuses: [.invited]))
        #expect(try await listing.collect(max: 10).count == 1)
        #expect(driver.log.requests.allSatisfy { $0.query.statuses.isEmpty })
        #expect(listing.report.narrowedOnServer.isEmpty)
    }
}

@Suite("Course walks")
struct CourseWalkTests {
    @Test func aWalkPutsTheCourseListingsTitleOnRecordsThatHaveNone() async throws {
        var driver = FakeDriver(
            records: sampleEnrollments(2, course: "c1") + sampleEnrollments(2, course: "c2", from: 10),
            operations: [.listEnrollments, .listCourses], listsPerCourse: true)
        driver.courses = [Course(id: "c1", title: "Førstehjelp"), Course(id: "c2")]
        let records = try await Roster(driver: driver).enrollments().collect(max: 10)
        #expect(records.map(\.course.title) == ["Førstehjelp", "Førstehjelp", nil, nil])
    }
}
