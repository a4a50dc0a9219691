import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// One course by id (`GET /api/v2/course/{id}/?view=…`) and the listing's `ordering`.
@Suite struct CourseDashboardCourseDetailTests {
    @Test func theDashboardViewDecodesWithItsAverage() throws {
        let detail = try JSONDecoder().decode(
            CourseDashboardCourseDetail.self, from: try Fixture.data("course-detail-dashboard"))
        #expect(detail.course.id == "101")
        #expect(detail.course.name == "Storia dell'arte contemporanea")
        #expect(detail.averageCompletionRate == 37.25)
        #expect(detail.memberCount == 14)
        #expect(detail.creatorID == "17")
        #expect(detail.categories == [3, 8])
        #expect(detail.enforceLessonsOrder == true)
        let course = CourseDashboardRecordMapping.course(detail)
        #expect(course.id == "101" && course.title == "Storia dell'arte contemporanea")
        #expect(course.reference == "storia-dellarte-contemporanea" && course.privacy == "private")
        #expect(course.native?.as(CourseDashboardCourseDetail.self)?.averageCompletionRate == 37.25)
    }

    @Test(arguments: [#"120"#, #""NaN""#, #"-0.5"#, #""1e300""#, #"true"#])
    func anAverageOutsideAPercentageIsADecodingErrorAtItsPath(_ value: String) async throws {
        var text = String(decoding: try Fixture.data("course-detail-dashboard"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: #""avg_completion_rate": 37.25"#, with: #""avg_completion_rate": "# + value)
        let body = Data(text.utf8)
        let transport = InProcessTransport { _ in HTTPResponse(status: 200, body: body) }
        let rig = try DashboardRig(transport: transport)
        let error = await rosterError { _ = try await rig.roster.course("101") }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.avg_completion_rate")
    }

    @Test func rosterCourseAsksForTheDashboardViewAndGetsTheLearnersAverage() async throws {
        let rig = try DashboardRig(simulator: CourseDashboardSimulator(courses: 2, learnersPerCourse: 4))
        let learners = rig.simulator.memberIDs(course: 102).filter {
            rig.simulator.joinStatus(course: 102, user: $0) == "joined"
        }
        for (index, user) in learners.enumerated() {
            rig.simulator.setCompletionRate([10, 20, 35, 100][index % 4], course: 102, user: user)
        }
        let expected = learners.indices.map { Double([10, 20, 35, 100][$0 % 4]) }.reduce(0, +) / Double(learners.count)
        let course = try await rig.roster.course("102")
        #expect(course.id == "102")
        let sent = try #require(rig.recorder.requests.last)
        #expect(sentPath(sent.url) == "/api/v2/course/102/")
        #expect(FaultInjector.queryItems(of: sent.url)["view"] == ["dashboard"])
        let detail = try #require(course.native?.as(CourseDashboardCourseDetail.self))
        #expect(detail.averageCompletionRate.map { abs($0 - expected) < 0.01 } == true)
        #expect(rig.roster.capabilities.supports(.getCourse))
    }

    @Test func theUserViewHasNoAverageAndEveryViewIsSentAsAsked() async throws {
        let rig = try DashboardRig()
        for view in CourseDashboardDriver.CourseView.allCases {
            let detail = try await rig.driver.courseDetail("101", view: view)
            #expect(
                FaultInjector.queryItems(of: try #require(rig.recorder.requests.last).url)["view"] == [view.rawValue])
            #expect((detail.averageCompletionRate != nil) == (view == .dashboard))
        }
    }

    @Test func aLearnerMayNotReadTheDashboardAndAMissingCourseIsNotFound() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        let learner = try #require(
            simulator.memberIDs(course: 101).first { simulator.joinStatus(course: 101, user: $0) == "joined" })
        let rig = try DashboardRig(
            simulator: simulator, token: StaticCredential(simulator.issueToken(forUser: learner)))
        let denied = await rosterError { _ = try await rig.roster.course("101") }
        #expect(denied?.code == .permissionDenied)
        #expect(try await rig.driver.courseDetail("101", view: .user).course.joinStatus == "joined")
        let missing = await rosterError { _ = try await rig.roster.course("999") }
        #expect(missing?.code == .notFound)
        let bad = await rosterError { _ = try await rig.roster.course("abc") }
        #expect(bad?.code == .invalidArgument)
        #expect(rig.recorder.requests.count == 3)
    }

    @Test(arguments: [
        (EnrollmentOrder?.none, "joined_at"), (.ascending(.enrolledAt), "joined_at"),
        (.descending(.enrolledAt), "-joined_at"), (.ascending(.lastActivityAt), "last_active_at"),
        (.descending(.lastActivityAt), "-last_active_at"),
    ])
    func theOrderIsSentAsTheVendorsOrderingAndTheRecordsComeInIt(
        _ order: EnrollmentOrder?, _ ordering: String
    )
        async throws
    {
        let rig = try DashboardRig(pageSize: 4)
        let records = try await rig.roster.enrollments(EnrollmentQuery(course: "101", order: order)).collect(max: 100)
        #expect(records.count == 14)
        #expect(rig.recorder.requests.allSatisfy { FaultInjector.queryItems(of: $0.url)["ordering"] == [ordering] })
        let key: (Enrollment) -> Double =
            order?.key == .lastActivityAt
            ? { $0.timestamps.lastActivityAt?.timeIntervalSince1970 ?? .infinity }
            : { $0.timestamps.enrolledAt?.timeIntervalSince1970 ?? 0 }
        let keys = records.map(key)
        #expect(keys == (order?.descending == true ? keys.sorted(by: >) : keys.sorted()))
    }

    @Test func newestFirstUnderChurnStillListsEverySurvivorOnce() async throws {
        var faults = FaultPlan()
        faults.insertsPerPage = 1
        faults.deletesPerPage = 1
        faults.churnPages = 2
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 12, faults: faults)
        let before = Set(simulator.memberIDs(course: 101))
        let rig = try DashboardRig(simulator: simulator, pageSize: 5)
        let listing = rig.roster.enrollments(EnrollmentQuery(course: "101", order: .descending(.enrolledAt)))
        let users = try await listing.collect(max: 100).map { Int($0.learner.id.rawValue)! }
        let after = Set(simulator.memberIDs(course: 101))
        #expect(users.count == Set(users).count)
        #expect(before.intersection(after).isSubset(of: Set(users)))
        #expect(Set(users).isSubset(of: before.union(after)))
        // Each insert lands on page one and pushes a record already listed onto the next page, each
        // delete pulls one up past the reader: drift, so the facade re-read the course.
        #expect(listing.report.repairPasses >= 1)
    }

    @Test func firstAndLastNamesAreRefusedWithoutARequest() async throws {
        let rig = try DashboardRig()
        for query in [EnrollmentQuery(course: "101", firstNames: ["Giulia"]), EnrollmentQuery(lastNames: ["Rossi"])] {
            let error = await rosterError { _ = try await rig.roster.enrollments(query).collect(max: 10) }
            #expect(error?.code == .unsupported)
        }
        #expect(rig.recorder.requests.isEmpty)
    }
}
