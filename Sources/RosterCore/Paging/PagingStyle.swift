/// How a vendor pages a listing. Drivers declare one; the `PageWalker` engine decides from it what
/// to ask for next and when the listing has ended.
public enum PagingStyle: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `page` + `limit`, the body a bare array with no total; ends on a short or empty page (Frontcore).
    case pageNumber(firstPage: Int)
    /// `page` + `limit`, the body carries `total`; ends when `page × limit ≥ total` or on an empty
    /// page (Meltingspot).
    case pageNumberWithTotal(firstPage: Int)
    /// `since` = the last key seen, ascending keys; ends on a short or empty page (Frontcore `since_id`).
    case keyset
    /// Follow an absolute `next` link until it is null (SelfCommunity's DRF limit/offset).
    case nextLink

    public var description: String {
        switch self {
        case .pageNumber: "page number (bare array, ends on a short page)"
        case .pageNumberWithTotal: "page number with total"
        case .keyset: "keyset cursor (ascending ids)"
        case .nextLink: "offset with next link"
        }
    }
}

/// Where the next page starts. Codable, so a listing's checkpoint can be saved and resumed.
public enum PagePosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first page of the listing.
    case start
    /// A page number (its base is the style's `firstPage`).
    case page(Int)
    /// After this key (keyset paging).
    case after(String)
    /// This absolute URL, given by the vendor (next-link paging).
    case link(String)

    public var description: String {
        switch self {
        case .start: "start"
        case .page(let n): "page \(n)"
        case .after(let key): "after \(key)"
        case .link(let url): "link \(url)"
        }
    }
}

/// What a driver asks for: one page of `query` at `position`, at most `limit` records.
public struct PageRequest<Query: Sendable & Hashable>: Sendable, Hashable {
    /// The query with only the driver's server-side filters set.
    public var query: Query
    /// Where the page starts.
    public var position: PagePosition
    /// The page size to ask the vendor for.
    public var limit: Int

    /// Creates a request.
    public init(query: Query, position: PagePosition, limit: Int) {
        self.query = query
        self.position = position
        self.limit = limit
    }
}

/// One page as the vendor sent it, before the engine judges it.
public struct FetchedPage<Record: Sendable>: Sendable {
    /// The records on the page, in vendor order.
    public var records: [Record]
    /// The vendor's total count of matches, where it sends one.
    public var total: Int?
    /// The key to continue after (keyset paging): the last record's key.
    public var lastKey: String?
    /// The absolute next link (next-link paging); nil means the end.
    public var nextLink: String?
    /// Entries the vendor sent on this page that the driver deliberately did not turn into records
    /// (e.g. a Course Dashboard user with no relation to the course). They count toward the page's
    /// size and the vendor's total, so dropping them never looks like a short page or a lost record.
    public var omitted: Int

    /// Creates a page.
    public init(
        records: [Record], total: Int? = nil, lastKey: String? = nil, nextLink: String? = nil, omitted: Int = 0
    ) {
        self.records = records
        self.total = total
        self.lastKey = lastKey
        self.nextLink = nextLink
        self.omitted = max(0, omitted)
    }
}
