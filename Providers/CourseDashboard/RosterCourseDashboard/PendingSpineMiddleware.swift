// TEMPORARY: stand-ins for the middleware the lead is writing in RosterHTTP on main, with the names
// and signatures the brief announces. Delete this file when `git merge main` brings the real ones.
public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import RosterCore
public import RosterHTTP

/// Supplies a credential; `refresh: true` asks for a fresh one after a 401.
public protocol CredentialSource: Sendable {
    /// The credential to send.
    func credential(refresh: Bool) async throws -> String
    /// True when asking again can give a different credential.
    var canRefresh: Bool { get }
}

/// A fixed credential.
public struct StaticCredential: CredentialSource {
    let value: String
    /// Wraps `value`.
    public init(_ value: String) { self.value = value }
    public func credential(refresh: Bool) async throws -> String { value }
    public var canRefresh: Bool { false }
}

/// Sets the credential header; on 401 with a refreshable source, refreshes once and resends.
public struct AuthMiddleware: HTTPMiddleware {
    let header: String
    let prefix: String
    let source: any CredentialSource
    /// Creates the middleware.
    public init(header: String = "Authorization", prefix: String = "", source: any CredentialSource) {
        self.header = header
        self.prefix = prefix
        self.source = source
    }
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var signed = request
        signed.headers[header] = prefix + (try await source.credential(refresh: false))
        let response = try await next(signed)
        guard response.status == 401, source.canRefresh else { return response }
        signed.headers[header] = prefix + (try await source.credential(refresh: true))
        return try await next(signed)
    }
}

/// When and how long to retry.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    public var maxTotalDelay: Double
    public var retryStatuses: Set<Int>
    public var retryNonIdempotent: Bool
    /// Creates a policy.
    public init(
        maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 30, maxTotalDelay: Double = 60,
        retryStatuses: Set<Int> = [429, 502, 503, 504], retryNonIdempotent: Bool = false
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
        self.retryStatuses = retryStatuses
        self.retryNonIdempotent = retryNonIdempotent
    }
}

/// Retries retryable statuses with backoff, honouring Retry-After.
public struct RetryMiddleware: HTTPMiddleware {
    let policy: RetryPolicy
    let clock: any RosterClock
    /// Creates the middleware.
    public init(policy: RetryPolicy = .init(), clock: any RosterClock = SystemClock()) {
        self.policy = policy
        self.clock = clock
    }
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var attempt = 1
        var slept = 0.0
        while true {
            let response = try await next(request)
            guard policy.retryStatuses.contains(response.status), attempt < policy.maxAttempts,
                request.isRetryable || policy.retryNonIdempotent
            else { return response }
            var delay = min(policy.maxDelay, policy.baseDelay * Double(1 << (attempt - 1)))
            if let header = response.headers["Retry-After"],
                let wait = RetryAfter.seconds(from: header, now: clock.now())
            {
                delay = wait
            }
            guard slept + delay <= policy.maxTotalDelay else { return response }
            try await clock.sleep(seconds: delay)
            slept += delay
            attempt += 1
            ListingCounters.current?.recordRetry()
        }
    }
}

/// Client-side token buckets (stand-in: counts nothing).
public final class RateBudget: Sendable {
    let limits: [RateLimit]
    init(limits: [RateLimit]) { self.limits = limits }
    /// The budget registered for `key`.
    public static func shared(key: String, limits: [RateLimit], clock: any RosterClock = SystemClock()) -> RateBudget {
        RateBudget(limits: limits)
    }
    /// Requests left in `window`.
    public func remaining(in window: RateLimit) -> Int { window.requests }
}

/// Waits for the rate budget before each request (stand-in: passes through).
public struct RateBudgetMiddleware: HTTPMiddleware {
    let budget: RateBudget
    /// Creates the middleware.
    public init(budget: RateBudget) { self.budget = budget }
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse { try await next(request) }
}

/// One observed exchange.
public struct HTTPEvent: Sendable {
    /// A log line without secrets.
    public var logLine: String
}

/// Receives observed exchanges.
public protocol HTTPObserver: Sendable {
    /// Called once per exchange.
    func observe(_ event: HTTPEvent)
}

/// Keeps every log line.
public final class RecordingObserver: HTTPObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    /// Creates an empty recorder.
    public init() {}
    public func observe(_ event: HTTPEvent) { lock.withLock { stored.append(event.logLine) } }
    /// The lines so far.
    public var lines: [String] { lock.withLock { stored } }
}

/// Reports each exchange to an observer, redacted.
public struct ObserverMiddleware: HTTPMiddleware {
    let observer: any HTTPObserver
    let redactor: CredentialRedactor
    /// Creates the middleware.
    public init(observer: any HTTPObserver, redactor: CredentialRedactor) {
        self.observer = observer
        self.redactor = redactor
    }
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let response = try await next(request)
        observer.observe(
            HTTPEvent(logLine: redactor.redact("\(request.method) \(request.url.absoluteString) → \(response.status)")))
        return response
    }
}

/// URLSession transport (stand-in).
public struct URLSessionTransport: HTTPTransport {
    let deadlineSeconds: Double
    /// Creates the transport.
    public init(deadlineSeconds: Double = 60) { self.deadlineSeconds = deadlineSeconds }
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: deadlineSeconds)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        for field in request.headers { urlRequest.setValue(field.value, forHTTPHeaderField: field.name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: urlRequest)
            let http = response as? HTTPURLResponse
            var headers = HTTPHeaders()
            for (name, value) in http?.allHeaderFields ?? [:] { headers.add("\(name)", "\(value)") }
            return HTTPResponse(status: http?.statusCode ?? 0, headers: headers, body: data)
        } catch let error as URLError where error.code == .cancelled {
            throw CancellationError()
        } catch let error as URLError {
            throw RosterError(.unavailable, "network error \(error.code.rawValue)")
        }
    }
}

extension HTTPClient {
    /// The standard stack: retry → rate budget → auth → observer → transport.
    public static func standard(
        transport: any HTTPTransport, auth: AuthMiddleware?, budget: RateBudget?, retry: RetryPolicy = .init(),
        clock: any RosterClock = SystemClock(), observer: (any HTTPObserver)?, redactor: CredentialRedactor
    ) -> HTTPClient {
        var middleware: [any HTTPMiddleware] = [RetryMiddleware(policy: retry, clock: clock)]
        if let budget { middleware.append(RateBudgetMiddleware(budget: budget)) }
        if let auth { middleware.append(auth) }
        if let observer { middleware.append(ObserverMiddleware(observer: observer, redactor: redactor)) }
        return HTTPClient(transport: transport, middleware: middleware)
    }
}
