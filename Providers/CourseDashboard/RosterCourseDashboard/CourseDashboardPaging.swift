import Foundation
import RosterCore
import RosterHTTP

/// Course Dashboard pages with DRF limit/offset: the first page is asked for with `limit` and
/// `offset=0`, every later one by following the absolute `next` link the previous page gave (the
/// core `PageWalker` decides when to stop and guards against loops). A `next` link to another
/// scheme, host or port is refused with `untrustedEndpoint` before anything is sent, so the bearer
/// token never leaves the configured community.
extension CourseDashboardDriver {
    /// The URL of the page at `position`: `path` with `limit`, `offset=0` and `parameters` for the
    /// first page, the vendor's own `next` link afterwards.
    func pageURL(_ path: String, parameters: [(String, String)], position: PagePosition, limit: Int) throws -> URL {
        switch position {
        case .start:
            return api.url(path, query: [("limit", String(limit)), ("offset", "0")] + parameters)
        case .link(let text):
            guard let link = URL(string: text), link.scheme != nil else {
                throw RosterError(.inconsistentPaging, "the next link is not an absolute URL", provider: provider)
            }
            try api.checkSameOrigin(link)
            return link
        case .page, .after:
            throw RosterError(
                .invalidArgument, "Course Dashboard pages by next link, not by \(position)", provider: provider)
        }
    }

    /// Fetches and decodes one page of `Item`s, reported as the core expects it: the records, the
    /// vendor's `count` as the total (so drift shows in the listing report) and the `next` link.
    /// `transform` gets each item with its raw JSON; items it turns into nil are no record: they are
    /// left out and counted as `omitted`.
    func fetchPage<Item: Decodable & Sendable, Record: Sendable>(
        _ url: URL, of item: Item.Type, _ transform: (Item, RawVendorRecord) -> Record?
    ) async throws -> FetchedPage<Record> {
        let response = try await api.send(.get, url)
        let envelope = try api.decode(CourseDashboardPageEnvelope<Item>.self, from: response, for: .get, url)
        let raws: [RawVendorRecord]
        do {
            raws = try JSONRecordBytes.records(in: response.body, members: ["results"], count: envelope.results.count)
        } catch var error as RosterError {
            error.provider = provider
            error.method = "GET"
            error.path = url.path
            throw error
        }
        let records = zip(envelope.results, raws).compactMap(transform)
        return FetchedPage(
            records: records, total: envelope.count, nextLink: envelope.next,
            omitted: envelope.results.count - records.count)
    }
}
