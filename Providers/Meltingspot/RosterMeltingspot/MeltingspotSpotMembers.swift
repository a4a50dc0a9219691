import Foundation
import RosterCore
import RosterHTTP

extension MeltingspotDriver {
    /// One spot member by id (`GET /spotMembers/{id}`); `notFound` when there is none.
    public func spotMember(id: String) async throws -> MeltingspotSpotMember {
        let url = api.url(try MeltingspotPaths.spotMember(id))
        let response = try await api.send(.get, url)
        return try api.decode(MeltingspotSpotMember.self, from: response, for: .get, url)
    }

    /// The spot members with any of `emails` (`GET /spotMembers?email[in]=…`), every page of every
    /// lookup, at most `emailLookupChunkSize` addresses per request. Implausible addresses are skipped.
    /// The docs do not say whether the server compares addresses case-insensitively, so each address
    /// goes both as given (trimmed) and normalized (lower-cased, NFC); callers compare the answers
    /// normalized (`LearnerIdentity.matches`).
    public func spotMembers(emails: [String]) async throws -> [MeltingspotSpotMember] {
        var forms: [String] = []
        for email in emails {
            guard let normalized = LearnerIdentity.normalizedEmail(email) else { continue }
            forms.append(email.trimmingCharacters(in: .whitespacesAndNewlines))
            forms.append(normalized.value)
        }
        let wanted = MeltingspotFilters.listable(forms)
        var found: [MeltingspotSpotMember] = []
        var seen: Set<String> = []
        for start in stride(from: 0, to: wanted.count, by: emailLookupChunkSize) {
            let chunk = Array(wanted[start..<min(wanted.count, start + emailLookupChunkSize)])
            let members: [MeltingspotSpotMember] = try await listAll(
                MeltingspotPaths.spotMembers, filters: [MeltingspotQueryItem("email[in]", list: chunk)], id: \.id)
            found += members.filter { seen.insert($0.id).inserted }
        }
        return found
    }

    /// Creates (invites into the Spot) a member with `email` (`POST /spotMembers`). Not idempotent: a
    /// repeat could be refused as a duplicate or create a second invitation, so it is never retried
    /// once it may have been sent; a timeout or lost connection fails with `outcomeUnknown` (look the
    /// address up with `spotMembers(emails:)` before trying again).
    public func createSpotMember(email: String, notify: Bool = false) async throws -> MeltingspotSpotMember {
        guard EmailAddress.isPlausible(email) else {
            throw RosterError(.invalidArgument, "\"\(email)\" is not an e-mail address", provider: provider)
        }
        let url = api.url(MeltingspotPaths.spotMembers)
        let body = try JSONEncoder().encode(MeltingspotNewSpotMemberBody(email: email, withEmailNotification: notify))
        let response = try await api.send(.post, url, body: .json(body))
        return try api.decode(MeltingspotSpotMember.self, from: response, for: .post, url)
    }

    /// The spot member with `email` (compared normalized), created when there is none. Two members
    /// with that address are an ambiguity (`invalidArgument`), never a guess.
    public func findOrCreateSpotMember(email: String, notify: Bool = false) async throws -> MeltingspotSpotMember {
        guard let identity = LearnerIdentity.normalizedEmail(email) else {
            throw RosterError(.invalidArgument, "\"\(email)\" is not an e-mail address", provider: provider)
        }
        let matches = try await spotMembers(emails: [email]).filter {
            $0.email.flatMap(LearnerIdentity.normalizedEmail) == identity
        }
        switch matches.count {
        case 0: return try await createSpotMember(email: identity.value, notify: notify)
        case 1: return matches[0]
        default:
            throw RosterError(
                .invalidArgument,
                "\(matches.count) spot members have the address \(identity.value): which one is meant is unclear",
                provider: provider)
        }
    }
}
