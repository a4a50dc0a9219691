import RosterCore

/// Decides the action for one person, from the source status, what the target course holds, and
/// what the target provider can write. It only ever adds information to the target: it never takes a
/// completion or a pass away, and removes people only in mirror mode. Every capability a decision
/// leans on is noted in `reliedOn`.
struct SyncJudge {
    let request: SyncRequest
    let target: DriverCapabilities
    let targetProvider: ProviderID
    /// Capabilities the decisions so far lean on, e.g. `target.enroll`.
    private(set) var reliedOn: Set<String> = ["source.listEnrollments", "target.listEnrollments"]

    init(request: SyncRequest, target: DriverCapabilities, targetProvider: ProviderID) {
        self.request = request
        self.target = target
        self.targetProvider = targetProvider
    }

    mutating func rely(_ capability: String) { reliedOn.insert(capability) }

    // MARK: Decisions

    /// The source learner's counterpart holds an enrollment in the target course.
    mutating func present(_ person: CoursePerson, _ counterpart: CoursePerson, identity: LearnerIdentity?) -> SyncItem {
        var item = Self.base(person, identity: identity)
        let current = counterpart.representative
        item.targetLearnerId = counterpart.learner.id
        item.targetEnrollmentId = current.id
        item.targetStatus = current.status
        if let role = counterpart.staffRole {
            return decided(item, .skip, "is \(role.name) in the target course; a sync leaves staff alone")
        }
        let source = person.representative
        guard counts(source) else {
            guard request.mode == .mirror else { return decided(item, .skip, notCounted(source)) }
            guard !counterpart.active.isEmpty else {
                return decided(item, .inSync, "already cancelled in the target course, as its source status \(source.status.name) asks")
            }
            return removal(item, counterpart, because: "its source status \(source.status.name) does not count")
        }
        if counterpart.active.isEmpty {
            return reactivation(item, source)
        }
        let (update, unwritable) = carried(from: source, onto: current)
        if let update {
            guard counterpart.active.count == 1 else {
                return decided(item, .skip, severalEnrollments(counterpart))
            }
            item.targetEnrollmentId = counterpart.active[0].id
            rely("target.updateEnrollment")
            item.update = update
            return decided(item, .update, "carries \(Self.describe(update)) from the source")
        }
        if !unwritable.isEmpty {
            return decided(
                item, .skip,
                "\(targetProvider) cannot record \(unwritable.joined(separator: " or ")); the learner is in the target course as \(current.status.name)")
        }
        return decided(item, .inSync, "in the target course as \(current.status.name)")
    }

    /// The counterpart is known on the target (by id) but holds no enrollment in the target course.
    mutating func absent(_ person: CoursePerson, targetLearner: LearnerID, identity: LearnerIdentity?) -> SyncItem {
        var item = Self.base(person, identity: identity)
        item.targetLearnerId = targetLearner
        let source = person.representative
        guard counts(source) else { return notInTarget(item, source) }
        guard canEnroll else { return decided(item, .skip, "\(targetProvider) cannot enroll people") }
        rely("target.enroll")
        let (update, unwritable) = carried(from: source, onto: nil)
        item.update = update
        if update != nil { rely("target.updateEnrollment") }
        return decided(item, .enroll, enrolmentReason(source, update: update, unwritable: unwritable))
    }

    /// Nobody on the target has the learner's identity.
    mutating func notFound(_ person: CoursePerson, _ identity: LearnerIdentity) -> SyncItem {
        var item = Self.base(person, identity: identity)
        let source = person.representative
        guard counts(source) else { return notInTarget(item, source) }
        let nobody = "nobody on \(targetProvider) has \(TargetMatcher.describe(identity))"
        guard case .email(let address) = identity else {
            return decided(item, .skip, "\(nobody) (people are created only when matching by e-mail)")
        }
        guard target.supports(.createLearner) else {
            return decided(item, .skip, "\(nobody), and \(targetProvider) cannot create people")
        }
        guard canEnroll else { return decided(item, .skip, "\(nobody), and \(targetProvider) cannot enroll people") }
        rely("target.createLearner")
        rely("target.enroll")
        let learner = person.learner
        item.newLearner = NewLearner(
            email: address, firstName: learner.firstName, lastName: learner.lastName, externalID: learner.externalID,
            username: learner.username)
        let (update, unwritable) = carried(from: source, onto: nil)
        item.update = update
        if update != nil { rely("target.updateEnrollment") }
        return decided(item, .createAndEnroll, "\(nobody): creates them; " + enrolmentReason(source, update: update, unwritable: unwritable))
    }

    /// The target cannot look people up by the identity the match uses.
    func cannotLookUp(_ person: CoursePerson, _ identity: LearnerIdentity) -> SyncItem {
        var item = Self.base(person, identity: identity)
        item.action = .skip
        item.reason = "not in the target course, and \(targetProvider) cannot look people up by \(identity.kind.rawValue)"
        return item
    }

