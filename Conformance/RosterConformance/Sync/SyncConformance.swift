import Foundation
import RosterCore
import RosterHTTP
import RosterSync
import Testing

/// The sync section of the suite, run for an ordered pair of providers (source → target): planning
/// writes nothing, applying reaches the plan, a re-run writes nothing, a run killed before or after
/// any write and then resumed leaves every write applied exactly once, and a write whose answer was
/// lost is settled by reading, not repeated.
public enum SyncConformanceCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Planning sends no write to either backend, and the plan has an item for every person.
    case planIsReadOnly
    /// Applying completes, the backend counts one write per planned step, and a new plan is all
    /// `inSync`/`skip`.
    case applyReachesThePlan
    /// Running the finished journal again, or planning again, writes nothing.
    case rerunWritesNothing
    /// A crash before each write in turn, then a resume: each write applied once, none lost.
    case crashBeforeEachWrite
    /// A crash after each write in turn (applied, not journaled), then a resume: no duplicate.
    case crashAfterEachWrite
    /// The answer to an applied write is lost (`outcomeUnknown`): read, not sent again.
    case lostAnswerIsSettledNotRepeated

    public var description: String { rawValue }

    /// Runs this case from `source` to `target`, recording failures as test issues.
    public func run(source: some SyncHarness, target: some SyncHarness) async throws {
        let pair = SyncPair(source: source, target: target, caseName: rawValue)
        switch self {
        case .planIsReadOnly: try await pair.planIsReadOnly()
        case .applyReachesThePlan: try await pair.applyReachesThePlan()
        case .rerunWritesNothing: try await pair.rerunWritesNothing()
        case .crashBeforeEachWrite: try await pair.crashAtEachWrite(after: false)
        case .crashAfterEachWrite: try await pair.crashAtEachWrite(after: true)
        case .lostAnswerIsSettledNotRepeated: try await pair.lostAnswers()
        }
    }
}

/// One source → target pair under test.
struct SyncPair<Source: SyncHarness, Target: SyncHarness> {
    let source: Source
    let target: Target
    let caseName: String

    func fail(_ message: String) { Issue.record("[\(source.name) → \(target.name) · \(caseName)] \(message)") }
    func check(_ condition: Bool, _ message: @autoclosure () -> String) { if !condition { fail(message()) } }

    /// Two fresh backends holding the scenario, the request that syncs them, and the target's fault
    /// injector.
    func build(_ fault: WriteFaultInjector.Fault? = nil) async throws -> Built {
        let probe = try await target.makeSyncEnd(SyncSetup(), wrap: { $0 })
        let scenario = SyncScenario(source: source, target: target, targetCapabilities: probe.roster.capabilities)
        let sourceEnd = try await source.makeSyncEnd(scenario.sourceSetup, wrap: { $0 })
        let injector = WriteFaultInjector(fault)
        let targetEnd = try await target.makeSyncEnd(scenario.targetSetup, wrap: { injector.wrapping($0) })
        let match: MatchRule
        if let kind = scenario.matchKind {
            match = .identity(kind)
        } else {
            match = .mapping(
                scenario.sourceSetup.enrolled.keys.sorted().compactMap { person in
                    guard let from = sourceEnd.learnerID(person), let to = targetEnd.learnerID(person) else { return nil }
                    return LearnerMapping(source: from, target: to)
                })
        }
        let request = SyncRequest(
            source: SyncSource(course: sourceEnd.course), target: SyncTarget(course: targetEnd.course), match: match)
        return Built(source: sourceEnd, target: targetEnd, request: request)
    }

    struct Built {
        var source: SyncEnd
        var target: SyncEnd
        var request: SyncRequest

        func plan() async throws -> SyncPlan {
            try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
        }
    }

    // MARK: Cases

    func planIsReadOnly() async throws {
        let built = try await build()
        let plan = try await built.plan()
        check(built.source.injector.mutatingRequestCount == 0, "planning sent a write to the source")
        check(built.target.injector.mutatingRequestCount == 0, "planning sent a write to the target")
        let sourceItems = plan.items.filter { $0.id.hasPrefix("source:") }
        let staff = sourceItems.filter { $0.action == .skip && $0.reason.contains("learners only") }
        check(
            sourceItems.count - staff.count == 20,
            "expected an item for each of the 20 source learners, got \(sourceItems.count - staff.count)")
        check(
            plan.items.count - sourceItems.count == 2,
            "expected 2 target-only items, got \(plan.items.count - sourceItems.count)")
        check(Self.steps(plan) > 0, "the scenario plans no write: \(plan.items.map { "\($0.id) \($0.action)" })")
        check(
            plan.items.filter { $0.id.hasPrefix("target:") }.allSatisfy { $0.action == .skip },
            "add mode must leave target-only learners alone")
    }

    func applyReachesThePlan() async throws {
        let built = try await build()
        let plan = try await built.plan()
        let report = try await SyncApplier(target: built.target.roster).apply(
            journal: try SyncJournal.open(at: Self.journalPath(), for: plan))
        check(report.complete, "apply did not complete: \(report.failed.map(\.error)) \(report.unknown.map(\.error))")
        check(
            built.target.appliedWrites == Self.steps(plan),
            "the backend applied \(built.target.appliedWrites) writes for \(Self.steps(plan)) planned steps")
        try await expectInSync(built)
    }

