import Foundation
public import RosterCore
import RosterHTTP

/// Finding people on Frontcore. The API has no user listing or search: a person is only visible as
/// the `user` object embedded in each of their participants (`email`, `external_id`, `username`). So
/// a lookup walks every participant of the account (`GET /participants`, `since_id` keyset paging,
/// 250 per page: ⌈participants ÷ 250⌉ requests at the documented 5 requests per second, e.g. 40
/// requests and about 8 s for 10,000 participants) and collects the distinct users (by user id) whose
/// identity matches. `findLearners(anyOf:)` answers any number of identities with that one walk.
///
/// Two limits follow from the API: only people with at least one participant (a booking on some
/// course date) can be found, and nobody can be created here (people come into being through orders,
/// `POST /booking`, which Roster does not send), so `createLearner` is unsupported.
extension FrontcoreDriver {
    /// The identity kinds a Frontcore user can be found by.
    public static let learnerLookups: Set<LearnerIdentity.Kind> = [.email, .externalID, .username]

    /// The users (each once) whose e-mail, external id or username is `identity`.
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        try await findLearners(anyOf: [identity])[identity] ?? []
    }

    /// The users of each identity, from one walk of every participant.
    public func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        for identity in identities { try requireLookup(identity.kind) }
        guard identities.contains(where: { $0.normalized != nil }) else {
            return Dictionary(uniqueKeysWithValues: identities.map { ($0, []) })
        }
        var seenUsers: Set<LearnerID> = []
        var people: [Learner] = []
        try await forEachParticipant { enrollment in
            if seenUsers.insert(enrollment.learner.id).inserted { people.append(enrollment.learner) }
        }
        return LearnerIdentity.matching(identities, among: people)
    }

    /// Calls `body` with every participant of the account, page by page (the configured paging mode;
    /// keyset by default, which lists every participant that survives the walk exactly once).
    func forEachParticipant(_ body: (Enrollment) throws -> Void) async throws {
        var walker = PageWalker(style: configuration.paging.style, limit: capabilities.maxPageSize)
        var position = PagePosition.start
        var seen: Set<EnrollmentID> = []
        while true {
            try Task.checkCancellation()
            let page = try await fetchEnrollments(
                PageRequest(query: EnrollmentQuery(), position: position, limit: walker.limit))
            var fresh = 0
            for enrollment in page.records where seen.insert(enrollment.id).inserted {
                fresh += 1
                try body(enrollment)
            }
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: fresh) else {
                return
            }
            position = next
        }
    }
}
