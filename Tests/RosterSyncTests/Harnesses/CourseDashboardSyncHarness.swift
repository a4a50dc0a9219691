import CourseDashboardSimulator
import Foundation
import RosterConformance
import RosterCore
import RosterCourseDashboard
import RosterHTTP

/// Course Dashboard as one end of a sync: users carry a username (listed) and an external id (looked
/// up); finished learners are `joined` at a 100 % completion rate.
struct CourseDashboardSyncHarness: SyncHarness {
    var name: String { "course-dashboard" }
    var listedIdentities: Set<LearnerIdentity.Kind> { [.username] }

    func makeSyncEnd(_ setup: SyncSetup, wrap: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport)
        async throws -> SyncEnd
    {
        let clock = VirtualClock()
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 0, clock: clock)
        guard let course = simulator.courseIDs.first else { throw RosterError(.notFound, "the simulator has no course") }
        let planted = PlantedIDs()
        for person in setup.known + setup.enrolled.keys.sorted() {
            let user = simulator.addUser(realName: "\(person.firstName) \(person.lastName)")
            simulator.setIdentity(ofUser: user, username: person.username, extID: Int(person.externalID))
            planted.set(person, String(user))
            guard let state = setup.enrolled[person] else { continue }
            simulator.setJoinStatus("joined", course: course, user: user)
            if state == .completed { simulator.setCompletionRate(100, course: course, user: user) }
        }
        let configuration = CourseDashboardConfiguration(
            baseURL: CourseDashboardSimulator.defaultBaseURL, token: simulator.token)
        let driver = try CourseDashboardDriver(
            configuration: configuration, transport: wrap(simulator.transport), clock: clock)
        return SyncEnd(
            roster: Roster(driver: AnyRosterDriver(driver)), course: CourseID(String(course)),
            injector: simulator.injector, learnerID: { planted.id(of: $0) })
    }
}
