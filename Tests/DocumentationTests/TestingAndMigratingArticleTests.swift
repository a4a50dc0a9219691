import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterInMemory
import RosterMeltingspot
import RosterSync
import Testing

/// The code of the articles "Testing your app with Roster" and "Migrating learners between
/// platforms", run.
@Suite struct TestingAndMigratingArticleTests {
    @Test func theInMemoryProviderRetriesAScriptedThrottle() async throws {
        let fake = InMemoryProvider(seed: 7, courses: 2, enrollmentsPerCourse: 25,
                                    faults: FaultPlan(throttled: [2], retryAfter: .seconds(0)))
        let everyone = try await fake.roster.enrollments().collect(max: 1_000)
        #expect(everyone.count == 50)
        #expect(fake.injector.requests.contains { $0.status == 429 })
    }

    @Test func aSimulatorInProcessRecoversFromA503() async throws {
        let simulator = MeltingspotSimulator(seed: 2, courses: 1, participantsPerCourse: 30,
                                             faults: FaultPlan(unavailable: [1]))
        let roster = Roster(driver: try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: simulator.secretKey), transport: simulator.transport))
        let listed = try await roster.enrollments().collect(max: 1_000)
        #expect(listed.count == 30)
        #expect(simulator.injector.requests.first?.status == 503)
    }

    @Test func planThenApplyWithAJournal() async throws {
        let source = InMemoryProvider(seed: 11, courses: 1, enrollmentsPerCourse: 12)
        let target = InMemoryProvider(seed: 12, courses: 1, enrollmentsPerCourse: 0)
        let sourceCourse = CourseID(try #require(source.store.courses.first).id)
        let targetCourse = CourseID(try #require(target.store.courses.first).id)
        let journalPath = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString).journal").path
        defer { try? FileManager.default.removeItem(atPath: journalPath) }

        let planner = SyncPlanner(source: source.roster, target: target.roster)
        let request = SyncRequest(
            source: SyncSource(course: sourceCourse), target: SyncTarget(course: targetCourse),
            match: .identity(.email))
        let plan = try await planner.plan(request)

        let journal = try SyncJournal.open(at: journalPath, for: plan)
        let report = try await SyncApplier(target: target.roster).apply(journal: journal)

        let wanted = try await source.roster.enrollments(
            EnrollmentQuery(course: sourceCourse, statuses: SyncSource.defaultStatuses)).collect(max: 1_000)
        let moved = try await target.roster.enrollments(EnrollmentQuery(course: targetCourse)).collect(max: 1_000)
        let enrolling = plan.items.filter { $0.action == .enroll || $0.action == .createAndEnroll }
        #expect(!enrolling.isEmpty)
        #expect(report.complete, "\(report)")
        #expect(moved.count == enrolling.count)
        #expect(Set(moved.compactMap(\.learner.email)).isSubset(of: Set(wanted.compactMap(\.learner.email))))
        // Planning again finds nothing to do.
        let again = try await planner.plan(request)
        #expect(again.items.allSatisfy { !$0.action.writes })
    }
}
