import Foundation
public import RosterCore
import RosterHTTP

/// The in-memory driver's people operations: `GET /people` to find someone by any identity kind,
/// `POST /people` to create someone (see `InMemoryAPI`).
extension InMemoryDriver {
    /// Every person whose e-mail, external id or username is `identity` (one request; the answer is
    /// compared again, normalized, on the client).
    public func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        try requireLookup(identity.kind)
        guard let wanted = identity.normalized else { return [] }
        let name =
            switch wanted.kind {
            case .email: "email"
            case .externalID: "external_id"
            case .username: "username"
            }
        let url = api.url("/people", query: [(name, wanted.value)])
        let people = try api.decode([InMemoryWireLearner].self, from: try await api.send(.get, url), for: .get, url)
        return people.map(\.learner).filter(wanted.matches)
    }

    /// Creates a person (`POST /people`); 201 answers the person as stored, 409 (e-mail taken) is
    /// `invalidArgument`. Not retried.
    public func createLearner(_ learner: NewLearner) async throws -> Learner {
        var body: [String: String] = ["email": learner.email]
        body["first_name"] = learner.firstName
        body["last_name"] = learner.lastName
        body["external_id"] = learner.externalID
        body["username"] = learner.username
        let url = api.url("/people")
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let response = try await api.send(.post, url, body: .json(data))
        return try api.decode(InMemoryWireLearner.self, from: response, for: .post, url).learner
    }
}
