import Foundation
import RosterCore
import RosterHTTP
import RosterConformance
import RosterInMemory

/// One end of a sync over the in-memory API: a store with one course, people planted in it or only
/// known to the provider, and a facade whose transport passes through `faults` (crash and lost-answer
/// injection on writes, the conformance suite's `WriteFaultInjector`).
struct InMemoryEnd {
    let store: InMemoryStore
    let injector: FaultInjector
    let roster: Roster<InMemoryDriver>
    let faults: WriteFaultInjector
    let course: CourseID = "c1"

    init(paging: PagingStyle = .pageNumberWithTotal(firstPage: 1), faults: WriteFaultInjector = WriteFaultInjector()) {
        let store = InMemoryStore()
        store.addCourse(InMemoryCourse(id: "c1", title: "Førstehjelp"))
        let handler = InMemoryHandler(store: store, token: "sync-token", paging: paging)
        let injector = FaultInjector(plan: .none, clock: VirtualClock()) { InMemoryAPI.errorBody(status: $0) }
        let backend = InProcessTransport { request in try await injector.handle(request) { handler.respond(to: $0) } }
        let redactor = CredentialRedactor(secrets: ["sync-token"])
        let client = HTTPClient.standard(
            transport: faults.wrapping(backend), auth: AuthMiddleware(prefix: "Bearer ", source: StaticCredential("sync-token")),
            budget: nil, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0), clock: VirtualClock(), observer: nil,
            redactor: redactor)
        self.store = store
        self.injector = injector
        self.faults = faults
        roster = Roster(driver: try! InMemoryDriver(client: client, paging: paging, redactor: redactor))
    }

    /// Plants a person, enrolled in the course with `status` (raw in-memory code) when given.
    @discardableResult
    func plant(
        _ email: String?, first: String = "Kari", last: String = "Nordmann", username: String? = nil,
        externalID: String? = nil, status: String? = nil, passed: Bool? = nil, role: String = "learner"
    ) -> InMemoryLearner {
        let person = store.addPerson(
            InMemoryLearner(
                id: "", email: email, firstName: first, lastName: last, username: username, externalID: externalID))
        if let status {
            store.insert(
                .init(courseID: "c1", courseTitle: "Førstehjelp", status: status, role: role, learner: person,
                      passed: passed))
        }
        return person
    }

    /// Writes the backend applied (2xx answers to anything but GET), in order: `METHOD path body`.
    var appliedWrites: [String] {
        injector.requests.filter { $0.method != .get && (200..<300).contains($0.status) }.map {
            "\($0.method.rawValue) \($0.path)"
        }
    }
}

/// A fresh journal path in a RAM-backed folder where there is one (fsync is cheap there).
func journalPath(_ name: String = #function) -> String {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let folder = (base as NSString).appendingPathComponent("roster-sync-tests")
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let safe = name.filter { $0.isLetter || $0.isNumber }
    return (folder as NSString).appendingPathComponent("\(safe)-\(UUID().uuidString).jsonl")
}
