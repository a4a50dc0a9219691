/// One walk over one paged listing (one query, one course): fetches pages through `fetch`, lets the
/// `PageWalker` judge them, drops records already seen and records that fail the local filter.
struct PagedSegment<Query: Sendable & Hashable, Record: Sendable> {
    let query: Query
    let fetch: @Sendable (PageRequest<Query>) async throws -> FetchedPage<Record>
    var walker: PageWalker
    /// The position of the next page to fetch; nil once the walk has ended.
    var position: PagePosition?
    var lastTotal: Int?

    init(
        query: Query, style: PagingStyle, limit: Int, resumingAt position: PagePosition = .start,
        fetch: @escaping @Sendable (PageRequest<Query>) async throws -> FetchedPage<Record>
    ) {
        self.query = query
        self.fetch = fetch
        self.walker = PageWalker(style: style, limit: limit, resumingAt: position)
        self.position = position
    }

    struct Page {
        var position: PagePosition
        var fetched: FetchedPage<Record>
    }

    /// Fetches and judges the next page; nil when the walk has already ended.
    mutating func nextPage(newRecords: (FetchedPage<Record>) -> Int) async throws -> Page? {
        guard let current = position else { return nil }
        let page = try await fetch(PageRequest(query: query, position: current, limit: walker.limit))
        switch try walker.advance(after: page, at: current, newRecords: newRecords(page)) {
        case .next(let next): position = next
        case .end: position = nil
        }
        return Page(position: current, fetched: page)
    }
}
