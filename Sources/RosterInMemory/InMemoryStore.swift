public import Foundation

/// The data behind the in-memory provider: courses, enrollments and people held in memory, safe to
/// use from any task. The in-memory HTTP handler serves it; tests read and change it directly (to set up
/// data, or to change it in the middle of a listing). Enrollment ids are ascending integers, so
/// keyset paging by id sees every new record after the old ones.
public final class InMemoryStore: @unchecked Sendable {
    private let lock = NSLock()
    private var courseList: [InMemoryCourse] = []
    /// Kept in ascending id order (ids only grow), so listings need no sorting.
    private var records: [InMemoryRecord] = []
    private var nextID = 1
    /// People created on their own (`POST /people`, or a test), in creation order.
    private var createdPeople: [InMemoryLearner] = []
    private var nextPersonNumber = 1
    private var ticks = 0
    private let epoch: Date
    private var revoked: Set<String> = []

    /// Creates an empty store whose clock starts at `epoch` and moves one second per change, so that
    /// timestamps are deterministic and whole seconds.
    public init(epoch: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.epoch = epoch
    }

    /// Every course, in creation order.
    public var courses: [InMemoryCourse] { lock.withLock { courseList } }

    /// Every enrollment, in ascending id order.
    public var enrollments: [InMemoryRecord] {
        lock.withLock { records }
    }

    /// The enrollment with `id`, or nil.
    public func enrollment(_ id: String) -> InMemoryRecord? {
        lock.withLock { index(of: id).map { records[$0] } }
    }

    /// Every person the store knows, each once: people created on their own first (in creation
    /// order), then the people of enrollments (in enrollment order) not among them.
    public var people: [InMemoryLearner] {
        lock.withLock {
            var seen = Set(createdPeople.map(\.id))
            var all = createdPeople
            for record in records where seen.insert(record.content.learner.id).inserted {
                all.append(record.content.learner)
            }
            return all
        }
    }

    /// The person with `id`, or nil.
    public func person(_ id: String) -> InMemoryLearner? {
        lock.withLock {
            createdPeople.first { $0.id == id } ?? records.first { $0.content.learner.id == id }?.content.learner
        }
    }

    /// Adds a person with no enrollment, giving them the next id (`p-1`, `p-2`, …) whatever `person.id`
    /// says; returns them as stored. No uniqueness is checked here (tests plant duplicates this way);
    /// the API refuses a second person with the same e-mail.
    @discardableResult
    public func addPerson(_ person: InMemoryLearner) -> InMemoryLearner {
        lock.withLock {
            var stored = person
            stored.id = "p-\(nextPersonNumber)"
            nextPersonNumber += 1
            createdPeople.append(stored)
            return stored
        }
    }

    /// Adds a course.
    public func addCourse(_ course: InMemoryCourse) {
        lock.withLock { courseList.append(course) }
    }

    /// Adds an enrollment, giving it the next id and creation time; returns it as stored.
    @discardableResult
    public func insert(_ draft: InMemoryRecord.Draft) -> InMemoryRecord {
        lock.withLock {
            let now = tick()
            let record = InMemoryRecord(id: String(nextID), draft: draft, now: now)
            records.append(record)
            nextID += 1
            return record
        }
    }

    /// Removes an enrollment; returns false when there was none with `id`.
    @discardableResult
    public func delete(_ id: String) -> Bool {
        lock.withLock { index(of: id).map { records.remove(at: $0) } != nil }
    }

    /// Applies `change` to an enrollment and stamps its update time; nil when there is none with `id`.
    @discardableResult
    public func modify(_ id: String, _ change: (inout InMemoryRecord) -> Void) -> InMemoryRecord? {
        lock.withLock {
            guard let key = index(of: id) else { return nil }
            var record = records[key]
            let oldStatus = record.status
            change(&record)
            let now = tick()
            record.updatedAt = now
            if record.status != oldStatus { record.statusChangedAt = now }
            records[key] = record
            return record
        }
    }

    /// Sets the raw status code of an enrollment (any text, documented or not).
    @discardableResult
    public func setStatus(_ raw: String, of id: String) -> InMemoryRecord? {
        modify(id) { $0.status = raw }
    }

    /// Revokes `token`: the API answers 401 to it from now on, as to a token withdrawn by an admin.
    public func revoke(token: String) { lock.withLock { _ = revoked.insert(token) } }

    /// True when `token` was revoked.
    public func isRevoked(_ token: String) -> Bool { lock.withLock { revoked.contains(token) } }

    /// The position of the record with `id` (binary search: the array is in ascending id order). Call
    /// under the lock.
    private func index(of id: String) -> Int? {
        guard let wanted = Int(id) else { return nil }
        var low = 0
        var high = records.count
        while low < high {
            let mid = (low + high) / 2
            let value = Int(records[mid].id)!
            if value == wanted { return mid }
            if value < wanted { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// Advances the clock one second and returns the new time. Call under the lock.
    private func tick() -> Date {
        ticks += 1
        return epoch.addingTimeInterval(Double(ticks))
    }
}

/// A course in the in-memory store.
public struct InMemoryCourse: Hashable, Sendable {
    /// The course id, e.g. `course-1`.
    public var id: String
    /// The title.
    public var title: String

    /// Creates a course.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
