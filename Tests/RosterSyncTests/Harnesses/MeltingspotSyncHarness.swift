import Foundation
import MeltingspotSimulator
import RosterConformance
import RosterCore
import RosterHTTP
import RosterMeltingspot

/// Meltingspot as one end of a sync: spot members carry an e-mail only; active learners are
/// `Started`, finished ones `Completed`.
struct MeltingspotSyncHarness: SyncHarness {
    var name: String { "meltingspot" }
    var listedIdentities: Set<LearnerIdentity.Kind> { [.email] }

    func makeSyncEnd(_ setup: SyncSetup, wrap: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport)
        async throws -> SyncEnd
    {
        let clock = VirtualClock()
        let key = "msk_sync_\(UUID().uuidString)"
        let simulator = MeltingspotSimulator(courses: 1, participantsPerCourse: 0, clock: clock, secretKey: key)
        guard let course = simulator.courseIDs().first else { throw RosterError(.notFound, "the simulator has no course") }
        let planted = PlantedIDs()
        for person in setup.known + setup.enrolled.keys.sorted() {
            let member = simulator.addSpotMember(email: person.email, firstname: person.firstName, lastname: person.lastName)
            planted.set(person, member)
            guard let state = setup.enrolled[person] else { continue }
            try simulator.addParticipant(
                course: course, spotMember: member, status: state == .completed ? "Completed" : "Started")
        }
        let driver = try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: key), transport: wrap(simulator.transport), clock: clock)
        return SyncEnd(
            roster: Roster(driver: AnyRosterDriver(driver)), course: CourseID(course), injector: simulator.injector,
            learnerID: { planted.id(of: $0) })
    }
}
