import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Shared helpers for the Meltingspot tests.
enum TestSupport {
    /// A fresh, unique key (each gets its own shared rate budget).
    static func uniqueKey() -> String { "msk_test_" + UUID().uuidString }

    /// A simulator and a driver talking to it in process, on a virtual clock.
    static func simulated(
        courses: Int = 2, participants: Int = 12, faults: FaultPlan = .none,
        configure: (inout MeltingspotConfiguration) -> Void = { _ in }
    ) throws -> (MeltingspotSimulator, MeltingspotDriver, VirtualClock) {
        let clock = VirtualClock()
        let key = uniqueKey()
        let simulator = MeltingspotSimulator(
            seed: 42, courses: courses, participantsPerCourse: participants, faults: faults, clock: clock,
            secretKey: key)
        var configuration = MeltingspotConfiguration(secretKey: key)
        configure(&configuration)
        let driver = try MeltingspotDriver(configuration: configuration, transport: simulator.transport, clock: clock)
        return (simulator, driver, clock)
    }

    /// A driver whose every request is answered by `respond` and recorded.
    static func scripted(
        scheme: MeltingspotConfiguration.AuthorizationScheme = .bearer, key: String = uniqueKey(),
        _ respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws -> (MeltingspotDriver, RequestRecorder) {
        let recorder = RequestRecorder()
        let transport = InProcessTransport { request in
            recorder.append(request)
            return respond(request)
        }
        let configuration = MeltingspotConfiguration(
            secretKey: key, authorizationScheme: scheme, retryPolicy: .never)
        return (
            try MeltingspotDriver(configuration: configuration, transport: transport, clock: VirtualClock()), recorder
        )
    }

    /// A 200 JSON response with `text` as the body.
    static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(text.utf8))
    }

    /// The published participant example, from the test bundle.
    static func seedParticipantJSON() throws -> Data {
        let url = try #require(
            Bundle.module.url(
                forResource: "meltingspot-course-participant", withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }
}

/// Keeps every request a scripted transport received.
final class RequestRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HTTPRequest] = []

    func append(_ request: HTTPRequest) { lock.withLock { stored.append(request) } }
    var requests: [HTTPRequest] { lock.withLock { stored } }
    var urls: [String] { requests.map(\.url.absoluteString) }
}
