public import Foundation
public import RosterCore

/// What a sync would do: one item per source learner and per target learner with no counterpart,
/// each with one action and a reason a person understands. Deterministic (the same inputs give the
/// same bytes from `encoded()`), Codable, and explicit about the provider capabilities it relied on.
/// Planning writes nothing.
public struct SyncPlan: Hashable, Sendable, Codable {
    /// The format of this document; a journal refuses a plan of another format.
    public var formatVersion = 1
    /// What was asked for.
    public var request: SyncRequest
    /// The source provider.
    public var sourceProvider: ProviderID
    /// The target provider.
    public var targetProvider: ProviderID
    /// The items, source learners first (by source learner id), then target-only learners (by
    /// target learner id).
    public var items: [SyncItem]
    /// The capabilities the plan relies on, e.g. `target.enroll`, `target.findLearners.email`.
    public var reliesOn: [String]
    /// Enrollments the source listing yielded (before status filtering).
    public var sourceEnrollments: Int
    /// Learners currently in the target course (not cancelled), what the shrink guard measures against.
    public var targetLearners: Int

    /// Creates a plan.
    public init(
        request: SyncRequest, sourceProvider: ProviderID, targetProvider: ProviderID, items: [SyncItem],
        reliesOn: [String], sourceEnrollments: Int, targetLearners: Int
    ) {
        self.request = request
        self.sourceProvider = sourceProvider
        self.targetProvider = targetProvider
        self.items = items
        self.reliesOn = reliesOn
        self.sourceEnrollments = sourceEnrollments
        self.targetLearners = targetLearners
    }

    /// How many items of each action.
    public var counts: [SyncAction: Int] { items.reduce(into: [:]) { $0[$1.action, default: 0] += 1 } }

    /// Items that remove somebody from the target (what the shrink guard counts).
    public var removals: Int { items.filter(\.removes).count }

    /// True when applying it would write nothing.
    public var writesNothing: Bool { items.allSatisfy { !$0.action.writes } }

    /// The plan as canonical JSON (sorted keys, no slashes escaped): the same plan, the same bytes.
    public func encoded() throws -> Data { try SyncPlan.encoder.encode(self) }

    /// A short fingerprint of `encoded()` (FNV-1a, 64 bits, hex): ties a journal to its plan.
    public func fingerprint() throws -> String { Fingerprint.hex(of: try encoded()) }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// One thing a sync does (or deliberately does not do) for one person.
public struct SyncItem: Hashable, Sendable, Codable, Identifiable {
    /// `source:<learner id>` or `target:<learner id>`: unique in a plan, stable across runs.
    public var id: String
    /// What happens.
    public var action: SyncAction
    /// Why, in words (for `skip` the reason nothing is done; for others what is carried).
    public var reason: String
    /// The learner at the source, for items about a source learner.
    public var sourceLearnerId: LearnerID?
    /// The source enrollment the item was judged from.
    public var sourceEnrollmentId: EnrollmentID?
    /// Its canonical status.
    public var sourceStatus: EnrollmentStatus?
    /// The identity the match used, when it used one.
    public var identity: LearnerIdentity?
    /// The learner at the target, when known (nil for `createAndEnroll` until the person exists).
    public var targetLearnerId: LearnerID?
    /// The target enrollment, when the learner already holds one.
    public var targetEnrollmentId: EnrollmentID?
    /// Its canonical status.
    public var targetStatus: EnrollmentStatus?
    /// The person to create (`createAndEnroll`).
    public var newLearner: NewLearner?
    /// The change to write (`update`), or to write right after enrolling (completion carried over).
    public var update: EnrollmentUpdate?

    /// Creates an item.
    public init(
        id: String, action: SyncAction, reason: String, sourceLearnerId: LearnerID? = nil,
        sourceEnrollmentId: EnrollmentID? = nil, sourceStatus: EnrollmentStatus? = nil,
        identity: LearnerIdentity? = nil, targetLearnerId: LearnerID? = nil, targetEnrollmentId: EnrollmentID? = nil,
        targetStatus: EnrollmentStatus? = nil, newLearner: NewLearner? = nil, update: EnrollmentUpdate? = nil
    ) {
        self.id = id
        self.action = action
        self.reason = reason
        self.sourceLearnerId = sourceLearnerId
        self.sourceEnrollmentId = sourceEnrollmentId
        self.sourceStatus = sourceStatus
        self.identity = identity
        self.targetLearnerId = targetLearnerId
        self.targetEnrollmentId = targetEnrollmentId
        self.targetStatus = targetStatus
        self.newLearner = newLearner
        self.update = update
    }

    /// True when the item takes somebody out of the target course.
    public var removes: Bool { action == .unenroll || (action == .update && update?.status == .cancelled) }
}

/// The one action of a plan item.
public enum SyncAction: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Put an existing target person into the target course.
    case enroll
    /// Create the person on the target (by e-mail), then enroll them.
    case createAndEnroll
    /// Change the target enrollment (status, completed, passed) to match the source.
    case update
    /// Take the person out of the target course (mirror mode only).
    case unenroll
    /// Nothing to do: the target already matches.
    case inSync
    /// Nothing will be done, for the reason given.
    case skip

    /// True for actions that write to the target.
    public var writes: Bool { self != .inSync && self != .skip }

    public static func < (lhs: SyncAction, rhs: SyncAction) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// FNV-1a over bytes: a stable, dependency-free fingerprint (not a security hash).
enum Fingerprint {
    static func hex(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