    func rerunWritesNothing() async throws {
        let built = try await build()
        let plan = try await built.plan()
        let path = Self.journalPath()
        _ = try await SyncApplier(target: built.target.roster).apply(journal: try SyncJournal.open(at: path, for: plan))
        let applied = built.target.appliedWrites
        guard let journal = try SyncJournal.resume(at: path) else { return fail("the journal is gone") }
        let again = try await SyncApplier(target: built.target.roster).apply(journal: journal)
        check(again.writesSent == 0 && built.target.appliedWrites == applied, "re-running a finished journal wrote")
        try await expectInSync(built)
    }

    func crashAtEachWrite(after: Bool) async throws {
        let writes = Self.steps(try await build().plan())
        for n in 1...max(1, writes) {
            let built = try await build(after ? .crashAfter(n) : .crashBefore(n))
            let plan = try await built.plan()
            let path = Self.journalPath()
            let applier = SyncApplier(target: built.target.roster, concurrency: 1)
            do {
                _ = try await applier.apply(journal: try SyncJournal.open(at: path, for: plan))
                return fail("the injected crash at write \(n) did not stop the run")
            } catch is CancellationError {}
            guard let journal = try SyncJournal.resume(at: path) else { return fail("no journal after the crash") }
            let resumed = try await applier.apply(journal: journal)
            check(resumed.complete, "crash at write \(n): the resumed run did not complete: \(resumed.failed.map(\.error))")
            check(
                built.target.appliedWrites == writes,
                "crash \(after ? "after" : "before") write \(n): the backend applied \(built.target.appliedWrites) writes for \(writes) planned")
            try await expectInSync(built, "crash at write \(n)")
        }
    }

    func lostAnswers() async throws {
        let writes = Self.steps(try await build().plan())
        for n in Set([1, (writes + 1) / 2, writes]).sorted() where n >= 1 {
            let built = try await build(.answerLostAfter(n))
            let plan = try await built.plan()
            let report = try await SyncApplier(target: built.target.roster, concurrency: 1).apply(
                journal: try SyncJournal.open(at: Self.journalPath(), for: plan))
            check(report.complete, "lost answer at write \(n): \(report.failed.map(\.error)) \(report.unknown.map(\.error))")
            check(built.target.appliedWrites == writes, "lost answer at write \(n): the write was sent again")
            check(
                report.outcomes.reduce(0) { $0 + $1.writesSettledByReading } == 1,
                "lost answer at write \(n) was not settled by reading the target")
        }
    }

    // MARK: Helpers

    func expectInSync(_ built: Built, _ context: String = "") async throws {
        let again = try await built.plan()
        let pending = again.items.filter { $0.action.writes }
        check(pending.isEmpty, "\(context) a new plan still writes: \(pending.map { "\($0.id) \($0.action): \($0.reason)" })")
    }

    /// The writes a plan sends: one per step.
    static func steps(_ plan: SyncPlan) -> Int {
        plan.items.reduce(0) { total, item in
            switch item.action {
            case .createAndEnroll: total + 2 + (item.update == nil ? 0 : 1)
            case .enroll: total + 1 + (item.update == nil ? 0 : 1)
            case .update, .unenroll: total + 1
            case .inSync, .skip: total
            }
        }
    }

    /// A fresh journal file, in a RAM-backed folder where there is one.
    static func journalPath() -> String {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = (base as NSString).appendingPathComponent("roster-sync-conformance")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder as NSString).appendingPathComponent("\(UUID().uuidString).jsonl")
    }
}

/// The people of a pair: 20 source learners (odd numbers completed, even active) and what the target
/// holds, shaped by what the target can do so that every kind of write it supports is planned.
struct SyncScenario {
    let sourceSetup: SyncSetup
    let targetSetup: SyncSetup
    /// The identity to match by, or nil for an explicit map.
    let matchKind: LearnerIdentity.Kind?

    init(source: some SyncHarness, target: some SyncHarness, targetCapabilities caps: DriverCapabilities) {
        matchKind = [LearnerIdentity.Kind.email, .username, .externalID].first {
            source.listedIdentities.contains($0) && caps.canLookUp($0)
        }
        let people = (1...20).map(SyncPerson.init)
        sourceSetup = SyncSetup(
            enrolled: Dictionary(uniqueKeysWithValues: people.map { ($0, $0.number % 2 == 1 ? .completed : .active) }))
        var enrolled: [SyncPerson: PlantedState] = [SyncPerson(21): .active, SyncPerson(22): .active]
        var known: [SyncPerson] = []
        if !caps.supports(.enroll) {
            for person in people { enrolled[person] = .active }
        } else {
            for person in people[0..<6] { enrolled[person] = .active }
            let creates = caps.supports(.createLearner) && matchKind == .email
            known = Array(people[6..<(creates ? 13 : 20)])
        }
        targetSetup = SyncSetup(enrolled: enrolled, known: known)
    }
}
