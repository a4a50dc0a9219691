import Foundation
import RosterConformance
import RosterCore
import RosterHTTP
import RosterInMemory

/// The in-memory provider as one end of a sync: every capability, every identity kind.
struct InMemorySyncHarness: SyncHarness {
    var name: String { "in-memory" }
    var listedIdentities: Set<LearnerIdentity.Kind> { [.email, .username, .externalID] }

    func makeSyncEnd(_ setup: SyncSetup, wrap: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport)
        async throws -> SyncEnd
    {
        let store = InMemoryStore()
        store.addCourse(InMemoryCourse(id: "c1", title: "Migreringskurs"))
        let planted = PlantedIDs()
        for person in setup.known + setup.enrolled.keys.sorted() {
            let stored = store.addPerson(
                InMemoryLearner(
                    id: "", email: person.email, firstName: person.firstName, lastName: person.lastName,
                    username: person.username, externalID: person.externalID))
            planted.set(person, stored.id)
            guard let state = setup.enrolled[person] else { continue }
            store.insert(
                .init(courseID: "c1", courseTitle: "Migreringskurs", status: state == .completed ? "completed" : "enrolled",
                      learner: stored, passed: state == .completed ? true : nil))
        }
        let handler = InMemoryHandler(store: store, token: "sync-conformance", paging: .nextLink)
        let injector = FaultInjector(plan: .none, clock: VirtualClock()) { InMemoryAPI.errorBody(status: $0) }
        let backend = InProcessTransport { request in try await injector.handle(request) { handler.respond(to: $0) } }
        let redactor = CredentialRedactor(secrets: ["sync-conformance"])
        let client = HTTPClient.standard(
            transport: wrap(backend), auth: AuthMiddleware(prefix: "Bearer ", source: StaticCredential("sync-conformance")),
            budget: nil, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0), clock: VirtualClock(), observer: nil,
            redactor: redactor)
        let driver = try InMemoryDriver(client: client, paging: .nextLink, redactor: redactor)
        return SyncEnd(
            roster: Roster(driver: AnyRosterDriver(driver)), course: "c1", injector: injector,
            learnerID: { planted.id(of: $0) })
    }
}
