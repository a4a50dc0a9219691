import Foundation
public import RosterCore

/// Builds a `SyncPlan`: reads the source course and the target course (each listing re-read once to
/// confirm it, so a roster that changes while it is read cannot make a learner look missing), matches
/// people, looks the rest up on the target in one batch, and decides one action per person. It only
/// reads: planning never writes. A listing that fails fails the plan; a plan that would remove too
/// many people is refused (`SyncRefusal`).
public struct SyncPlanner<Source: RosterDriver, Target: RosterDriver>: Sendable {
    /// Where learners come from.
    public let source: Roster<Source>
    /// Where they go.
    public let target: Roster<Target>

    /// Creates a planner.
    public init(source: Roster<Source>, target: Roster<Target>) {
        self.source = source
        self.target = target
    }

    /// The plan for `request`. Throws the listings' errors, `SyncRefusal`, or `invalidArgument` for a
    /// request the providers cannot serve.
    public func plan(_ request: SyncRequest) async throws -> SyncPlan {
        let sourcePeople = try await Self.people(
            of: source, in: request.source.course, session: request.source.session)
        let targetPeople = try await Self.people(
            of: target, in: request.target.course, session: request.target.session)
        var judge = SyncJudge(request: request, target: target.capabilities, targetProvider: target.provider)
        var matcher = try TargetMatcher(request: request, people: targetPeople.people)

        // Source learners: matched in the target course, or queued for a lookup on the target.
        var pending: [(CoursePerson, LearnerIdentity)] = []
        var items: [SyncItem] = []
        let duplicates = matcher.sharedIdentities(among: sourcePeople.people)
        for person in sourcePeople.people {
            switch matcher.resolve(person, sharedIdentities: duplicates) {
            case .decided(let item): items.append(item)
            case .inCourse(let counterpart, let identity):
                items.append(judge.present(person, counterpart, identity: identity))
            case .absent(let targetID, let identity):
                items.append(judge.absent(person, targetLearner: targetID, identity: identity))
            case .lookUp(let identity):
                pending.append((person, identity))
            }
        }

        // One batch lookup for everybody not in the target course.
        if !pending.isEmpty {
            let kind = pending[0].1.kind
            if target.capabilities.canLookUp(kind) {
                judge.rely("target.findLearners.\(kind.rawValue)")
                let answers = try await target.findLearners(pending.map(\.1))
                for (person, identity) in pending {
                    items.append(
                        matcher.afterLookup(person, identity, answers[identity] ?? .notFound, judge: &judge))
                }
            } else {
                for (person, identity) in pending {
                    items.append(judge.cannotLookUp(person, identity))
                }
            }
        }
        items = matcher.settleTargetCollisions(items)

        // Target learners nobody at the source stands for.
        var targetOnly: [SyncItem] = []
        for person in targetPeople.people where !matcher.matched.contains(person.learner.id) {
            guard person.staffRole == nil else { continue }
            targetOnly.append(judge.targetOnly(person))
        }
        items.sort { $0.id < $1.id }
        targetOnly.sort { $0.id < $1.id }

        let counted = sourcePeople.people.filter { request.source.statuses.contains($0.representative.status) }
        let plan = SyncPlan(
            request: request, sourceProvider: source.provider, targetProvider: target.provider,
            items: items + targetOnly, reliesOn: judge.reliedOn.sorted(),
            sourceEnrollments: sourcePeople.enrollments,
            targetLearners: targetPeople.people.filter { $0.staffRole == nil && !$0.active.isEmpty }.count)
        try request.shrinkGuard.check(plan, countedSourceLearners: counted.count)
        return plan
    }

    /// Everybody in `course` (and `session`) at `roster`, read to the end and confirmed by a re-read.
    static func people<D: RosterDriver>(of roster: Roster<D>, in course: CourseID, session: SessionID?) async throws
        -> (people: [CoursePerson], enrollments: Int)
    {
        var policy = roster.listingPolicy
        policy.verification = .always
        var enrollments: [Enrollment] = []
        for try await enrollment in roster.with(listingPolicy: policy).enrollments(
            EnrollmentQuery(course: course, session: session))
        {
            enrollments.append(enrollment)
        }
        return (CoursePerson.group(enrollments), enrollments.count)
    }
}
