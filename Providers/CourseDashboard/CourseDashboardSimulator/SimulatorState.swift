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
    /// Every username given out (kept so a new user's is found in one look-up, not a scan).
    var usernames: Set<String> = []
    /// Per username base, the suffix to try first for the next user of that base.
    var nextUsernameSuffix: [String: Int] = [:]
    /// Generated real names and their username bases (folding accents is slow; names repeat).
    var baseUsernames: [String: String] = [:]

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

/// The lock around the state: the simulator's only mutable storage. Every write bumps `version`,
/// which caches of derived data (sorted listings) compare against.
final class SimulatorStore: @unchecked Sendable {
    private let lock = NSLock()
    private var state: SimulatorState
    private var written = 0

    init(_ state: SimulatorState) { self.state = state }

    func read<T>(_ body: (SimulatorState) throws -> T) rethrows -> T { try lock.withLock { try body(state) } }
    func write<T>(_ body: (inout SimulatorState) throws -> T) rethrows -> T {
        try lock.withLock {
            written += 1
            return try body(&state)
        }
    }
    /// Reads the state together with its version.
    func read<T>(versioned body: (SimulatorState, Int) throws -> T) rethrows -> T {
        try lock.withLock { try body(state, written) }
    }
}

/// The rows of one course-users listing (indexes into the course's memberships, filtered and in
/// order), kept for the state version they were computed at: a listing of a million members sorts
/// once, not once per page.
final class SortedRowsCache: @unchecked Sendable {
    struct Key: Hashable {
        var course: Int
        var statuses: [String]
        var ordering: String
        var search: String
    }

    private let lock = NSLock()
    private var entries: [Key: (version: Int, rows: [Int])] = [:]

    /// The cached rows of `key` at `version`, or those `compute` gives (then cached; older versions
    /// and, past 16 keys, other keys are dropped).
    func rows(_ key: Key, version: Int, compute: () -> [Int]) -> [Int] {
        if let hit = lock.withLock({ entries[key] }), hit.version == version { return hit.rows }
        let rows = compute()
        lock.withLock {
            if entries.count >= 16 { entries.removeAll() }
            entries[key] = (version, rows)
        }
        return rows
    }
}
