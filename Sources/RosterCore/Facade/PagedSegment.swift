import Foundation

/// One walk over one paged listing (one query, one course): fetches pages through its `PageFetcher`
/// (which may fetch the next ones ahead), lets the `PageWalker` judge them in order, sorts each page's
/// records into fresh ones (never yielded by this walk) and re-reads, watches the pass for drift, and
/// runs repair passes as the `ListingPolicy` asks.
///
/// Keyset walks keep no ids beyond the previous page: a keyset driver hands out records in strictly
/// ascending key order after the cursor and fails a page that is not (`PagingStyle.keyset`), so a
/// record cannot come back on a later page, and a walk of a million records costs no memory for it.
/// The other styles keep every id they yielded (in `SeenIDs`, compactly), since a repair pass and a
/// checkpoint need to know them.
struct PagedSegment<Query: Sendable & Hashable, Record: Sendable & Identifiable> where Record.ID: StringIdentifier {
    let query: Query
    let style: PagingStyle
    let limit: Int
    let policy: ListingPolicy
    let fetcher: PageFetcher<Query, Record>
    /// Every id this walk has handed on, across passes (shared with the checkpoint); unused by keyset
    /// walks.
    let yielded: SeenIDs<Record.ID>
    private var walker: PageWalker
    /// The ids met in the current repair pass (the first pass uses `yielded`).
    private var passSeen: Set<Record.ID> = []
    /// Keyset walks: the ids of the previous page, to drop a page the vendor sends twice.
    private var previousPage: Set<Record.ID> = []
    /// Ids yielded from the resumed page before the checkpoint: not repeats, not fresh.
    private var skipOnFirstPage: Set<Record.ID>
    /// Where the walk stands.
    private(set) var progress: WalkProgress
    /// Where the walk stood before the latest page was fetched: what a checkpoint taken while that
    /// page is being consumed must save, since resuming fetches the page again.
    private(set) var progressBeforeLatestPage: WalkProgress
    /// The position of the next page to fetch; nil once the walk has ended.
    private(set) var position: PagePosition?

    init(
        query: Query, style: PagingStyle, limit: Int, policy: ListingPolicy,
        resumingAt position: PagePosition = .start, progress: WalkProgress = WalkProgress(),
        yielded: SeenIDs<Record.ID> = SeenIDs<Record.ID>([]), skipOnFirstPage: Set<Record.ID> = [],
        fetcher: PageFetcher<Query, Record>
    ) {
        self.query = query
        self.style = style
        self.limit = limit
        self.policy = policy
        self.fetcher = fetcher
        self.yielded = yielded
        self.walker = PageWalker(style: style, limit: limit, resumingAt: position, maxPages: policy.maxPagesPerWalk)
        self.position = position
        self.progress = progress
        self.progressBeforeLatestPage = progress
        self.skipOnFirstPage = skipOnFirstPage
    }

    /// One fetched page, sorted.
    struct Page {
        /// Where it was fetched.
        var position: PagePosition
        /// The page as the vendor sent it.
        var fetched: FetchedPage<Record>
        /// Records this walk had not yielded before, in vendor order (now counted as yielded).
        var fresh: [Record]
        /// Records met a second time in this pass (drift), dropped.
        var repeats: Int
        /// The pass the page belongs to (0 first, then repair passes).
        var pass: Int
        /// The total changed from the previous page's (nil when it did not).
        var totalChange: (from: Int, to: Int)?
        /// When this page ended a pass: that pass's final progress.
        var endedPass: WalkProgress?
    }

    /// Creates a walk that fetches through a new `PageFetcher` of `fetch`, ahead by up to the
    /// policy's `pagesInFlight`.
    init(
        query: Query, style: PagingStyle, limit: Int, policy: ListingPolicy,
        resumingAt position: PagePosition = .start, progress: WalkProgress = WalkProgress(),
        yielded: SeenIDs<Record.ID> = SeenIDs<Record.ID>([]), skipOnFirstPage: Set<Record.ID> = [],
        fetch: @escaping @Sendable (PageRequest<Query>) async throws -> FetchedPage<Record>
    ) {
        self.init(
            query: query, style: style, limit: limit, policy: policy, resumingAt: position, progress: progress,
            yielded: yielded, skipOnFirstPage: skipOnFirstPage,
            fetcher: PageFetcher(query: query, style: style, limit: limit, window: policy.pagesInFlight, fetch: fetch))
    }

    /// Fetches, sorts and judges the next page; nil when the walk has already ended. When the pass
    /// ends, decides whether the walk is done, needs a repair pass, or must fail. A failure stops
    /// every page fetched ahead.
    mutating func nextPage() async throws -> Page? {
        do {
            return try await advance()
        } catch {
            fetcher.cancelAll()
            throw error
        }
    }

    private mutating func advance() async throws -> Page? {
        guard let current = position else { return nil }
        let page = try await fetcher.page(at: current)
        let sorted = sort(page)
        progressBeforeLatestPage = progress
        let totalChange = note(page, sorted)
        let pass = progress.pass
        var endedPass: WalkProgress?
        switch try walker.advance(after: page, at: current, newRecords: sorted.newInPass) {
        case .next(let next): position = next
        case .end:
            endedPass = progress
            try endOfPass()
            if position == nil { fetcher.cancelAll() }
        }
        return Page(
            position: current, fetched: page, fresh: sorted.fresh, repeats: sorted.repeats, pass: pass,
            totalChange: totalChange, endedPass: endedPass)
    }

    private struct Sorted {
        var fresh: [Record] = []
        var repeats = 0
        /// Records new to this pass (what the walker's "only records already seen" rule counts).
        var newInPass = 0
    }

