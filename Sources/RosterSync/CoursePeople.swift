import RosterCore

/// One person in one course listing: every enrollment they hold there and the one that speaks for
/// them (a Frontcore learner can hold one per course date).
struct CoursePerson: Sendable {
    var learner: Learner
    var enrollments: [Enrollment]

    /// The enrollment that speaks for the person: the most advanced status, ties by enrollment id.
    var representative: Enrollment {
        enrollments.max { a, b in
            let (ra, rb) = (Self.rank(a.status), Self.rank(b.status))
            return ra != rb ? ra < rb : a.id > b.id
        }!
    }

    /// The enrollments that are not cancelled.
    var active: [Enrollment] { enrollments.filter { $0.status != .cancelled } }

    /// The role the person plays: a manager or owner in any enrollment is staff.
    var staffRole: EnrollmentRole? {
        enrollments.first { $0.role == .manager || $0.role == .owner }?.role
    }

    /// How far along a status is, for picking the representative.
    static func rank(_ status: EnrollmentStatus) -> Int {
        switch status {
        case .completed: 8
        case .inProgress: 7
        case .enrolled: 6
        case .pending: 5
        case .waitlisted: 4
        case .invited: 3
        case .requested: 2
        case .cancelled: 1
        case .unknown: 0
        }
    }

    /// Everybody in `enrollments`, grouped by learner id, sorted by learner id.
    static func group(_ enrollments: [Enrollment]) -> [CoursePerson] {
        var byLearner: [LearnerID: CoursePerson] = [:]
        for enrollment in enrollments {
            byLearner[enrollment.learner.id, default: CoursePerson(learner: enrollment.learner, enrollments: [])]
                .enrollments.append(enrollment)
        }
        return byLearner.values.sorted { $0.learner.id < $1.learner.id }
    }
}
