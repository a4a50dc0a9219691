/// A person to create on a provider (`Roster.createLearner(_:)`). The e-mail is required (every
/// vendor that creates people keys them by address); the other fields are sent where the vendor can
/// hold them. The learner the provider answers with shows what it actually stored.
public struct NewLearner: Hashable, Sendable, Codable {
    /// The person's e-mail address (must be plausible; the facade sends it normalized).
    public var email: String
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// An id from another system, where the vendor stores one.
    public var externalID: String?
    /// A login name, where the vendor has one.
    public var username: String?
    /// Whether the vendor should e-mail the person (an invitation), where it can.
    public var notify: Bool

    /// Creates a person to create.
    public init(
        email: String, firstName: String? = nil, lastName: String? = nil, externalID: String? = nil,
        username: String? = nil, notify: Bool = false
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.externalID = externalID
        self.username = username
        self.notify = notify
    }
}

/// The answer to a lookup by identity (`Roster.findLearner(_:)`). Two or more matches are an
/// ambiguity for the caller to resolve, never a guess.
public enum LearnerLookup: Hashable, Sendable {
    /// Nobody on the provider has the identity.
    case notFound
    /// Exactly one person has it.
    case found(Learner)
    /// Several people have it (sorted by id, so the answer is the same on every run).
    case ambiguous([Learner])

    /// The one person found, or nil.
    public var learner: Learner? {
        if case .found(let learner) = self { return learner }
        return nil
    }
}
