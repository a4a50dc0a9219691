import RosterCore

/// The page loop of Frontcore's own listings (course dates, legal bases): hands out a page's records
/// one at a time, fetches the next page only when they are used up, lets the core `PageWalker` decide
/// where to go next (and refuse loops), and yields each record once, by id.
struct FrontcorePageLoop<Record: Sendable, ID: Hashable & Sendable>: Sendable {
    private var walker: PageWalker
    private var position: PagePosition? = .start
    private var buffer: [Record] = []
    private var index = 0
    private var seen: Set<ID> = []
    private let id: @Sendable (Record) -> ID

    /// A loop in `style` at page size `limit`, telling records apart by `id`.
    init(style: PagingStyle, limit: Int, id: @escaping @Sendable (Record) -> ID) {
        walker = PageWalker(style: style, limit: limit)
        self.id = id
    }

    /// The page size asked for.
    var limit: Int { walker.limit }

    /// Ends the loop: `next` returns nil from now on.
    mutating func stop() { position = nil }

    /// The next record, calling `fetch` with the next position when the current page is used up.
    mutating func next(_ fetch: (PagePosition) async throws -> FetchedPage<Record>) async throws -> Record? {
        while true {
            try Task.checkCancellation()
            if index < buffer.count {
                index += 1
                return buffer[index - 1]
            }
            guard let current = position else { return nil }
            let page = try await fetch(current)
            let fresh = page.records.filter { seen.insert(id($0)).inserted }
            switch try walker.advance(after: page, at: current, newRecords: fresh.count) {
            case .next(let next): position = next
            case .end: position = nil
            }
            buffer = fresh
            index = 0
        }
    }
}
