import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Listings against the simulator: all courses walked, paging, faults, rate limits, determinism.
@Suite struct ListingAndSimulatorTests {
    @Test func listingWithoutCourseWalksEveryCourseAndPage() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 3, participants: 40)
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 15))
        let records = try await listing.collect(max: 1_000)
        #expect(Set(records.map(\.id.rawValue)) == Set(simulator.participantIDs()))
        #expect(records.count == 120)
        #expect(listing.report.coursesWalked == 3)
        #expect(listing.report.pages == 9)  // 3 courses × ceil(40 / 15)
        #expect(listing.report.firstReportedTotal == 120)
        #expect(listing.report.finished)
        // 1 course page + 9 participant pages; the last page of each course is ended by the total.
        #expect(simulator.injector.requestCount == 10)
        // Each course's pages in order (the next courses are walked while one is handed out, so the
        // courses' requests interleave).
        let participantRequests = simulator.injector.requests.filter { $0.path.hasSuffix("/participants") }
        let byCourse = Dictionary(grouping: participantRequests, by: \.path).mapValues { $0.map { $0.query["page"] ?? [] } }
        #expect(byCourse.count == 3)
        #expect(byCourse.values.allSatisfy { $0 == [["1"], ["2"], ["3"]] })
    }

    @Test func simulatorDataIsDeterministicFrenchAndVaried() async throws {
        let a = MeltingspotSimulator(seed: 9, courses: 2, participantsPerCourse: 30, clock: VirtualClock())
        let b = MeltingspotSimulator(seed: 9, courses: 2, participantsPerCourse: 30, clock: VirtualClock())
        #expect(a.participantIDs() == b.participantIDs())
        #expect(a.secretKey == b.secretKey)
        let driver = try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: a.secretKey, rateLimits: []), transport: a.transport,
            clock: VirtualClock())
        let records = try await Roster(driver: driver).enrollments().collect(max: 100)
        let names = records.compactMap(\.learner.displayName)
        #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(Set(records.map(\.status)).isSuperset(of: [.invited, .inProgress, .completed]))
        #expect(records.contains { $0.learner.firstName == nil }, "some participants were invited by e-mail only")
        #expect(records.allSatisfy { $0.learner.email != nil })
    }

    @Test func throttlingAndOutagesAreRetriedWithoutLoss() async throws {
        let faults = FaultPlan(throttled: [2], retryAfter: .seconds(3), unavailable: [4, 5])
        let (simulator, driver, clock) = try TestSupport.simulated(courses: 1, participants: 30, faults: faults)
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 10))
        let records = try await listing.collect(max: 100)
        #expect(records.count == 30)
        #expect(listing.report.retries == 3)
        #expect(clock.recordedSleeps.first == 3)
        // The last page is full, so one more (empty) page confirms the total was not too low.
        #expect(simulator.injector.requests.map(\.status) == [200, 429, 200, 503, 503, 200, 200, 200])
    }

    @Test func malformedBodyIsADecodingError() async throws {
        let (_, driver, _) = try TestSupport.simulated(courses: 1, participants: 3, faults: FaultPlan(malformed: [2]))
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enrollments().collect(max: 100)
        }
        #expect(error.code == .decoding)
    }

    @Test func enforcedVendorRateLimitIsHonoured() async throws {
        let faults = FaultPlan(enforcedRateLimit: RateLimit(requests: 100, per: 10))
        // No client budget: the simulator refuses request 101 onwards with 429 + Retry-After, and
        // the retries wait it out.
        let (simulator, driver, clock) = try TestSupport.simulated(courses: 1, participants: 0, faults: faults) {
            $0.rateLimits = []
        }
        for _ in 0..<110 {
            _ = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 1))
        }
        let refused = simulator.injector.requests.filter { $0.status == 429 }
        #expect(refused.map(\.number) == [101])
        #expect(clock.recordedSleeps == [1])  // Retry-After: 1

        // With the documented client budget the client paces itself: the first 100 pass at once,
        // the rest wait on the client's clock (for the window, stretched by the margin) before they
        // are sent, and none is refused.
        let (paced, budgeted, pacedClock) = try TestSupport.simulated(courses: 1, participants: 0, faults: faults)
        for _ in 0..<110 {
            _ = try await budgeted.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 1))
        }
        #expect(pacedClock.totalSlept >= 10)
        #expect(paced.injector.requests.count == 110 && paced.injector.requests.allSatisfy { $0.status == 200 })
    }

    @Test func churnBetweenPagesIsRepairedSoEverySurvivorIsListedOnce() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(
            courses: 1, participants: 20, faults: FaultPlan(insertsPerPage: 2, deletesPerPage: 1, churnPages: 3))
        let before = Set(simulator.participantIDs())
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 5))
        let records = try await listing.collect(max: 1_000)
        let survivors = before.intersection(simulator.participantIDs())
        #expect(Set(records.map(\.id)).count == records.count)
        #expect(survivors.isSubset(of: Set(records.map(\.id.rawValue))), "a participant present throughout was missed")
        #expect(listing.report.countDrift ?? 0 > 0)
        #expect(listing.report.repairPasses >= 1)
    }

    @Test func churnThatNeverStopsFailsLoudlyInsteadOfMissingSomebody() async throws {
        let (_, driver, _) = try TestSupport.simulated(
            courses: 1, participants: 20, faults: FaultPlan(insertsPerPage: 2, deletesPerPage: 1))
        await #expect { try await Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 5)).collect(max: 1_000) }
            throws: { ($0 as? RosterError)?.code == .inconsistentPaging }
    }


    @Test func simulatorRoutesOnlyUnderV1OnAnyHost() async throws {
        let simulator = MeltingspotSimulator(seed: 2, courses: 2, participantsPerCourse: 1, clock: VirtualClock())
        let headers: HTTPHeaders = ["Authorization": simulator.secretKey]
        let loopback = await simulator.handle(
            HTTPRequest(
                method: .get, url: URL(string: "http://127.0.0.1:8080/v1/courses?page=1&limit=1")!, headers: headers))
        #expect(loopback.status == 200)
        let object = try JSONSerialization.jsonObject(with: loopback.body) as? [String: Any]
        #expect(object?["total"] as? Int == 2)
        #expect((object?["items"] as? [Any])?.count == 1)
        let unversioned = await simulator.handle(
            HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:8080/courses")!, headers: headers))
        #expect(unversioned.status == 404)
        let tooLarge = await simulator.handle(
            HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:8080/v1/courses?limit=101")!, headers: headers)
        )
        #expect(tooLarge.status == 400)
    }

    @Test func participantsOfAMissingCourseAreNotFound() async throws {
        let (_, driver, _) = try TestSupport.simulated(courses: 1, participants: 1)
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enrollments(EnrollmentQuery(course: CourseID("absent"))).collect(max: 10)
        }
        #expect(error.code == .notFound)
        #expect(error.message.contains("Course not found"))
    }

    @Test func coursesListWithTitlesAndVendorStatus() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 4, participants: 0)
        let courses = try await Roster(driver: driver).courses(CourseQuery(pageSize: 3)).collect(max: 10)
        #expect(courses.map(\.id.rawValue) == simulator.courseIDs())
        #expect(courses.allSatisfy { $0.title != nil && $0.vendorStatus != nil && $0.privacy != nil })
        #expect(courses.first?.native?.as(MeltingspotCourse.self)?.navigationMode != nil)
    }
}
