import Foundation
import RosterCore

/// A plan the shrink guard refused: it would take too many people out of the target course, or it
/// mirrors an empty source. The refused plan comes along so the caller can show what it would do.
public struct SyncRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why it was refused.
    public enum Reason: Hashable, Sendable {
        /// `removals` of the target's `learners` current learners would go, more than `limitPercent`.
        case tooManyRemovals(removals: Int, learners: Int, limitPercent: Double)
        /// Mirror mode with a source course that listed nobody who counts.
        case emptySource
    }

    /// Why.
    public var reason: Reason
    /// The plan that was refused.
    public var plan: SyncPlan

    /// One sentence saying why and how to go on.
    public var description: String {
        switch reason {
        case .tooManyRemovals(let removals, let learners, let limit):
            let share = learners == 0 ? 100 : Double(removals) * 100 / Double(learners)
            return "the plan would remove \(removals) of the target course's \(learners) learners "
                + "(\(Self.percent(share)) %, more than the \(Self.percent(limit)) % allowed); "
                + "check the source listing and the course ids, then allow it explicitly if it is meant"
        case .emptySource:
            return "the source course lists nobody who counts, and mirroring it would empty the target course; "
                + "allow it explicitly if that is meant"
        }
    }

    static func percent(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

extension ShrinkGuard {
    /// Throws `SyncRefusal` when `plan` removes more than the guard allows, or mirrors an empty source.
    func check(_ plan: SyncPlan, countedSourceLearners: Int) throws {
        guard !allowShrink else { return }
        if plan.request.mode == .mirror && countedSourceLearners == 0 {
            throw SyncRefusal(reason: .emptySource, plan: plan)
        }
        let removals = plan.removals
        guard removals > 0 else { return }
        if Double(removals) * 100 > maxShrinkPercent * Double(plan.targetLearners) {
            throw SyncRefusal(
                reason: .tooManyRemovals(removals: removals, learners: plan.targetLearners, limitPercent: maxShrinkPercent),
                plan: plan)
        }
    }
}
