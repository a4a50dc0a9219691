import Foundation
import RosterCore
public import RosterHTTP

/// Crash and lost-answer injection on the writes (requests other than GET and HEAD) passing through a
/// transport. A crash before the n-th write stops the run before it is sent; a crash after it stops
/// the run once the backend has applied it — both as cancellation, the way a killed process simply
/// stops. A lost answer after it reports `outcomeUnknown` although the backend applied it. Each fault
/// fires once; the resumed run goes through.
public final class WriteFaultInjector: @unchecked Sendable {
    /// A fault at one write.
    public enum Fault: Hashable, Sendable {
        /// Stop before sending write n.
        case crashBefore(Int)
        /// Stop after the backend applied write n.
        case crashAfter(Int)
        /// Report `outcomeUnknown` after the backend applied write n.
        case answerLostAfter(Int)
    }

    private let lock = NSLock()
    private var fault: Fault?
    private var writes = 0

    /// Creates an injector armed with `fault` (nil: a pass-through that counts writes).
    public init(_ fault: Fault? = nil) { self.fault = fault }

    /// Writes seen so far.
    public var writesSeen: Int { lock.withLock { writes } }

    /// `base` with the fault on its writes.
    public func wrapping(_ base: any HTTPTransport) -> any HTTPTransport {
        InProcessTransport { [self] request in
            guard request.method != .get && request.method != .head else { return try await base.send(request) }
            let (number, armed) = lock.withLock { () -> (Int, Fault?) in
                writes += 1
                return (writes, fault)
            }
            switch armed {
            case .crashBefore(let n) where n == number:
                disarm()
                throw CancellationError()
            case .crashAfter(let n) where n == number:
                disarm()
                _ = try await base.send(request)
                throw CancellationError()
            case .answerLostAfter(let n) where n == number:
                disarm()
                _ = try await base.send(request)
                throw RosterError(.outcomeUnknown, "the answer to write \(n) was lost (injected)")
            default:
                return try await base.send(request)
            }
        }
    }

    private func disarm() { lock.withLock { fault = nil } }
}
