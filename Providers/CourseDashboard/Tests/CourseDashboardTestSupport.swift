import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP

/// A transport that records every request before handing it on: the tests assert on what was sent
/// (parameters, headers, and where the token went).
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HTTPRequest] = []
    let inner: any HTTPTransport

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var requests: [HTTPRequest] { lock.withLock { stored } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { stored.append(request) }
        return try await inner.send(request)
    }
}

enum Fixture {
    /// The bytes of `Fixtures/<name>.json`.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw RosterError(.notFound, "no fixture \(name)")
        }
        return try Data(contentsOf: url)
    }
}

/// A driver and facade over `simulator` (or any transport), with a virtual clock and a recorder.
struct DashboardRig {
    let simulator: CourseDashboardSimulator
    let recorder: RecordingTransport
    let clock = VirtualClock()
    let roster: Roster<CourseDashboardDriver>

    init(
        simulator: CourseDashboardSimulator = CourseDashboardSimulator(courses: 2, learnersPerCourse: 12),
        token: (any CredentialSource)? = nil, pageSize: Int = 5, transport: (any HTTPTransport)? = nil
    ) throws {
        self.simulator = simulator
        recorder = RecordingTransport(transport ?? simulator.transport)
        let base = CourseDashboardSimulator.defaultBaseURL
        let configuration =
            token.map { CourseDashboardConfiguration(baseURL: base, token: $0, pageSize: pageSize) }
            ?? CourseDashboardConfiguration(baseURL: base, token: simulator.token, pageSize: pageSize)
        roster = Roster(driver: try CourseDashboardDriver(configuration: configuration, transport: recorder, clock: clock))
    }

    var driver: CourseDashboardDriver { roster.driver }

    func enrollmentID(course: Int, user: Int) -> EnrollmentID {
        CourseDashboardIdentity.enrollmentID(course: CourseID(String(course)), user: LearnerID(String(user)))
    }
}

/// Runs `body` and returns the `RosterError` it threw, or nil.
func rosterError(_ body: () async throws -> Void) async -> RosterError? {
    do {
        try await body()
        return nil
    } catch let error as RosterError {
        return error
    } catch {
        return RosterError(.unavailable, "unexpected \(type(of: error)): \(error)")
    }
}

/// The path exactly as sent, trailing slash included (`URL.path` drops it on Linux).
func sentPath(_ url: URL?) -> String? {
    url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.percentEncodedPath }
}

extension CourseDashboardSimulator {
    /// Sends `GET url` with the service token straight to the handler; returns the status and the
    /// body as a JSON object.
    func getObject(_ url: String) async throws -> (status: Int, object: [String: Any]) {
        let response = await handle(
            HTTPRequest(method: .get, url: URL(string: url)!, headers: ["Authorization": "Bearer \(token)"]))
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
        return (response.status, object)
    }
}
