import Foundation

/// Lock-guarded state of one pass, behind its `report` and `checkpoint`. The checkpoint is built only
/// when read, from the latest page's facts and how many of its records were consumed: a record costs
/// one lock, whatever the page size.
final class ListingState: @unchecked Sendable {
    private let lock = NSLock()
    private var _report = ListingReport()
    private var source: WalkCheckpointSource?
    private var consumed = 0

    var report: ListingReport { lock.withLock { _report } }
    var checkpoint: ListingCheckpoint? { lock.withLock { source?.checkpoint(consumed: consumed) } }

    func update(_ body: (inout ListingReport) -> Void) { lock.withLock { body(&_report) } }
    func reset() {
        lock.withLock {
            _report = ListingReport()
            source = nil
            consumed = 0
        }
    }
    /// Takes in a new page (nil at the end of the listing).
    func setWalk(_ newSource: WalkCheckpointSource?) {
        lock.withLock {
            source = newSource
            consumed = 0
            newSource?.yielded?.commit()
        }
    }
    /// Counts one record handed out: `consumed` of the page's records are now out.
    func noteYield(consumed count: Int, of pageCount: Int) {
        lock.withLock {
            _report.records += 1
            consumed = count
        }
    }
}

/// The facts a checkpoint is built from, set once per page.
struct WalkCheckpointSource {
    var query: EnrollmentQuery
    var remainingCourses: [CourseID]?
    var currentCourse: CourseID?
    /// The page being consumed.
    var page: PagePosition
    var progressBeforePage: WalkProgress
    var progressAfterPage: WalkProgress
    /// Where the walk goes next; nil when it has ended.
    var nextPosition: PagePosition?
    /// Ids on the page this walk had not handed on before (kept or filtered out locally).
    var freshOnPage: [EnrollmentID]
    /// The fresh ids that passed the local filters, in the order they are yielded.
    var keptOnPage: [EnrollmentID]
    /// The walk's handed-on ids, for styles that can need a repair pass (nil for keyset).
    var yielded: SeenIDs<EnrollmentID>?

    func checkpoint(consumed: Int) -> ListingCheckpoint {
        if consumed >= keptOnPage.count {
            guard let next = nextPosition else {
                return ListingCheckpoint(
                    query: query, remainingCourses: remainingCourses, currentCourse: nil, position: .start,
                    yieldedOnPage: [], walk: WalkProgress(), yieldedInWalk: nil, walkFinished: true)
            }
            return ListingCheckpoint(
                query: query, remainingCourses: remainingCourses, currentCourse: currentCourse, position: next,
                yieldedOnPage: [], walk: progressAfterPage, yieldedInWalk: yielded?.all(excluding: []),
                walkFinished: false)
        }
        let unconsumed = Set(keptOnPage[consumed...])
        return ListingCheckpoint(
            query: query, remainingCourses: remainingCourses, currentCourse: currentCourse, position: page,
            yieldedOnPage: freshOnPage.filter { !unconsumed.contains($0) }, walk: progressBeforePage,
            yieldedInWalk: yielded?.all(excluding: unconsumed), walkFinished: false)
    }
}

/// Where a listing stands, saved so that a long listing can resume after a crash with no record
/// twice and none missing. It names the page being consumed and the ids already handed on from it
/// (resuming re-fetches that page and skips them), the walk's drift bookkeeping, and — for paging
/// styles that can need a repair pass — every id the current walk has handed on, so a repair after
/// the resume still yields only records not yet yielded. Keyset walks need no such list.
public struct ListingCheckpoint: Hashable, Sendable, Codable {
    /// The query the listing was made for; resuming with another query is refused.
    public var query: EnrollmentQuery
    /// The courses still to walk after the current one (per-course vendors only).
    public var remainingCourses: [CourseID]?
    /// The course being walked (per-course vendors only).
    public var currentCourse: CourseID?
    /// The page being consumed, or the next one to fetch.
    public var position: PagePosition
    /// Ids already handed on from that page.
    public var yieldedOnPage: [EnrollmentID]
    /// The current walk's pass and drift bookkeeping, as before that page.
    public var walk: WalkProgress
    /// Every id the current walk has handed on (nil for keyset walks, which cannot repeat a record).
    public var yieldedInWalk: [EnrollmentID]?
    /// True when the current walk has ended: resuming goes on with `remainingCourses`.
    public var walkFinished: Bool
}
