public import Foundation
public import RosterCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A client-side request budget: for each `RateLimit` (e.g. 100 per 10 s and 50,000 per day) it
/// sends at most `requests` requests within any stretch of `seconds × (1 + margin)`, and every
/// request must pass all of them. Keeping to a sliding window (rather than a token bucket) keeps the
/// client under the limit however the vendor counts: a vendor counting with a sliding window of
/// `seconds` sees no more than `requests` in any window, and one counting with a token bucket of that
/// size and rate accepts every such sequence too. The margin (3 % by default) absorbs requests that
/// reach the vendor a little sooner than the one sent before them, so the client stays under the
/// ceiling with no 429 and still uses about 97 % of it.
///
/// Budgets are shared per credential through `shared(key:…)`, so two drivers using the same key
/// never add up to more than the vendor allows; `shareAcrossProcesses(in:fileName:)` extends that to
/// every process of the user that opts in, through a small locked file per credential.
public final class RateBudget: @unchecked Sendable {
    /// The fraction by which each window is stretched: the default margin.
    public static let defaultMargin = 0.03

    private struct Window {
        let limit: RateLimit
        /// The window the client keeps to: the vendor's, stretched by the margin.
        let span: Double
        /// Send times within the last `span`, oldest first (from `head` on).
        var sent: [Double] = []
        var head = 0

        var count: Int { sent.count - head }

        /// Drops the send times that left the window by `now`.
        mutating func prune(now: Double) {
            // A hair of tolerance: times summed in floating point can land a rounding error short.
            while head < sent.count, sent[head] <= now - span + 1e-9 { head += 1 }
            if head > 64, head * 2 > sent.count {
                sent.removeFirst(head)
                head = 0
            }
        }

        /// The earliest time a request may be sent (the window must have room for it).
        func earliest(now: Double) -> Double {
            count < limit.requests ? now : sent[sent.count - limit.requests] + span
        }
    }

    private let lock = NSLock()
    private var windows: [Window]
    private let clock: any RosterClock
    private let stateFile: URL?

