import Foundation

/// The canonical lifecycle state of an enrollment, the same for every vendor (see the documentation
/// article "Status and role mapping"). Progress (`completionRate`) and outcome (`passed`) are separate fields.
public enum EnrollmentStatus: CanonicalVocabulary {
    /// Offered a place; has not accepted.
    case invited
    /// Asked to join; awaits approval by a course manager.
    case requested
    /// Booked but unconfirmed, or awaiting payment.
    case pending
    /// Holds a confirmed place; no progress information.
    case enrolled
    /// On a waiting list (or booked beyond capacity; the raw vendor status tells which).
    case waitlisted
    /// Has started the course.
    case inProgress
    /// Has finished the course.
    case completed
    /// Unenrolled, deregistered or left.
    case cancelled
    /// A vendor value Roster does not know; `raw` keeps it exactly.
    case unknown(raw: String)

    /// Every known status, in lifecycle order.
    public static let known: [EnrollmentStatus] = [
        .invited, .requested, .pending, .enrolled, .waitlisted, .inProgress, .completed, .cancelled,
    ]

    /// The canonical name used in records and on the command line (`unknown` for unknown values).
    public var name: String {
        switch self {
        case .invited: "invited"
        case .requested: "requested"
        case .pending: "pending"
        case .enrolled: "enrolled"
        case .waitlisted: "waitlisted"
        case .inProgress: "inProgress"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .unknown: "unknown"
        }
    }

    /// Parses a canonical name (case-insensitive; `in-progress` and `in_progress` accepted); nil otherwise.
    public init?(name: String) {
        let folded = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        guard let match = Self.known.first(where: { $0.name.lowercased() == folded }) else { return nil }
        self = match
    }

    public var description: String {
        if case .unknown(let raw) = self { return "unknown(\(raw))" }
        return name
    }

    /// The raw vendor value of an unknown status, nil for a known one.
    public var unknownRaw: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}

/// What part a person plays in a course, an axis separate from the lifecycle status.
public enum EnrollmentRole: CanonicalVocabulary {
    /// Takes the course.
    case learner
    /// Teaches or administers the course.
    case manager
    /// Created or owns the course.
    case owner
    /// A vendor value Roster does not know; `raw` keeps it exactly.
    case unknown(raw: String)

    /// Every known role.
    public static let known: [EnrollmentRole] = [.learner, .manager, .owner]

    /// The canonical name (`unknown` for unknown values).
    public var name: String {
        switch self {
        case .learner: "learner"
        case .manager: "manager"
        case .owner: "owner"
        case .unknown: "unknown"
        }
    }

    /// Parses a canonical name (case-insensitive); nil otherwise.
    public init?(name: String) {
        guard let match = Self.known.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = match
    }

    public var description: String {
        if case .unknown(let raw) = self { return "unknown(\(raw))" }
        return name
    }

    /// The raw vendor value of an unknown role, nil for a known one.
    public var unknownRaw: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}

/// A closed canonical vocabulary with an `unknown` case that keeps the vendor's raw value
/// (`EnrollmentStatus`, `EnrollmentRole`). Both encode the same way: the canonical name, or
/// `unknown:<raw>` so that an unknown value round-trips.
public protocol CanonicalVocabulary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The canonical name (`unknown` for unknown values).
    var name: String { get }
    /// The raw vendor value of an unknown value, nil for a known one.
    var unknownRaw: String? { get }
    /// Parses a canonical name; nil otherwise.
    init?(name: String)
    /// An unknown value keeping `raw`.
    static func unknown(raw: String) -> Self
}

extension CanonicalVocabulary {
    /// Encodes the canonical name; an unknown value as `unknown:<raw>`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(unknownRaw.map { "unknown:" + $0 } ?? name)
    }

    /// Decodes a canonical name; any other text becomes unknown with that text kept.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text.hasPrefix("unknown:") {
            self = .unknown(raw: String(text.dropFirst("unknown:".count)))
        } else {
            self = Self(name: text) ?? .unknown(raw: text)
        }
    }
}
