import Foundation
public import RosterCore

/// An overall deadline for a whole run of work (a listing, an export, a batch of writes), on top of
/// each request's own deadline: without it, a vendor that never answers costs the per-request
/// deadline times the number of attempts, for every request. Set it for a scope with
/// `RunDeadline.withDeadline(seconds:_:)`; every client built with `HTTPClient.standard` (every
/// adapter's) honours it through `DeadlineMiddleware`, retries and rate-budget waits included.
///
/// ```swift
/// try await RunDeadline.withDeadline(seconds: 600) {
///     for try await enrollment in roster.enrollments() { … }
/// }
/// ```
public struct RunDeadline: Hashable, Sendable {
    /// The budget the deadline was set with, in seconds (for messages).
    public let seconds: Double
    /// When it passes, on the monotonic clock.
    public let expiry: ContinuousClock.Instant

    /// A deadline `seconds` after `start` (clamped to 0...one year; NaN counts as 0).
    public init(seconds: Double, from start: ContinuousClock.Instant = .now) {
        let bounded = seconds.isNaN ? 0 : min(max(0, seconds), 31_536_000)
        self.seconds = bounded
        // Clamped so that the instant arithmetic cannot overflow.
        self.expiry = start + .milliseconds(Int64(bounded * 1000))
    }

    /// True once the deadline has passed.
    public var hasPassed: Bool { ContinuousClock.now >= expiry }

    /// The deadline of the work running in this task, if any.
    @TaskLocal public static var current: RunDeadline?

    /// Runs `body` under a deadline of `seconds` (or under the current one, when that passes sooner).
    /// A `seconds` of zero, less, or not finite sets no deadline.
    public static func withDeadline<T>(
        seconds: Double, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async rethrows -> T {
        guard seconds > 0, seconds.isFinite else { return try await body() }
        var deadline = RunDeadline(seconds: seconds)
        if let outer = current, outer.expiry < deadline.expiry { deadline = outer }
        return try await $current.withValue(deadline, operation: body, isolation: isolation)
    }

    /// The error for `request`, cut off by this deadline after getting as far as `delivery` says:
    /// `unavailable`, or `outcomeUnknown` for a write in flight that may not be repeated.
    public func expired(_ request: HTTPRequest, delivery: RosterError.Delivery) -> RosterError {
        let display = "\(request.method.rawValue) \(request.pathForDisplay)"
        let budget = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
        let reason =
            delivery == .notSent
            ? "the overall deadline of \(budget) s passed before \(display) was sent"
            : "the overall deadline of \(budget) s passed while \(display) waited for an answer"
        return UnansweredRequest.error(for: request, delivery: delivery, reason: reason)
    }
}

/// Enforces the current `RunDeadline` (if any) on every request: a request that starts after it
/// passed fails at once without being sent, and one still running when it passes (in the transport,
/// a retry's backoff or a rate-budget wait) is cancelled and fails. Whether the request had reached
/// the transport decides the error (see `UnansweredRequest`). Without a deadline it only passes the
/// request on.
public struct DeadlineMiddleware: HTTPMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        guard let deadline = RunDeadline.current else { return try await next(request) }
        guard !deadline.hasPassed else { throw deadline.expired(request, delivery: .notSent) }
        let tracker = TransportTracker()
        return try await withoutActuallyEscaping(next) { next in
            try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
                group.addTask { try await TransportTracker.$current.withValue(tracker) { try await next(request) } }
                group.addTask {
                    try await Task.sleep(until: deadline.expiry, clock: .continuous)
                    return nil
                }
                defer { group.cancelAll() }
                if let first = try await group.next(), let response = first { return response }
                try Task.checkCancellation()
                throw deadline.expired(request, delivery: tracker.reached ? .maybeSent : .notSent)
            }
        }
    }
}

/// Notes whether a request reached the transport at the bottom of an `HTTPClient`: set by the client
/// just before it hands the request over, read by `DeadlineMiddleware` to tell "never sent" from
/// "maybe sent" when the deadline cuts a request off.
final class TransportTracker: @unchecked Sendable {
    @TaskLocal static var current: TransportTracker?
    private let lock = NSLock()
    private var reachedTransport = false

    /// Records that the request is being handed to the transport.
    func markReached() { lock.withLock { reachedTransport = true } }
    /// True once the request was handed to the transport.
    var reached: Bool { lock.withLock { reachedTransport } }
}
