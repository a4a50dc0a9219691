public import Foundation

/// Time as the HTTP layer sees it: wall-clock now (for HTTP dates), monotonic elapsed time (for rate
/// budgets), and sleeping. Injected so retry and rate-budget tests run without real sleeping.
public protocol RosterClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Seconds since an arbitrary fixed point; never goes backwards.
    func uptime() -> Double
    /// Suspends for `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemClock: RosterClock {
    /// Creates the real clock.
    public init() {}
    /// The current wall-clock time.
    public func now() -> Date { Date() }
    /// Seconds on a monotonic scale.
    public func uptime() -> Double { ProcessInfo.processInfo.systemUptime }
    /// Waits for `seconds` (see the type for how).
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        // Clamped to a year: an absurd wait (a hostile Retry-After) must not overflow the conversion.
        try await Task.sleep(nanoseconds: UInt64(min(seconds, 31_536_000) * 1_000_000_000))
    }
}

/// A clock for tests: sleeping returns at once and moves time forward by the slept amount, and every
/// sleep is recorded, so a test can assert what a retry or rate budget waited without waiting.
public final class VirtualClock: RosterClock, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Double = 0
    private var sleeps: [Double] = []
    private let start: Date

    /// Creates a clock whose wall time starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { self.start = start }

    /// The current wall-clock time.
    public func now() -> Date { lock.withLock { start.addingTimeInterval(elapsed) } }
    /// Seconds on a monotonic scale.
    public func uptime() -> Double { lock.withLock { elapsed } }
    /// Waits for `seconds` (see the type for how).
    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock {
            sleeps.append(seconds)
            elapsed += max(0, seconds)
        }
        await Task.yield()
    }

    /// Moves time forward without a sleep being recorded.
    public func advance(by seconds: Double) { lock.withLock { elapsed += seconds } }
    /// Every sleep so far, in order.
    public var recordedSleeps: [Double] { lock.withLock { sleeps } }
    /// The sum of all sleeps so far.
    public var totalSlept: Double { lock.withLock { sleeps.reduce(0, +) } }
}
