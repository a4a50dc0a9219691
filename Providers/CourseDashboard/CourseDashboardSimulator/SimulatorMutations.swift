import Foundation
import RosterHTTP

/// Helpers for tests and the conformance harness: read and change the community directly, as an
/// administrator would in the web UI, without going through the API.
extension CourseDashboardSimulator {
    /// Every course id, in creation order.
    public var courseIDs: [Int] { store.read { $0.courses.map(\.id) } }

    /// Every user with any `join_status` in `course` (creator and managers included).
    public func memberIDs(course: Int) -> [Int] { store.read { $0.members[course]?.map(\.user) ?? [] } }

    /// The raw `join_status` of `user` in `course`, or nil when there is no relation.
    public func joinStatus(course: Int, user: Int) -> String? { store.read { $0.status(of: user, in: course) } }

    /// The username of `user`, or nil.
    public func username(of user: Int) -> String? { store.read { $0.users[user]?.username } }

    /// The `username` and `ext_id` of `user`, or nil when there is no such user.
    public func identity(ofUser user: Int) -> (username: String, extID: Int?)? {
        store.read { $0.users[user].map { ($0.username, $0.extID) } }
    }

    /// Sets `user`'s username and (when given) `ext_id` behind the API. Nothing checks uniqueness, so
    /// tests can plant two users sharing one (the vendor's API would refuse a taken username).
    public func setIdentity(ofUser user: Int, username: String? = nil, extID: Int? = nil) {
        store.write { state in
            if let username {
                state.users[user]?.username = username
                state.usernames.insert(username)
            }
            if let extID { state.users[user]?.extID = extID }
        }
    }

    /// Creates a community user with no course relation; returns its id.
    public func addUser(realName: String? = nil) -> Int {
        let now = clock.now()
        return store.write { SimulatorSeedData.addUser(to: &$0, realName: realName, joined: now) }
    }

    /// A new person who joined `course` just now, as a learner; returns the user id.
    public func insertLearner(course: Int) -> Int {
        let now = clock.now()
        return store.write { state in
            let user = SimulatorSeedData.addUser(to: &state, joined: now)
            state.setStatus("joined", user: user, course: course, at: now)
            return user
        }
    }

    /// Removes `user`'s relation to `course` (as leaving or being removed does: the row disappears).
    public func removeMember(course: Int, user: Int) {
        let now = clock.now()
        store.write { $0.setStatus(nil, user: user, course: course, at: now) }
    }

    /// Sets the raw `join_status` of `user` in `course` (any text, documented or not).
    public func setJoinStatus(_ status: String, course: Int, user: Int) {
        let now = clock.now()
        store.write { $0.setStatus(status, user: user, course: course, at: now) }
    }

    /// Sets `user`'s completion rate in `course`.
    public func setCompletionRate(_ rate: Int, course: Int, user: Int) {
        store.write { state in
            guard let index = state.members[course]?.firstIndex(where: { $0.user == user }) else { return }
            state.members[course]?[index].completionRate = rate
        }
    }

    /// A new bearer token for `user` (e.g. a refreshed one).
    public func issueToken(forUser user: Int) -> String {
        store.write { state in
            let token = Self.mintToken(&state.random)
            state.tokens[token] = user
            return token
        }
    }

    /// Makes `token` invalid: later requests with it get 401, as an expired JWT would.
    public func revokeToken(_ token: String) {
        _ = store.write { $0.tokens.removeValue(forKey: token) }
    }

    /// Applies the plan's churn after a list page: inserts and deletes learners in `course`.
    func churn(course: Int) {
        let churn = injector.takeChurn()
        guard churn.inserts > 0 || churn.deletes > 0 else { return }
        for _ in 0..<churn.inserts { _ = insertLearner(course: course) }
        for _ in 0..<churn.deletes {
            store.write { state in
                let learners = (state.members[course] ?? []).filter { !["creator", "manager"].contains($0.status) }
                guard !learners.isEmpty else { return }
                let victim = learners[Int(state.random.next() % UInt64(learners.count))].user
                state.members[course]?.removeAll { $0.user == victim }
            }
        }
    }
}
