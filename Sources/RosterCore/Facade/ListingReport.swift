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
    /// Passes whose count of distinct records disagreed with the vendor's final total, in either
    /// direction (records beyond the total, or fewer than it).
    public var countMismatches: [CountMismatch] = []
    /// Repair passes run because a walk drifted (see `ListingPolicy`).
    public var repairPasses = 0
    /// Pages fetched by repair passes (included in `pages`): what exactly-once cost.
    public var repairPages = 0
    /// Records that only a repair pass found (included in `records` when they passed the filters).
    public var recordsFoundByRepair = 0
    /// Entries the vendor sent that the driver did not turn into records (e.g. Course Dashboard users
    /// with no relation to the course).
    public var omittedByDriver = 0
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

    /// The sum of every rise of the reported total (records that appeared while listing).
    public var countDriftUp: Int { totalChanges.reduce(0) { $0 + max(0, $1.to - $1.from) } }
    /// The sum of every fall of the reported total (records that went away while listing), positive.
    public var countDriftDown: Int { totalChanges.reduce(0) { $0 + max(0, $1.from - $1.to) } }

    /// A pass whose distinct records did not match the vendor's total at its end.
    public struct CountMismatch: Hashable, Sendable, Codable {
        /// The course whose listing it was, when walking courses.
        public var course: CourseID?
        /// 0 for the first pass, then repair passes.
        public var pass: Int
        /// Distinct records the pass met.
        public var distinct: Int
        /// The vendor's total on the pass's last page.
        public var total: Int
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

/// Thrown by `collect(max:)` when a listing holds more records than the cap: nothing is silently cut.
public struct ListingLimitExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cap that was passed.
    public var limit: Int
    public var description: String { "the listing holds more than \(limit) records" }
}
