#if CLI
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a cancellation while a long run (an export) is in progress, so the
/// run can stop between records, keep what it wrote and say where, instead of dying mid-write.
/// Outside `start`…`stop` the signals keep their default action.
final class InterruptWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var signals: [Int32] = []
    private var received: Int32?
    private var onInterrupt: (@Sendable () -> Void)?

    /// The first signal received, if any.
    var receivedSignal: Int32? { lock.withLock { received } }

    /// Starts catching `signals`; `onInterrupt` runs (once) when the first arrives.
    static func start(_ signals: [Int32] = [SIGINT, SIGTERM], onInterrupt: @escaping @Sendable () -> Void)
        -> InterruptWatch
    {
        let watch = InterruptWatch()
        watch.lock.withLock {
            watch.onInterrupt = onInterrupt
            watch.signals = signals
        }
        for number in signals {
            // Dispatch sees the signal only while its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak watch] in watch?.deliver(number) }
            source.resume()
            watch.lock.withLock { watch.sources.append(source) }
        }
        return watch
    }

    /// Stops catching; the signals get their default action back.
    func stop() {
        let (sources, signals) = lock.withLock { (self.sources, self.signals) }
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }

    private func deliver(_ number: Int32) {
        let action: (@Sendable () -> Void)? = lock.withLock {
            guard received == nil else { return nil }
            received = number
            return onInterrupt
        }
        action?()
    }

    /// `SIGINT` or `SIGTERM` (or `signal N`).
    static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}

/// A value settled once, by whichever of several parties comes first (the end of a copy, a signal),
/// and awaited by one reader; later settlements are ignored.
final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private enum State {
        case open(waiter: CheckedContinuation<Value, Never>?)
        case settled(Value)
    }

    private let lock = NSLock()
    private var state = State.open(waiter: nil)

    /// Settles the value, unless it is already settled.
    func settle(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = lock.withLock {
            guard case .open(let waiter) = state else { return nil }
            state = .settled(value)
            return waiter
        }
        waiter?.resume(returning: value)
    }

    /// The first value settled, once there is one.
    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let settled: State = lock.withLock {
                    if case .open = state { state = .open(waiter: continuation) }
                    return state
                }
                if case .settled(let value) = settled { continuation.resume(returning: value) }
            }
        }
    }
}

/// A run stopped by a signal after it said what it kept: the tool exits with 128 + the signal
/// number, as a shell reports a process a signal ended (130 for SIGINT, 143 for SIGTERM).
struct InterruptedRun: Error {
    /// The signal that stopped the run.
    var signal: Int32
    /// The exit status.
    var status: Int32 { 128 + signal }
}
#endif
