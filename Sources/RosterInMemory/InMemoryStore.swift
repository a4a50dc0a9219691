public import Foundation

/// The data behind the in-memory provider: courses and enrollments held in memory, safe to use from
/// any task. The in-memory HTTP handler serves it; tests read and change it directly (to set up
/// data, or to change it in the middle of a listing). Enrollment ids are ascending integers, so
/// keyset paging by id sees every new record after the old ones.
public final class InMemoryStore: @unchecked Sendable {
    private let lock = NSLock()
    private var courseList: [InMemoryCourse] = []
    /// Kept in ascending id order (ids only grow), so listings need no sorting.
    private var records: [InMemoryRecord] = []
    private var nextID = 1
    private var ticks = 0
    private let epoch: Date

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
