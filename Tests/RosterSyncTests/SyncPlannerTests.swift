import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import RosterSync
import Testing

/// The plan: one honest action per person, the same bytes every time, and nothing written.
@Suite struct SyncPlannerTests {
    /// A source and a target sharing some people, covering every add-mode decision.
    func scenario() -> (source: InMemoryEnd, target: InMemoryEnd) {
        let source = InMemoryEnd()
        let target = InMemoryEnd()
        source.plant("ada@example.org", status: "completed", passed: true)  // in target, not completed → update
        source.plant("bo@example.org", status: "enrolled")  // in target → inSync
        source.plant("cy@example.org", status: "in_progress")  // known on target → enroll
        source.plant("Dag@Example.org ", status: "completed")  // unknown on target → createAndEnroll
        source.plant("eve@example.org", status: "cancelled")  // does not count → skip
        source.plant("Larsen", status: "enrolled")  // no usable e-mail → skip
        target.plant("ada@example.org", status: "enrolled")
        target.plant("bo@example.org", status: "enrolled")
        target.plant("cy@example.org")
        target.plant("gus@example.org", status: "enrolled")  // only in target → skip (add mode)
        return (source, target)
    }

    func plan(_ ends: (source: InMemoryEnd, target: InMemoryEnd), _ request: SyncRequest? = nil) async throws -> SyncPlan {
        try await SyncPlanner(source: ends.source.roster, target: ends.target.roster).plan(
            request ?? SyncRequest(source: SyncSource(course: "c1"), target: SyncTarget(course: "c1")))
    }

    func action(_ plan: SyncPlan, _ email: String) -> SyncItem? {
        plan.items.first { $0.identity?.value == email }
    }

