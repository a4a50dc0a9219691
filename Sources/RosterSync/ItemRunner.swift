import Foundation
import RosterCore

/// Carries out one plan item's writes in order (create → enroll → update, or update, or unenroll),
/// consulting the journal before each and the target before any write whose fate is uncertain.
struct ItemRunner<Target: RosterDriver>: Sendable {
    let target: Roster<Target>
    let journal: SyncJournal
    let request: SyncRequest

    /// Runs `item` to its outcome. Throws only cancellation (the run is stopping) and journal errors
    /// (the record of writes can no longer be kept, so no further write may be sent).
    func run(_ item: SyncItem) async throws -> SyncItemOutcome {
        var outcome = SyncItemOutcome(item: item, result: .applied, targetLearnerId: item.targetLearnerId)
        var learner = item.targetLearnerId
        var enrollment = item.targetEnrollmentId
        for step in steps(of: item) {
            try Task.checkCancellation()
            let ids: (LearnerID?, EnrollmentID?)
            do {
                ids = try await settle(step, of: item, learner: learner, enrollment: enrollment, outcome: &outcome)
            } catch let failure as StepFailure {
                outcome.result = failure.unknown ? .unknown : .failed
                outcome.error = failure.message
                outcome.errorCode = failure.code
                return outcome
            }
            if let id = ids.0 { learner = id }
            if let id = ids.1 { enrollment = id }
        }
        outcome.targetLearnerId = learner
        return outcome
    }

    private func steps(of item: SyncItem) -> [SyncStep] {
        switch item.action {
        case .createAndEnroll: [.createLearner, .enroll] + (item.update == nil ? [] : [.update])
        case .enroll: [.enroll] + (item.update == nil ? [] : [.update])
        case .update: [.update]
        case .unenroll: [.unenroll]
        case .inSync, .skip: []
        }
    }

    /// Brings one step to done, or throws `StepFailure`.
    private func settle(
        _ step: SyncStep, of item: SyncItem, learner: LearnerID?, enrollment: EnrollmentID?,
        outcome: inout SyncItemOutcome
    ) async throws -> (LearnerID?, EnrollmentID?) {
        switch journal.state(of: step, item: item.id) {
        case .done(let doneLearner, let doneEnrollment):
            outcome.writesAlreadyDone += 1
            return (doneLearner, doneEnrollment)
        case .uncertain, .failed:
            if let found = try await reconcile(step, item, learner: learner, enrollment: enrollment) {
                try journal.settle(step, of: item.id, .done(learner: found.0, enrollment: found.1))
                outcome.writesAlreadyDone += 1
                outcome.writesSettledByReading += 1
                return found
            }
        case .notStarted:
            break
        }
        // Sent at most twice in one run: the second time only after reading the target showed the
        // first did not happen.
        for attempt in 1...2 {
            try journal.intend(step, of: item.id)
            do {
                let ids = try await UnansweredWrites.$settledByCaller.withValue(true) {
                    try await perform(step, item, learner: learner, enrollment: enrollment)
                }
                outcome.writesSent += 1
                try journal.settle(step, of: item.id, .done(learner: ids.0, enrollment: ids.1))
                return ids
            } catch let error as CancellationError {
                throw error
            } catch let error as RosterError where error.code == .outcomeUnknown {
                outcome.writesSent += 1
                try journal.settle(step, of: item.id, .unknown(message: error.message))
                if let found = try await reconcile(step, item, learner: learner, enrollment: enrollment) {
                    try journal.settle(step, of: item.id, .done(learner: found.0, enrollment: found.1))
                    outcome.writesSettledByReading += 1
                    return found
                }
                if attempt == 2 {
                    throw StepFailure(code: error.code.rawValue, message: "\(step.rawValue): \(error)", unknown: true)
                }
            } catch let error as JournalError {
                throw error
            } catch {
                let (code, message) = Self.describe(error)
                try journal.settle(step, of: item.id, .failed(code: code, message: message))
                throw StepFailure(code: code, message: "\(step.rawValue): \(message)", unknown: false)
            }
        }
        throw StepFailure(code: "outcomeUnknown", message: "\(step.rawValue): unsettled", unknown: true)
    }