    private mutating func sort(_ page: FetchedPage<Record>) -> Sorted {
        var sorted = Sorted()
        let skip = skipOnFirstPage
        skipOnFirstPage = []
        let ids = page.records.map(\.id)
        if style == .keyset {
            var onPage = Set<Record.ID>(minimumCapacity: ids.count)
            for (index, record) in page.records.enumerated() {
                let id = ids[index]
                if previousPage.contains(id) || !onPage.insert(id).inserted {
                    sorted.repeats += 1
                } else if skip.contains(id) {
                    sorted.newInPass += 1
                } else {
                    sorted.fresh.append(record)
                    sorted.newInPass += 1
                }
            }
            previousPage = onPage
        } else if progress.pass == 0 {
            let inserted = yielded.insert(ids)
            for (index, record) in page.records.enumerated() {
                if inserted[index] {
                    sorted.fresh.append(record)
                    sorted.newInPass += 1
                } else if skip.contains(ids[index]) {
                    sorted.newInPass += 1
                } else {
                    sorted.repeats += 1
                }
            }
        } else {
            let inserted = yielded.insert(ids)
            for (index, record) in page.records.enumerated() {
                guard passSeen.insert(ids[index]).inserted else {
                    sorted.repeats += 1
                    continue
                }
                sorted.newInPass += 1
                if inserted[index] { sorted.fresh.append(record) }
            }
        }
        return sorted
    }

    /// Updates the pass's progress; returns the change of total, if any.
    private mutating func note(_ page: FetchedPage<Record>, _ sorted: Sorted) -> (from: Int, to: Int)? {
        progress.pagesInPass += 1
        progress.distinctInPass += sorted.newInPass
        progress.freshInPass += sorted.fresh.count
        progress.repeatsInPass += sorted.repeats
        progress.omittedInPass += page.omitted
        guard let total = page.total else { return nil }
        defer { progress.lastTotal = total }
        if progress.firstTotal == nil { progress.firstTotal = total }
        if let last = progress.lastTotal, last != total {
            progress.totalChanged = true
            return (last, total)
        }
        return nil
    }

    /// Decides what follows a pass that reached its end.
    private mutating func endOfPass() throws {
        guard let reason = repairReason() else {
            position = nil
            return
        }
        guard progress.pass < policy.maxRepairPasses else {
            throw RosterError(
                .inconsistentPaging,
                "the listing kept changing while it was read: after \(progress.pass) repair pass(es) it still shows \(reason); nothing was cut silently, try again when the roster is quieter or raise the repair limit"
            )
        }
        var next = WalkProgress()
        next.pass = progress.pass + 1
        progress = next
        passSeen = []
        walker = PageWalker(style: style, limit: limit, maxPages: policy.maxPagesPerWalk)
        fetcher.restart()
        position = .start
    }

    /// Why the pass that just ended cannot be trusted to have seen every record, or nil when it can.
    private func repairReason() -> String? {
        if style == .keyset { return nil }
        // A repair pass that found nothing new confirms what the walk already yielded.
        if progress.pass > 0 && progress.freshInPass == 0 { return nil }
        if progress.totalChanged {
            return "a total that changed from \(progress.firstTotal ?? 0) to \(progress.lastTotal ?? 0)"
        }
        if progress.repeatsInPass > 0 { return "\(progress.repeatsInPass) record(s) met twice" }
        if let total = progress.lastTotal, progress.distinctInPass + progress.omittedInPass != total {
            return "\(progress.distinctInPass) distinct records against a total of \(total)"
        }
        // Where counts cannot tell (page numbers without a total, where a deletion leaves no trace;
        // or a caller that asks for certainty even when a deletion and an insertion cancel out in the
        // total), only a re-read that finds nothing new confirms a walk of more than one page.
        var uncountable = policy.verification == .always
        if case .pageNumber = style { uncountable = true }
        guard uncountable, progress.pagesInPass > 1 else { return nil }
        return progress.pass == 0
            ? "a walk of \(progress.pagesInPass) pages not yet confirmed by a re-read"
            : "a re-read that still found \(progress.freshInPass) record(s) the earlier passes had not"
    }
}

/// The ids one walk has handed on: filled by the walk a page at a time, read by the checkpoint. Ids of
/// a page stay "pending" until the listing has taken the page in (`commit`), so a checkpoint read
/// while the next page is being fetched never counts that page's records as handed on. Ids are kept
/// in a `CompactIDSet` (8 or 16 bytes each for the vendors' id shapes).
final class SeenIDs<ID: StringIdentifier>: @unchecked Sendable {
    private let lock = NSLock()
    private var ids = CompactIDSet()
    private var pending: Set<ID> = []

    /// Creates a set holding `initial`.
    init(_ initial: [ID]) {
        for id in initial { ids.insert(id.rawValue) }
    }

    /// Inserts `new` as pending; for each, true when it was not there before. One lock per page.
    func insert(_ new: [ID]) -> [Bool] {
        lock.withLock {
            new.map { id in
                let inserted = ids.insert(id.rawValue)
                if inserted { pending.insert(id) }
                return inserted
            }
        }
    }

    /// Marks every pending id as taken in.
    func commit() { lock.withLock { pending.removeAll(keepingCapacity: true) } }

    /// Every id taken in, except `excluded`, in no particular order.
    func all(excluding excluded: Set<ID>) -> [ID] {
        lock.withLock { ids.all.lazy.map { ID($0) }.filter { !excluded.contains($0) && !pending.contains($0) } }
    }

    /// How many ids it holds.
    var count: Int { lock.withLock { ids.count } }
}