    @Test func addModeDecidesOneActionPerPerson() async throws {
        let ends = scenario()
        let plan = try await plan(ends)
        #expect(action(plan, "ada@example.org")?.action == .update)
        #expect(action(plan, "ada@example.org")?.update == EnrollmentUpdate(completed: true, passed: true))
        #expect(action(plan, "bo@example.org")?.action == .inSync)
        #expect(action(plan, "cy@example.org")?.action == .enroll)
        #expect(action(plan, "cy@example.org")?.targetLearnerId != nil)
        let dag = try #require(action(plan, "dag@example.org"))
        #expect(dag.action == .createAndEnroll)
        #expect(dag.newLearner?.email == "dag@example.org")
        #expect(dag.update?.completed == true, "completion is carried after enrolling")
        let eve = plan.items.first { $0.sourceStatus == .cancelled }
        #expect(eve?.action == .skip && eve?.reason.contains("not synced") == true)
        let larsen = plan.items.first { $0.reason.contains("usable e-mail") }
        #expect(larsen?.action == .skip)
        let gus = plan.items.first { $0.id.hasPrefix("target:") }
        #expect(gus?.action == .skip && gus?.reason.contains("add mode never removes") == true)
        #expect(plan.items.count == 7)
        #expect(
            plan.reliesOn == [
                "source.listEnrollments", "target.createLearner", "target.enroll", "target.findLearners.email",
                "target.listEnrollments", "target.updateEnrollment",
            ])
    }

    @Test func planningWritesNothingAndGivesTheSameBytesEveryTime() async throws {
        let ends = scenario()
        let first = try await plan(ends).encoded()
        let second = try await plan(ends).encoded()
        #expect(first == second)
        #expect(ends.source.injector.mutatingRequestCount == 0)
        #expect(ends.target.injector.mutatingRequestCount == 0)
        let decoded = try JSONDecoder().decode(SyncPlan.self, from: first)
        #expect(try decoded.encoded() == first)
    }

    @Test func mirrorModeRemovesWhoHasNoCounterpartButTheGuardStopsAnEmptying() async throws {
        let ends = scenario()
        let mirror = SyncRequest(
            source: SyncSource(course: "c1"), target: SyncTarget(course: "c1"), mode: .mirror,
            shrinkGuard: ShrinkGuard(maxShrinkPercent: 50))
        let plan = try await plan(ends, mirror)
        #expect(plan.items.first { $0.id.hasPrefix("target:") }?.action == .unenroll)
        #expect(plan.removals == 1 && plan.targetLearners == 3)
        // 1 of 3 learners is 33 %: over the default 10 %.
        var strict = mirror
        strict.shrinkGuard = ShrinkGuard()
        await #expect { try await self.plan(ends, strict) } throws: { error in
            guard let refusal = error as? SyncRefusal, case .tooManyRemovals(1, 3, 10) = refusal.reason else {
                return false
            }
            return refusal.plan.removals == 1
        }
        strict.shrinkGuard.allowShrink = true
        #expect(try await self.plan(ends, strict).removals == 1)
    }

    @Test func aMirrorOfAnEmptySourceIsRefused() async throws {
        let source = InMemoryEnd()
        let target = InMemoryEnd()
        target.plant("gus@example.org", status: "enrolled")
        let request = SyncRequest(
            source: SyncSource(course: "c1"), target: SyncTarget(course: "c1"), mode: .mirror,
            shrinkGuard: ShrinkGuard(maxShrinkPercent: 100))
        await #expect { try await SyncPlanner(source: source.roster, target: target.roster).plan(request) } throws: {
            ($0 as? SyncRefusal)?.reason == .emptySource
        }
    }

    @Test func sharedIdentitiesAreAmbiguousOnEitherSideNeverAGuess() async throws {
        let source = InMemoryEnd()
        let target = InMemoryEnd()
        source.plant("twin@example.org", first: "A", status: "enrolled")
        source.plant("TWIN@example.org", first: "B", status: "enrolled")
        source.plant("pair@example.org", status: "enrolled")
        target.plant("pair@example.org", first: "P1", status: "enrolled")
        target.plant("pair@example.org", first: "P2", status: "enrolled")
        source.plant("known@example.org", status: "enrolled")
        target.plant("known@example.org", first: "K1")
        target.plant("known@example.org", first: "K2")
        let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(
            SyncRequest(source: SyncSource(course: "c1"), target: SyncTarget(course: "c1"), mode: .mirror,
                        shrinkGuard: ShrinkGuard(allowShrink: true)))
        let twins = plan.items.filter { $0.identity?.value == "twin@example.org" }
        #expect(twins.count == 2 && twins.allSatisfy { $0.action == .skip && $0.reason.contains("2 source learners") })
        let pair = try #require(plan.items.first { $0.identity?.value == "pair@example.org" })
        #expect(pair.action == .skip && pair.reason.contains("2 people in the target course"))
        let known = try #require(plan.items.first { $0.identity?.value == "known@example.org" })
        #expect(known.action == .skip && known.reason.contains("2 people on the target"))
        // Neither of the ambiguous target people is unenrolled as "target-only" in mirror mode.
        #expect(!plan.items.contains { $0.action == .unenroll })
    }

    @Test func anExplicitMapMatchesPeopleWithNothingInCommon() async throws {
        let source = InMemoryEnd()
        let target = InMemoryEnd()
        let a = source.plant(nil, status: "completed")
        let b = source.plant(nil, status: "enrolled")
        let c = source.plant(nil, status: "enrolled")
        let ta = target.plant(nil, status: "enrolled")
        let tb = target.plant(nil)
        let rule = MatchRule.mapping([
            LearnerMapping(source: LearnerID(a.id), target: LearnerID(ta.id)),
            LearnerMapping(source: LearnerID(b.id), target: LearnerID(tb.id)),
        ])
        let plan = try await SyncPlanner(source: source.roster, target: target.roster).plan(
            SyncRequest(source: SyncSource(course: "c1"), target: SyncTarget(course: "c1"), match: rule))
        #expect(plan.items.first { $0.sourceLearnerId?.rawValue == a.id }?.action == .update)
        #expect(plan.items.first { $0.sourceLearnerId?.rawValue == b.id }?.action == .enroll)
        #expect(plan.items.first { $0.sourceLearnerId?.rawValue == c.id }?.reason == "not in the mapping file")
    }

    @Test func aSourceListingThatFailsNeverYieldsAPlan() async throws {
        let ends = scenario()
        ends.source.injector.setPlan(FaultPlanFactory.unavailableFrom(1))
        await #expect { try await self.plan(ends) } throws: { ($0 as? RosterError)?.code == .unavailable }
        #expect(ends.target.injector.mutatingRequestCount == 0)
    }
}

/// Fault plans the sync tests use.
enum FaultPlanFactory {
    /// 503 for every request from the `n`-th on (retries included).
    static func unavailableFrom(_ n: Int) -> FaultPlan {
        FaultPlan(unavailable: Set(n...(n + 200)))
    }
}
