import Foundation
import RosterHTTP

/// A community user the simulator knows.
struct SimulatedUser: Sendable {
    var id: Int
    var username: String
    var realName: String
    var avatar: String?
    /// `ext_id`: an integer in the docs' User schema, set at signup.
    var extID: Int?
    var dateJoined: Date
}

/// A course and its settings.
struct SimulatedCourse: Sendable {
    var id: Int
    var name: String
    var slug: String
    var type: String
    var privacy: String
    var createdAt: Date
    var creator: Int
}

/// One user's relation to one course: the `join_status` (kept as raw text so tests can plant values
/// the docs do not list) and the dashboard's statistics.
struct SimulatedMembership: Sendable {
    var user: Int
    var status: String
    var completionRate: Int
    var joinedAt: Date
    var lastActiveAt: Date?
}

/// Everything the simulator holds, behind one lock.
struct SimulatorState: Sendable {
    var users: [Int: SimulatedUser] = [:]
    var courses: [SimulatedCourse] = []
    var members: [Int: [SimulatedMembership]] = [:]
    var tokens: [String: Int] = [:]
    var nextUserID = 5000
    var random: SeededGenerator

    func course(_ id: Int) -> SimulatedCourse? { courses.first { $0.id == id } }

    func membership(course: Int, user: Int) -> SimulatedMembership? {
        members[course]?.first { $0.user == user }
    }

    /// The caller's `join_status` in `course`, or nil.
    func status(of user: Int, in course: Int) -> String? { membership(course: course, user: user)?.status }

    /// True when `user` may read the dashboard and change roles of `course`.
    func manages(_ user: Int, _ course: Int) -> Bool {
        ["creator", "manager"].contains(status(of: user, in: course))
    }

    /// Sets (or, with nil, removes) a membership, keeping statistics of an existing one.
    mutating func setStatus(_ status: String?, user: Int, course: Int, at now: Date) {
        var list = members[course] ?? []
        if let index = list.firstIndex(where: { $0.user == user }) {
            if let status { list[index].status = status } else { list.remove(at: index) }
        } else if let status {
            list.append(SimulatedMembership(user: user, status: status, completionRate: 0, joinedAt: now))
        }
        members[course] = list
    }
}

/// The lock around the state: the simulator's only mutable storage.
final class SimulatorStore: @unchecked Sendable {
    private let lock = NSLock()
    private var state: SimulatorState

    init(_ state: SimulatorState) { self.state = state }

    func read<T>(_ body: (SimulatorState) throws -> T) rethrows -> T { try lock.withLock { try body(state) } }
    func write<T>(_ body: (inout SimulatorState) throws -> T) rethrows -> T { try lock.withLock { try body(&state) } }
}
