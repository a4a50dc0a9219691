/// How hard the facade works to make a listing exactly-once, and where it gives up. Page-number and
/// offset listings can skip or repeat a record when the roster changes while they run; the facade
/// detects that drift and re-reads the walk ("repair pass"), yielding only records it has not yielded
/// yet, until a pass is consistent or brings nothing new. Keyset listings need no repair.
public struct ListingPolicy: Hashable, Sendable, Codable {
    /// When to re-read a walk.
    public enum Verification: String, Hashable, Sendable, Codable {
        /// Re-read when the walk showed drift: a changed total, a record twice in one pass, a final
        /// count that disagrees with the vendor's total — or, for page-number paging without totals
        /// (where a deletion leaves no trace), whenever the walk took more than one page.
        case onDrift
        /// Re-read every walk of more than one page until a pass finds nothing new (for migrations
        /// that must not miss anybody even when a deletion and an insertion between two pages cancel
        /// out in the vendor's total, which no count can show).
        case always
    }

    /// The most pages one walk (one course's listing, one pass) may fetch.
    public var maxPagesPerWalk: Int
    /// The most repair passes per walk; a walk still drifting after them fails with
    /// `inconsistentPaging` rather than pretend it saw everybody.
    public var maxRepairPasses: Int
    /// When to re-read.
    public var verification: Verification
    /// The most pages one walk fetches ahead of the caller: where the vendor's total fixes every
    /// page's position (page number with total), that many requests at once; in the other styles the
    /// next page as soon as the previous one names it. 1 fetches one page at a time, when the caller
    /// needs it. Requests still wait for the rate budget, and records still come in vendor order.
    public var pagesInFlight: Int
    /// The most courses walked at once when a listing walks every course (per-course vendors): the
    /// current course's records are handed out while the next ones' pages are fetched, each of those
    /// walks up to `pagesInFlight` pages ahead. Records still come course after course, in the order
    /// of the course listing. 1 walks one course at a time.
    public var coursesInFlight: Int

    /// The default `pagesInFlight`, chosen by measurement (see Benchmarks/README.md).
    public static let defaultPagesInFlight = 4
    /// The default `coursesInFlight`, chosen by measurement (see Benchmarks/README.md).
    public static let defaultCoursesInFlight = 4

    /// Creates a policy.
    public init(
        maxPagesPerWalk: Int = PageWalker.defaultMaxPages, maxRepairPasses: Int = 3,
        verification: Verification = .onDrift, pagesInFlight: Int = ListingPolicy.defaultPagesInFlight,
        coursesInFlight: Int = ListingPolicy.defaultCoursesInFlight
    ) {
        self.maxPagesPerWalk = max(1, maxPagesPerWalk)
        self.maxRepairPasses = max(0, maxRepairPasses)
        self.verification = verification
        self.pagesInFlight = min(max(1, pagesInFlight), 64)
        self.coursesInFlight = min(max(1, coursesInFlight), 64)
    }

    /// A policy that fetches one page at a time, when the caller needs it (no requests ahead).
    public static let sequential = ListingPolicy(pagesInFlight: 1, coursesInFlight: 1)

    private enum CodingKeys: String, CodingKey {
        case maxPagesPerWalk, maxRepairPasses, verification, pagesInFlight, coursesInFlight
    }

    /// Decodes a policy; the concurrency settings take their defaults when absent (policies saved
    /// before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            maxPagesPerWalk: try container.decode(Int.self, forKey: .maxPagesPerWalk),
            maxRepairPasses: try container.decode(Int.self, forKey: .maxRepairPasses),
            verification: try container.decode(Verification.self, forKey: .verification),
            pagesInFlight: try container.decodeIfPresent(Int.self, forKey: .pagesInFlight)
                ?? Self.defaultPagesInFlight,
            coursesInFlight: try container.decodeIfPresent(Int.self, forKey: .coursesInFlight)
                ?? Self.defaultCoursesInFlight)
    }
}

/// Where one walk over one paged listing stands: which pass, and what this pass has seen so far.
/// Saved in a checkpoint, so a resumed walk judges drift exactly as an uninterrupted one.
public struct WalkProgress: Hashable, Sendable, Codable {
    /// 0 for the first pass, then 1, 2 … for repair passes.
    public var pass = 0
    /// Pages fetched in this pass.
    public var pagesInPass = 0
    /// Distinct records seen in this pass.
    public var distinctInPass = 0
    /// Records seen in this pass that had not been yielded before (in a repair pass: what it repaired).
    public var freshInPass = 0
    /// The vendor's total on this pass's first page.
    public var firstTotal: Int?
    /// The vendor's total on this pass's latest page.
    public var lastTotal: Int?
    /// True when the total changed between pages of this pass.
    public var totalChanged = false
    /// Records met twice in this pass (a boundary shifted under the walk).
    public var repeatsInPass = 0
    /// Entries the vendor sent in this pass that are not records (`FetchedPage.omitted`).
    public var omittedInPass = 0

    /// Creates the progress of a walk that has not started.
    public init() {}
}
