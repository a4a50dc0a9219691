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
    public func spotMembers(emails: [String]) async throws -> [MeltingspotSpotMember] {
        // Each address also goes lower-cased: the docs do not say whether the lookup ignores case.
        let plausible = emails.filter(EmailAddress.isPlausible)
        let wanted = MeltingspotFilters.listable(plausible + plausible.map { $0.lowercased() })
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

    /// Creates (invites into the Spot) a member with `email` (`POST /spotMembers`). Not retried: a
    /// repeat could be refused as a duplicate.
    public func createSpotMember(email: String, notify: Bool = false) async throws -> MeltingspotSpotMember {
        guard EmailAddress.isPlausible(email) else {
            throw RosterError(.invalidArgument, "\"\(email)\" is not an e-mail address", provider: provider)
        }
        let url = api.url(MeltingspotPaths.spotMembers)
        let body = try JSONEncoder().encode(MeltingspotNewSpotMemberBody(email: email, withEmailNotification: notify))
        let response = try await api.send(.post, url, body: .json(body))
        return try api.decode(MeltingspotSpotMember.self, from: response, for: .post, url)
    }

    /// The spot member with `email` (compared case-insensitively), created when there is none.
    public func findOrCreateSpotMember(email: String, notify: Bool = false) async throws -> MeltingspotSpotMember {
        let matches = try await spotMembers(emails: [email])
        if let member = matches.first(where: { $0.email?.lowercased() == email.lowercased() }) {
            return member
        }
        return try await createSpotMember(email: email, notify: notify)
    }
}
