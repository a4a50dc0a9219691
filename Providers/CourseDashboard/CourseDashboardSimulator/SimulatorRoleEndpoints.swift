import Foundation
import RosterHTTP

/// The writes: `POST /api/v2/course/{id}/role/` (`managers`, `joined`, `unjoined`: at least one)
/// and `POST`/`DELETE /api/v2/course/{id}/invite/` (`users`). Creator or manager only; 204 on
/// success. Bodies are read as JSON or, as the docs' examples send them, as a form.
extension CourseDashboardSimulator {
    func changeRoles(_ id: Int, caller: Int, body: Data?) -> HTTPResponse {
        if let refusal = checkManager(caller, of: id) { return refusal }
        let fields = SimulatorBody.intLists(body, keys: ["managers", "joined", "unjoined"])
        guard case .success(let lists) = fields else {
            if case .failure(let bad) = fields { return bad.response }
            return SimulatorBadRequest(field: "non_field_errors", message: "Invalid body.").response
        }
        guard lists.values.contains(where: { !$0.isEmpty }) else {
            return SimulatorBadRequest(
                field: "non_field_errors", message: "At least one of managers, joined, unjoined is required."
            ).response
        }
        let now = clock.now()
        return store.write { state in
            let all = lists.flatMap { key, ids in ids.map { (key, $0) } }
            for (key, user) in all {
                guard state.users[user] != nil else {
                    return SimulatorBadRequest.unknownUser(user, field: key).response
                }
                if state.status(of: user, in: id) == "creator" {
                    return SimulatorBadRequest(field: key, message: "The course creator cannot change status.").response
                }
            }
            for user in lists["joined"] ?? [] { state.setStatus("joined", user: user, course: id, at: now) }
            for user in lists["managers"] ?? [] { state.setStatus("manager", user: user, course: id, at: now) }
            for user in lists["unjoined"] ?? [] { state.setStatus(nil, user: user, course: id, at: now) }
            return Self.noContent
        }
    }

    func invitations(_ id: Int, caller: Int, accept: Bool, body: Data?) -> HTTPResponse {
        if let refusal = checkManager(caller, of: id) { return refusal }
        let users: [Int]
        switch SimulatorBody.intLists(body, keys: ["users"]) {
        case .failure(let bad): return bad.response
        case .success(let lists): users = lists["users"] ?? []
        }
        guard !users.isEmpty else { return SimulatorBadRequest(field: "users", message: "This field is required.").response }
        let now = clock.now()
        return store.write { state in
            if let unknown = users.first(where: { state.users[$0] == nil }) {
                return SimulatorBadRequest.unknownUser(unknown, field: "users").response
            }
            for user in users {
                let current = state.status(of: user, in: id)
                if accept {
                    if current == nil { state.setStatus("invited", user: user, course: id, at: now) }
                    if current == "requested" { state.setStatus("joined", user: user, course: id, at: now) }
                } else if current == "invited" {
                    state.setStatus(nil, user: user, course: id, at: now)
                }
            }
            return Self.noContent
        }
    }

    /// 404 for a missing course, 403 unless `caller` is its creator or a manager; nil when allowed.
    func checkManager(_ caller: Int, of course: Int) -> HTTPResponse? {
        guard store.read({ $0.course(course) }) != nil else { return Self.notFound }
        guard store.read({ $0.manages(caller, course) }) else {
            return Self.forbidden
        }
        return nil
    }
}

/// Request bodies holding lists of integer ids: JSON (`{"users":[1,2]}`) or a form
/// (`users=1&users=2`, or `users=[1,2]`).
enum SimulatorBody {
    static func intLists(_ body: Data?, keys: [String]) -> Result<[String: [Int]], SimulatorBadRequest> {
        guard let body, !body.isEmpty else { return .success([:]) }
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            var result: [String: [Int]] = [:]
            for key in keys {
                guard let raw = object[key] else { continue }
                guard let ids = raw as? [Int] else {
                    return .failure(.init(field: key, message: "Expected a list of integers."))
                }
                result[key] = ids
            }
            return .success(result)
        }
        let text = String(decoding: body, as: UTF8.self)
        var result: [String: [Int]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            guard parts.count == 2, keys.contains(parts[0]) else { continue }
            let values = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
            for value in values {
                guard let id = Int(value.trimmingCharacters(in: .whitespaces)) else {
                    return .failure(.integerRequired(parts[0]))
                }
                result[parts[0], default: []].append(id)
            }
        }
        return .success(result)
    }
}
