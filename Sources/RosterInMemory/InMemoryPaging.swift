import Foundation
import RosterCore
import RosterHTTP

/// The driver's half of in-memory paging: the query items that ask for a position, and the page read
/// back from whichever body shape the configured style answers with.
enum InMemoryPaging {
    /// The paging query items for `request`, or nil when the position is a next link (used as is).
    static func queryItems<Q>(for request: PageRequest<Q>, style: PagingStyle) -> [(String, String)] {
        var items = [("limit", String(request.limit))]
        switch (style, request.position) {
        case (.pageNumber(let first), .start), (.pageNumberWithTotal(let first), .start):
            items.append(("page", String(first)))
        case (_, .page(let n)): items.append(("page", String(n)))
        case (_, .after(let key)): items.append(("after", key))
        case (.nextLink, .start): items.append(("offset", "0"))
        default: break
        }
        return items
    }

    /// Throws `inconsistentPaging` unless the numeric keys of a keyset page ascend and lie above the
    /// cursor the page was asked after: a server that ignores `after` or its order would otherwise
    /// hand out the same records again (or skip some) without a trace.
    static func checkAscending(_ keys: [String], after position: PagePosition, provider: ProviderID) throws {
        var previous = Int.min
        if case .after(let key) = position, let number = Int(key) { previous = number }
        for key in keys {
            guard let value = Int(key) else { return }  // not numeric: the API orders by its own key
            guard value > previous else {
                throw RosterError(
                    .inconsistentPaging,
                    "the API returned key \(key) after \(previous) on a keyset page: it ignores the cursor or its order",
                    provider: provider)
            }
            previous = value
        }
    }

    /// Decodes one page of `Item` in `style`'s body shape and turns it into neutral records.
    static func decode<Item: Decodable, Record>(
        _ type: Item.Type, style: PagingStyle, response: HTTPResponse, api: VendorAPI, url: URL,
        key: (Item) -> String, convert: (Item) -> Record
    ) throws -> FetchedPage<Record> {
        switch style {
        case .pageNumber, .keyset:
            let items = try api.decode([Item].self, from: response, for: .get, url)
            return FetchedPage(records: items.map(convert), lastKey: items.last.map(key))
        case .pageNumberWithTotal:
            let page = try api.decode(InMemoryTotalPage<Item>.self, from: response, for: .get, url)
            return FetchedPage(records: page.items.map(convert), total: page.total)
        case .nextLink:
            let page = try api.decode(InMemoryLinkPage<Item>.self, from: response, for: .get, url)
            if let next = page.next {
                guard let link = URL(string: next) else {
                    throw RosterError(
                        .decoding, "the next link is not a URL", provider: api.provider, jsonPath: "$.next")
                }
                try api.checkSameOrigin(link)
            }
            return FetchedPage(records: page.results.map(convert), total: page.count, nextLink: page.next)
        }
    }
}