    /// Sends one write.
    private func perform(_ step: SyncStep, _ item: SyncItem, learner: LearnerID?, enrollment: EnrollmentID?)
        async throws -> (LearnerID?, EnrollmentID?)
    {
        switch step {
        case .createLearner:
            guard let person = item.newLearner else { throw StepFailure.missing("the person to create") }
            let created = try await target.createLearner(person)
            return (created.id, nil)
        case .enroll:
            guard let learner else { throw StepFailure.missing("the target learner") }
            let request = EnrollRequest(course: self.request.target.course, learner: learner)
            switch try await target.enroll(request) {
            // Without a record the enrollment id is looked up only if an update step needs it.
            case .created(let record), .alreadyEnrolled(let record): return (learner, record?.id)
            }
        case .update:
            guard let changes = item.update else { return (learner, enrollment) }
            guard let enrollment = try await enrollmentToUpdate(learner: learner, enrollment: enrollment) else {
                throw StepFailure.missing("the target enrollment")
            }
            let updated = try await target.update(enrollment, course: request.target.course, with: changes)
            return (learner, updated.id)
        case .unenroll:
            guard let enrollment else { throw StepFailure.missing("the target enrollment") }
            try await target.unenroll(enrollment, course: request.target.course)
            return (learner, enrollment)
        }
    }

    /// Reads the target to tell whether `step` has already happened: the ids when it has, nil when
    /// it has not.
    private func reconcile(_ step: SyncStep, _ item: SyncItem, learner: LearnerID?, enrollment: EnrollmentID?)
        async throws -> (LearnerID?, EnrollmentID?)?
    {
        do {
            switch step {
            case .createLearner:
                guard let person = item.newLearner, let identity = LearnerIdentity.normalizedEmail(person.email) else {
                    return nil
                }
                switch try await target.findLearner(identity) {
                case .found(let learner): return (learner.id, nil)
                case .notFound: return nil
                case .ambiguous(let people):
                    throw StepFailure(
                        code: RosterError.Code.inconsistentPaging.rawValue,
                        message: "\(people.count) people now hold \(person.email) on the target; resolve by hand",
                        unknown: true)
                }
            case .enroll:
                guard let learner else { return nil }
                guard let found = try await enrollmentOf(learner) else { return nil }
                return (learner, found.id)
            case .update:
                guard let changes = item.update,
                    let id = try await enrollmentToUpdate(learner: learner, enrollment: enrollment)
                else { return nil }
                let current = try await target.enrollment(id, course: request.target.course)
                return Self.shows(current, changes) ? (learner, id) : nil
            case .unenroll:
                guard let enrollment else { return nil }
                do {
                    let current = try await target.enrollment(enrollment, course: request.target.course)
                    return current.status == .cancelled ? (learner, enrollment) : nil
                } catch let error as RosterError where error.code == .notFound {
                    return (learner, enrollment)
                }
            }
        } catch let failure as StepFailure {
            throw failure
        } catch let error as CancellationError {
            throw error
        } catch {
            // The target cannot be read now: nothing may be sent blind, so the item stays unknown.
            let (code, message) = Self.describe(error)
            throw StepFailure(
                code: code, message: "\(step.rawValue): could not read the target to settle an earlier attempt: \(message)",
                unknown: true)
        }
    }

    /// The learner's active enrollment in the target course (and session), if any.
    private func enrollmentOf(_ learner: LearnerID) async throws -> Enrollment? {
        let query = EnrollmentQuery(course: request.target.course, session: request.target.session, learner: learner)
        for try await record in target.enrollments(query) where record.status != .cancelled {
            return record
        }
        return nil
    }

    private func enrollmentToUpdate(learner: LearnerID?, enrollment: EnrollmentID?) async throws -> EnrollmentID? {
        if let enrollment { return enrollment }
        guard let learner else { return nil }
        return try await enrollmentOf(learner)?.id
    }

    /// True when `record` shows every change in `changes`.
    static func shows(_ record: Enrollment, _ changes: EnrollmentUpdate) -> Bool {
        if changes.completed == true && record.status != .completed { return false }
        if let passed = changes.passed, record.passed != passed { return false }
        if let status = changes.status {
            let completedCounts = status == .enrolled && record.status == .completed
            if record.status != status && !completedCounts { return false }
        }
        return true
    }

    static func describe(_ error: any Error) -> (code: String, message: String) {
        if let error = error as? RosterError { return (error.code.rawValue, error.description) }
        if let failure = error as? StepFailure { return (failure.code, failure.message) }
        return ("unavailable", String(describing: error))
    }
}

/// Why one step could not be brought to done.
struct StepFailure: Error {
    var code: String
    var message: String
    /// True when the write may have happened (its outcome is unknown).
    var unknown: Bool

    static func missing(_ what: String) -> StepFailure {
        StepFailure(code: RosterError.Code.invalidArgument.rawValue, message: "\(what) is not known", unknown: false)
    }
}
