import Foundation

/// Fetches the pages of one walk (one query, one page size) and, when its window allows more than one
/// page, fetches ahead the pages the walk will ask for next if the vendor behaves: where a total fixes
/// every page's position (page number with total), up to `window` pages at once; in the other styles
/// the next page as soon as the previous one names it (its cursor or link, or a full page for page
/// numbers), up to `window` pages ahead of the walk. Waiting for the vendor then overlaps the caller's
/// work and other requests.
///
/// The window opens one page at a time: one page ahead after the walk has taken its first page, two
/// after its second, and so on up to `window`, so a vendor whose first pages trip a loop guard costs
/// a page or two of requests ahead, not a window's worth.
///
/// It never changes what the walk sees: a page is handed out only for the exact position the walk
/// asks for, so the walk judges the same pages, in the same order, with the same loop guards, drift
/// checks and repair passes as a sequential walk. A page fetched ahead for a position the walk does
/// not ask for (the vendor drifted, or the walk ended) is cancelled and dropped. With a window of 1
/// it fetches exactly what is asked, when it is asked.
final class PageFetcher<Query: Sendable & Hashable, Record: Sendable>: @unchecked Sendable {
    typealias Fetch = @Sendable (PageRequest<Query>) async throws -> FetchedPage<Record>

    let query: Query
    let style: PagingStyle
    let limit: Int
    /// The most pages fetched ahead of the walk (in flight or waiting to be taken).
    let window: Int
    private let fetch: Fetch

    private struct Ahead {
        var task: Task<FetchedPage<Record>, any Error>
        /// The page, once it has arrived (used to plan the pages after it).
        var page: FetchedPage<Record>?
    }

    private let lock = NSLock()
    private var ahead: [PagePosition: Ahead] = [:]
    /// The page the walk took last, and where: the point the plan starts from.
    private var lastTaken: (position: PagePosition, page: FetchedPage<Record>)?
    /// The position the walk is waiting for right now (kept in `ahead` until it has it).
    private var taking: PagePosition?
    /// Pages the walk has taken in this pass (the window opens with them).
    private var taken = 0
    /// Bumped by `restart`, so pages of an earlier pass arriving late are ignored.
    private var generation = 0
    private var stopped = false

    /// A fetcher for the walk of `query` at page size `limit` in `style`, fetching up to `window`
    /// pages ahead (1 = only what is asked).
    init(query: Query, style: PagingStyle, limit: Int, window: Int, fetch: @escaping Fetch) {
        self.query = query
        self.style = style
        self.limit = limit
        self.window = max(1, window)
        self.fetch = fetch
    }

    deinit {
        for entry in ahead.values { entry.task.cancel() }
    }

    /// Starts fetching the walk's first page before the walk asks for it (a course walked next).
    func prime() {
        guard window > 1 else { return }
        cancel(lock.withLock { topUp() })
    }

