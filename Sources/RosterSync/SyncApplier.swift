import Foundation
public import RosterCore

/// Applies a `SyncPlan` to the target, recording every write in a `SyncJournal` so that a run killed
/// at any instant and started again with the same journal finishes the plan with no duplicate and no
/// lost write:
/// - each write's intent is on disk before it is sent, its outcome after its answer;
/// - a write the journal shows done is never sent again;
/// - a write whose outcome is uncertain (killed in flight, `outcomeUnknown`, or refused last time) is
///   settled by reading the target first, and sent again only when the target shows it did not happen
///   — never retried blind.
/// Items run with bounded concurrency; each vendor's rate budget paces the writes. Cancellation stops
/// the run without recording outcomes it does not know (the next run settles them by reading).
public struct SyncApplier<Target: RosterDriver>: Sendable {
    /// The target provider.
    public let target: Roster<Target>
    /// Items worked on at once.
    public let concurrency: Int

    /// Creates an applier.
    public init(target: Roster<Target>, concurrency: Int = 4) {
        self.target = target
        self.concurrency = max(1, concurrency)
    }

    /// Applies `journal.plan`, calling `progress` with each item's outcome as it is known. The journal
    /// is closed when this returns or throws (its lock released, so a resumed run can open it at once).
    public func apply(
        journal: SyncJournal, progress: (@Sendable (SyncItemOutcome) -> Void)? = nil
    ) async throws -> SyncApplyReport {
        defer { journal.close() }
        let plan = journal.plan
        guard plan.targetProvider == target.provider else {
            throw RosterError(
                .invalidArgument,
                "the plan is for \(plan.targetProvider), not \(target.provider)", provider: target.provider)
        }
        let work = plan.items.filter { $0.action.writes }
        let runner = ItemRunner(target: target, journal: journal, request: plan.request)
        var outcomes: [SyncItemOutcome] = []
        try await withThrowingTaskGroup(of: SyncItemOutcome.self) { group in
            var next = work.makeIterator()
            func startNext() -> Bool {
                guard let item = next.next() else { return false }
                group.addTask { try await runner.run(item) }
                return true
            }
            for _ in 0..<concurrency where !startNext() { break }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                progress?(outcome)
                _ = startNext()
            }
        }
        let untouched = plan.items.filter { !$0.action.writes }.map {
            SyncItemOutcome(item: $0, result: .nothingToDo, targetLearnerId: $0.targetLearnerId)
        }
        return SyncApplyReport(outcomes: (outcomes + untouched).sorted { $0.item.id < $1.item.id })
    }
}

/// How one item ended.
public struct SyncItemOutcome: Hashable, Sendable, Codable {
    /// How it ended.
    public enum Result: String, Hashable, Sendable, Codable {
        /// Every write of the item is done (sent now, or done by an earlier run).
        case applied
        /// The item writes nothing (`inSync` or `skip`).
        case nothingToDo
        /// A write was refused; the error says why.
        case failed
        /// A write was sent and no answer came, and reading the target could not settle it.
        case unknown
    }

    /// The plan item.
    public var item: SyncItem
    /// How it ended.
    public var result: Result
    /// The target learner (for created people, the new id).
    public var targetLearnerId: LearnerID?
    /// Writes sent in this run for the item.
    public var writesSent = 0
    /// Writes found already done without sending them in this run: by an earlier run's journal, or
    /// by reading the target.
    public var writesAlreadyDone = 0
    /// Writes whose fate was uncertain (killed in flight, answer lost) and was settled by reading the
    /// target instead of sending them again.
    public var writesSettledByReading = 0
    /// What went wrong, for `failed` and `unknown`.
    public var error: String?
    /// The portable error code, for `failed` and `unknown`.
    public var errorCode: String?
}

/// What a run achieved.
public struct SyncApplyReport: Hashable, Sendable, Codable {
    /// Every item's outcome, in plan order.
    public var outcomes: [SyncItemOutcome]

    /// Writes sent in this run.
    public var writesSent: Int { outcomes.reduce(0) { $0 + $1.writesSent } }
    /// Items that failed.
    public var failed: [SyncItemOutcome] { outcomes.filter { $0.result == .failed } }
    /// Items whose outcome stayed unknown.
    public var unknown: [SyncItemOutcome] { outcomes.filter { $0.result == .unknown } }
    /// True when every item that writes is applied.
    public var complete: Bool { failed.isEmpty && unknown.isEmpty }
}
