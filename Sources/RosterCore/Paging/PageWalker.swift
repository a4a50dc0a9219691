/// The one paging engine. Given a driver's paging style, it turns each fetched page into the next
/// position to ask for, or the end, and refuses to loop: a repeated cursor or link, an empty page
/// that still points onward, a page larger than asked for, or a full page of nothing but records
/// already seen all end the listing with `inconsistentPaging`.
public struct PageWalker: Sendable {
    /// The style being walked.
    public let style: PagingStyle
    /// The page size asked for.
    public let limit: Int
    private var visitedCursors: Set<String> = []
    private var pageIndex: Int

    /// Creates a walker for `style` at page size `limit`, starting at `position`.
    public init(style: PagingStyle, limit: Int, resumingAt position: PagePosition = .start) {
        self.style = style
        self.limit = limit
        switch (style, position) {
        case (.pageNumber(let first), .start), (.pageNumberWithTotal(let first), .start): pageIndex = first
        case (_, .page(let n)): pageIndex = n
        default: pageIndex = 0
        }
        if case .after(let key) = position { visitedCursors.insert("after:" + key) }
        if case .link(let url) = position { visitedCursors.insert("link:" + url) }
    }

    /// The verdict on one page.
    public enum Step: Hashable, Sendable {
        /// Fetch the next page at this position.
        case next(PagePosition)
        /// The listing has ended.
        case end
    }

    /// Judges `page`, fetched at `position`, of which `newRecords` records had not been seen before.
    /// Returns where to go next, or throws `inconsistentPaging`. Entries the driver skipped as no
    /// record count toward the page's size and as new (they are never yielded, so never "seen").
    public mutating func advance<R>(after page: FetchedPage<R>, at position: PagePosition, newRecords: Int) throws
        -> Step
    {
        let count = page.records.count + page.skipped
        let newRecords = newRecords + page.skipped
        if count > limit {
            throw inconsistency("the vendor returned \(count) records on a page of \(limit) at \(position)")
        }
        switch style {
        case .pageNumber:
            if count < limit { return .end }
            if newRecords == 0 { throw inconsistency("page \(pageIndex) repeated records already listed") }
            pageIndex += 1
            return .next(.page(pageIndex))

        case .pageNumberWithTotal(let first):
            let pagesDone = pageIndex - first + 1
            if count == 0 {
                if let total = page.total, (pagesDone - 1) * limit < total, total > 0 {
                    throw inconsistency("page \(pageIndex) is empty but the total of \(total) points onward")
                }
                return .end
            }
            if let total = page.total, count < limit, (pagesDone - 1) * limit + count < total {
                throw inconsistency(
                    "page \(pageIndex) holds \(count) of \(limit) records but the total of \(total) points onward (does the vendor cap the page size?)")
            }
            if let total = page.total, pagesDone * limit >= total { return .end }
            if page.total == nil && count < limit { return .end }
            if count == limit && newRecords == 0 {
                throw inconsistency("page \(pageIndex) repeated records already listed")
            }
            pageIndex += 1
            return .next(.page(pageIndex))

        case .keyset:
            if count == 0 { return .end }
            guard let key = page.lastKey else {
                throw inconsistency("a keyset page at \(position) has records but no key to continue after")
            }
            if count < limit { return .end }
            guard visitedCursors.insert("after:" + key).inserted else {
                throw inconsistency("the cursor \(key) repeated")
            }
            return .next(.after(key))

        case .nextLink:
            guard let link = page.nextLink else { return .end }
            if count == 0 { throw inconsistency("an empty page at \(position) still points onward") }
            if count == limit && newRecords == 0 {
                throw inconsistency("a full page at \(position) repeated records already listed")
            }
            guard visitedCursors.insert("link:" + link).inserted else {
                throw inconsistency("the next link repeated")
            }
            return .next(.link(link))
        }
    }

    private func inconsistency(_ message: String) -> RosterError {
        RosterError(.inconsistentPaging, message)
    }
}
