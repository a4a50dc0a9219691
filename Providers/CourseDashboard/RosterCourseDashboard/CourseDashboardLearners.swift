import Foundation
public import RosterCore
import RosterHTTP

/// Finding people on a SelfCommunity community through `GET /api/v2/user/` (the "Get All Users"
/// listing, DRF limit/offset with next links), whose users carry `id`, `username`, `real_name` and
/// `ext_id` (the id from the customer's own system, set at signup):
///
/// - by username: the documented `username` filter, then the answers compared exactly on the client
///   (one request for a community of any size);
/// - by external id: the listing documents no `ext_id` filter, so the whole user listing is walked and
///   compared on the client: ⌈users ÷ 100⌉ requests for one lookup (`findLearners(anyOf:)` walks once
///   for any number of external ids). If the listing's `count` shrinks during a walk (someone left,
///   which can shift a later person past the offset), the walk starts again, at most three times,
///   then fails with `inconsistentPaging` rather than answer "not found" on a partial walk.
///
/// Users carry no e-mail the adapter reads, so e-mail lookups are unsupported; the API documents no
/// way to create a user, so `createLearner` is unsupported too.
extension CourseDashboardDriver {
    /// The identity kinds a community user can be found by.
    public static let learnerLookups: Set<LearnerIdentity.Kind> = [.username, .externalID]

    /// The users whose username or external id is `identity`.
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        try await findLearners(anyOf: [identity])[identity] ?? []
    }

    /// The users of each identity: one filtered listing per username, one walk of all users for every
    /// external id together.
    public func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        for identity in identities { try requireLookup(identity.kind) }
        var found: [LearnerIdentity: [Learner]] = [:]
        let externalIDs = identities.filter { $0.kind == .externalID }
        if !externalIDs.isEmpty {
            let everyone = try await communityUsers(filters: []).map(CourseDashboardRecordMapping.learner)
            found.merge(LearnerIdentity.matching(externalIDs, among: everyone)) { _, new in new }
        }
        for identity in identities.filter({ $0.kind == .username }).sorted(by: { $0.value < $1.value }) {
            guard let wanted = identity.normalized else {
                found[identity] = []
                continue
            }
            let users = try await communityUsers(filters: [("username", wanted.value)])
            found[identity] = users.map(CourseDashboardRecordMapping.learner).filter(wanted.matches)
        }
        return found
    }

    /// Every user of `GET /api/v2/user/` with `filters`, each once; restarted when the listing
    /// shrinks during the walk (see the type's notes).
    func communityUsers(filters: [(String, String)]) async throws -> [CourseDashboardCommunityUser] {
        for _ in 1..<Self.userWalkAttempts {
            if let users = try await walkCommunityUsers(filters: filters) { return users }
        }
        guard let users = try await walkCommunityUsers(filters: filters) else {
            throw RosterError(
                .inconsistentPaging,
                "the community's user listing kept shrinking during \(Self.userWalkAttempts) walks: "
                    + "a person could have been skipped, so no answer is given",
                provider: provider)
        }
        return users
    }

    /// How many times a shrinking user walk is tried.
    static let userWalkAttempts = 3

    /// One walk of the user listing; nil when its `count` went down on the way.
    private func walkCommunityUsers(filters: [(String, String)]) async throws -> [CourseDashboardCommunityUser]? {
        var walker = PageWalker(style: .nextLink, limit: Self.maxPageSize)
        var position = PagePosition.start
        var seen: Set<String> = []
        var users: [CourseDashboardCommunityUser] = []
        var firstCount: Int?
        while true {
            try Task.checkCancellation()
            let url = try pageURL("/api/v2/user/", parameters: filters, position: position, limit: walker.limit)
            let page = try await fetchPage(url, of: CourseDashboardCommunityUser.self) { user, _ in user }
            if let count = page.total {
                if let first = firstCount, count < first { return nil }
                firstCount = firstCount ?? count
            }
            let fresh = page.records.filter { seen.insert($0.id).inserted }
            users += fresh
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: fresh.count) else {
                return users
            }
            position = next
        }
    }
}
