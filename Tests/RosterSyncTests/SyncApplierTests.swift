import Foundation
import RosterCore
import RosterHTTP
import RosterConformance
import RosterInMemory
import RosterSync
import Testing

/// Applying a plan: journaled, resumable after a crash at any write, never repeating a write whose
/// outcome is unknown, and idle when re-run.
@Suite struct SyncApplierTests {
    /// Eight source learners: two already in the target (one needs its completion), three known to the
    /// target, three unknown (created); 3 + 2×3 + 1 + completions carried after enrolling.
    func ends(faults: WriteFaultInjector = WriteFaultInjector()) -> (source: InMemoryEnd, target: InMemoryEnd) {
        let source = InMemoryEnd()
        let target = InMemoryEnd(faults: faults)
        for n in 0..<8 {
            source.plant("p\(n)@example.org", first: "P\(n)", status: n % 3 == 0 ? "completed" : "enrolled", passed: n % 3 == 0 ? true : nil)
        }
        target.plant("p0@example.org", status: "enrolled")
        target.plant("p1@example.org", status: "enrolled")
        for n in 2..<5 { target.plant("p\(n)@example.org") }
        return (source, target)
    }

    let request = SyncRequest(source: SyncSource(course: "c1"), target: SyncTarget(course: "c1"))

    /// The writes a plan sends: one per step.
    func steps(_ plan: SyncPlan) -> Int {
        plan.items.reduce(0) { total, item in
            switch item.action {
            case .createAndEnroll: total + 2 + (item.update == nil ? 0 : 1)
            case .enroll: total + 1 + (item.update == nil ? 0 : 1)
            case .update, .unenroll: total + 1
            case .inSync, .skip: total
            }
        }
    }

    @Test func applyReachesThePlanAndARerunWritesNothing() async throws {
        let (source, target) = ends()
        let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
        let writes = steps(plan)
        #expect(writes == 1 + 3 + 1 + 3 * 2 + 1, "p0 update; p2–p4 enroll (p3 + completion); p5–p7 create+enroll (p6 + completion)")
        let path = journalPath()
        let report = try await SyncApplier(target: target.roster).apply(journal: try SyncJournal.open(at: path, for: plan))
        #expect(report.complete && report.writesSent == writes)
        #expect(target.appliedWrites.count == writes)
        let again = try await SyncApplier(target: target.roster).apply(journal: try #require(try SyncJournal.resume(at: path)))
        #expect(again.writesSent == 0 && again.complete)
        #expect(target.appliedWrites.count == writes)
        let replan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
        #expect(replan.writesNothing, "\(replan.items.filter { $0.action.writes })")
    }

    @Test(arguments: [true, false])
    func aCrashAtAnyWriteThenResumeLeavesNoDuplicateAndNoLostWrite(_ afterTheWrite: Bool) async throws {
        let (probeSource, probeTarget) = ends()
        let writes = steps(try await SyncPlanner(source: probeSource.roster, target: probeTarget.roster).plan(request))
        for n in 1...writes {
            let faults = WriteFaultInjector(afterTheWrite ? .crashAfter(n) : .crashBefore(n))
            let (source, target) = ends(faults: faults)
            let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
            let path = journalPath()
            let applier = SyncApplier(target: target.roster, concurrency: 1)
            await #expect(throws: CancellationError.self) {
                try await applier.apply(journal: try SyncJournal.open(at: path, for: plan))
            }
            #expect(target.appliedWrites.count == (afterTheWrite ? n : n - 1))
            let resumed = try await applier.apply(journal: try #require(try SyncJournal.resume(at: path)))
            #expect(resumed.complete, "crash at write \(n): \(resumed.failed) \(resumed.unknown)")
            #expect(target.appliedWrites.count == writes, "crash \(afterTheWrite ? "after" : "before") write \(n)")
            let replan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
            #expect(replan.writesNothing, "crash at write \(n)")
        }
    }

    @Test func aWriteWhoseAnswerWasLostIsSettledByReadingNotRepeated() async throws {
        for n in [1, 4, 9] {
            let (source, target) = ends(faults: WriteFaultInjector(.answerLostAfter(n)))
            let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
            let report = try await SyncApplier(target: target.roster, concurrency: 1).apply(
                journal: try SyncJournal.open(at: journalPath(), for: plan))
            #expect(report.complete)
            #expect(target.appliedWrites.count == steps(plan), "write \(n) was sent twice")
            #expect(report.outcomes.reduce(0) { $0 + $1.writesSettledByReading } == 1)
        }
    }

    @Test func concurrentItemsStillWriteEachStepOnce() async throws {
        let (source, target) = ends()
        let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
        let report = try await SyncApplier(target: target.roster, concurrency: 4).apply(
            journal: try SyncJournal.open(at: journalPath(), for: plan))
        #expect(report.complete && target.appliedWrites.count == steps(plan))
    }

    @Test func aRefusedWriteFailsItsItemAndTheOthersGoOn() async throws {
        let (source, target) = ends()
        let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(request)
        // The target refuses every write after the first two.
        target.injector.setPlan(FaultPlan(forcedStatus: Dictionary(uniqueKeysWithValues: (target.injector.requestCount + 3...target.injector.requestCount + 60).map { ($0, 400) })))
        let report = try await SyncApplier(target: target.roster, concurrency: 1).apply(
            journal: try SyncJournal.open(at: journalPath(), for: plan))
        #expect(!report.complete && !report.failed.isEmpty)
        #expect(report.failed.allSatisfy { $0.errorCode == "invalidArgument" })
    }
}

/// The journal file itself.
@Suite struct SyncJournalTests {
    func plan() -> SyncPlan {
        SyncPlan(
            request: SyncRequest(source: SyncSource(course: "a"), target: SyncTarget(course: "b")),
            sourceProvider: "in-memory", targetProvider: "in-memory",
            items: [SyncItem(id: "source:1", action: .enroll, reason: "test", targetLearnerId: "t1")],
            reliesOn: [], sourceEnrollments: 1, targetLearners: 0)
    }