    /// Creates a budget with nothing sent yet. Limits with no requests or no (finite) window are
    /// ignored: they would mean waiting for ever. `margin` (0 to 1) stretches every window; a
    /// `stateFile` shares the budget with every process using the same file (see
    /// `shareAcrossProcesses(in:fileName:)`), counted on `clock`, which must then be the system's.
    public init(
        limits: [RateLimit], clock: any RosterClock = SystemClock(), margin: Double = RateBudget.defaultMargin,
        stateFile: URL? = nil
    ) {
        let stretch = 1 + (margin.isFinite ? min(max(margin, 0), 1) : RateBudget.defaultMargin)
        self.windows = limits.filter { $0.requests > 0 && $0.seconds > 0 && $0.seconds.isFinite }
            .map { Window(limit: $0, span: $0.seconds * stretch) }
        self.clock = clock
        self.stateFile = stateFile
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [Int: RateBudget] = [:]
    nonisolated(unsafe) private static var sharedFolder: (folder: URL, fileName: @Sendable (String) -> String)?

    /// The budget shared by every client using `key` (a credential; only its hash is kept) on the
    /// same clock: a test's virtual clock gets a budget of its own. When `shareAcrossProcesses` is on
    /// and `clock` is the system clock, the budget is shared with other processes too.
    public static func shared(key: String, limits: [RateLimit], clock: any RosterClock = SystemClock()) -> RateBudget {
        var hasher = Hasher()
        hasher.combine(key)
        for limit in limits { hasher.combine(limit) }
        hasher.combine(ObjectIdentifier(type(of: clock)))
        if type(of: clock) is AnyClass { hasher.combine(ObjectIdentifier(clock as AnyObject)) }
        let slot = hasher.finalize()
        return registryLock.withLock {
            if let existing = registry[slot] { return existing }
            var file: URL?
            if clock is SystemClock, let shared = sharedFolder {
                file = shared.folder.appendingPathComponent(shared.fileName(key), isDirectory: false)
            }
            let budget = RateBudget(limits: limits, clock: clock, stateFile: file)
            registry[slot] = budget
            return budget
        }
    }

    /// Makes every budget `shared(key:…)` creates from now on (on the system clock) also shared with
    /// other processes that do the same: each credential's send times live in a file in `folder`,
    /// named by `fileName(key)`, locked while a request takes its place. `fileName` must not reveal
    /// the key (the tool uses a SHA-256 digest). Opt-in: without it, each process has its own budget.
    public static func shareAcrossProcesses(in folder: URL, fileName: @escaping @Sendable (String) -> String) {
        registryLock.withLock { sharedFolder = (folder, fileName) }
    }

    /// Waits (on the clock) until every window has room, then takes a place in each.
    public func acquire() async throws {
        while true {
            let wait = try lock.withLock { try stateFile.map(acquireShared) ?? take(now: clock.uptime()) }
            if wait == 0 { return }
            try await clock.sleep(seconds: max(wait, 0.000_001))
        }
    }

    /// Requests that may still be sent right now in `window` (nil when no such budget is set).
    public func remaining(in window: RateLimit) -> Int? {
        lock.withLock {
            let now = clock.uptime()
            if let stateFile { try? withLockedFile(stateFile) { _ in } }
            guard let index = windows.firstIndex(where: { $0.limit == window }) else { return nil }
            windows[index].prune(now: now)
            return max(0, window.requests - windows[index].count)
        }
    }

    /// Takes a place in every window at `now`, or returns how long to wait. Call under the lock.
    private func take(now: Double) -> Double {
        var earliest = now
        for index in windows.indices {
            windows[index].prune(now: now)
            earliest = max(earliest, windows[index].earliest(now: now))
        }
        guard earliest <= now else { return earliest - now }
        for index in windows.indices { windows[index].sent.append(now) }
        return 0
    }

    // MARK: Sharing between processes

    /// `take`, with the windows read from and written back to the state file under an exclusive lock.
    private func acquireShared(_ file: URL) throws -> Double {
        var wait = 0.0
        try withLockedFile(file) { _ in wait = take(now: clock.uptime()) }
        return wait
    }

    /// Runs `body` with the file locked and the windows loaded from it; writes them back after.
    private func withLockedFile(_ file: URL, _ body: (Int32) throws -> Void) throws {
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let descriptor = open(file.path, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            throw RosterError(.unavailable, "cannot open the shared rate budget file \(file.path) (errno \(errno))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw RosterError(.unavailable, "cannot lock the shared rate budget file \(file.path) (errno \(errno))")
        }
        defer { flock(descriptor, LOCK_UN) }
        load(from: descriptor, now: clock.uptime())
        try body(descriptor)
        try save(to: descriptor)
    }

    /// Replaces each window's send times with the file's: lines of `requests seconds time…`. Times
    /// after `now` (a file from before a reboot, whose clock started over) are dropped.
    private func load(from descriptor: Int32, now: Double) {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        lseek(descriptor, 0, SEEK_SET)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            data.append(contentsOf: chunk[..<count])
        }
        var stored: [RateLimit: [Double]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let requests = Int(fields[0]), let seconds = Double(fields[1]) else { continue }
            stored[RateLimit(requests: requests, per: seconds)] =
                fields.dropFirst(2).compactMap { Double($0) }.filter { $0.isFinite && $0 <= now }.sorted()
        }
        for index in windows.indices {
            windows[index].sent = stored[windows[index].limit] ?? []
            windows[index].head = 0
            windows[index].prune(now: now)
        }
    }

    private func save(to descriptor: Int32) throws {
        var text = ""
        for window in windows {
            text += "\(window.limit.requests) \(window.limit.seconds)"
            for time in window.sent[window.head...] { text += " \(time)" }
            text += "\n"
        }
        let bytes = Array(text.utf8)
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0,
            bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count
        else {
            throw RosterError(.unavailable, "cannot write the shared rate budget file (errno \(errno))")
        }
    }
}

/// Takes a place in a `RateBudget` before every attempt (retries included).
public struct RateBudgetMiddleware: HTTPMiddleware {
    /// The budget.
    public let budget: RateBudget

    /// Creates the middleware.
    public init(budget: RateBudget) { self.budget = budget }

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await budget.acquire()
        return try await next(request)
    }
}
