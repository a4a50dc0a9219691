import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP

/// The seed JSON samples, copied from the vendor pages as published.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw RosterError(.notFound, "no fixture \(name)")
        }
        return try Data(contentsOf: url)
    }
}

/// A transport that records every request and answers with a fixed handler.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let answer: @Sendable (HTTPRequest) -> HTTPResponse

    init(status: Int = 200, body: Data = Data("[]".utf8)) {
        answer = { _ in HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body) }
    }

    init(_ answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.answer = answer }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return answer(request)
    }

    var requests: [HTTPRequest] { lock.withLock { recorded } }
    /// The query string of the last request, as sent.
    var lastQuery: String? { requests.last.flatMap { URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.percentEncodedQuery } }
}

/// Drivers for tests: a virtual clock (no real sleeping) and a key unique to the test, so that
/// no two tests share a rate budget.
enum TestDrivers {
    static func driver(
        transport: any HTTPTransport, key: String = "test-key-\(UUID().uuidString)", paging: FrontcorePagingMode = .keyset,
        clock: VirtualClock = VirtualClock(), observer: (any HTTPObserver)? = nil
    ) throws -> FrontcoreDriver {
        try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: key, paging: paging), transport: transport, clock: clock,
            observer: observer)
    }

    static func roster(_ simulator: FrontcoreSimulator, clock: VirtualClock = VirtualClock(), paging: FrontcorePagingMode = .keyset)
        throws -> Roster<FrontcoreDriver>
    {
        Roster(driver: try driver(transport: simulator.transport, key: simulator.apiKey, paging: paging, clock: clock))
    }
}

/// An instant from ISO 8601 text, for expectations.
func instant(_ text: String) -> Date { try! Date.ISO8601FormatStyle().parse(text) }
