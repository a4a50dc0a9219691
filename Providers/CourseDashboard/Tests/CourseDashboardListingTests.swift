import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// Listings against the simulator: roles, course walking, role filters, paging links.
@Suite struct CourseDashboardListingTests {
    @Test func unfilteredListingHoldsCreatorManagersAndLearners() async throws {
        let rig = try DashboardRig()
        let records = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))).collect(max: 1000)
        #expect(records.count == 14)
        #expect(Set(records.map(\.learner.id)) == Set(rig.simulator.memberIDs(course: 101).map { LearnerID(String($0)) }))
        for record in records {
            let raw = try #require(rig.simulator.joinStatus(course: 101, user: Int(record.learner.id.rawValue)!))
            #expect(record.vendorStatus.code == raw)
            switch raw {
            case "creator": #expect(record.role == .owner)
            case "manager": #expect(record.role == .manager)
            default: #expect(record.role == .learner)
            }
        }
        #expect(records.filter { $0.role == .owner }.count == 1)
        #expect(records.contains { $0.role == .manager && $0.learner.id == LearnerID("1") })
    }

    @Test func listingWithoutCourseWalksTheManagedCourses() async throws {
        let rig = try DashboardRig(simulator: CourseDashboardSimulator(courses: 3, learnersPerCourse: 6))
        let listing = rig.roster.enrollments()
        let records = try await listing.collect(max: 1000)
        #expect(records.count == 3 * 8)
        #expect(Set(records.map(\.course.id.rawValue)) == ["101", "102", "103"])
        #expect(listing.report.coursesWalked == 3)
        let coursesRequest = try #require(rig.recorder.requests.first)
        #expect(sentPath(coursesRequest.url) == "/api/v2/course/")
        #expect(FaultInjector.queryItems(of: coursesRequest.url)["statuses"] == [#"["creator","manager"]"#])
    }

    @Test func roleFilterNarrowsStatusesOnTheServer() async throws {
        let rig = try DashboardRig()
        let listing = rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), roles: [.learner]))
        let records = try await listing.collect(max: 1000)
        #expect(records.count == 12)
        #expect(records.allSatisfy { $0.role == .learner })
        #expect(listing.report.serverFilters.contains(.role))
        let statuses = FaultInjector.queryItems(of: try #require(rig.recorder.requests.first).url)["statuses"]
        #expect(statuses == [#"["joined","invited","requested","payment_waiting"]"#])
    }

    @Test func statusFilterNarrowsOnTheServerAndIsAppliedExactlyBecauseJoinedIsSplit() async throws {
        let rig = try DashboardRig()
        rig.simulator.setJoinStatus("joined", course: 101, user: 1001)
        rig.simulator.setCompletionRate(100, course: 101, user: 1001)
        let listing = rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), statuses: [.completed]))
        let records = try await listing.collect(max: 1000)
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0.status == .completed && $0.completionRate == 100 })
        #expect(listing.report.localFilters == [.status])
        #expect(listing.report.narrowedOnServer == [.status])
        let statuses = FaultInjector.queryItems(of: try #require(rig.recorder.requests.first).url)["statuses"]
        #expect(statuses == [#"["joined"]"#])
    }

    @Test func aStatusNoJoinStatusCanExpressAsksTheServerForNothing() async throws {
        let rig = try DashboardRig()
        let before = rig.recorder.requests.count
        let records = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), statuses: [.waitlisted]))
            .collect(max: 100)
        #expect(records.isEmpty)
        #expect(rig.recorder.requests.count == before)
    }

    @Test func searchGoesToTheServer() async throws {
        let rig = try DashboardRig()
        let username = try #require(rig.simulator.username(of: rig.simulator.memberIDs(course: 101)[3]))
        let records = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), search: username))
            .collect(max: 100)
        #expect(records.contains { $0.learner.username == username })
        #expect(FaultInjector.queryItems(of: try #require(rig.recorder.requests.first).url)["search"] == [username])
    }

    @Test func pagesFollowNextLinksUntilNull() async throws {
        let rig = try DashboardRig(pageSize: 4)
        let listing = rig.roster.enrollments(EnrollmentQuery(course: CourseID("102")))
        let records = try await listing.collect(max: 1000)
        #expect(records.count == 14)
        #expect(listing.report.pages == 4)
        let offsets = rig.recorder.requests.map { FaultInjector.queryItems(of: $0.url)["offset"]?.first }
        #expect(offsets == ["0", "4", "8", "12"])
    }

    @Test func churnBetweenPagesIsDeduplicatedAndReportedAsDrift() async throws {
        let simulator = CourseDashboardSimulator(
            courses: 1, learnersPerCourse: 20, faults: FaultPlan(insertsPerPage: 2, deletesPerPage: 1, churnPages: 3),
            clock: VirtualClock())
        // The same seed without churn: who is listed before anything changes.
        let quiet = try DashboardRig(simulator: CourseDashboardSimulator(courses: 1, learnersPerCourse: 20), pageSize: 5)
        let before = Set(try await quiet.roster.enrollments(EnrollmentQuery(course: "101")).collect(max: 1000).map(\.id))
        let rig = try DashboardRig(simulator: simulator, pageSize: 5)
        let listing = rig.roster.enrollments(EnrollmentQuery(course: CourseID("101")))
        let records = try await listing.collect(max: 1000)
        let remaining = Set(simulator.memberIDs(course: 101).map { EnrollmentID("101:\($0)") })
        let survivors = before.intersection(remaining)
        #expect(survivors.count < before.count, "the churn deleted nobody")
        #expect(Set(records.map(\.id)).count == records.count)
        #expect(survivors.isSubset(of: Set(records.map(\.id))), "missed: \(survivors.subtracting(records.map(\.id)))")
        #expect((listing.report.countDrift ?? 0) > 0)
        #expect(listing.report.repairPasses > 0)
    }

    @Test func coursesListAndSearch() async throws {
        let rig = try DashboardRig(simulator: CourseDashboardSimulator(courses: 4, learnersPerCourse: 2))
        let all = try await rig.roster.courses().collect(max: 100)
        #expect(all.map(\.id.rawValue) == ["101", "102", "103", "104"])
        #expect(all.allSatisfy { $0.title?.isEmpty == false })
        let found = try await rig.driver.searchCourses("cucina")
        #expect(found.records.map(\.title) == ["Cucina regionale: la Sicilia"])
        #expect(sentPath(rig.recorder.requests.last?.url) == "/api/v2/course/search/")
    }

    @Test func oneEnrollmentByIDCarriesTheExternalID() async throws {
        let rig = try DashboardRig()
        let record = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: 1))
        #expect(record.learner.id == LearnerID("1"))
        #expect(record.role == .manager)
        #expect(record.learner.externalID == "900001")  // the docs type ext_id as an integer
        #expect(sentPath(rig.recorder.requests.first?.url) == "/api/v2/user/1/")
        let learner = rig.simulator.memberIDs(course: 101)[5]
        let other = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: learner))
        #expect(other.vendorStatus.code == rig.simulator.joinStatus(course: 101, user: learner))
        let missing = await rosterError { _ = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: 2)) }
        #expect(missing?.code == .notFound)
    }
}
