public import RosterCore

/// What to synchronise: which source learners count, where they go, how people are matched, and
/// whether the target is only added to or mirrored. Codable, so a plan (and its journal) says exactly
/// what it was made for.
public struct SyncRequest: Hashable, Sendable, Codable {
    /// The source course (and session) and which of its statuses mean "should be in the target course".
    public var source: SyncSource
    /// The target course (and session).
    public var target: SyncTarget
    /// How a source learner is recognised on the target.
    public var match: MatchRule
    /// Add only, or also remove target learners with no counterpart.
    public var mode: SyncMode
    /// When a plan that removes people is refused.
    public var shrinkGuard: ShrinkGuard

    /// Creates a request.
    public init(
        source: SyncSource, target: SyncTarget, match: MatchRule = .identity(.email), mode: SyncMode = .add,
        shrinkGuard: ShrinkGuard = ShrinkGuard()
    ) {
        self.source = source
        self.target = target
        self.match = match
        self.mode = mode
        self.shrinkGuard = shrinkGuard
    }
}

/// The source side of a sync.
public struct SyncSource: Hashable, Sendable, Codable {
    /// The course to read.
    public var course: CourseID
    /// Only this session (course date) of it, for vendors with sessions.
    public var session: SessionID?
    /// The source statuses that mean "should be in the target course".
    public var statuses: Set<EnrollmentStatus>

    /// The statuses counted when none are given: enrolled, in progress and completed.
    public static let defaultStatuses: Set<EnrollmentStatus> = [.enrolled, .inProgress, .completed]

    /// Creates a source.
    public init(course: CourseID, session: SessionID? = nil, statuses: Set<EnrollmentStatus> = defaultStatuses) {
        self.course = course
        self.session = session
        self.statuses = statuses
    }

    enum CodingKeys: String, CodingKey { case course, session, statuses }

    /// Encodes with the statuses in canonical order, so the same request always gives the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(course, forKey: .course)
        try container.encodeIfPresent(session, forKey: .session)
        try container.encode(statuses.sorted { $0.description < $1.description }, forKey: .statuses)
    }
}

/// The target side of a sync.
public struct SyncTarget: Hashable, Sendable, Codable {
    /// The course to bring in line.
    public var course: CourseID
    /// Only this session of it (a learner holding enrollments in several sessions is otherwise
    /// ambiguous for an update).
    public var session: SessionID?

    /// Creates a target.
    public init(course: CourseID, session: SessionID? = nil) {
        self.course = course
        self.session = session
    }
}

/// How a source learner is recognised on the target.
public enum MatchRule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The same normalized e-mail, external id or username on both sides.
    case identity(LearnerIdentity.Kind)
    /// An explicit map from source learner ids to target learner ids (sorted by source id, so the
    /// same map always encodes the same way).
    case map([LearnerMapping])

    /// `email`, `external-id`, `username` or `map (N people)`.
    public var description: String {
        switch self {
        case .identity(.email): "email"
        case .identity(.externalID): "external-id"
        case .identity(.username): "username"
        case .map(let pairs): "map (\(pairs.count) people)"
        }
    }

    /// A map rule from pairs (sorted; a source id mapped twice is refused by `MappingFile`).
    public static func mapping(_ pairs: [LearnerMapping]) -> MatchRule {
        .map(pairs.sorted { $0.source < $1.source })
    }
}

/// One line of an explicit map: this source learner is that target learner.
public struct LearnerMapping: Hashable, Sendable, Codable {
    /// The learner id at the source.
    public var source: LearnerID
    /// The learner id at the target.
    public var target: LearnerID

    /// Creates a pair.
    public init(source: LearnerID, target: LearnerID) {
        self.source = source
        self.target = target
    }
}

/// Whether the target is only added to, or made to mirror the source.
public enum SyncMode: String, Hashable, Sendable, Codable {
    /// Enroll missing learners and carry completion; never remove anybody.
    case add
    /// Also unenroll target learners whose source counterpart is missing or no longer counts.
    case mirror
}

/// The guard against a plan that would empty a course by mistake (a source listing that came back
/// short, a wrong course id): a plan that unenrolls or cancels more than `maxShrinkPercent` of the
/// target course's current learners, or a mirror plan from an empty source, is refused unless
/// `allowShrink` is set.
public struct ShrinkGuard: Hashable, Sendable, Codable {
    /// The largest share of the target's current learners a plan may remove, in percent.
    public var maxShrinkPercent: Double
    /// True to accept a plan over the limit (the caller has looked at it).
    public var allowShrink: Bool

    /// Creates a guard.
    public init(maxShrinkPercent: Double = 10, allowShrink: Bool = false) {
        self.maxShrinkPercent = maxShrinkPercent
        self.allowShrink = allowShrink
    }
}
