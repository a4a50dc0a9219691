import Foundation
import RosterCore

/// Meltingspot pages with `page` + `limit` and answers `{ "items": [...], "total": n }`. The page
/// base is undocumented; Roster assumes 1 (the engine's `pageNumberWithTotal(firstPage: 1)` stops on
/// `page × limit ≥ total` or an empty page, and the facade de-duplicates by id since the order is
/// undocumented too).
enum MeltingspotPaging {
    /// The paging style of every Meltingspot listing.
    static let style = PagingStyle.pageNumberWithTotal(firstPage: 1)
    /// Page size used when a query sets none (the vendor's own default is undocumented).
    static let defaultPageSize = 50
    /// The largest page size Roster asks for (the vendor's maximum is undocumented).
    static let maxPageSize = 100

    /// `page` and `limit` for `position`.
    static func queryItems(at position: PagePosition, limit: Int) -> [MeltingspotQueryItem] {
        let page: Int
        switch position {
        case .page(let number): page = number
        default: page = 1
        }
        return [MeltingspotQueryItem("page", String(page)), MeltingspotQueryItem("limit", String(limit))]
    }

    /// The engine's view of one decoded envelope.
    static func page<Item, Record>(_ envelope: MeltingspotEnvelope<Item>, _ map: (Item) -> Record) -> FetchedPage<
        Record
    > {
        FetchedPage(records: envelope.items.map(map), total: envelope.total)
    }

    /// The engine's view of one decoded envelope whose `body` also gives each item its raw JSON.
    static func page<Item, Record>(
        _ envelope: MeltingspotEnvelope<Item>, body: Data, _ map: (Item, RawVendorRecord) -> Record
    ) throws -> FetchedPage<Record> {
        let raws = try JSONRecordBytes.records(in: body, members: ["items"], count: envelope.items.count)
        return FetchedPage(records: zip(envelope.items, raws).map(map), total: envelope.total)
    }
}
