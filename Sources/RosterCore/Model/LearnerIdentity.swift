import Foundation

/// How a person is recognised across providers: the value two systems can agree on when their own
/// person ids differ. Values are kept normalized, so two identities are equal exactly when they match:
///
/// - `email`: trimmed, lower-cased and in Unicode NFC; only plausible addresses (`EmailAddress`) exist
///   (`normalizedEmail(_:)` refuses others, so a vendor field holding "Larsen" never matches anyone).
/// - `externalID`: trimmed, otherwise exact (an id from another system is opaque).
/// - `username`: trimmed, otherwise exact, case included. No vendor documents case-insensitive
///   usernames (SelfCommunity's `username` filter is an exact field filter and its usernames are
///   unique as written), and comparing exactly never merges two accounts that differ only in case.
///
/// Build identities with `normalizedEmail(_:)`, `init?(kind:value:)` or `of(_:kind:)`. A value made
/// with a case directly (`.email(" A@B.no ")`) is normalized again by `normalized` and by the facade
/// before any lookup.
public enum LearnerIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An e-mail address, normalized (trimmed, lower-cased, NFC).
    case email(String)
    /// An id the person carries from another system (Frontcore `external_id`, SelfCommunity `ext_id`).
    case externalID(String)
    /// A login name.
    case username(String)

    /// The kinds of identity, for capability declarations and command-line options.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// An e-mail address.
        case email
        /// An id from another system.
        case externalID
        /// A login name.
        case username

        /// Declaration order (e-mail, external id, username), for stable output.
        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The kind of this identity.
    public var kind: Kind {
        switch self {
        case .email: .email
        case .externalID: .externalID
        case .username: .username
        }
    }

    /// The value, as stored.
    public var value: String {
        switch self {
        case .email(let text), .externalID(let text), .username(let text): text
        }
    }

    /// The identity of `kind` with `value` normalized; nil when nothing is left after trimming, or
    /// (for e-mail) when the value is not a plausible address.
    public init?(kind: Kind, value: String) {
        switch kind {
        case .email:
            guard let identity = Self.normalizedEmail(value) else { return nil }
            self = identity
        case .externalID:
            guard let text = Self.trimmed(value) else { return nil }
            self = .externalID(text)
        case .username:
            guard let text = Self.trimmed(value) else { return nil }
            self = .username(text)
        }
    }

    /// The address `text` trimmed, lower-cased and in NFC; nil when it is not a plausible e-mail
    /// address (such a value never matches anybody).
    public static func normalizedEmail(_ text: String) -> LearnerIdentity? {
        guard let trimmed = trimmed(text) else { return nil }
        // Lower-case first: lower-casing can leave decomposed sequences that NFC then recomposes.
        let folded = trimmed.lowercased().precomposedStringWithCanonicalMapping
        guard EmailAddress.isPlausible(folded) else { return nil }
        return .email(folded)
    }

    /// The identity of `learner` of `kind` (normalized), or nil when the learner has none (or, for
    /// e-mail, only a value that is not an address).
    public static func of(_ learner: Learner, kind: Kind) -> LearnerIdentity? {
        switch kind {
        case .email: (learner.email ?? learner.rawEmail).flatMap(normalizedEmail)
        case .externalID: learner.externalID.flatMap { LearnerIdentity(kind: .externalID, value: $0) }
        case .username: learner.username.flatMap { LearnerIdentity(kind: .username, value: $0) }
        }
    }

    /// This identity normalized again (for values built with a case directly); nil when it can match
    /// nobody (an empty value, or an e-mail that is not an address).
    public var normalized: LearnerIdentity? { LearnerIdentity(kind: kind, value: value) }

    /// For each of `identities` (keyed as asked), the people among `people` who have it, both sides
    /// normalized, in the order met: one pass over the people, whatever the number of identities
    /// (what a batch lookup over a whole listing needs).
    public static func matching(
        _ identities: some Collection<LearnerIdentity>, among people: some Sequence<Learner>
    ) -> [LearnerIdentity: [Learner]] {
        var asked: [LearnerIdentity: [LearnerIdentity]] = [:]
        for identity in identities {
            if let normalized = identity.normalized { asked[normalized, default: []].append(identity) }
        }
        var found = Dictionary(identities.map { ($0, [Learner]()) }, uniquingKeysWith: { a, _ in a })
        let kinds = Set(asked.keys.map(\.kind))
        for person in people {
            for kind in kinds {
                guard let identity = of(person, kind: kind), let keys = asked[identity] else { continue }
                for key in keys { found[key]?.append(person) }
            }
        }
        return found
    }

    /// True when `learner` has this identity (both sides normalized).
    public func matches(_ learner: Learner) -> Bool {
        guard let wanted = normalized else { return false }
        return Self.of(learner, kind: kind) == wanted
    }

    /// `kind:value`, e.g. `email:ase@example.no`.
    public var description: String { "\(kind.rawValue):\(value)" }

    enum CodingKeys: String, CodingKey { case kind, value }

    /// Decodes `{"kind": "email", "value": "…"}`, normalizing the value; a value that can match
    /// nobody is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let value = try container.decode(String.self, forKey: .value)
        guard let identity = LearnerIdentity(kind: kind, value: value) else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "\"\(value)\" is not a usable \(kind.rawValue)")
        }
        self = identity
    }

    /// Encodes `{"kind": "email", "value": "…"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
    }

    private static func trimmed(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