    @Test func aTornLastLineIsCutAndTheRestIsKept() throws {
        let path = journalPath()
        _ = try SyncJournal.open(at: path, for: plan())
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"entry":"intent","item":"source:1","st"#.utf8))
        try handle.close()
        let resumed = try #require(try SyncJournal.resume(at: path))
        #expect(resumed.plan == plan())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 1)
    }

    @Test func aDamagedLineInTheMiddleIsRefused() throws {
        let path = journalPath()
        _ = try SyncJournal.open(at: path, for: plan())
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n{\"entry\":\"intent\",\"item\":\"source:1\",\"step\":\"enroll\"}\n".utf8))
        try handle.close()
        #expect { try SyncJournal.resume(at: path) } throws: {
            ($0 as? JournalError) == .damaged(path, line: 2)
        }
    }

    @Test func aHostileLineOfDeepNestingIsDamageNotACrash() throws {
        let path = journalPath()
        _ = try SyncJournal.open(at: path, for: plan())
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(String(repeating: "[", count: 513).utf8) + Data("\n".utf8))
        try handle.close()
        #expect { try SyncJournal.resume(at: path) } throws: { ($0 as? JournalError) == .damaged(path, line: 2) }
    }

    @Test func aJournalInUseByAnotherRunIsRefused() throws {
        let path = journalPath()
        let first = try SyncJournal.open(at: path, for: plan())
        #expect { try SyncJournal.resume(at: path) } throws: { ($0 as? JournalError) == .inUse(path) }
        _ = first
    }

    @Test func aJournalOfAnotherPlanIsRefused() throws {
        let path = journalPath()
        _ = try SyncJournal.open(at: path, for: plan())
        var other = plan()
        other.items[0].targetLearnerId = "t2"
        #expect { try SyncJournal.open(at: path, for: other) } throws: { ($0 as? JournalError) == .differentPlan(path) }
    }

    @Test func aJournalIsPrivateToItsOwner() throws {
        let path = journalPath()
        _ = try SyncJournal.open(at: path, for: plan())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// The explicit mapping file.
@Suite struct MappingFileTests {
    @Test func parsesHeaderCommentsQuotesAndBlankLines() throws {
        let text = "sourceLearnerId,targetLearnerId\n# people from the old LMS\n\n\"u,1\", 77\nu2,\"7\"\"8\"\n"
        let pairs = try MappingFile.parse(Data(text.utf8))
        #expect(pairs == [LearnerMapping(source: "u,1", target: "77"), LearnerMapping(source: "u2", target: "7\"8")])
    }

    @Test(arguments: ["a,1\na,2\n", "a,1\nb,1\n", "a\n", "a,1,2\n", "\"a,1\n", ",1\n"])
    func refusesWhatCannotBeAOneToOneMap(_ text: String) {
        #expect { try MappingFile.parse(Data(text.utf8)) } throws: { ($0 as? RosterError)?.code == .invalidArgument }
    }
}
