import Foundation
public import RosterCore
import RosterHTTP

/// People on Meltingspot are spot members. They are looked up by e-mail only (`GET /spotMembers`
/// with `email[in]`; spot members carry no external id and no username, so those kinds are
/// unsupported) and created by e-mail (`POST /spotMembers {email, withEmailNotification}`, which
/// takes nothing else: names, external id and username of a `NewLearner` are not stored).
enum MeltingspotLearners {
    /// The identity kinds a spot member can be found by.
    static let lookups: Set<LearnerIdentity.Kind> = [.email]
}

extension MeltingspotDriver {
    /// The spot members whose e-mail is `identity`: one `email[in]` lookup (the address as given and
    /// normalized), answers compared normalized on the client.
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        try await findLearners(anyOf: [identity])[identity] ?? []
    }

    /// The spot members of each e-mail identity, looked up `emailLookupChunkSize` addresses per
    /// request.
    public func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        for identity in identities { try requireLookup(identity.kind) }
        let members = try await spotMembers(emails: identities.map(\.value))
        return LearnerIdentity.matching(identities, among: members.map(MeltingspotEnrollmentMapping.learner))
    }

    /// Creates a spot member with `learner.email` (`POST /spotMembers`; 201 with the member). Only the
    /// address and the notification flag are sent: the endpoint documents nothing else. A member that
    /// already exists is refused by the vendor (400, `invalidArgument`). Not retried.
    public func createLearner(_ learner: NewLearner) async throws -> Learner {
        MeltingspotEnrollmentMapping.learner(try await createSpotMember(email: learner.email, notify: learner.notify))
    }
}
