import Foundation

/// What one pass over a listing saw: the consistency report. Read it from the listing after (or
/// while) iterating.
public struct ListingReport: Hashable, Sendable, Codable {
    /// Pages fetched (across every course walked).
    public var pages = 0
    /// Records handed to the caller.
    public var records = 0
    /// Records dropped because their id had already been yielded (offset paging under change).
    public var duplicatesDropped = 0
    /// Records fetched but dropped by a filter the facade applied locally.
    public var filteredOutLocally = 0
    /// Entries the vendor listed that are no record and the driver left out (a Course Dashboard
    /// user whose `join_status` is null: no relation to the course, so no enrollment).
    public var nonRecordsSkipped = 0
    /// Requests that were retried (429, 5xx, timeouts), as counted by the HTTP layer.
    public var retries = 0
    /// Filters the vendor applied on its server.
    public var serverFilters: [EnrollmentFilter] = []
    /// Filters the facade applied locally, because the vendor cannot.
    public var localFilters: [EnrollmentFilter] = []
    /// Filters the vendor narrowed by on its server and the facade then applied exactly (they are
    /// listed in `localFilters` too).
    public var narrowedOnServer: [EnrollmentFilter] = []
    /// Courses walked, for vendors that list one course at a time (0 otherwise).
    public var coursesWalked = 0
    /// The total the vendor reported on its first page, where it reports one (summed over courses).
    public var firstReportedTotal: Int?
    /// Every change of the reported total between pages of one walk.
    public var totalChanges: [TotalChange] = []
    /// True once the listing reached its end without error.
    public var finished = false

    /// Creates an empty report.
    public init() {}

    /// The net change of the vendor's reported total during the listing (0 when it never changed,
    /// nil when the vendor reports no total).
    public var countDrift: Int? {
        guard firstReportedTotal != nil else { return nil }
        return totalChanges.reduce(0) { $0 + ($1.to - $1.from) }
    }

    /// One change of a reported total.
    public struct TotalChange: Hashable, Sendable, Codable {
        /// The course whose listing changed, when walking courses.
        public var course: CourseID?
        /// The page (1 = the walk's first page) on which the new total was seen.
        public var page: Int
        /// The total before.
        public var from: Int
        /// The total after.
        public var to: Int
    }
}

/// Counters the HTTP layer bumps while a listing runs: it finds them through a task-local value, so
/// the core needs no knowledge of HTTP and the HTTP layer none of listings.
public final class ListingCounters: @unchecked Sendable {
    /// The counters of the listing running in this task, if any.
    @TaskLocal public static var current: ListingCounters?

    private let lock = NSLock()
    private var _retries = 0
    private var _requests = 0

    /// Creates zeroed counters.
    public init() {}

    /// Notes one retried request.
    public func recordRetry() { lock.withLock { _retries += 1 } }
    /// Notes one request sent (including retries).
    public func recordRequest() { lock.withLock { _requests += 1 } }
    /// Retries so far.
    public var retries: Int { lock.withLock { _retries } }
    /// Requests so far.
    public var requests: Int { lock.withLock { _requests } }
}

/// Which pass of a listing is the latest: the state `listing.report` and `listing.checkpoint` read.
final class LatestListingState: @unchecked Sendable {
    private let lock = NSLock()
    private var current = ListingState()
    var state: ListingState {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}

/// Lock-guarded state of one pass, behind its `report` and `checkpoint`.
final class ListingState: @unchecked Sendable {
    private let lock = NSLock()
    private var _report = ListingReport()
    private var _checkpoint: ListingCheckpoint?
    /// When set, the checkpoint's `yieldedOnPage` is the first `count` of `ids`, built only when read:
    /// saving a checkpoint per record then costs O(1), not O(records on the page).
    private var _yielded: (ids: [EnrollmentID], count: Int)?

    var report: ListingReport { lock.withLock { _report } }
    var checkpoint: ListingCheckpoint? {
        lock.withLock {
            guard var checkpoint = _checkpoint else { return nil }
            if let yielded = _yielded { checkpoint.yieldedOnPage = Array(yielded.ids.prefix(yielded.count)) }
            return checkpoint
        }
    }

    func update(_ body: (inout ListingReport) -> Void) { lock.withLock { body(&_report) } }
    func reset() { lock.withLock { _report = ListingReport(); _checkpoint = nil; _yielded = nil } }
    func setCheckpoint(_ checkpoint: ListingCheckpoint?) { lock.withLock { _checkpoint = checkpoint; _yielded = nil } }
    /// Counts one record handed out and, when the checkpoint is mid-page, moves its yielded count to
    /// `count`: the whole per-record cost, one lock.
    func noteYield(count: Int) {
        lock.withLock {
            _report.records += 1
            _yielded?.count = count
        }
    }
    /// Saves `checkpoint` with the first `count` of the page's `ids` as yielded.
    func setCheckpoint(_ checkpoint: ListingCheckpoint, yielded count: Int, of ids: [EnrollmentID]) {
        lock.withLock { _checkpoint = checkpoint; _yielded = (ids, count) }
    }
}

/// Where a listing stands, saved so that a long listing can resume after a crash. It names the page
/// being consumed and the ids already yielded from it; resuming re-fetches that page and skips them.
/// Records yielded on earlier pages are not remembered, so a vendor that moves records between pages
/// can still show one again after a resume: de-duplicate across a resume if that matters.
public struct ListingCheckpoint: Hashable, Sendable, Codable {
    /// The query the listing was made for; resuming with another query is refused.
    public var query: EnrollmentQuery
    /// The courses still to walk after the current one (per-course vendors only).
    public var remainingCourses: [CourseID]?
    /// The course being walked (per-course vendors only).
    public var currentCourse: CourseID?
    /// The page being consumed.
    public var position: PagePosition
    /// Ids already yielded from that page.
    public var yieldedOnPage: [EnrollmentID]
}

/// Thrown by `collect(max:)` when a listing holds more records than the cap: nothing is silently cut.
public struct ListingLimitExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cap that was passed.
    public var limit: Int
    public var description: String { "the listing holds more than \(limit) records" }
}
