import RosterCore

/// Finds each source learner's counterpart in the target course by the request's match rule, and
/// remembers which target learners are spoken for (the rest are target-only). Never guesses: an
/// identity two people share, on either side, is a skip with the reason.
struct TargetMatcher {
    /// What became of one source learner.
    enum Resolution {
        /// Decided without the target (no identity, shared identity, not in the map, ambiguous).
        case decided(SyncItem)
        /// The counterpart holds an enrollment in the target course.
        case inCourse(CoursePerson, LearnerIdentity?)
        /// The counterpart is known by id but not in the target course.
        case absent(LearnerID, LearnerIdentity?)
        /// Not in the target course: look the identity up on the target.
        case lookUp(LearnerIdentity)
    }

    let request: SyncRequest
    private let byIdentity: [LearnerIdentity: [CoursePerson]]
    private let byLearnerID: [LearnerID: CoursePerson]
    private let mapping: [LearnerID: LearnerID]
    /// Target learner ids some source item stands for.
    private(set) var matched: Set<LearnerID> = []

    init(request: SyncRequest, people: [CoursePerson]) throws {
        self.request = request
        byLearnerID = Dictionary(people.map { ($0.learner.id, $0) }, uniquingKeysWith: { a, _ in a })
        if case .identity(let kind) = request.match {
            var index: [LearnerIdentity: [CoursePerson]] = [:]
            for person in people {
                if let identity = LearnerIdentity.of(person.learner, kind: kind) { index[identity, default: []].append(person) }
            }
            byIdentity = index
        } else {
            byIdentity = [:]
        }
        if case .map(let pairs) = request.match {
            var map: [LearnerID: LearnerID] = [:]
            for pair in pairs {
                guard map.updateValue(pair.target, forKey: pair.source) == nil else {
                    throw RosterError(.invalidArgument, "the mapping names source learner \(pair.source) twice")
                }
            }
            mapping = map
        } else {
            mapping = [:]
        }
    }

    /// Identities held by two or more of `people` (source side), with how many hold each: none of
    /// them can be matched.
    func sharedIdentities(among people: [CoursePerson]) -> [LearnerIdentity: Int] {
        guard case .identity(let kind) = request.match else { return [:] }
        var counts: [LearnerIdentity: Int] = [:]
        for person in people {
            if let identity = LearnerIdentity.of(person.learner, kind: kind) { counts[identity, default: 0] += 1 }
        }
        return counts.filter { $0.value > 1 }
    }

    /// Resolves one source learner.
    mutating func resolve(_ person: CoursePerson, sharedIdentities: [LearnerIdentity: Int]) -> Resolution {
        if let role = person.staffRole {
            return .decided(SyncJudge.skip(person, "is \(role.name) at the source; a sync moves learners only"))
        }
        switch request.match {
        case .map:
            guard let targetID = mapping[person.learner.id] else {
                return .decided(SyncJudge.skip(person, "not in the mapping file"))
            }
            matched.insert(targetID)
            if let counterpart = byLearnerID[targetID] { return .inCourse(counterpart, nil) }
            return .absent(targetID, nil)
        case .identity(let kind):
            guard let identity = LearnerIdentity.of(person.learner, kind: kind) else {
                return .decided(SyncJudge.skip(person, Self.missing(kind, person.learner)))
            }
            if let sharing = sharedIdentities[identity] {
                return .decided(
                    SyncJudge.skip(
                        person, "ambiguous match: \(sharing) source learners share \(Self.describe(identity))",
                        identity: identity))
            }
            let holders = byIdentity[identity] ?? []
            switch holders.count {
            case 0:
                return .lookUp(identity)
            case 1:
                matched.insert(holders[0].learner.id)
                return .inCourse(holders[0], identity)
            default:
                for holder in holders { matched.insert(holder.learner.id) }
                let ids = holders.map(\.learner.id.rawValue).joined(separator: ", ")
                return .decided(
                    SyncJudge.skip(
                        person, "ambiguous match: \(holders.count) people in the target course have \(Self.describe(identity)) (\(ids))",
                        identity: identity))
            }
        }
    }

    /// Decides a learner looked up on the target.
    mutating func afterLookup(
        _ person: CoursePerson, _ identity: LearnerIdentity, _ lookup: LearnerLookup, judge: inout SyncJudge
    ) -> SyncItem {
        switch lookup {
        case .found(let learner):
            matched.insert(learner.id)
            if let counterpart = byLearnerID[learner.id] { return judge.present(person, counterpart, identity: identity) }
            return judge.absent(person, targetLearner: learner.id, identity: identity)
        case .notFound:
            return judge.notFound(person, identity)
        case .ambiguous(let people):
            let ids = people.map(\.id.rawValue).joined(separator: ", ")
            return SyncJudge.skip(
                person, "ambiguous match: \(people.count) people on the target have \(Self.describe(identity)) (\(ids))",
                identity: identity)
        }
    }

    /// Two source learners that came to stand for the same target learner (an explicit map can say
    /// so) are both skipped: one person cannot take two people's places.
    func settleTargetCollisions(_ items: [SyncItem]) -> [SyncItem] {
        var claims: [LearnerID: Int] = [:]
        for item in items where item.action != .skip {
            if let target = item.targetLearnerId { claims[target, default: 0] += 1 }
        }
        return items.map { item in
            guard item.action != .skip, let target = item.targetLearnerId, claims[target, default: 0] > 1 else {
                return item
            }
            var skipped = item
            skipped.action = .skip
            skipped.update = nil
            skipped.newLearner = nil
            skipped.reason = "ambiguous match: \(claims[target]!) source learners stand for target learner \(target)"
            return skipped
        }
    }

    static func describe(_ identity: LearnerIdentity) -> String {
        switch identity {
        case .email(let value): "the e-mail \(value)"
        case .externalID(let value): "the external id \(value)"
        case .username(let value): "the username \(value)"
        }
    }

    static func missing(_ kind: LearnerIdentity.Kind, _ learner: Learner) -> String {
        switch kind {
        case .email:
            learner.rawEmail.map { "learner has no usable e-mail address (\"\($0)\" is not one)" }
                ?? "learner has no e-mail address"
        case .externalID: "learner has no external id"
        case .username: "learner has no username"
        }
    }
}