    /// The page at `position`: the one fetched ahead for it, or fetched now. Fetches the next pages
    /// ahead once it has it. Cancelling the calling task cancels every page fetched ahead.
    func page(at position: PagePosition) async throws -> FetchedPage<Record> {
        let request = PageRequest(query: query, position: position, limit: limit)
        guard window > 1 else { return try await fetch(request) }
        let (task, dropped) = lock.withLock { () -> (Task<FetchedPage<Record>, any Error>?, [Task<FetchedPage<Record>, any Error>]) in
            guard let found = ahead[position]?.task else {
                return (nil, takeAhead())  // the plan went astray: what was fetched is of no use
            }
            taking = position
            return (found, [])
        }
        cancel(dropped)
        let page: FetchedPage<Record>
        do {
            if let task {
                page = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    self.cancelAll()
                }
            } else {
                page = try await withTaskCancellationHandler {
                    try await fetch(request)
                } onCancel: {
                    self.cancelAll()
                }
            }
        } catch {
            lock.withLock {
                if taking == position { ahead[position] = nil }
                taking = nil
            }
            throw error
        }
        cancel(lock.withLock {
            if taking == position { ahead[position] = nil }
            taking = nil
            lastTaken = (position, page)
            taken += 1
            return topUp()
        })
        return page
    }

    /// Drops everything fetched ahead and forgets the walk's place: a new pass starts from the
    /// first page.
    func restart() {
        cancel(lock.withLock {
            lastTaken = nil
            taken = 0
            generation += 1
            return takeAhead()
        })
    }

    /// Cancels every page fetched ahead and fetches no more (the walk ended, failed or was dropped).
    func cancelAll() {
        cancel(lock.withLock {
            stopped = true
            return takeAhead()
        })
    }

    /// How many pages are fetched ahead right now (in flight or waiting).
    var pagesAhead: Int { lock.withLock { ahead.count } }

    /// Cancels `tasks`; called outside the lock, since cancelling runs the tasks' handlers at once.
    private func cancel(_ tasks: [Task<FetchedPage<Record>, any Error>]) {
        for task in tasks { task.cancel() }
    }

    // MARK: Planning (all under the lock)

    /// Empties the pages fetched ahead; returns their tasks, for `cancel`.
    private func takeAhead() -> [Task<FetchedPage<Record>, any Error>] {
        defer {
            ahead.removeAll()
            taking = nil
        }
        return ahead.values.map(\.task)
    }

    /// Starts the planned pages not yet started; returns the tasks of started ones the plan no longer
    /// holds, for `cancel`.
    private func topUp() -> [Task<FetchedPage<Record>, any Error>] {
        guard !stopped, window > 1 else { return [] }
        let planned = plan()
        var dropped: [Task<FetchedPage<Record>, any Error>] = []
        for (position, entry) in ahead where !planned.contains(position) && position != taking {
            dropped.append(entry.task)
            ahead[position] = nil
        }
        for position in planned where ahead[position] == nil {
            start(position)
        }
        return dropped
    }

    private func start(_ position: PagePosition) {
        let request = PageRequest(query: query, position: position, limit: limit)
        let fetch = self.fetch
        let generation = self.generation
        let task = Task { [weak self] in
            let page = try await fetch(request)
            self?.arrived(page, at: position, generation: generation)
            return page
        }
        ahead[position] = Ahead(task: task)
    }

    private func arrived(_ page: FetchedPage<Record>, at position: PagePosition, generation: Int) {
        cancel(lock.withLock {
            guard generation == self.generation, ahead[position] != nil else { return [] }
            ahead[position]?.page = page
            return topUp()
        })
    }

    /// The positions the walk will ask for next if every page is as the vendor announced, at most
    /// `window` of them, following pages that have arrived.
    private func plan() -> [PagePosition] {
        let window = min(self.window, max(1, taken))
        var planned: [PagePosition] = []
        var cursor: (position: PagePosition, page: FetchedPage<Record>)
        if let lastTaken {
            cursor = lastTaken
        } else {
            planned.append(.start)
            guard let first = ahead[.start]?.page else { return planned }
            cursor = (.start, first)
        }
        while planned.count < window {
            let next = successors(of: cursor.page, at: cursor.position, room: window - planned.count)
            guard let last = next.last else { break }
            planned += next
            guard next.count == 1, let page = ahead[last]?.page else { break }
            cursor = (last, page)
        }
        return planned
    }

    /// The positions a sequential walk asks for after `page` (fetched at `position`) when the vendor
    /// keeps its word, at most `room` of them: several only where a total fixes them.
    private func successors(of page: FetchedPage<Record>, at position: PagePosition, room: Int) -> [PagePosition] {
        let count = page.records.count + page.omitted
        switch style {
        case .pageNumber(let first):
            let current = number(of: position, first: first)
            guard count >= limit, current < Int.max else { return [] }
            return [.page(current + 1)]
        case .pageNumberWithTotal(let first):
            guard count >= limit else { return [] }
            let current = number(of: position, first: first)
            guard current < Int.max - room else { return [] }
            // The walk reads through the page that reaches the total, and once more after a full last
            // page (see PageWalker): first + total / limit is the last page it asks for.
            let (quotient, overflow) = first.addingReportingOverflow(max(0, page.total ?? 0) / max(1, limit))
            let last = overflow ? Int.max : max(current + 1, quotient)
            return (current + 1...min(last, current + room)).map { .page($0) }
        case .keyset:
            guard count >= limit, let key = page.lastKey else { return [] }
            return [.after(key)]
        case .nextLink:
            guard count > 0, let link = page.nextLink else { return [] }
            return [.link(link)]
        }
    }

    private func number(of position: PagePosition, first: Int) -> Int {
        if case .page(let n) = position { return n }
        return first
    }
}
