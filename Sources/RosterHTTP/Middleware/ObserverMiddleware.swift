import Foundation
public import RosterCore

/// One thing that happened to a request, for logging, metrics and tracing. Carries no header values
/// and no body; the URL is redacted.
public struct HTTPEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The request is about to be sent.
        case sending
        /// A response arrived.
        case received(status: Int, bytes: Int)
        /// The request failed without a response.
        case failed(reason: String)
    }

    /// What happened.
    public var kind: Kind
    /// The method.
    public var method: String
    /// The URL with every known secret redacted.
    public var url: String
    /// Seconds since the request was sent (0 for `.sending`).
    public var durationSeconds: Double

    /// One log line: `GET https://… → 200 (1234 B) in 12.3 ms`.
    public var logLine: String {
        let ms = String(format: "%.1f ms", durationSeconds * 1000)
        switch kind {
        case .sending: return "\(method) \(url) …"
        case .received(let status, let bytes): return "\(method) \(url) → \(status) (\(bytes) B) in \(ms)"
        case .failed(let reason): return "\(method) \(url) failed after \(ms): \(reason)"
        }
    }
}

/// Receives every `HTTPEvent`; must be cheap and must not throw.
public protocol HTTPObserver: Sendable {
    /// Called for each event.
    func observe(_ event: HTTPEvent)
}

/// Keeps every event and its log line: for tests and for the conformance suite's secret checks.
public final class RecordingObserver: HTTPObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [HTTPEvent] = []

    /// Creates an empty recorder.
    public init() {}

    /// Stores the event.
    public func observe(_ event: HTTPEvent) { lock.withLock { stored.append(event) } }
    /// Every event so far.
    public var events: [HTTPEvent] { lock.withLock { stored } }
    /// Every log line so far.
    public var lines: [String] { events.map(\.logLine) }
}

/// Reports each attempt to an observer, with timings, and never a secret.
public struct ObserverMiddleware: HTTPMiddleware {
    /// Who is told.
    public let observer: any HTTPObserver
    /// Scrubs credentials out of URLs and error texts.
    public let redactor: CredentialRedactor
    /// Time source for durations.
    public let clock: any RosterClock

    /// Creates the middleware.
    public init(observer: any HTTPObserver, redactor: CredentialRedactor, clock: any RosterClock = SystemClock()) {
        self.observer = observer
        self.redactor = redactor
        self.clock = clock
    }

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let method = request.method.rawValue
        let url = redactor.redact(request.url.absoluteString)
        let start = clock.uptime()
        observer.observe(HTTPEvent(kind: .sending, method: method, url: url, durationSeconds: 0))
        do {
            let response = try await next(request)
            observer.observe(
                HTTPEvent(
                    kind: .received(status: response.status, bytes: response.body.count), method: method, url: url,
                    durationSeconds: clock.uptime() - start))
            return response
        } catch {
            let reason = error is CancellationError ? "cancelled" : redactor.redact(String(describing: error))
            observer.observe(
                HTTPEvent(kind: .failed(reason: reason), method: method, url: url, durationSeconds: clock.uptime() - start))
            throw error
        }
    }
}