    /// A target learner nobody at the source stands for.
    mutating func targetOnly(_ person: CoursePerson) -> SyncItem {
        let current = person.representative
        let item = SyncItem(
            id: "target:\(person.learner.id.rawValue)", action: .skip, reason: "",
            targetLearnerId: person.learner.id, targetEnrollmentId: current.id, targetStatus: current.status)
        guard request.mode == .mirror else {
            return decided(item, .skip, "only in the target course; add mode never removes anyone")
        }
        guard !person.active.isEmpty else { return decided(item, .inSync, "only in the target course, already cancelled") }
        return removal(item, person, because: "nobody at the source stands for them")
    }

    /// A skip decided before the target was asked.
    static func skip(_ person: CoursePerson, _ reason: String, identity: LearnerIdentity? = nil) -> SyncItem {
        var item = base(person, identity: identity)
        item.action = .skip
        item.reason = reason
        return item
    }

    // MARK: Pieces

    private static func base(_ person: CoursePerson, identity: LearnerIdentity?) -> SyncItem {
        let source = person.representative
        return SyncItem(
            id: "source:\(person.learner.id.rawValue)", action: .skip, reason: "", sourceLearnerId: person.learner.id,
            sourceEnrollmentId: source.id, sourceStatus: source.status, identity: identity)
    }

    private func decided(_ item: SyncItem, _ action: SyncAction, _ reason: String) -> SyncItem {
        var item = item
        item.action = action
        item.reason = reason
        if !action.writes { item.update = nil }
        return item
    }

    private func counts(_ enrollment: Enrollment) -> Bool {
        enrollment.role == .learner && request.source.statuses.contains(enrollment.status)
    }

    private var canEnroll: Bool {
        target.supports(.enroll) && (target.enrollableRoles.isEmpty || target.enrollableRoles.contains(.learner))
    }

    private func canWrite(_ field: EnrollmentUpdate.Field) -> Bool {
        target.supports(.updateEnrollment) && target.updatableFields.contains(field)
    }

    private func notCounted(_ source: Enrollment) -> String {
        if source.role != .learner { return "is \(source.role.name) at the source; a sync moves learners only" }
        let counted = request.source.statuses.sorted { $0.description < $1.description }.map(\.name)
        return "source status \(source.status.name) is not synced (synced: \(counted.joined(separator: ", ")))"
    }

    private func notInTarget(_ item: SyncItem, _ source: Enrollment) -> SyncItem {
        guard request.mode == .mirror else { return decided(item, .skip, notCounted(source)) }
        return decided(item, .inSync, "not in the target course, as its source status \(source.status.name) asks")
    }

    /// What to write so the target shows the source's completion and pass; never takes either away.
    /// Returns the update (nil when nothing is needed or writable) and what could not be written.
    private func carried(from source: Enrollment, onto current: Enrollment?) -> (EnrollmentUpdate?, [String]) {
        var update = EnrollmentUpdate()
        var unwritable: [String] = []
        if source.status == .completed && current?.status != .completed {
            if canWrite(.completed) { update.completed = true } else { unwritable.append("completion") }
        }
        if source.passed == true && current?.passed != true {
            if canWrite(.passed) { update.passed = true } else { unwritable.append("a pass") }
        }
        return (update.isEmpty ? nil : update, unwritable)
    }

    private mutating func reactivation(_ item: SyncItem, _ source: Enrollment) -> SyncItem {
        guard canWrite(.status), target.writableStatuses.contains(.enrolled) else {
            return decided(
                item, .skip,
                "holds a cancelled enrollment in the target course that \(targetProvider) cannot reactivate")
        }
        var update = carried(from: source, onto: nil).0 ?? EnrollmentUpdate()
        update.status = .enrolled
        var item = item
        item.update = update
        rely("target.updateEnrollment")
        return decided(item, .update, "reactivates a cancelled enrollment; carries \(Self.describe(update))")
    }

    private mutating func removal(_ item: SyncItem, _ person: CoursePerson, because why: String) -> SyncItem {
        guard target.supports(.unenroll) else {
            return decided(item, .skip, "\(why), but \(targetProvider) cannot unenroll people")
        }
        guard person.active.count == 1 else { return decided(item, .skip, severalEnrollments(person)) }
        var item = item
        item.targetEnrollmentId = person.active[0].id
        rely("target.unenroll")
        return decided(item, .unenroll, "\(why): mirror mode removes them")
    }

    private func severalEnrollments(_ person: CoursePerson) -> String {
        "holds \(person.active.count) enrollments in the target course; name the target session to say which"
    }

    private func enrolmentReason(_ source: Enrollment, update: EnrollmentUpdate?, unwritable: [String]) -> String {
        var reason = "enrolls them (source status \(source.status.name))"
        if let update { reason += " and carries \(Self.describe(update))" }
        if !unwritable.isEmpty {
            reason += "; \(targetProvider) cannot record \(unwritable.joined(separator: " or ")), so that is not carried"
        }
        return reason
    }

    static func describe(_ update: EnrollmentUpdate) -> String {
        var parts: [String] = []
        if let status = update.status { parts.append("status \(status.name)") }
        if update.completed == true { parts.append("completion") }
        if update.passed == true { parts.append("the pass") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: " and ")
    }
}
