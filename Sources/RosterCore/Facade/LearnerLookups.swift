/// Finding and creating people: what a migration needs to turn a person known on one provider into
/// the target provider's own learner id. The facade checks the declared capability and identity kind
/// (`unsupported` otherwise), normalizes identities, answers an identity that can match nobody (an
/// e-mail that is no address) with `.notFound` without sending anything, and turns two or more
/// matches into `.ambiguous`, never a guess.
extension Roster {
    /// The person with `identity` on this provider: `.found`, `.notFound`, or `.ambiguous` when
    /// several people have it.
    public func findLearner(_ identity: LearnerIdentity) async throws -> LearnerLookup {
        try checkLookup(identity.kind)
        guard let wanted = identity.normalized else { return .notFound }
        // The driver gets the identity as the caller wrote it, so a vendor whose server-side matching
        // rules are undocumented can be sent both forms; every driver compares normalized.
        let found = try await perform(.findLearners, course: nil) { try await driver.findLearners(identity) }
        return Self.lookup(found, for: wanted)
    }

    /// The answer for each of `identities` (keyed as given), with as few requests as the driver can
    /// manage (a provider whose lookup walks a whole listing walks it once for all of them).
    public func findLearners(_ identities: some Sequence<LearnerIdentity>) async throws
        -> [LearnerIdentity: LearnerLookup]
    {
        let asked = Array(identities)
        for identity in asked { try checkLookup(identity.kind) }
        let wanted = Set(asked.filter { $0.normalized != nil })
        var found: [LearnerIdentity: [Learner]] = [:]
        if !wanted.isEmpty {
            found = try await perform(.findLearners, course: nil) { try await driver.findLearners(anyOf: wanted) }
            // A driver that left an identity out is asked for it alone rather than trusted to mean "nobody".
            for identity in wanted.sorted(by: { $0.description < $1.description }) where found[identity] == nil {
                found[identity] = try await perform(.findLearners, course: nil) {
                    try await driver.findLearners(identity)
                }
            }
        }
        var answers: [LearnerIdentity: LearnerLookup] = [:]
        for identity in asked {
            guard let normalized = identity.normalized else {
                answers[identity] = .notFound
                continue
            }
            answers[identity] = Self.lookup(found[identity] ?? [], for: normalized)
        }
        return answers
    }

    /// Creates a person and returns them as the provider holds them. The e-mail must be a plausible
    /// address (`invalidArgument` otherwise, before anything is sent); it is sent normalized
    /// (trimmed, lower-cased, NFC) so that later lookups by e-mail find the person whatever case the
    /// vendor compares with. Blank optional fields are sent as absent.
    public func createLearner(_ learner: NewLearner) async throws -> Learner {
        guard capabilities.supports(.createLearner) else { throw driver.unsupported(.createLearner) }
        guard let email = LearnerIdentity.normalizedEmail(learner.email) else {
            throw RosterError(
                .invalidArgument, "\"\(learner.email)\" is not an e-mail address: nobody was created",
                provider: provider)
        }
        var request = learner
        request.email = email.value
        request.firstName = Self.present(learner.firstName)
        request.lastName = Self.present(learner.lastName)
        request.externalID = learner.externalID.flatMap { LearnerIdentity(kind: .externalID, value: $0)?.value }
        request.username = learner.username.flatMap { LearnerIdentity(kind: .username, value: $0)?.value }
        return try await perform(.createLearner, course: nil) { try await driver.createLearner(request) }
    }

    /// Throws `unsupported` unless lookups by `kind` are declared.
    func checkLookup(_ kind: LearnerIdentity.Kind) throws {
        guard capabilities.supports(.findLearners) else { throw driver.unsupported(.findLearners) }
        guard capabilities.learnerLookups.contains(kind) else {
            let kinds = capabilities.learnerLookups.sorted().map(\.rawValue).joined(separator: ", ")
            throw RosterError(
                .unsupported, "\(provider) cannot look people up by \(kind.rawValue) (only by \(kinds))",
                provider: provider)
        }
    }

    /// The lookup answer for what a driver found: only people who really have `identity`, each once,
    /// sorted by id.
    static func lookup(_ found: [Learner], for identity: LearnerIdentity) -> LearnerLookup {
        var seen: Set<LearnerID> = []
        let matches = found.filter { identity.matches($0) && seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default: return .ambiguous(matches)
        }
    }

    private static func present(_ text: String?) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }
}
