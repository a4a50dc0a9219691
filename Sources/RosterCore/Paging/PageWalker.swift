/// The one paging engine. Given a driver's paging style, it turns each fetched page into the next
/// position to ask for, or the end, and refuses to loop or to stop short:
/// - a repeated cursor or link, an empty page that still points onward, a page larger than asked for,
///   or a page of ANY size that brings only records already seen end the walk with
///   `inconsistentPaging` — except a page-number or next-link page that ends the walk anyway (a short
///   page, no next link): it cannot loop, deletions shift records back onto it, and the facade's
///   repair pass re-reads the walk;
/// - a walk never ends on a full page while the vendor's total could be too low: it asks once more;
/// - a hard page cap (`maxPages`, and one derived from the largest total the vendor reported) stops a
///   vendor that keeps pointing onward for ever.
public struct PageWalker: Sendable {
    /// The default hard cap on pages per walk.
    public static let defaultMaxPages = 100_000

    /// The style being walked.
    public let style: PagingStyle
    /// The page size asked for.
    public let limit: Int
    /// The most pages this walk may fetch, whatever the vendor says.
    public let maxPages: Int
    /// Pages judged so far.
    public private(set) var pagesWalked = 0
    /// The largest total the vendor reported so far, where it reports one.
    public private(set) var largestTotal: Int?
    private var visitedCursors: Set<String> = []
    private var pageIndex: Int
    private var resumedMidPage: Bool

    /// Creates a walker for `style` at page size `limit`, starting at `position`, fetching at most
    /// `maxPages` pages.
    public init(
        style: PagingStyle, limit: Int, resumingAt position: PagePosition = .start,
        maxPages: Int = PageWalker.defaultMaxPages
    ) {
        self.style = style
        self.limit = limit
        self.maxPages = max(1, maxPages)
        switch (style, position) {
        case (.pageNumber(let first), .start), (.pageNumberWithTotal(let first), .start): pageIndex = first
        case (_, .page(let n)): pageIndex = n
        default: pageIndex = 0
        }
        resumedMidPage = position != .start
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

    /// Judges `page`, fetched at `position`, of which `newRecords` records had not been seen before in
    /// this walk. Returns where to go next, or throws `inconsistentPaging`.
    public mutating func advance<R>(after page: FetchedPage<R>, at position: PagePosition, newRecords: Int) throws
        -> Step
    {
        let count = page.records.count + page.omitted
        let firstJudged = pagesWalked == 0
        pagesWalked += 1
        if count > limit {
            throw inconsistency("the vendor returned \(count) records on a page of \(limit) at \(position)")
        }
        if let total = page.total {
            if total < 0 { throw inconsistency("the vendor reported a negative total (\(total)) at \(position)") }
            largestTotal = max(largestTotal ?? 0, total)
        }
        let step = try nextStep(page, at: position, count: count)
        // A page of records already seen that points onward is a loop. A page-number or next-link page
        // that ends the walk (a short page, or no next link) cannot loop: deletions shifted records
        // back onto it, and the repeats it counts make the facade re-read the walk until a pass finds
        // nothing new, or fail. Keyset walks have no re-read: there it is always an error. The first
        // page after a resume may hold only records yielded before the checkpoint.
        var endsAndIsRepaired = step == .end
        if case .keyset = style { endsAndIsRepaired = false }
        if page.records.count > 0, newRecords == 0, !(firstJudged && resumedMidPage), !endsAndIsRepaired {
            throw inconsistency("the page at \(position) brought only records already listed (\(count) of them)")
        }
        if case .next = step { try checkCaps(at: position) }
        return step
    }

    private mutating func nextStep<R>(_ page: FetchedPage<R>, at position: PagePosition, count: Int) throws -> Step {
        switch style {
        case .pageNumber:
            if count < limit { return .end }
            pageIndex += 1
            return .next(.page(pageIndex))

        case .pageNumberWithTotal(let first):
            let pagesDone = pageIndex - first + 1
            let before = (pagesDone - 1) * limit
            if count == 0 {
                if let total = page.total, before < total {
                    throw inconsistency("page \(pageIndex) is empty but the total of \(total) points onward")
                }
                return .end
            }
            if count < limit {
                if let total = page.total, before + count < total {
                    throw inconsistency(
                        "page \(pageIndex) holds \(count) of \(limit) records but the total of \(total) points onward (does the vendor cap the page size?)"
                    )
                }
                return .end
            }
            // A full page: even when the total says this was the last one, ask once more, because a
            // total that is too low must not cut the listing short.
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
            guard visitedCursors.insert("link:" + link).inserted else {
                throw inconsistency("the next link repeated")
            }
            return .next(.link(link))
        }
    }

    /// Throws when going on would pass the hard cap, or the cap the vendor's own total implies
    /// (twice the pages the largest reported total needs, plus two).
    private func checkCaps(at position: PagePosition) throws {
        if pagesWalked >= maxPages {
            throw inconsistency(
                "the walk reached its cap of \(maxPages) pages at \(position) and the vendor still points onward")
        }
        if let total = largestTotal {
            let needed = saturatingAdd(total / max(1, limit), 1)
            let implied = saturatingAdd(saturatingAdd(needed, needed), 2)
            if pagesWalked >= implied {
                throw inconsistency(
                    "the vendor's total of \(total) needs about \(needed) pages of \(limit), yet page \(pagesWalked) still points onward"
                )
            }
        }
    }

    private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    private func inconsistency(_ message: String) -> RosterError {
        RosterError(.inconsistentPaging, message)
    }
}
