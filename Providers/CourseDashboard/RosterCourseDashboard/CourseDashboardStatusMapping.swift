import Foundation
public import RosterCore

/// The `join_status` values Roster knows. The API docs list `creator`, `manager`, `joined`,
/// `invited`, `requested`; `payment_waiting` appears only in the official SDK's types.
public enum CourseDashboardJoinStatus: String, Hashable, Sendable, CaseIterable {
    /// Created the course; cannot leave or change status.
    case creator
    /// Manages (teaches) the course; also counts as joined.
    case manager
    /// An enrolled learner.
    case joined
    /// Invited, has not accepted.
    case invited
    /// Asked to join a private course; awaits approval.
    case requested
    /// SDK only, meaning undocumented: presumably waiting for payment of a paid course.
    case paymentWaiting = "payment_waiting"
}

/// The mapping between `join_status` (+ `user_completion_rate`) and Roster's two axes, status and role.
///
/// | join_status | status | role |
/// |---|---|---|
/// | `joined` | enrolled; **derived** inProgress when the rate is > 0, completed when it is 100 | learner |
/// | `invited` / `requested` / `payment_waiting` | invited / requested / pending | learner |
/// | `manager` / `creator` | enrolled | manager / owner |
/// | anything else | unknown (raw kept) | learner |
///
/// A null `join_status` means "no relation to the course": listings leave such a user out (it is no
/// enrollment), so it never reaches this mapping through a listing. Called with nil anyway, it
/// answers `unknown("null")`.
///
/// The derived statuses are a heuristic: the vendor has no completion state, and adding lessons to a
/// course lowers every rate, so a "completed" learner can become "inProgress" again.
public enum CourseDashboardStatusMapping {
    /// The canonical status and role of a membership.
    public static func canonical(joinStatus raw: String?, completionRate: Int?) -> (EnrollmentStatus, EnrollmentRole) {
        guard let raw, let known = CourseDashboardJoinStatus(rawValue: raw) else {
            return (.unknown(raw: raw ?? "null"), .learner)
        }
        switch known {
        case .creator: return (.enrolled, .owner)
        case .manager: return (.enrolled, .manager)
        case .invited: return (.invited, .learner)
        case .requested: return (.requested, .learner)
        case .paymentWaiting: return (.pending, .learner)
        case .joined:
            switch completionRate ?? 0 {
            case 100...: return (.completed, .learner)
            case 1...: return (.inProgress, .learner)
            default: return (.enrolled, .learner)
            }
        }
    }

    /// The mapping as data: every known `join_status` (`joined` at the completion rates that split
    /// it) with its canonical status and role. Course Dashboard has no status write (roles change
    /// through enrolling). `canonical(joinStatus:completionRate:)` answers exactly this.
    public static let table = StatusMappingTable(reads: [
        .init("joined", when: .completionRate(0), status: .enrolled),
        .init("joined", when: .completionRate(50), status: .inProgress),
        .init("joined", when: .completionRate(100), status: .completed),
        .init("invited", status: .invited), .init("requested", status: .requested),
        .init("payment_waiting", status: .pending),
        .init("manager", status: .enrolled, role: .manager), .init("creator", status: .enrolled, role: .owner),
    ])

    /// The role each known `join_status` maps to.
    static func role(of status: CourseDashboardJoinStatus) -> EnrollmentRole {
        canonical(joinStatus: status.rawValue, completionRate: nil).1
    }

    /// The `join_status` values to ask for so that a listing holds exactly the given roles (every
    /// role when `roles` is empty), plus `additional` unknown values in an unfiltered listing. The
    /// vendor's default (`manager` + `joined`) would hide the creator, invitations and requests, so
    /// Roster always sends this list explicitly.
    static func joinStatuses(
        for roles: Set<EnrollmentRole>, statuses: Set<EnrollmentStatus> = [], additional: [String]
    ) -> [String] {
        let known = CourseDashboardJoinStatus.allCases.filter {
            (roles.isEmpty || roles.contains(role(of: $0))) && (statuses.isEmpty || !statuses.isDisjoint(with: canonicalStatuses(of: $0)))
        }
        var values = known.map(\.rawValue)
        if roles.isEmpty || roles.contains(.learner) {
            let unknownWanted = additional.filter { statuses.isEmpty || statuses.contains(.unknown(raw: $0)) }
            values += unknownWanted.filter { !values.contains($0) }
        }
        return values
    }

    /// Every canonical status a `join_status` can map to (`joined` splits by progress), so that a
    /// status filter can narrow the server's `statuses` without dropping a record the exact local
    /// filter would keep.
    static func canonicalStatuses(of status: CourseDashboardJoinStatus) -> Set<EnrollmentStatus> {
        Set([0, 50, 100].map { canonical(joinStatus: status.rawValue, completionRate: $0).0 })
    }

    /// `statuses` as the official SDK sends it: a JSON array in one query value, e.g.
    /// `["creator","manager","joined"]`.
    static func statusesParameter(_ values: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
