import Foundation
import FrontcoreSimulator
import RosterConformance
import RosterCore
import RosterFrontcore
import RosterHTTP

/// Frontcore as one end of a sync. People exist only as the users of bookings, so `known` people
/// cannot be planted (and Frontcore, which cannot enroll, never needs them as a target).
struct FrontcoreSyncHarness: SyncHarness {
    var name: String { "frontcore" }
    var listedIdentities: Set<LearnerIdentity.Kind> { [.email, .username, .externalID] }

    func makeSyncEnd(_ setup: SyncSetup, wrap: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport)
        async throws -> SyncEnd
    {
        let clock = VirtualClock()
        let simulator = FrontcoreSimulator(
            participants: 0, courses: 1, clock: clock, apiKey: "fc_sync_\(UUID().uuidString)")
        guard let course = simulator.courseIDs.first else { throw RosterError(.notFound, "the simulator has no course") }
        let planted = PlantedIDs()
        for person in setup.enrolled.keys.sorted() {
            guard let booked = simulator.insertParticipant(
                courseID: course, email: person.email, externalID: person.externalID, username: person.username)
            else { throw RosterError(.notFound, "could not book \(person.email)") }
            simulator.setStatus(1, ofParticipant: booked.participant)
            if setup.enrolled[person] == .completed {
                simulator.setOutcome(completed: true, passed: true, ofParticipant: booked.participant)
            }
            planted.set(person, String(booked.user))
        }
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: simulator.apiKey), transport: wrap(simulator.transport),
            clock: clock)
        return SyncEnd(
            roster: Roster(driver: AnyRosterDriver(driver)), course: CourseID(String(course)),
            injector: simulator.injector, learnerID: { planted.id(of: $0) })
    }
}
